"""The dashboard's numbers, each one GROUP BY or aggregate query; Python only adds up the small results.

Query plan for one dashboard (whatever the cohort size): counts (1), the cube of latest visits by
sex, age band and category under every set, with mechanism counts per cell (1), first→latest pairs
(1), one histogram per measure (3). Each "latest visit" query ranks the filtered visits once; the
histograms and transitions are computed inside that ranking query (see `grouped_counts`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import Count, Expression, F, FloatField, Q, QuerySet
from django.db.models.functions import Cast, Coalesce, Floor, Power

from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.clinical.mechanisms import KNOWLEDGE
from screening.cohort.bands import age_band_case, with_age_key
from screening.cohort.selectors import category_field, first_and_latest, latest_rows
from screening.models import Visit

SEX_COLUMN = "patient__sex"
BAND_COLUMN = "age_band"


def cohort_counts(visits: QuerySet[Visit]) -> dict[str, int]:
    return visits.aggregate(visits=Count("id"), patients=Count("patient_id", distinct=True))


def category_cube(latest: QuerySet[Visit]) -> list[dict]:
    """Patients per (sex, age band, category under every set) at their latest visit.

    Each cell also counts, per mechanism, the patients in it with that mechanism likely or possible,
    so the mechanism table is a sum over cells instead of another pass over the visits.
    """
    columns = [SEX_COLUMN, BAND_COLUMN, *(category_field(code) for code in CRITERIA_SETS)]
    annotated = with_age_key(latest).annotate(**{BAND_COLUMN: age_band_case()})
    mechanisms = {}
    for mechanism_id in flagged_mechanisms():
        mechanisms[f"likely_{mechanism_id}"] = Count("id", filter=contains_id("mechanisms_likely", mechanism_id))
        mechanisms[f"possible_{mechanism_id}"] = Count("id", filter=contains_id("mechanisms_possible", mechanism_id))
    return list(annotated.values(*columns).annotate(n=Count("id"), **mechanisms).order_by())


def grouped_counts(queryset: QuerySet, columns: Sequence[str]) -> list[dict]:
    """COUNT(*) per combination of `columns`, grouping outside the queryset's own SQL.

    Django groups a window-filtered queryset *before* applying the window filter, which would count
    every visit instead of one per patient; wrapping the compiled (parameterised) SQL as a derived
    table groups the filtered rows instead.
    """
    connection = connections[queryset.db]
    sql, params = queryset.values(*columns).query.sql_with_params()
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        # B608 accepted: `sql` is Django's compiled query (values in `params`), names are quoted column names
        cursor.execute(f"SELECT {names}, COUNT(*) FROM ({sql}) grouped GROUP BY {names}", params)  # nosec B608
        return [dict(zip([*columns, "n"], row)) for row in cursor.fetchall()]


def transition_cube(visits: QuerySet[Visit]) -> list[dict]:
    """Patients with ≥ 2 visits per (first visit's category, latest visit's category) under every set."""
    columns = [name for code in CRITERIA_SETS for name in (f"first_{code}", category_field(code))]
    return grouped_counts(first_and_latest(visits), columns)


def contains_id(field: str, mechanism_id: str) -> Q:
    """The id as a whole element of a ';'-joined list (so one id never matches inside another)."""
    return (Q(**{field: mechanism_id}) | Q(**{f"{field}__startswith": f"{mechanism_id};"})
            | Q(**{f"{field}__endswith": f";{mechanism_id}"}) | Q(**{f"{field}__contains": f";{mechanism_id};"}))


def flagged_mechanisms() -> list[str]:
    """Mechanism ids the rules can flag (background mechanisms are explained, never flagged)."""
    return [m.id for m in KNOWLEDGE.mechanisms if not m.background]


def mechanism_counts(cube: list[dict]) -> dict[str, tuple[int, int]]:
    """{mechanism id: (likely, possible)} over latest visits, summed from the cube's cells."""
    return {m: (sum(row[f"likely_{m}"] for row in cube), sum(row[f"possible_{m}"] for row in cube))
            for m in flagged_mechanisms()}


@dataclass(frozen=True)
class Measure:
    """A measure drawn as a histogram: its value as a database expression and its bin width."""

    code: str
    unit: str
    width: float
    expression: Callable[[], Expression]


def _asmi_used() -> Expression:
    """The device's ASMI, else ASM ÷ height² (the constraint guarantees a method with either)."""
    height_m = Cast(F("height_cm"), FloatField()) / 100.0
    return Coalesce(F("asmi_kg_m2"), Cast(F("asm_kg"), FloatField()) / Power(height_m, 2))


def _gait_used() -> Expression:
    """The recorded speed, else course ÷ time, as the form derives it."""
    return Coalesce(F("gait_speed_m_s"), Cast(F("gait_course_m"), FloatField()) / F("gait_time_s"))


def _grip() -> Expression:
    return F("grip_strength_kg")  # the best trial, stored with the visit


MEASURES = (
    Measure("grip_strength", "kg", 2.0, _grip),
    Measure("gait_speed", "m/s", 0.1, _gait_used),
    Measure("asmi", "kg/m²", 0.25, _asmi_used),
)


def histogram(visits: QuerySet[Visit], measure: Measure) -> dict[str, dict[int, int]]:
    """{sex: {bin index: patients}}, bin i covering [i·width, (i+1)·width), at each patient's latest visit.

    Binned inside the ranking query itself, so no second pass joins the latest visits back; a
    latest visit without the measure falls in the NULL bin, which is left out.
    """
    binned = visits.annotate(sex=F("patient__sex"), bin=Floor(measure.expression() / measure.width))
    bins: dict[str, dict[int, int]] = {}
    for row in grouped_counts(latest_rows(binned), ["sex", "bin"]):
        if row["bin"] is not None:
            bins.setdefault(row["sex"], {})[int(row["bin"])] = row["n"]
    return bins
