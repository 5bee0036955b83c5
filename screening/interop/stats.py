"""Labelled SPSS (.sav) and Stata (.dta) files of the visit export, and their codebook.

Rows are the export rows of `screening.cohort.exports.export_rows` (same filters, same pseudonymisation
as the CSV). Numbers are numbers; coded columns carry value labels; a blank measurement ("not
measured") and "unable to perform" get distinct user-missing codes: SPSS -9 / -8 (declared missing),
Stata .a / .b. pyreadstat writes a whole data frame and cannot append, so the rows are written in
chunks of CHUNK_ROWS, each a small pyreadstat file, and `splice` joins them: memory does not grow with
the number of visits (README, benchmarks).
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
from django.template.loader import render_to_string
from django.utils import translation

from screening.catalogue.dictionary import COLUMNS, EXPORT_COLUMNS, TIMED_UNABLE
from screening.clinical import text
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.clinical.limits import LIMITS
from screening.cohort.exports import EXTRA_MEANINGS
from screening.interop.codes import GAIT_4M_LOINC, UCUM_UNITS, codings
from screening.interop.splice import Splicer
from screening.models import (
    COURSE_CHOICES,
    METHOD_CHOICES,
    MOBILITY_CHOICES,
    SETTING_CHOICES,
    SEX_CHOICES,
    Patient,
    Visit,
)

NOT_MEASURED, UNABLE = "not measured", "unable to perform"
SPSS_MISSING = {NOT_MEASURED: -9, UNABLE: -8}
STATA_MISSING = {NOT_MEASURED: "a", UNABLE: "b"}
STATA_NAME_MAX = 32
STATA_LABEL_MAX = 80  # bytes of a Stata variable label (the writer's limit)
STATA_STR_MAX = 2045  # bytes of a fixed-width Stata string (longer ones would be strL, which is not spliced)
CHUNK_ROWS = 2_000  # rows per pyreadstat chunk: a few MB whatever the number of visits
SENTINEL_DATE = dt.date(2000, 1, 1)
FILE_LABEL = "Sarcopenia screening visits"
NUMERIC_KINDS = ("number", "coded", "bool", "year")
FORMATS = ("sav", "dta")
NAN = float("nan")
NUMERIC_EXTRA = ("age_years", "bmi_kg_m2", "asmi_used_kg_m2")
CHOICES = {"sex": SEX_CHOICES, "setting": SETTING_CHOICES, "method": METHOD_CHOICES, "mobility": MOBILITY_CHOICES}
BOOL_LABELS = ((False, "no", "否"), (True, "yes", "是"))


@dataclass(frozen=True)
class Variable:
    """One column of the statistical file: how its text cell becomes a value, and its labels."""

    name: str
    kind: str  # number, coded, bool, date, year, text
    label_en: str
    label_zh: str
    unit: str = ""
    codes: dict[str, int] = field(default_factory=dict)  # cell text -> numeric code (coded columns)
    value_labels: dict[int, tuple[str, str]] = field(default_factory=dict)  # code -> (en, zh)
    unable: bool = False  # "unable to perform" is possible

    @property
    def missing(self) -> tuple[str, ...]:
        if self.kind in ("number", "coded", "bool"):
            return (NOT_MEASURED, UNABLE) if self.unable else (NOT_MEASURED,)
        return ()


def _verbose(model, name: str, lang: str) -> str:
    with translation.override(lang):
        return str(model._meta.get_field(name).verbose_name)


def _choice_labels(choices, lang: str) -> list[tuple[object, str]]:
    with translation.override(lang):
        return [(code, str(label)) for code, label in choices]


def _input_label(name: str, lang: str) -> str:
    if name == "patient_id":
        return _verbose(Patient, "identifier", lang)
    if name in ("sex", "date_of_birth"):
        return _verbose(Patient, name, lang)
    return _verbose(Visit, name, lang)


def _categories(code: str) -> dict[str, int]:
    """A set's categories coded mildest first (1 = no sarcopenia ...), then the indeterminate ones."""
    ordered = [
        *CRITERIA_SETS[code].severity,
        *(c for c in CRITERIA_SETS[code].categories if c not in CRITERIA_SETS[code].severity),
    ]
    return {category: index for index, category in enumerate(ordered, start=1)}


def _variable(name: str, *, pseudonymised: bool) -> Variable:
    kind = COLUMNS.get(name)
    unit = UCUM_UNITS.get(name, "")
    if name in CRITERIA_SETS:
        codes = _categories(name)
        labels = {
            n: (text.category_label(name, c, "en"), text.category_label(name, c, "zh-hans")) for c, n in codes.items()
        }
        return Variable(
            name,
            "coded",
            f"{text.label(f'set.{name}', 'en')} category",
            f"{text.label(f'set.{name}', 'zh-hans')} 分类",
            codes=codes,
            value_labels=labels,
        )
    if kind is None:  # a column the export adds
        meaning = EXTRA_MEANINGS.get(name, name)
        return Variable(name, "number" if name in NUMERIC_EXTRA else "text", meaning, "", unit)
    en, zh = _input_label(name, "en"), _input_label(name, "zh-hans")
    if name == "date_of_birth" and pseudonymised:
        return Variable(name, "year", f"{en} (year only)", f"{zh}（仅年份）")
    if kind in ("float", "int", "timed"):
        limit = LIMITS.get(name)
        return Variable(name, "number", en, zh, unit or (limit.unit if limit else ""), unable=name in TIMED_UNABLE)
    if kind == "course":
        codes = {repr(course): int(course) for course, _label in COURSE_CHOICES}
        labels = {int(course): (f"{course:g} m", f"{course:g} 米") for course, _label in COURSE_CHOICES}
        return Variable(name, "coded", en, zh, "m", codes=codes, value_labels=labels)
    if kind in CHOICES:
        en_labels, zh_labels = _choice_labels(CHOICES[kind], "en"), _choice_labels(CHOICES[kind], "zh-hans")
        codes = {str(code): index for index, (code, _label) in enumerate(en_labels, start=1)}
        labels = {index: (en_labels[index - 1][1], zh_labels[index - 1][1]) for index in codes.values()}
        return Variable(name, "coded", en, zh, codes=codes, value_labels=labels)
    if kind == "bool":
        return Variable(
            name,
            "bool",
            en,
            zh,
            codes={"false": 0, "true": 1},
            value_labels={int(v): (e, z) for v, e, z in BOOL_LABELS},
        )
    return Variable(name, "date" if kind == "date" else "text", en, zh)


def variables(*, pseudonymised: bool = False) -> list[Variable]:
    """Every export column, in the export's order."""
    return [_variable(name, pseudonymised=pseudonymised) for name in EXPORT_COLUMNS]


def _value(var: Variable, cell: str, missing: dict[str, object]):
    if var.kind in ("number", "coded", "bool"):
        if cell == "":
            return missing[NOT_MEASURED]
        if cell == "unable" and var.unable:
            return missing[UNABLE]
        return float(var.codes[cell]) if var.codes else float(cell)
    if var.kind == "date":
        return dt.date.fromisoformat(cell) if cell else None
    if var.kind == "year":
        return float(cell[:4]) if cell else None
    return cell


def _label(var: Variable, fmt: str) -> str:
    both = f"{var.label_en} ({var.unit})" if var.unit else var.label_en
    both = f"{both} · {var.label_zh}" if var.label_zh else both
    if fmt == "sav" or len(both.encode()) <= STATA_LABEL_MAX:
        return both
    return both.split(" · ")[0].encode()[:STATA_LABEL_MAX].decode(errors="ignore")  # English only when too long


def _value_labels(var: Variable, missing: dict[str, object]) -> dict:
    labels = {float(code): f"{en} · {zh}" for code, (en, zh) in var.value_labels.items()}
    return {**labels, **{missing[reason]: reason for reason in var.missing}}


def write(
    rows: Iterable[dict[str, str]],
    out: Path,
    *,
    fmt: str,
    pseudonymised: bool = False,
    written: Callable[[int], object] | None = None,
) -> int:
    """Write the rows as a labelled .sav or .dta file; returns the number of visits written.

    Two passes with memory bounded by CHUNK_ROWS: the rows go to a temporary CSV file (counting them and
    measuring each text column), then pyreadstat writes that file chunk by chunk and `splice` joins the
    chunks into one file. `written(n)` hears of each chunk of the second pass (a progress bar: the first
    pass is the caller's iteration of `rows`)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown statistical format {fmt!r}")
    spec = variables(pseudonymised=pseudonymised)
    with tempfile.TemporaryDirectory(prefix="stats-") as folder:
        spill, part = Path(folder) / "rows.csv", Path(folder) / f"chunk.{fmt}"
        count, widths = _spill(rows, spill, spec)
        too_long = [name for name, width in widths.items() if fmt == "dta" and width > STATA_STR_MAX]
        if too_long:
            raise ValueError(f"text longer than Stata's {STATA_STR_MAX} bytes in {', '.join(too_long)}")
        partial = out.with_name(f"{out.name}.part")  # renamed when complete: no half-written file at `out`
        try:
            with spill.open(encoding="utf-8", newline="") as source, partial.open("wb") as target:
                splicer = Splicer(target, fmt=fmt, total=count)
                for chunk in _chunks(csv.reader(source), CHUNK_ROWS):
                    frame = _frame(spec, chunk, fmt=fmt, widths=widths)
                    _write_part(frame, part, spec, fmt=fmt)
                    splicer.add(part.read_bytes(), len(frame))
                    if written is not None:
                        written(len(chunk))
                splicer.close()
            partial.replace(out)
        finally:
            partial.unlink(missing_ok=True)
    return count


def _spill(rows: Iterable[dict[str, str]], spill: Path, spec: list[Variable]) -> tuple[int, dict[str, int]]:
    """Copy the rows' cells to a CSV file; (row count, widest UTF-8 cell of each text column)."""
    text = [index for index, var in enumerate(spec) if var.kind == "text"]
    widths = dict.fromkeys((spec[index].name for index in text), 0)
    count = 0
    with spill.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        for row in rows:
            cells = [row.get(var.name, "") for var in spec]
            for index in text:
                name = spec[index].name
                widths[name] = max(widths[name], len(cells[index].encode()))
            writer.writerow(cells)
            count += 1
    return count, widths


def _chunks(reader: Iterator[list[str]], size: int) -> Iterator[list[list[str]]]:
    """Lists of `size` rows; always at least one (empty) list, so an empty export still has a dictionary."""
    chunk: list[list[str]] = []
    yielded = False
    for cells in reader:
        chunk.append(cells)
        if len(chunk) == size:
            yield chunk
            chunk, yielded = [], True
    if chunk or not yielded:
        yield chunk


def _sentinel(var: Variable, widths: dict[str, int]):
    """The first row of every chunk frame: it gives each chunk the same types and string widths."""
    if var.kind == "text":
        return "x" * widths[var.name]
    return SENTINEL_DATE if var.kind == "date" else 0.0


def _frame(spec: list[Variable], chunk: list[list[str]], *, fmt: str, widths: dict[str, int]) -> pd.DataFrame:
    """The sentinel row, then the chunk's rows as typed values (SPSS numbers packed as float64)."""
    missing = SPSS_MISSING if fmt == "sav" else STATA_MISSING
    columns = {}
    for index, var in enumerate(spec):
        values = [_sentinel(var, widths), *(_value(var, cells[index], missing) for cells in chunk)]
        if fmt == "sav" and var.kind in NUMERIC_KINDS:
            columns[var.name] = np.array([NAN if value is None else value for value in values], dtype=np.float64)
        else:
            columns[var.name] = values
    return pd.DataFrame(columns, columns=[var.name for var in spec])


def _write_part(frame: pd.DataFrame, out: Path, spec: list[Variable], *, fmt: str) -> None:
    """pyreadstat writes one chunk with every label, value label and missing code (uncompressed)."""
    missing = SPSS_MISSING if fmt == "sav" else STATA_MISSING
    labels = {var.name: _label(var, fmt) for var in spec}
    value_labels = {var.name: _value_labels(var, missing) for var in spec if var.missing}
    declared = {var.name: [missing[r] for r in var.missing] for var in spec if var.missing}
    if fmt == "sav":
        pyreadstat.write_sav(
            frame,
            out,
            column_labels=labels,
            variable_value_labels=value_labels,
            missing_ranges=declared,
            file_label=FILE_LABEL,
            compress=False,
            row_compress=False,
        )
    else:
        pyreadstat.write_dta(
            frame,
            out,
            column_labels=labels,
            variable_value_labels=_stata_sets(value_labels),
            missing_user_values=declared,
            file_label=FILE_LABEL,
        )


def _stata_sets(value_labels: dict[str, dict]) -> dict[str, dict]:
    """Value labels Stata can name: the writer names a set after its variable plus a running number and
    Stata allows 32 characters, so a set whose name would be longer is left out (its .a/.b codes stay)."""
    kept = {}
    for number, (name, labels) in enumerate(value_labels.items()):
        if len(f"{name}{number}") <= STATA_NAME_MAX:
            kept[name] = labels
    return kept


def _fhir_codes(var: Variable) -> str:
    if var.kind != "number" or var.name not in COLUMNS:
        return ""
    codes = [c["code"] for c in codings(var.name)]
    if var.name == "gait_speed_m_s":
        codes.insert(0, f"{GAIT_4M_LOINC} (4 m course)")
    return ", ".join(codes)


def codebook_html(*, pseudonymised: bool = False) -> str:
    """The codebook of the .sav/.dta files: label, unit, codes, missing codes and FHIR code per variable."""
    entries = [
        {
            "var": var,
            "labels": sorted(var.value_labels.items()),
            "fhir": _fhir_codes(var),
            "missing": [(reason, SPSS_MISSING[reason], STATA_MISSING[reason]) for reason in var.missing],
        }
        for var in variables(pseudonymised=pseudonymised)
    ]
    return render_to_string(
        "screening/interop/codebook.html",
        {
            "entries": entries,
            "pseudonymised": pseudonymised,
            "not_measured": (SPSS_MISSING[NOT_MEASURED], STATA_MISSING[NOT_MEASURED]),
            "unable": (SPSS_MISSING[UNABLE], STATA_MISSING[UNABLE]),
        },
    )
