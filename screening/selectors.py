"""Reads used by views and admin; each returns a queryset or plain data with a known query count."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, FilteredRelation, OrderBy, Q, QuerySet
from django.shortcuts import get_object_or_404

from screening.models import Patient, Site, Visit, sees_every_site


def sites_for_user(user) -> QuerySet[Site]:
    if sees_every_site(user):
        return Site.objects.all()
    return Site.objects.filter(memberships__user=user)


def patient_get(*, user, pk) -> Patient:
    """The one access check for a patient: anyone outside the patient's sites gets a 404."""
    return get_object_or_404(Patient.objects.for_user(user).select_related("site"), pk=pk)


def visit_get(*, user, pk) -> Visit:
    """The one access check for a visit, through its patient's site."""
    queryset = Visit.objects.for_user(user).select_related("patient__site", "clinician", "imported_by")
    return get_object_or_404(queryset, pk=pk)


# The patient list's sort keys, each by the column it sorts and its ascending order ("-key" reverses it).
# Age ascending is the youngest first; reassessment due ascending is the longest overdue first, so it is
# the last visit's date ascending. Patients without a visit come last either way.
PATIENT_SORTS: dict[str, tuple[str, bool]] = {  # key: (field, ascending field order)
    "identifier": ("identifier", True),
    "name": ("name", True),
    "age": ("date_of_birth", False),
    "last_visit": ("latest_visit__visit_date", True),
    "due": ("latest_visit__visit_date", True),
}


def patient_sort(raw: str | None) -> str:
    """The sort a request asked for if it is one of PATIENT_SORTS (optionally "-"), else "" (the default)."""
    raw = (raw or "").strip()
    return raw if raw.removeprefix("-") in PATIENT_SORTS else ""


def _sort_order(sort: str) -> list[OrderBy]:
    field, ascending = PATIENT_SORTS[sort.removeprefix("-")]
    if sort.startswith("-"):
        ascending = not ascending
    order = F(field).asc(nulls_last=True) if ascending else F(field).desc(nulls_last=True)
    return [order, F("identifier").asc(), F("site_id").asc()]  # (site, identifier) is unique: a stable order


def patient_search(*, user, query: str = "", site: Site | None = None, sort: str = "") -> QuerySet[Patient]:
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
    if PATIENT_SORTS[sort.removeprefix("-")][0].startswith("latest_visit__"):
        patients = patients.annotate(latest_visit=FilteredRelation("visits", condition=Q(visits__is_latest=True)))
    return patients.order_by(*_sort_order(sort))


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
    return patient.visits.order_by("visit_date", "created_at")
