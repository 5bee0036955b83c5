"""Codes and UCUM units per data-dictionary column: the one table FHIR and the statistical exports read.

Every code comes from ../shared/clinical/codes.md: LOINC only where that file marks it verified, the
project's own CodeSystem (codes = column names, canonical URL per deployment: FHIR_CODESYSTEM_URL)
otherwise. Never 66247-8 (30-second chair stand) for the 5x chair stand, never 83176-8 for grip.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from screening.catalogue import fields as catalogue
from screening.catalogue.dictionary import COLUMNS, TIMED_UNABLE

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
SARCOPENIA_ICD10CM = "M62.84"  # codes.md: verified (Anker et al. 2016)
GAIT_4M_LOINC = "83172-7"  # codes.md: usual gait speed over 4 m only; a 6 m course keeps the local code

# codes.md, status "verified" (visit fields: the catalogue's `loinc`); every other measurement has no
# standard code and uses the local one.
VERIFIED_LOINC: dict[str, str] = {**{f.name: f.loinc for f in catalogue.FIELDS if f.loinc}, "bmi_kg_m2": "39156-5"}

# UCUM (codes.md "Units"; visit fields: the catalogue's `ucum`): grip is kilogram-force on a dynamometer.
UCUM_UNITS: dict[str, str] = {
    **{f.name: f.ucum for f in catalogue.FIELDS if f.ucum},
    "bmi_kg_m2": "kg/m2",
    "age_years": "a",
    "asmi_used_kg_m2": "kg/m2",
}

# The engine's test names -> the column whose value they judge (for Observation.interpretation).
TEST_COLUMNS: dict[str, str] = {
    "grip_strength": "grip_strength_kg",
    "chair_stand_5x": "chair_stand_5x_s",
    "gait_speed": "gait_speed_m_s",
    "sppb": "sppb_score",
    "tug": "tug_s",
    "walk_400m": "walk_400m_s",
    "asm": "asm_kg",
    "asmi": "asmi_kg_m2",
}
MUSCLE_MASS_COLUMNS = ("asm_kg", "asmi_kg_m2")  # Observation.method carries DXA/BIA


@dataclass(frozen=True)
class FieldCode:
    column: str
    unit: str  # UCUM
    loinc: str | None
    integer: bool
    unable: str | None  # the model's "unable to perform" flag, for timed tests


def local_system() -> str:
    """The project's CodeSystem URL of this deployment (codes.md: one canonical URL, configurable)."""
    return settings.FHIR_CODESYSTEM_URL


# Numeric measurement columns of the data dictionary, in its order (the course travels with gait speed).
MEASUREMENTS: dict[str, FieldCode] = {
    column: FieldCode(column, UCUM_UNITS[column], VERIFIED_LOINC.get(column), kind == "int", TIMED_UNABLE.get(column))
    for column, kind in COLUMNS.items()
    if kind in ("float", "int", "timed")
}


def codings(column: str, *, gait_course_m: float | None = None) -> list[dict[str, str]]:
    """Observation.code.coding of a column: the verified LOINC code (if any) and always the local code."""
    loinc = GAIT_4M_LOINC if column == "gait_speed_m_s" and gait_course_m == 4.0 else VERIFIED_LOINC.get(column)
    found = [{"system": LOINC, "code": loinc}] if loinc else []
    return [*found, {"system": local_system(), "code": column}]


def column_for_coding(system: str, code: str) -> str | None:
    """The column a coding names (import); None for a code this table does not hold."""
    if system == local_system() and code in MEASUREMENTS:
        return code
    if system == LOINC:
        if code == GAIT_4M_LOINC:
            return "gait_speed_m_s"
        return next(
            (column for column, loinc in VERIFIED_LOINC.items() if loinc == code and column in MEASUREMENTS), None
        )
    return None
