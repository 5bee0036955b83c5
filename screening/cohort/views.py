"""Staff-only cohort pages: dashboard, worklists and exports, all restricted by the same GET filters.

Each view parses the filters, calls selectors, and renders; the staff check comes first, and the
user's sites bound every query (a staff member tied to sites sees only those sites).
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from screening.accounts.decorators import staff_required
from screening.clinical import text
from screening.cohort import worklists
from screening.cohort.dashboard import category_label, dashboard_context, lang, set_label
from screening.cohort.exports import csv_lines, xlsx_bytes
from screening.cohort.forms import CohortFilters
from screening.cohort.request_filters import export_request, filter_form
from screening.cohort.selectors import latest_is_marked, patients_filtered, visits_filtered
from screening.results.stored_results import category_of, details

logger = logging.getLogger(__name__)
PAGE_SIZE = 50
WORKLISTS = {
    "overdue": _("Due for reassessment"),
    "warnings": _("Unconfirmed unusual values"),
    "incomplete": _("Assessment to complete"),
    "implausible": _("Implausible changes between visits"),
}


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    form, filters = filter_form(request)
    context = dashboard_context(user=request.user, filters=filters, refresh="refresh" in request.GET)
    query = urlencode(filters.as_query())
    return render(
        request, "screening/cohort/dashboard.html", {"form": form, "query": query, "worklists": WORKLISTS, **context}
    )


def _limits() -> dict[str, object]:
    """The worklists' limits, shown in their explanations (read here, never retyped in templates)."""
    return {
        "interval_days": settings.REASSESSMENT_INTERVAL_DAYS,
        "height_cm": f"{worklists.HEIGHT_CHANGE_CM:g}",
        "weight_pct": f"{worklists.WEIGHT_CHANGE_FRACTION * 100:g}",
    }


def _worklist_rows(kind: str, user, filters: CohortFilters, today):
    visits = visits_filtered(user=user, filters=filters)
    if kind == "overdue":
        return worklists.overdue_patients(patients_filtered(user=user, filters=filters), today=today)
    if kind == "warnings":
        return worklists.unconfirmed_warnings(visits)
    if kind == "incomplete":
        return worklists.incomplete_assessments(visits, marked=latest_is_marked(filters))
    return worklists.implausible_changes(visits)


def _to_complete(visit) -> dict:
    """The primary set's category and what would complete it, for one listed visit."""
    detail = details(visit).get(visit.primary_set) or {}
    codes = detail.get("to_complete") or []
    return {
        "set": set_label(visit.primary_set),
        "category": category_label(visit.primary_set, category_of(visit, visit.primary_set)),
        "measure": [text.label(f"to_complete.{code}", lang()) for code in codes],
    }


@staff_required
def worklist(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in WORKLISTS:
        raise Http404
    form, filters = filter_form(request)
    today = timezone.localdate()
    page = Paginator(_worklist_rows(kind, request.user, filters, today), PAGE_SIZE).get_page(request.GET.get("page"))
    if kind == "incomplete":
        page.object_list = [(visit, _to_complete(visit)) for visit in page.object_list]
    context = {
        "form": form,
        "kind": kind,
        "title": WORKLISTS[kind],
        "page": page,
        "worklists": WORKLISTS,
        "query": urlencode(filters.as_query()),
        "patient_level": kind == "overdue",
        "today": today,
        "limits": _limits(),
    }
    return render(request, f"screening/cohort/worklist_{kind}.html", context)


@staff_required
def export_csv(request: HttpRequest) -> HttpResponse:
    rows, stem = export_request(request, "csv")
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    return response


@staff_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    rows, stem = export_request(request, "xlsx")
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(xlsx_bytes(rows), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response
