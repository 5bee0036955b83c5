"""Thin views: parse the request, call one access helper, a form or a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from screening.clinical.mechanisms import KNOWLEDGE, background_page, mechanism_text
from screening.display import content_language
from screening.models import Patient
from screening.reports.context import patient_trends
from screening.selectors import (
    patient_get,
    patient_page,
    patient_search,
    patient_sort,
    patient_visits,
    patient_voided_visits,
    sites_for_user,
    visit_get,
)
from screening.visits import presenters, void_views
from screening.visits.forms import PatientForm, PatientSearchForm, VisitForm
from screening.visits.forms.visit_layout import SECTIONS
from screening.visits.mechanism_presenter import citation_items, evidence_notes
from screening.visits.services import StaleEditError, StaleVisitError, patient_save, visit_confirm_warnings, visit_save

# The patient list's columns: label, sort key ("" = not sortable), the first click's direction ("-" = descending:
# the most recent visit first).
LIST_COLUMNS = (
    (_l("Identifier"), "identifier", ""),
    (_l("Name"), "name", ""),
    (_l("Sex"), "", ""),
    (_l("Age"), "age", ""),
    (_l("Last visit"), "last_visit", "-"),
    (_l("Latest result (site's primary set)"), "", ""),
    (_l("Reassessment due"), "due", ""),
    (_l("Site"), "", ""),
)


def list_headers(params: QueryDict, sort: str) -> list[dict]:
    """Column headers; a sortable one links to page 1 of its order with the same search, and the sorted
    column says its direction (aria-sort); clicking it again reverses it."""
    base = params.copy()
    base.pop("page", None)
    base.pop("sort", None)
    current = sort or "identifier"
    headers = []
    for label, key, first in LIST_COLUMNS:
        header = {"label": label, "key": key, "aria_sort": None, "url": None}
        if key:
            if current.removeprefix("-") == key:
                header["aria_sort"] = "descending" if current.startswith("-") else "ascending"
                target = key if current.startswith("-") else f"-{key}"
            else:
                target = first + key
            link = base.copy()
            link["sort"] = target
            header["url"] = "?" + link.urlencode()
        headers.append(header)
    return headers


def patient_list(request: HttpRequest) -> HttpResponse:
    sites = sites_for_user(request.user)
    form = PatientSearchForm(request.GET or None, sites=sites)
    sort = patient_sort(request.GET.get("sort"))  # an unknown sort key is the default order, not an error
    if form.is_bound and not form.is_valid():  # say so and list nothing, never the unfiltered list
        patients = patient_search(user=request.user, query="", site=None).none()
    else:
        query, site = (form.cleaned_data["q"], form.cleaned_data["site"]) if form.is_bound else ("", None)
        patients = patient_search(user=request.user, query=query, site=site, sort=sort)
    page = patient_page(patients, request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    if not sort:
        params.pop("sort", None)
    params = params.urlencode() + "&" if params else ""
    rows = presenters.patient_rows(page.object_list, request.LANGUAGE_CODE)
    return render(
        request,
        "screening/patient_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "params": params,
            "sort": sort,
            "headers": list_headers(request.GET, sort),
        },
    )


def _patient_form_page(request: HttpRequest, patient: Patient | None = None) -> HttpResponse:
    form = PatientForm(request.POST or None, instance=patient, sites=sites_for_user(request.user))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = patient_save(
                patient=form.save(commit=False), expected_version=form.cleaned_data.get("loaded_version")
            )
        except StaleEditError as exc:
            conflict = presenters.conflict_rows(exc, Patient)
        else:
            messages.success(request, _("Patient saved."))
            return redirect("screening:patient_detail", pk=saved.pk)
    return render(request, "screening/patient_form.html", {"form": form, "patient": patient, "conflict": conflict})


def patient_create(request: HttpRequest) -> HttpResponse:
    return _patient_form_page(request)


def patient_edit(request: HttpRequest, pk) -> HttpResponse:
    return _patient_form_page(request, patient_get(user=request.user, pk=pk))


def patient_detail(request: HttpRequest, pk) -> HttpResponse:
    patient = patient_get(user=request.user, pk=pk)
    visits = list(patient_visits(patient=patient))
    timeline = presenters.timeline(patient, visits)
    trends = patient_trends(visits, content_language(request.LANGUAGE_CODE))
    voided = list(patient_voided_visits(patient=patient)) if void_views.can_restore(request.user) else []
    return render(
        request,
        "screening/patient_detail.html",
        {"patient": patient, "timeline": timeline, "trends": trends, "voided_visits": voided},
    )


def _visit_form_page(request: HttpRequest, patient: Patient, visit=None) -> HttpResponse:
    form = VisitForm(request.POST or None, instance=visit, patient=patient)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if saved.clinician_id is None:
            saved.clinician = request.user
        try:
            visit_save(
                visit=saved,
                expected_version=form.cleaned_data.get("loaded_version"),
                reason=form.cleaned_data.get("change_reason", ""),
            )
        except StaleVisitError as exc:
            conflict = presenters.conflict_rows(exc)
        else:
            messages.success(request, _("Visit saved."))
            return redirect("screening:visit_detail", pk=saved.pk)
    return render(
        request,
        "screening/visit_form.html",
        {"form": form, "patient": patient, "visit": visit, "conflict": conflict, "sections": SECTIONS},
    )


@require_POST
def visit_preview(request: HttpRequest, patient_pk) -> HttpResponse:
    """The live panel of the visit form: what these values would give, saved nowhere (CSRF-checked)."""
    patient = patient_get(user=request.user, pk=patient_pk)
    data = request.POST.copy()
    data["confirm_warnings"] = "on"  # an unusual value is previewed; saving still asks to confirm it
    context = presenters.preview(VisitForm(data, patient=patient), request.LANGUAGE_CODE)
    return render(request, "screening/_visit_preview.html", context)


def visit_create(request: HttpRequest, patient_pk) -> HttpResponse:
    return _visit_form_page(request, patient_get(user=request.user, pk=patient_pk))


def visit_edit(request: HttpRequest, pk) -> HttpResponse:
    visit = visit_get(user=request.user, pk=pk)
    return _visit_form_page(request, visit.patient, visit)


def visit_detail(request: HttpRequest, pk) -> HttpResponse:
    visit = visit_get(user=request.user, pk=pk, include_voided=True)
    if visit.voided_at is not None:
        return void_views.voided_page(request, visit)
    context = presenters.visit_page(visit, lang=request.LANGUAGE_CODE)
    return render(request, "screening/visit_detail.html", context)


@require_POST
def visit_confirm(request: HttpRequest, pk) -> HttpResponse:
    """A clinician of the visit's site confirms its unusual values (an imported visit's start unconfirmed)."""
    visit = visit_get(user=request.user, pk=pk)
    visit_confirm_warnings(visit=visit, user=request.user)
    messages.success(request, _("Unusual values confirmed."))
    return redirect("screening:visit_detail", pk=visit.pk)


def mechanisms_background(request: HttpRequest) -> HttpResponse:
    lang = content_language(request.LANGUAGE_CODE)
    page = background_page(lang)
    mechanisms = [
        {
            "name": m.name[lang],
            "grade": m.evidence_grade,
            "section": m.review_section,
            "text": mechanism_text(m.id, lang, "clinician"),
            "citations": citation_items(m.id, lang),
            "evidence": evidence_notes(m.id, [r.id for r in m.rules], lang),
        }
        for m in KNOWLEDGE.mechanisms
    ]
    return render(request, "screening/mechanisms_background.html", {"page": page, "mechanisms": mechanisms})
