"""The data dictionary's columns (docs/data-dictionary.md): names, order and how each is parsed.

Import and export both read these, and `write_data_dictionary` writes docs/data-dictionary.md from
them: the visit columns come from the field catalogue (screening/catalogue/fields.py), the limits from
`screening.clinical.limits`.
"""

from __future__ import annotations

from screening.catalogue import fields as catalogue
from screening.catalogue.validation import IDENTIFIER_MAX
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.clinical.limits import LIMITS, Limit
from screening.models import (
    CONDITION_CHOICES,
    COURSE_CHOICES,
    FINGER_RING_CHOICES,
    MEDICATION_CHOICES,
    MOBILITY_CHOICES,
    Visit,
)

REQUIRED = ("patient_id", "sex", "date_of_birth", "visit_date")
PATIENT_COLUMNS = {"patient_id": "text", "sex": "sex", "date_of_birth": "date"}

# column -> kind: float, int, date, sex, setting, method, timed (a number or "unable"), bool, mobility, codes,
# finger_ring: the patient's columns, then the catalogue's in their published order
COLUMNS: dict[str, str] = {**PATIENT_COLUMNS, **{f.name: f.column.kind for f in catalogue.columns()}}
TIMED_UNABLE = {name: unable for name, unable in catalogue.timed_tests().items() if name in COLUMNS}
CODES = {
    "conditions": {code for code, _label in CONDITION_CHOICES},
    "medications": {code for code, _label in MEDICATION_CHOICES},
}
MOBILITY_CODES = {code for code, _label in MOBILITY_CHOICES}
COURSES = {course for course, _label in COURSE_CHOICES}
FINGER_RING_CODES = {code for code, _label in FINGER_RING_CHOICES}
CRITERIA_COLUMNS = tuple(CRITERIA_SETS)  # one category column per shipped set, named by its code
EXPORT_EXTRA = (
    "visit_id",
    "age_years",
    "bmi_kg_m2",
    "asmi_used_kg_m2",
    *CRITERIA_COLUMNS,
    "caveats",
    "rule_set_version",
    "mechanisms_likely",
    "mechanisms_possible",
)
EXPORT_COLUMNS = (*COLUMNS, *EXPORT_EXTRA)


# --- docs/data-dictionary.md ------------------------------------------------------------------------


def _number(value: float) -> str:
    return str(value)  # as limits.py writes it: 3.0 stays 3.0, 230 stays 230


def _hard(lim: Limit) -> str:
    if lim.min_exclusive:
        return f"> {_number(lim.hard_min)} and ≤ {_number(lim.hard_max)}"
    return f"{_number(lim.hard_min)}–{_number(lim.hard_max)}"


def _soft(lim: Limit) -> str:
    """'< 135 or > 200'; by sex '< 12 / > 35 (M); < 8 / > 28 (F)'; mixed '< 5; > 70 (M) / > 50 (F)'."""
    by_sex_low, by_sex_high = dict(lim.soft_below_sex), dict(lim.soft_above_sex)
    if by_sex_low and by_sex_high:
        return "; ".join(f"< {_number(by_sex_low[s])} / > {_number(by_sex_high[s])} ({s})" for s in ("M", "F"))
    low = " / ".join(f"< {_number(v)} ({s})" for s, v in by_sex_low.items()) or (
        f"< {_number(lim.soft_below)}" if lim.soft_below is not None else ""
    )
    high = " / ".join(f"> {_number(v)} ({s})" for s, v in by_sex_high.items()) or (
        f"> {_number(lim.soft_above)}" if lim.soft_above is not None else ""
    )
    joiner = "; " if by_sex_low or by_sex_high else " or "
    return joiner.join(part for part in (low, high) if part) or "—"


def _codes(field: catalogue.Field) -> list[str]:
    if field.kind == "codes":
        return [code for code, _label in (CONDITION_CHOICES if field.name == "conditions" else MEDICATION_CHOICES)]
    return [str(code) for code, _label in Visit._meta.get_field(field.name).choices]


_COUNT = {2: "two", 3: "three"}


def _unit_cell(field: catalogue.Field) -> str:
    if field.kind in ("choice", "codes"):
        return (", " if field.kind == "codes" else "/").join(_codes(field))
    lim = field.limits
    unit = f"points {_number(lim.hard_min)}–{_number(lim.hard_max)}" if lim.unit == "points" else lim.unit
    if field.unable:
        unit += " or `unable`"
    formula = next((u.formula for u in field.units if u.formula), "")
    return f"{unit} ({formula})" if formula else unit


def _hard_cell(field: catalogue.Field) -> str:
    if field.kind == "choice":
        return f"one of the {_COUNT[len(_codes(field))]}"
    if field.limits is None:
        return "—"
    hard = _hard(field.limits)
    derived = field.column.derived
    return f"{hard}; {derived[0]} {_hard(LIMITS[derived[1]])}" if derived else hard


def _soft_cell(field: catalogue.Field) -> str:
    if field.limits is None:
        return "—"
    soft, derived = _soft(field.limits), field.column.derived
    return f"{soft}; {derived[0]} {_soft(LIMITS[derived[1]])}" if derived else soft


def table_rows() -> list[tuple[str, str, str, str, str, str]]:
    """One row per import column: column, meaning, unit, hard limit, soft warning, how to measure."""
    age = LIMITS["age_years"]
    rows = [
        (
            "patient_id",
            "identifier, unique within the site (required)",
            "—",
            f"1–{IDENTIFIER_MAX} characters",
            "—",
            "the clinic's record number",
        ),
        ("sex", "sex recorded at the visit (required)", "M/F", "M or F", "—", "—"),
        ("date_of_birth", "(required)", "YYYY-MM-DD", f"age at visit {_hard(age)} y", f"age {_soft(age)} y", "—"),
    ]
    for field in catalogue.columns():
        column = field.column
        how = column.how.format_map({name: _hard(lim) for name, lim in LIMITS.items()})
        rows.append(
            (
                field.name,
                column.meaning,
                column.unit or _unit_cell(field),
                column.hard or _hard_cell(field),
                column.soft or _soft_cell(field),
                how,
            )
        )
    return rows


INTRODUCTION = """\
# Data dictionary

<!-- Generated from screening/catalogue/fields.py by `python manage.py write_data_dictionary`: edit those, not this. -->

The columns of the CSV import and export, with their canonical units. The visit form accepts other
units where clinics differ (grip kg or lb; 25(OH)D ng/mL or nmol/L; albumin g/L or g/dL; testosterone
ng/dL or nmol/L; HbA1c % or mmol/mol) and stores the canonical unit. Hard limits refuse a value; soft
limits warn and ask the clinician to confirm (criteria.md §8; limits without a §8 anchor are design
judgement and keep out impossible values only). Every limit lives in `screening/clinical/limits.py`.

An empty cell means **not measured** (never zero, never normal). For the four timed tests the value
`unable` means the patient could not perform the test, which the criteria count as low.

Two optional columns name a patient the import creates: `family_name` and `given_name` (text; stored
together as the patient's name, family name first). They are not exported. Files in another layout
(device exports) are mapped to these columns by an import profile (`screening/batch/import_profiles.py`).

| column | meaning | unit | hard limit | soft warning | how to measure |
|---|---|---|---|---|---|
"""

EXPORT_NOTE = """
Export adds, after these: `visit_id`, `age_years`, `bmi_kg_m2`, `asmi_used_kg_m2`, one column per
criteria set ({sets}) with its category code (AWGS 2025 adds
`at_risk` and, under 50, `not_applicable`), `caveats` (the caveats of DECISIONS §7 that travel with a
result, `set:caveat` joined by `;`: `age_under_60_older_adults`, `age_under_60_awgs`, `fnih_mass_by_bia`,
`no_sarcopenia_low_component`), `rule_set_version`,
`mechanisms_likely` and `mechanisms_possible` (mechanism ids, sorted, joined by `;`).

The visit form records more detail than the CSV: grip trials per hand (the CSV carries the best),
SARC-F items and SPPB sub-scores (the CSV carries the totals), gait time (the CSV carries the speed
used and its course).
"""


def markdown() -> str:
    """docs/data-dictionary.md, as `write_data_dictionary` writes it."""
    table = "".join("| `{}` | {} | {} | {} | {} | {} |\n".format(*row) for row in table_rows())
    return INTRODUCTION + table + EXPORT_NOTE.format(sets=", ".join(f"`{code}`" for code in CRITERIA_COLUMNS))
