"""Age at the visit, computed in the database, and the age bands of cohort review.

Age in whole years is ⌊(yyyymmdd(visit) − yyyymmdd(birth)) / 10000⌋ (month and day fit in four
digits), so "age ≥ 80" is "key ≥ 800000": one integer expression evaluated by the database.
`DateKey` writes yyyymmdd with each database's native functions: Django's portable Extract runs a
Python function per row on SQLite, which costs seconds over 250,000 visits.
"""

from __future__ import annotations

from django.db.models import Expression, Func, IntegerField, Q, QuerySet
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear

# band code -> (minimum age, age it stops at); "lt60" only appears in breakdowns, not as a filter
AGE_BANDS: dict[str, tuple[int, int | None]] = {"60-69": (60, 70), "70-79": (70, 80), "80+": (80, None)}
AGE_BAND_CHOICES = [("60-69", "60–69"), ("70-79", "70–79"), ("80+", "80+")]
UNDER_60 = "lt60"
BAND_ORDER = (UNDER_60, *AGE_BANDS)


class DateKey(Func):
    """A date as the integer yyyymmdd."""

    arity = 1
    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra):
        field = self.source_expressions[0]
        portable = ExtractYear(field) * 10000 + ExtractMonth(field) * 100 + ExtractDay(field)
        return compiler.compile(portable)

    def as_sqlite(self, compiler, connection, **extra):  # dates are stored as 'YYYY-MM-DD' text
        template = "CAST(REPLACE(%(expressions)s, '-', '') AS INTEGER)"
        return Func.as_sql(self, compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        template = "CAST(TO_CHAR(%(expressions)s, 'YYYYMMDD') AS INTEGER)"
        return Func.as_sql(self, compiler, connection, template=template, **extra)


def age_key(visit_date: str = "visit_date", birth: str = "patient__date_of_birth") -> Expression:
    """An integer whose value // 10000 is the age in whole years at the visit."""
    return DateKey(visit_date) - DateKey(birth)


def with_age_key(visits: QuerySet) -> QuerySet:
    return visits if "age_key" in visits.query.annotations else visits.annotate(age_key=age_key())


def in_age_band(visits: QuerySet, band: str) -> QuerySet:
    """Visits at which the patient's age fell in the band (KeyError for an unknown band)."""
    low, high = AGE_BANDS[band]
    condition = Q(age_key__gte=low * 10000)
    if high is not None:
        condition &= Q(age_key__lt=high * 10000)
    return with_age_key(visits).filter(condition)


def band_of_age(years: int) -> str:
    """The band of an age in whole years (UNDER_60 below the first band)."""
    for band, (low, high) in AGE_BANDS.items():
        if years >= low and (high is None or years < high):
            return band
    return UNDER_60
