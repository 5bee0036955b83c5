"""Parse and validate a CSV of visits (data dictionary columns) without writing anything.

Each problem is reported as `row N, column C: message`, where row 1 is the header line. Rows are
validated with the same rules as the visit form (screening.catalogue.validation).
"""

from __future__ import annotations

import csv
import io
import multiprocessing
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from screening.catalogue.dictionary import (
    CODES,
    COLUMNS,
    COURSES,
    FINGER_RING_CODES,
    MOBILITY_CODES,
    REQUIRED,
    TIMED_UNABLE,
)
from screening.catalogue.validation import WHOLE_VISIT, clean_identifier, parse_iso_date, parse_number, validate_visit

MAX_BYTES = 50 * 1024 * 1024
_TRUE, _FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, header); nothing is imported."""


@dataclass
class ParsedRow:
    number: int
    patient: dict
    values: dict
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class CellError(ValueError):
    pass


def _strict(parse, raw: str, **kwargs):
    """The shared parsers of screening.catalogue.validation (the forms use them too), as cell errors."""
    try:
        return parse(raw, **kwargs)
    except ValidationError as exc:
        raise CellError(exc.messages[0]) from None


def _choice(raw: str, allowed: set[str], upper: bool = False) -> str:
    value = raw.upper() if upper else raw.lower()
    if value not in allowed:
        raise CellError(
            _("%(raw)s is not one of %(allowed)s") % {"raw": raw[:40], "allowed": ", ".join(sorted(allowed))}
        )
    return value


def _codes(raw: str, allowed: set[str]) -> list[str]:
    items = [item.strip().lower() for item in raw.split(";") if item.strip()]
    if items == ["none"]:
        return []
    unknown = [item for item in items if item not in allowed]
    if unknown:
        raise CellError(_("unknown code %(code)s") % {"code": unknown[0][:40]})
    return sorted(set(items))


def _course(raw: str) -> float:
    """The gait course in metres: 4 or 6 (DECISIONS.md §1 records it with the speed)."""
    value = _strict(parse_number, raw, integer=False)
    if value not in COURSES:
        raise CellError(_("%(raw)s is not a gait course: enter 4 or 6 (metres)") % {"raw": raw[:40]})
    return float(value)


def parse_cell(kind: str, raw: str):
    """One cell in its canonical type; '' means not measured (None)."""
    if kind == "text":
        return raw
    if kind == "identifier":
        return _strict(clean_identifier, raw)
    if kind == "date":
        return _strict(parse_iso_date, raw)
    if kind in ("float", "int", "timed"):
        return _strict(parse_number, raw, integer=kind == "int")
    if kind == "bool":
        if raw.lower() not in _TRUE | _FALSE:
            raise CellError(_("%(raw)s is not true or false") % {"raw": raw[:40]})
        return raw.lower() in _TRUE
    if kind == "sex":
        return _choice(raw, {"M", "F"}, upper=True)
    if kind == "setting":
        return _choice(raw, {"community", "hospital"})
    if kind == "method":
        return _choice(raw, {"DXA", "BIA"}, upper=True)
    if kind == "course":
        return _course(raw)
    if kind == "mobility":
        return _choice(raw, MOBILITY_CODES)
    if kind == "finger_ring":
        return _choice(raw, FINGER_RING_CODES)
    return _codes(raw, CODES[kind])


def read_csv(data: bytes) -> tuple[list[str], list[list[str]]]:
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")) from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise ImportFileError(_("The file is not a readable CSV: %(error)s") % {"error": exc}) from None
    if not rows:
        raise ImportFileError(_("The file is empty."))
    return [h.strip() for h in rows[0]], rows[1:]


def check_header(header: list[str]) -> list[str]:
    problems = []
    for name in header:
        if name not in COLUMNS:
            problems.append(_("row 1, column %(col)s: unknown column") % {"col": name[:60] or "(empty)"})
    for name in REQUIRED:
        if name not in header:
            problems.append(_("row 1, column %(col)s: required column is missing") % {"col": name})
    if len(set(header)) != len(header):
        problems.append(_("row 1: a column appears twice"))
    return problems


def _parse_cells(row: ParsedRow, header: list[str], cells: list[str]) -> dict:
    parsed = {}
    for name, raw in zip(header, cells):
        raw = raw.strip()
        if raw == "":
            continue
        if name in TIMED_UNABLE and raw.lower() == "unable":
            parsed[TIMED_UNABLE[name]] = True
            continue
        try:
            parsed[name] = parse_cell("identifier" if name == "patient_id" else COLUMNS[name], raw)
        except CellError as exc:
            row.errors.append(_("row %(n)s, column %(col)s: %(msg)s") % {"n": row.number, "col": name, "msg": exc})
    for name in REQUIRED:
        if name not in parsed and not any(e.endswith(f", column {name}") for e in row.errors):
            row.errors.append(
                _("row %(n)s, column %(col)s: required value is missing") % {"n": row.number, "col": name}
            )
    return parsed


def parse_row(number: int, header: list[str], cells: list[str]) -> ParsedRow:
    row = ParsedRow(number=number, patient={}, values={})
    if len(cells) != len(header):
        row.errors.append(
            _("row %(n)s: has %(got)s cells, the header has %(want)s")
            % {"n": number, "got": len(cells), "want": len(header)}
        )
        return row
    parsed = _parse_cells(row, header, cells)
    row.patient = {k: parsed.pop(k, None) for k in ("patient_id", "sex", "date_of_birth")}
    row.values = parsed
    if row.errors:
        return row
    findings = validate_visit(row.values, sex=row.patient["sex"], date_of_birth=row.patient["date_of_birth"])
    for column, messages in findings.errors.items():
        if column == WHOLE_VISIT:
            row.errors += [_("row %(n)s: %(msg)s") % {"n": number, "msg": m} for m in messages]
            continue
        row.errors += [
            _("row %(n)s, column %(col)s: %(msg)s") % {"n": number, "col": column, "msg": m} for m in messages
        ]
    for column, messages in findings.warnings.items():
        row.warnings += [
            _("row %(n)s, column %(col)s: %(msg)s") % {"n": number, "col": column, "msg": m} for m in messages
        ]
    if row.values.get("visit_date") and row.values["visit_date"] > date.today():
        row.errors.append(_("row %(n)s, column visit_date: the visit date cannot be in the future") % {"n": number})
    return row


PARALLEL_FROM = 5000  # rows; below this, forking workers costs more than it saves
CHUNK = 2000


def parse_file(data: bytes, *, jobs: int = 1) -> tuple[list[ParsedRow], list[str]]:
    """Every row parsed and validated, plus file-level problems (which block the whole import).

    `jobs` > 1 parses a large file in that many worker processes (command line only): validating
    100,000 rows takes some 12 s of one CPU. The workers touch no database.
    """
    header, body = read_csv(data)
    problems = check_header(header)
    if problems:
        return [], problems
    numbered = [(i + 2, cells) for i, cells in enumerate(body) if any(c.strip() for c in cells)]
    if jobs < 2 or len(numbered) < PARALLEL_FROM:
        return _parse_rows(header, numbered), []
    chunks = [(header, numbered[start : start + CHUNK]) for start in range(0, len(numbered), CHUNK)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        parsed = pool.starmap(_parse_rows, chunks)
    return [row for chunk in parsed for row in chunk], []


def _parse_rows(header: list[str], numbered: list[tuple[int, list[str]]]) -> list[ParsedRow]:
    return [parse_row(number, header, cells) for number, cells in numbered]
