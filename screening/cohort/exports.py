"""Cohort exports: the visits of the current filters as CSV (the columns of export_visits) or XLSX.

Rows come from `screening.batch.exporter.visit_row`, so both formats match the clinic export and the
import. Pseudonymised exports drop what identifies a person and keep what an analysis needs.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from io import BytesIO
from pathlib import Path

from django.conf import settings
from openpyxl import Workbook

from screening.batch.exporter import export_queryset, safe_text, visit_row
from screening.catalogue.dictionary import COLUMNS, EXPORT_COLUMNS
from screening.clinical import text as clinical_text
from screening.clinical.criteria import awgs2025
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.clinical.limits import LIMITS
from screening.models import Visit

DICTIONARY_PATH = Path(settings.BASE_DIR) / "docs" / "data-dictionary.md"
DICTIONARY_HEADER = ("column", "meaning", "unit", "hard limit", "soft warning", "how to measure")
NUMERIC = {name for name, kind in COLUMNS.items() if kind in ("float", "int", "timed", "course")} | {
    "age_years",
    "bmi_kg_m2",
    "asmi_used_kg_m2",
}
# What a set's category column holds beyond the usual categories (DECISIONS.md §8).
CATEGORY_NOTES = {awgs2025.CODE: " (not_applicable under 50, at_risk)"}
EXTRA_MEANINGS = {
    "visit_id": "visit identifier (pseudonymised export: a code valid in this file only)",
    "age_years": "age at the visit",
    "bmi_kg_m2": "body-mass index",
    "asmi_used_kg_m2": "ASMI the criteria used",
    # one category column per set of the registry, named by its code ("EWGSOP2 (2019)" -> "EWGSOP2 category code")
    **{
        code: f"{clinical_text.label(f'set.{code}', 'en').split(' (')[0]} category code{CATEGORY_NOTES.get(code, '')}"
        for code in CRITERIA_SETS
    },
    "rule_set_version": "rule set that produced the categories",
    "caveats": "caveats that travel with a result (DECISIONS §7), 'set:caveat' ';'-joined",
    "mechanisms_likely": "likely mechanism ids, ';'-joined",
    "mechanisms_possible": "possible mechanism ids, ';'-joined",
}


class Pseudonymiser:
    """Replaces identifiers with codes valid in one export only ("P0001" in order of first appearance).

    Names are never exported; dates of birth keep their year; visit ids become "V000001"… so that a
    file cannot be joined back to the database without the mapping, which is not kept.
    """

    def __init__(self) -> None:
        self._patients: dict[object, str] = {}
        self._visits = 0

    def __call__(self, visit: Visit, row: dict[str, str]) -> dict[str, str]:
        code = self._patients.setdefault(visit.patient_id, f"P{len(self._patients) + 1:04d}")
        self._visits += 1
        return {
            **row,
            "patient_id": code,
            "date_of_birth": row["date_of_birth"][:4],
            "visit_id": f"V{self._visits:06d}",
        }


def export_rows(visits, *, pseudonymise: bool = False) -> Iterator[dict[str, str]]:
    """Export rows of the visits (ordered by site, identifier, date), optionally pseudonymised."""
    transform = Pseudonymiser() if pseudonymise else None
    for visit in export_queryset(visits):
        row = visit_row(visit)
        yield transform(visit, row) if transform else row


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[dict[str, str]]) -> Iterator[str]:
    """CSV text line by line (for a streaming response), with a BOM so spreadsheets read UTF-8."""
    writer = csv.DictWriter(_Echo(), fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    yield "\ufeff" + ",".join(EXPORT_COLUMNS) + "\n"
    for row in rows:
        yield writer.writerow({key: safe_text(value) for key, value in row.items()})


def _xlsx_cell(column: str, value: str):
    """Numbers as numbers so a spreadsheet can sum them; all text escaped against formulas."""
    if column in NUMERIC and value not in ("", "unable"):
        try:
            return float(value)
        except ValueError:
            pass
    return safe_text(value)


def dictionary_rows() -> list[tuple[str, ...]]:
    """The table of docs/data-dictionary.md, plus the columns export adds; every export column once."""
    rows: dict[str, tuple[str, ...]] = {}
    if DICTIONARY_PATH.exists():
        for line in DICTIONARY_PATH.read_text(encoding="utf-8").splitlines():
            if line.startswith("| `"):
                cells = tuple(re.sub(r"`", "", cell).strip() for cell in line.strip().strip("|").split(" | "))
                rows[cells[0]] = cells
    for column in EXPORT_COLUMNS:
        if column not in rows:
            limit = LIMITS.get(column)
            unit = limit.unit if limit else ""
            hard = f"{limit.hard_min:g}–{limit.hard_max:g}" if limit else ""
            rows[column] = (column, EXTRA_MEANINGS.get(column, ""), unit, hard, "", "")
    return [rows[column] for column in EXPORT_COLUMNS]


def xlsx_bytes(rows: Iterable[dict[str, str]]) -> bytes:
    """A workbook: sheet "visits" (the export) and sheet "data dictionary" (what each column means)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("visits")
    sheet.append(list(EXPORT_COLUMNS))
    for row in rows:
        sheet.append([_xlsx_cell(column, row.get(column, "")) for column in EXPORT_COLUMNS])
    dictionary = book.create_sheet("data dictionary")
    dictionary.append(list(DICTIONARY_HEADER))
    for cells in dictionary_rows():
        dictionary.append([safe_text(cell) for cell in cells])
    stream = BytesIO()
    book.save(stream)
    return stream.getvalue()
