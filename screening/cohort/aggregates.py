"""The dashboard's numbers, aggregated in the database; Python only adds up the small results.

Query plan for one dashboard (whatever the cohort size): counts (1); one pass over the latest visits
grouped several ways at once (category cube and one histogram per measure: 1); mechanism lists at the
latest visits (1); first→latest pairs (1). Where the filters allow (`selectors.latest_is_marked`,
`selectors.whole_histories`) the latest and first visits are read by their marks through partial
covering indexes; otherwise the filtered visits are ranked once per query (window functions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import Count, Expression, F, FloatField, IntegerField, Q, QuerySet
from django.db.models.functions import Cast, Coalesce, Floor, Power

from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.clinical.mechanisms import KNOWLEDGE
from screening.cohort.bands import age_key, band_of_age
from screening.cohort.selectors import category_field, first_and_latest, latest_rows
from screening.models import Visit

SEX_COLUMN = "sex"
BAND_COLUMN = "age_band"
AGE_COLUMN = "age_years"
MECHANISM_COLUMNS = ("mechanisms_likely", "mechanisms_possible")


def cohort_counts(visits: QuerySet[Visit], *, patients: int | None = None) -> dict[str, int]:
    """Visits and patients; `patients` when already known (the number of latest visits) saves a DISTINCT."""
    if patients is not None:
        return {"visits": visits.count(), "patients": patients}
    return visits.aggregate(visits=Count("id"), patients=Count("patient_id", distinct=True))


def _quoted(connection, names: Sequence[str]) -> str:
    return ", ".join(connection.ops.quote_name(name) for name in names)


def grouped_counts(queryset: QuerySet, columns: Sequence[str]) -> list[dict]:
    """COUNT(*) per combination of `columns`, grouping outside the queryset's own SQL.

    Django groups a window-filtered queryset *before* applying the window filter, which would count
    every visit instead of one per patient; wrapping the compiled (parameterised) SQL as a derived
    table groups the filtered rows instead.
    """
    return multi_grouped_counts(queryset, {"only": columns})["only"]


def multi_grouped_counts(queryset: QuerySet, groupings: Mapping[str, Sequence[str]]) -> dict[str, list[dict]]:
    """COUNT(*) per combination of each grouping's columns, all in one statement over one pass of the rows.

    The queryset's compiled (parameterised) SQL becomes a common table expression, read once and grouped
    once per grouping; the groupings are stacked with UNION ALL, each row tagged with its grouping's
    index and padded with NULL where it lacks a column. The first branch returns no row but every
    column with its own type, so the NULL padding takes the right types (PostgreSQL types a UNION pairwise).
    """
    connection = connections[queryset.db]
    columns = list(dict.fromkeys(column for names in groupings.values() for column in names))
    sql, params = queryset.values(*columns).order_by().query.sql_with_params()
    # B608 accepted (both lines): only quoted column names and integers are formatted in
    branches = [f"SELECT -1, {_quoted(connection, columns)}, 0 FROM latest WHERE 1 = 0"]  # nosec B608
    for index, names in enumerate(groupings.values()):
        picked = ", ".join(connection.ops.quote_name(c) if c in names else "NULL" for c in columns)
        grouped = _quoted(connection, names)
        branches.append(f"SELECT {index}, {picked}, COUNT(*) FROM latest GROUP BY {grouped}")  # nosec B608
    result: dict[str, list[dict]] = {name: [] for name in groupings}
    keys = list(groupings)
    with connection.cursor() as cursor:
        # B608 accepted: `sql` is Django's compiled query (values in `params`), names are quoted column names
        cursor.execute(f"WITH latest AS ({sql}) " + " UNION ALL ".join(branches), params)  # nosec B608
        for tag, *values, n in cursor.fetchall():
            row = dict(zip(columns, values))
            result[keys[tag]].append({**{c: row[c] for c in groupings[keys[tag]]}, "n": n})
    return result


@dataclass(frozen=True)
class LatestFigures:
    """What the dashboard reads off each patient's latest visit."""

    patients: int
    cube: list[dict]  # patients per (sex, age band, category under every set)
    mechanisms: dict[str, tuple[int, int]]  # mechanism id -> (likely, possible)
    histograms: dict[str, dict[str, dict[int, int]]]  # measure -> sex -> bin -> patients


def latest_figures(
    visits: QuerySet[Visit], *, marked: bool = False, measures: Sequence[Measure] | None = None
) -> LatestFigures:
    """Cube, mechanism counts and histograms over each patient's latest visit among `visits` (two queries:
    one pass grouped several ways, and the mechanism lists).

    `marked` (see `selectors.latest_is_marked`) reads the marked latest visits; otherwise the latest
    row per patient is found by ranking `visits` inside each statement.
    """
    measures = MEASURES if measures is None else measures
    cube_columns = [SEX_COLUMN, AGE_COLUMN, *(category_field(code) for code in CRITERIA_SETS)]
    annotated = visits.annotate(
        **{SEX_COLUMN: F("patient__sex"), AGE_COLUMN: _age_years()}, **{_bin(m): bin_index(m) for m in measures}
    )
    groupings = {"cube": cube_columns, **{m.code: [SEX_COLUMN, _bin(m)] for m in measures}}
    groups = multi_grouped_counts(latest_rows(annotated, marked=marked), groupings)
    cube = _banded(groups["cube"])
    return LatestFigures(
        patients=sum(row["n"] for row in cube),
        cube=cube,
        mechanisms=mechanism_counts(_mechanism_lists(visits, marked=marked)),
        histograms={m.code: _bins(groups[m.code], _bin(m)) for m in measures},
    )


def _mechanism_lists(visits: QuerySet[Visit], *, marked: bool) -> list[dict]:
    """Patients per (likely list, possible list) at their latest visit: a separate query, as these long
    texts would make the shared pass above sort instead of hash (tens of distinct pairs in practice)."""
    if marked:
        return list(latest_rows(visits, marked=True).values(*MECHANISM_COLUMNS).annotate(n=Count("*")).order_by())
    return grouped_counts(latest_rows(visits), MECHANISM_COLUMNS)


def _age_years() -> Expression:
    """Age in whole years at the visit (integer division of the yyyymmdd difference)."""
    return Cast(age_key() / 10000, IntegerField())


def _banded(rows: list[dict]) -> list[dict]:
    """Rows by age in years -> rows by age band (grouping by the year computes the age once per row)."""
    cells: Counter = Counter()
    columns = [c for c in rows[0] if c not in (AGE_COLUMN, "n")] if rows else []
    for row in rows:
        cells[(band_of_age(row[AGE_COLUMN]), *(row[c] for c in columns))] += row["n"]
    return [{BAND_COLUMN: key[0], **dict(zip(columns, key[1:])), "n": n} for key, n in cells.items()]


def transition_cube(visits: QuerySet[Visit], *, whole: bool = False) -> list[dict]:
    """Patients with ≥ 2 visits per (first visit's category, latest visit's category) under every set.

    `whole` (see `selectors.whole_histories`): a marked latest visit that is not also marked first is
    joined to the patient's marked first visit (both read from partial covering indexes); otherwise
    ranked windows over `visits` give both ends.
    """
    columns = [name for code in CRITERIA_SETS for name in (f"first_{code}", category_field(code))]
    if not whole:
        return grouped_counts(first_and_latest(visits), columns)
    categories = [category_field(code) for code in CRITERIA_SETS]
    connection = connections[visits.db]
    latest_sql, latest_params = (
        visits.marked_latest()
        .filter(is_first=False)
        .values("patient_id", *categories)
        .order_by()
        .query.sql_with_params()
    )
    first_sql, first_params = (
        Visit.objects.marked_first().values("patient_id", *categories).order_by().query.sql_with_params()
    )
    pairs = ", ".join(f"f.{connection.ops.quote_name(c)}, l.{connection.ops.quote_name(c)}" for c in categories)
    patient = connection.ops.quote_name("patient_id")
    with connection.cursor() as cursor:
        # B608 accepted: both parts are Django's compiled queries (values in params), names are quoted
        cursor.execute(
            f"SELECT {pairs}, COUNT(*) FROM ({latest_sql}) l JOIN ({first_sql}) f "  # nosec B608
            f"ON f.{patient} = l.{patient} GROUP BY {pairs}",
            (*latest_params, *first_params),
        )
        return [dict(zip([*columns, "n"], row)) for row in cursor.fetchall()]


def contains_id(field: str, mechanism_id: str) -> Q:
    """The id as a whole element of a ';'-joined list (so one id never matches inside another)."""
    return (
        Q(**{field: mechanism_id})
        | Q(**{f"{field}__startswith": f"{mechanism_id};"})
        | Q(**{f"{field}__endswith": f";{mechanism_id}"})
        | Q(**{f"{field}__contains": f";{mechanism_id};"})
    )


def flagged_mechanisms() -> list[str]:
    """Mechanism ids the rules can flag (background mechanisms are explained, never flagged)."""
    return [m.id for m in KNOWLEDGE.mechanisms if not m.background]


def mechanism_counts(rows: list[dict]) -> dict[str, tuple[int, int]]:
    """{mechanism id: (likely, possible)} from patients per (likely list, possible list) pair."""
    likely: Counter = Counter()
    possible: Counter = Counter()
    for row in rows:
        for ids, counter in ((row["mechanisms_likely"], likely), (row["mechanisms_possible"], possible)):
            for mechanism_id in set((ids or "").split(";")):
                counter[mechanism_id] += row["n"]
    return {m: (likely[m], possible[m]) for m in flagged_mechanisms()}


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


HUNDREDTHS = 100  # DECISIONS.md §1: derived values are compared rounded half up to 2 decimals


def bin_index(measure: Measure) -> Expression:
    """The bin of a value as compared: rounded half up to hundredths, then divided by the width in
    hundredths (an exact integer), so decimal edges hold: 0.30 m/s is bin 3, not 2.9999… → 2.
    The 1e-6 keeps a written tie (0.285 stored as 0.28499…) rounding up, as the engine does."""
    hundredths = Floor(measure.expression() * float(HUNDREDTHS) + 0.5 + 1e-6)
    return Floor(hundredths / float(round(measure.width * HUNDREDTHS)))


def _bin(measure: Measure) -> str:
    return f"bin_{measure.code}"


def _bins(rows: list[dict], column: str) -> dict[str, dict[int, int]]:
    """{sex: {bin index: patients}}; a latest visit without the measure falls in the NULL bin, left out."""
    bins: dict[str, dict[int, int]] = {}
    for row in rows:
        if row[column] is not None:
            bins.setdefault(row[SEX_COLUMN], {})[int(row[column])] = row["n"]
    return bins


def histogram(visits: QuerySet[Visit], measure: Measure, *, marked: bool = False) -> dict[str, dict[int, int]]:
    """{sex: {bin index: patients}}, bin i covering [i·width, (i+1)·width), at each patient's latest visit."""
    return latest_figures(visits, marked=marked, measures=[measure]).histograms[measure.code]
