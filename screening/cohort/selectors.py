"""Which visits and patients cohort review looks at: the user's sites, the filters, the latest visit.

Every function returns a lazy queryset, so callers aggregate in the database. A staff member tied to
sites sees only those sites (`Visit.objects.for_user`), exactly as in the clinic pages and the admin;
voided visits are in none of them (`Visit.objects` leaves them out).

A patient's latest and first visit have one definition: newest and oldest in `VISIT_NEWEST_FIRST` order
among the visits not voided, stored as `is_latest` / `is_first` (`visits.services.visits_mark_ends`) and read
with `VisitQuerySet.marked_latest` / `marked_first`. Only when the filters drop single visits (a setting,
an upper date or age limit) is the latest *filtered* visit ranked, in that same order.
"""

from __future__ import annotations

from django.db.models import F, QuerySet, Window
from django.db.models.functions import FirstValue, RowNumber

from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.cohort.bands import AGE_BANDS, in_age_band
from screening.cohort.forms import CohortFilters
from screening.models import VISIT_NEWEST_FIRST, VISIT_OLDEST_FIRST, Patient, Visit
from screening.results.stored_results import CATEGORY_FIELDS

NEWEST_FIRST, OLDEST_FIRST = VISIT_NEWEST_FIRST, VISIT_OLDEST_FIRST


def category_field(code: str) -> str:
    """The Visit column holding a set's stored category."""
    return CATEGORY_FIELDS[code]


def patients_filtered(*, user, filters: CohortFilters) -> QuerySet[Patient]:
    """The user's patients restricted by the patient-level filters (site, sex, cohort)."""
    patients = Patient.objects.for_user(user)
    if filters.matches_nothing:  # a real condition, not .none(): aggregates compile this queryset to SQL
        return patients.filter(pk__isnull=True)
    if filters.site is not None:
        patients = patients.filter(site=filters.site)
    if filters.sex:
        patients = patients.filter(sex=filters.sex)
    if filters.cohort is not None:
        patients = patients.filter(cohorts=filters.cohort)
    return patients


def visits_filtered(*, user, filters: CohortFilters) -> QuerySet[Visit]:
    """The user's visits restricted by every filter; the age band is the age at each visit."""
    visits = Visit.objects.for_user(user)
    if filters.matches_nothing:
        return visits.filter(pk__isnull=True)
    if filters.site is not None:
        visits = visits.filter(patient__site=filters.site)
    if filters.sex:
        visits = visits.filter(patient__sex=filters.sex)
    if filters.cohort is not None:
        visits = visits.filter(patient__cohorts=filters.cohort)
    if filters.setting:
        visits = visits.filter(setting=filters.setting)
    if filters.date_from:
        visits = visits.filter(visit_date__gte=filters.date_from)
    if filters.date_to:
        visits = visits.filter(visit_date__lte=filters.date_to)
    if filters.age_band:
        visits = in_age_band(visits, filters.age_band)
    return visits


def whole_histories(filters: CohortFilters) -> bool:
    """The filters keep or drop whole patients (site, sex, cohort), never single visits: each patient's
    first and latest visit among the filtered visits are then its marked ones (`Visit.is_first`, `is_latest`)."""
    return not (filters.setting or filters.date_from or filters.date_to or filters.age_band)


def latest_is_marked(filters: CohortFilters) -> bool:
    """Each patient's latest filtered visit is its marked latest visit (or it has none among them).

    True when every visit-level filter is a lower bound on the visit date ("visits from", an age band
    with no upper end): age only grows with the visit date, so the newest visit passes whenever any does.
    """
    open_band = not filters.age_band or AGE_BANDS[filters.age_band][1] is None
    return not (filters.setting or filters.date_to) and open_band


def ranked(visits: QuerySet[Visit]) -> QuerySet[Visit]:
    """Each visit numbered within its patient, newest first (ties broken by entry time, then id)."""
    return visits.annotate(newest=Window(RowNumber(), partition_by=F("patient_id"), order_by=NEWEST_FIRST))


def latest_rows(visits: QuerySet[Visit], *, marked: bool = False) -> QuerySet[Visit]:
    """The latest visit's row per patient. Unless `marked` (see `latest_is_marked`) it is filtered on a
    window: read it with `aggregates.grouped_counts` (Django cannot aggregate such a queryset correctly)."""
    return visits.marked_latest() if marked else ranked(visits).filter(newest=1)


def latest_visits(visits: QuerySet[Visit], *, marked: bool = False) -> QuerySet[Visit]:
    """Each patient's latest visit among `visits`: the unit of prevalence (one row per patient).

    `marked` (see `latest_is_marked`) reads the stored mark; otherwise the visits are ranked.
    """
    if marked:
        return visits.marked_latest()
    latest_ids = ranked(visits).filter(newest=1).values("id")
    return Visit.objects.filter(id__in=latest_ids)


def first_and_latest(visits: QuerySet[Visit]) -> QuerySet[Visit]:
    """Latest visits of patients with two or more `visits`, with `first_<set>` = the first visit's category.

    The first category is a window over the patient's visits (FirstValue), so no per-patient query.
    """
    numbered = ranked(visits).annotate(
        visit_count=Window(RowNumber(), partition_by=F("patient_id"), order_by=OLDEST_FIRST),
        **{
            f"first_{code}": Window(
                FirstValue(category_field(code)), partition_by=F("patient_id"), order_by=OLDEST_FIRST
            )
            for code in CRITERIA_SETS
        },
    )
    return numbered.filter(newest=1, visit_count__gt=1)
