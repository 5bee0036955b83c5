"""ORM rows <-> engine types: the only place that converts between them."""

from __future__ import annotations

from screening.catalogue.fields import FIELDS
from screening.clinical.measurements import Measurements

# Every Visit column the engine reads (the catalogue's `engine`), and how each becomes its input:
# values as they are (None = not measured), ticks as True/False, a code or None, a list as a frozenset.
INPUT_FIELDS = tuple(field.name for field in FIELDS if field.engine)
_AS_IS = {f.name: f.engine for f in FIELDS if f.engine and f.kind in ("number", "integer", "yesno")}
_TICKS = tuple((f.name, f.engine) for f in FIELDS if f.engine and f.kind in ("unable", "tick"))
_CODES = tuple((f.name, f.engine) for f in FIELDS if f.engine and f.kind == "choice")
_CODE_LISTS = tuple((f.name, f.engine) for f in FIELDS if f.engine and f.kind == "codes")


def measurements_from_values(values: dict, *, sex: str, age_years: int | None, population: str) -> Measurements:
    """Build the engine input from a visit's canonical values (a model's fields or an import row).

    A blank code is left to the engine's default (setting: community; the others: not recorded)."""
    kwargs = {_AS_IS[name]: value for name, value in values.items() if value is not None and name in _AS_IS}
    for name, engine in _TICKS:
        kwargs[engine] = bool(values.get(name))
    for name, engine in _CODES:
        if value := values.get(name):
            kwargs[engine] = value
    for name, engine in _CODE_LISTS:
        if (codes := values.get(name)) is not None:
            kwargs[engine] = frozenset(codes)
    return Measurements(sex=sex or None, age_years=age_years, population=population, **kwargs)


def measurements_for_visit(visit) -> Measurements:
    """The engine input for a saved or unsaved Visit (its patient and site must be loaded)."""
    patient = visit.patient
    values = {name: getattr(visit, name) for name in INPUT_FIELDS}
    return measurements_from_values(
        values,
        sex=patient.sex,
        age_years=patient.age_on(visit.visit_date) if visit.visit_date else None,
        population=patient.site.population,
    )
