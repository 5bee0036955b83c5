"""What an import will write, for the preview: the first rows in canonical units beside the source text,
each row's errors and warnings, and how many patients are new or already known at the site. Reads only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from screening.batch.importer import ParsedRow
from screening.catalogue.dictionary import COLUMNS
from screening.models import Patient, Site

PREVIEW_ROWS = 50
_PATIENT_COLUMNS = ("patient_id", "family_name", "given_name", "sex", "date_of_birth")


@dataclass
class PreviewCell:
    value: str
    source: str = ""  # the file's text where it differs from the value stored


@dataclass
class PreviewRow:
    number: int
    new_patient: bool | None  # None: the row is refused
    cells: list[PreviewCell]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Preview:
    columns: list[str]
    rows: list[PreviewRow]
    visits: int
    patients_new: int
    patients_existing: int
    more: int  # rows not shown


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{round(value, 2):g}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(value) or "none"
    return str(value)


def import_preview(*, site: Site, rows: list[ParsedRow], sources: dict[int, dict[str, str]] | None = None) -> Preview:
    """`rows` after the dry run (which adds the errors found against the database); `sources` the source
    text by row number and column where the mapping changed it (screening.batch.import_profiles.map_rows)."""
    sources = sources or {}
    valid = [row for row in rows if not row.errors]
    wanted = {row.patient["patient_id"] for row in valid}
    known = set(Patient.objects.filter(site=site, identifier__in=wanted).values_list("identifier", flat=True))
    shown = rows[:PREVIEW_ROWS]
    present = {name for row in shown for name in (*row.values, *(k for k, v in row.patient.items() if v))}
    columns = [name for name in _PATIENT_COLUMNS if name in present]
    columns += [name for name in COLUMNS if name in present and name not in columns]
    columns += sorted(name for name in present if name not in columns)  # the unable flags of timed tests
    preview_rows = []
    for row in shown:
        source = sources.get(row.number, {})
        cells = []
        for name in columns:
            value = _text(row.patient.get(name) if name in row.patient else row.values.get(name))
            original = source.get(name, "")
            cells.append(PreviewCell(value, original if original and original != value else ""))
        new = None if row.errors else row.patient["patient_id"] not in known
        preview_rows.append(PreviewRow(row.number, new, cells, row.errors, row.warnings))
    return Preview(
        columns=columns,
        rows=preview_rows,
        visits=len(valid),
        patients_new=len(wanted - known),
        patients_existing=len(wanted & known),
        more=max(0, len(rows) - PREVIEW_ROWS),
    )
