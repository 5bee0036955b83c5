"""Worklists for staff: who is due, which visits need a second look. Each is one lazy queryset.

The change limits below are design judgement, not criteria.md cut-offs: an adult's height does not
change by more than a few centimetres between two visits, nor the weight by a tenth without cause,
so such a jump is more often a measuring or typing error (or an event worth checking) than a trend.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Case, F, FilteredRelation, FloatField, Q, QuerySet, Value, When, Window
from django.db.models.functions import Abs, Cast, Coalesce, Greatest, Lag

from screening.clinical.criteria.base import INSUFFICIENT_DATA
from screening.clinical.criteria.registry import CRITERIA_SETS, DEFAULT_PRIMARY, PRIMARY_BY_POPULATION
from screening.cohort.selectors import OLDEST_FIRST, latest_visits
from screening.models import Patient, Visit
from screening.results.stored_results import CATEGORY_FIELDS

HEIGHT_CHANGE_CM = 3.0  # design judgement: more than 3 cm between consecutive visits
WEIGHT_CHANGE_FRACTION = 0.10  # design judgement: more than 10 % of the earlier weight


def overdue_patients(patients: QuerySet[Patient], *, today: date | None = None) -> QuerySet[Patient]:
    """Patients whose last visit is older than REASSESSMENT_INTERVAL_DAYS, or who have none; oldest first.

    The last visit is the marked latest one (`VisitQuerySet.marked_latest`), so a voided visit never counts.
    """
    today = today or date.today()
    due = today - timedelta(days=settings.REASSESSMENT_INTERVAL_DAYS)
    annotated = (
        patients.select_related("site")
        .annotate(latest=FilteredRelation("visits", condition=Q(visits__is_latest=True)))
        .annotate(last_visit=F("latest__visit_date"))
    )  # one row per patient: no GROUP BY
    return annotated.filter(Q(last_visit__lt=due) | Q(last_visit__isnull=True)).order_by(
        F("last_visit").asc(nulls_first=True), "identifier"
    )


def unconfirmed_warnings(visits: QuerySet[Visit]) -> QuerySet[Visit]:
    """Visits with soft-limit warnings nobody confirmed yet (imports create these)."""
    pending = visits.filter(warnings_confirmed=False).exclude(warnings=[])
    return pending.select_related("patient__site").order_by("-visit_date", "-created_at")


def primary_set_of_site() -> Case:
    """The primary criteria set of the visit's site, as a column (`Site.primary`, in SQL)."""
    chosen = [When(patient__site__primary_set=code, then=Value(code)) for code in CRITERIA_SETS]
    whens = [
        When(patient__site__population=population, then=Value(code))
        for population, code in PRIMARY_BY_POPULATION.items()
    ]
    return Case(*chosen, *whens, default=Value(DEFAULT_PRIMARY))


def incomplete_assessments(visits: QuerySet[Visit], *, marked: bool = False) -> QuerySet[Visit]:
    """Latest visits whose primary-set result has measurements to complete, or insufficient data.

    `marked` (see `selectors.latest_is_marked`) reads the marked latest visits instead of ranking.
    """
    pending = Q()  # `incomplete_sets` joins set codes with ";"; no code is part of another (a test holds it)
    unchosen = ~Q(patient__site__primary_set__in=list(CRITERIA_SETS))
    for code in CRITERIA_SETS:
        site = Q(patient__site__primary_set=code)
        default_for = [p for p, c in PRIMARY_BY_POPULATION.items() if c == code]
        if default_for:
            site |= unchosen & Q(patient__site__population__in=default_for)
        if code == DEFAULT_PRIMARY:
            site |= unchosen & ~Q(patient__site__population__in=list(PRIMARY_BY_POPULATION))
        incomplete = Q(**{CATEGORY_FIELDS[code]: INSUFFICIENT_DATA}) | Q(incomplete_sets__contains=code)
        pending |= site & incomplete
    latest = latest_visits(visits, marked=marked).annotate(primary_set=primary_set_of_site())
    return latest.filter(pending).select_related("patient__site").order_by("-visit_date", "-created_at")


def implausible_changes(visits: QuerySet[Visit]) -> QuerySet[Visit]:
    """Visits whose height or weight jumped since the patient's previous visit (limits above)."""

    def previous(field: str) -> Window:
        return Window(Lag(field), partition_by=F("patient_id"), order_by=OLDEST_FIRST)

    weight = Cast(F("weight_kg"), FloatField())
    ranked = visits.annotate(
        previous_date=previous("visit_date"),
        previous_height=previous("height_cm"),
        previous_weight=previous("weight_kg"),
    )
    # One score ≥ 1 per limit crossed: Django filters windows with AND only, so OR becomes Greatest.
    score = Greatest(
        Coalesce(Abs(F("height_cm") - F("previous_height")) / HEIGHT_CHANGE_CM, 0.0),
        Coalesce(Abs(weight - F("previous_weight")) / (F("previous_weight") * WEIGHT_CHANGE_FRACTION), 0.0),
    )
    flagged = ranked.annotate(change_score=score).filter(change_score__gt=1)
    # only what the list shows: every visit passes through the window and the sort, so keep the rows narrow
    shown = flagged.select_related("patient__site").only(*IMPLAUSIBLE_SHOWN)
    return shown.order_by("-visit_date", "-created_at")


IMPLAUSIBLE_SHOWN = (
    "id",
    "patient_id",
    "visit_date",
    "created_at",
    "height_cm",
    "weight_kg",
    "patient__identifier",
    "patient__site__name",
)
