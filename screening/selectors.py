"""Reads used by views and admin; each returns a queryset or plain data with a known query count."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from screening.models import VISIT_NEWEST_FIRST, VISIT_OLDEST_FIRST, Patient, Site, Visit, sees_every_site


def sites_for_user(user) -> QuerySet[Site]:
    if sees_every_site(user):
        return Site.objects.all()
    return Site.objects.filter(memberships__user=user)


def patient_get(*, user, pk) -> Patient:
    """The one access check for a patient: anyone outside the patient's sites gets a 404."""
    return get_object_or_404(Patient.objects.for_user(user).select_related("site"), pk=pk)


def visit_get(*, user, pk, include_voided: bool = False) -> Visit:
    """The one access check for a visit, through its patient's site. A voided visit is a 404 unless
    `include_voided` (its own page, which says it is voided, and restoring it)."""
    manager = Visit.all_objects if include_voided else Visit.objects
    queryset = manager.for_user(user).select_related("patient__site", "clinician", "imported_by", "voided_by")
    return get_object_or_404(queryset, pk=pk)


def patient_search(*, user, query: str = "", site: Site | None = None) -> QuerySet[Patient]:
    """Patients the user may see, matching an identifier prefix or a name fragment."""
    patients = Patient.objects.for_user(user).select_related("site")
    if site is not None:
        patients = patients.filter(site=site)
    query = query.strip()
    if query:
        patients = patients.filter(Q(identifier__startswith=query) | Q(name__icontains=query))
    return patients.order_by("identifier", "site_id")


@dataclass(frozen=True)
class Page:
    """A page of a list without COUNT(*): large tables are not counted, only peeked one row past."""

    object_list: list
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.object_list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


PAGE_SIZE = 25
MAX_PAGE = 400  # beyond this, narrow the search instead of paging through deep offsets


def patient_page(patients: QuerySet[Patient], number: str | None) -> Page:
    try:
        page = min(max(int(number or 1), 1), MAX_PAGE)
    except ValueError:
        page = 1
    start = (page - 1) * PAGE_SIZE
    rows = list(patients[start:start + PAGE_SIZE + 1])
    return Page(rows[:PAGE_SIZE], page, len(rows) > PAGE_SIZE)


def patient_visits(*, patient: Patient) -> QuerySet[Visit]:
    """The patient's history, oldest first in the order that defines the first and latest visit
    (`VISIT_OLDEST_FIRST`; the last one is the marked latest); voided visits are not part of it."""
    return patient.visits.order_by(*VISIT_OLDEST_FIRST)


def patient_voided_visits(*, patient: Patient) -> QuerySet[Visit]:
    """The patient's voided visits, newest first, for staff (who can open and restore them)."""
    return (Visit.all_objects.voided().filter(patient=patient).select_related("voided_by")
            .defer("results", "mechanisms").order_by(*VISIT_NEWEST_FIRST))
