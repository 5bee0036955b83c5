"""Visits -> rows of the data dictionary plus results, for CSV (and XLSX) export.

Cells round-trip: import(export(x)) gives back the same input columns. Text cells that a
spreadsheet would run as a formula are escaped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator

from screening.catalogue.dictionary import COLUMNS, CRITERIA_COLUMNS, EXPORT_COLUMNS, TIMED_UNABLE
from screening.models import Visit
from screening.results.stored_results import category_of
from screening.results.visit_results import visit_results

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Control characters XML (so XLSX) cannot hold; stored before identifiers were checked, they must not make an
# export fail. Each is shown as U+FFFD so the row still tells that something was there.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_text(text: str) -> str:
    """Neutralise spreadsheet formula injection (OWASP): prefix a quote to formula-like text; replace
    control characters that a spreadsheet file cannot hold."""
    text = CONTROL_CHARACTERS.sub("\ufffd", text)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _cell(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return ";".join(sorted(value)) if value else "none"
    return str(value)


def _input_cells(visit: Visit) -> dict[str, str]:
    patient = visit.patient
    cells = {
        "patient_id": safe_text(patient.identifier),
        "sex": patient.sex,
        "date_of_birth": patient.date_of_birth.isoformat(),
    }
    for name in COLUMNS:
        if name in cells:
            continue
        if name in TIMED_UNABLE and getattr(visit, TIMED_UNABLE[name]):
            cells[name] = "unable"
        else:
            value = getattr(visit, name)
            cells[name] = value.isoformat() if hasattr(value, "isoformat") else _cell(value)
    return cells


def visit_row(visit: Visit) -> dict[str, str]:
    reading = visit_results(visit)
    m = reading.measurements
    row = _input_cells(visit)
    if m.gait_speed_is_derived:
        row["gait_speed_m_s"] = repr(m.gait_speed_used_m_s)
    row.update(
        {
            "visit_id": str(visit.pk),
            "age_years": _cell(m.age_years),
            "bmi_kg_m2": _cell(m.bmi_rounded),
            "asmi_used_kg_m2": _cell(m.asmi_used_kg_m2),
            "rule_set_version": visit.rule_set_version,
            "mechanisms_likely": visit.mechanisms_likely,
            "mechanisms_possible": visit.mechanisms_possible,
            **{code: category_of(visit, code) or "" for code in CRITERIA_COLUMNS},
            "caveats": reading.caveats,
        }
    )
    return row


def export_queryset(queryset) -> Iterator[Visit]:
    """Visits with what each row needs, one query per chunk of 2,000 (the mechanism detail is not read;
    the criteria detail is, for its caveats)."""
    ordered = queryset.select_related("patient__site").defer("mechanisms")
    return ordered.order_by("patient__site__code", "patient__identifier", "visit_date").iterator(chunk_size=2000)


def write_csv(stream, visits: Iterable[Visit]) -> int:
    writer = csv.DictWriter(stream, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for visit in visits:
        writer.writerow(visit_row(visit))
        count += 1
    return count
