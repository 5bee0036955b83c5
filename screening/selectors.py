"""Reads used by views and admin; each returns a queryset or plain data with a known query count."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, F, OrderBy, OuterRef, Q, QuerySet
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


# The patient list's sort keys, each by the column it sorts and its ascending order ("-key" reverses it).
# Age ascending is the youngest first; reassessment due ascending is the longest overdue first, so it is
# the last visit's date ascending. Patients without a visit come last either way.
PATIENT_SORTS: dict[str, tuple[str, bool]] = {  # key: (field, ascending field order)
    "identifier": ("identifier", True),
    "name": ("name", True),
    "age": ("date_of_birth", False),
    "last_visit": ("visit_date", True),
    "due": ("visit_date", True),
}


def patient_sort(raw: str | None) -> str:
    """The sort a request asked for if it is one of PATIENT_SORTS (optionally "-"), else "" (the default)."""
    raw = (raw or "").strip()
    return raw if raw.removeprefix("-") in PATIENT_SORTS else ""


def _sort_direction(sort: str) -> tuple[str, bool]:
    field, ascending = PATIENT_SORTS[sort.removeprefix("-")]
    return field, ascending != sort.startswith("-")


class ByLatestVisit:
    """Patients in the order of their latest visit's date (ties by patient id), those without a visit after
    them (by identifier). A page walks the index of latest visits in date order (`visit_latest_date`) and
    keeps the patients of the search, so it reads its own rows instead of sorting every patient's visit."""

    def __init__(self, patients: QuerySet[Patient], ascending: bool):
        self.patients, self.ascending = patients, ascending

    def __getitem__(self, window: slice) -> list[Patient]:
        start, stop = window.start or 0, window.stop
        order = [F(f).asc() if self.ascending else F(f).desc() for f in ("visit_date", "patient_id")]
        visits = (
            Visit.objects.filter(Exists(self.patients.filter(pk=OuterRef("patient_id"))), is_latest=True)
            .select_related("patient__site")
            .only("visit_date", "patient")
            .order_by(*order)
        )
        rows = [visit.patient for visit in visits[start:stop]]
        if len(rows) == stop - start:
            return rows
        visited = start + len(rows) if rows or not start else visits.count()
        never = self.patients.exclude(Exists(Visit.objects.filter(patient=OuterRef("pk"), is_latest=True)))
        return rows + list(never.order_by("identifier", "site_id")[max(start - visited, 0) : stop - visited])


def patient_search(
    *, user, query: str = "", site: Site | None = None, sort: str = ""
) -> QuerySet[Patient] | ByLatestVisit:
    """Patients the user may see, matching an identifier prefix or a name fragment, in the order of
    `sort` (a key of PATIENT_SORTS, "-" reversed; anything else: by identifier)."""
    patients = Patient.objects.for_user(user).select_related("site")
    if site is not None:
        patients = patients.filter(site=site)
    query = query.strip()
    if query:
        patients = patients.filter(Q(identifier__startswith=query) | Q(name__icontains=query))
    sort = patient_sort(sort)
    if not sort:
        return patients.order_by("identifier", "site_id")
    field, ascending = _sort_direction(sort)
    if field == "visit_date":
        return ByLatestVisit(patients, ascending)
    order: OrderBy = F(field).asc() if ascending else F(field).desc()
    return patients.order_by(order, "identifier", "site_id")  # (site, identifier) is unique: a stable order


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


def patient_page(patients: QuerySet[Patient] | ByLatestVisit, number: str | None) -> Page:
    try:
        page = min(max(int(number or 1), 1), MAX_PAGE)
    except ValueError:
        page = 1
    start = (page - 1) * PAGE_SIZE
    rows = list(patients[start : start + PAGE_SIZE + 1])
    return Page(rows[:PAGE_SIZE], page, len(rows) > PAGE_SIZE)


def patient_visits(*, patient: Patient) -> QuerySet[Visit]:
    """The patient's history, oldest first in the order that defines the first and latest visit
    (`VISIT_OLDEST_FIRST`; the last one is the marked latest); voided visits are not part of it."""
    return patient.visits.order_by(*VISIT_OLDEST_FIRST)


def patient_voided_visits(*, patient: Patient) -> QuerySet[Visit]:
    """The patient's voided visits, newest first, for staff (who can open and restore them)."""
    return (
        Visit.all_objects.voided()
        .filter(patient=patient)
        .select_related("voided_by")
        .defer("results", "mechanisms")
        .order_by(*VISIT_NEWEST_FIRST)
    )
