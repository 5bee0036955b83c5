"""Report pages: a visit's PDF, the staff fingerprint check and the staff ZIP of many reports.

Same access as the visit page: `visit_get` answers 404 outside the user's sites, staff pages answer
403 to everyone else. No patient name or identifier goes into a URL, a file name or the access log.
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from screening.accounts.access_log import log_access
from screening.accounts.decorators import staff_required
from screening.models import Visit
from screening.reports import take_home
from screening.reports.batch import default_workers, reports_zip_stream
from screening.reports.forms import ReportBatchForm, VerifyForm
from screening.reports.service import (
    print_record,
    report_language,
    report_print_record,
    take_home_filename,
    visit_report,
)
from screening.reports.verify import fingerprint_matches
from screening.selectors import visit_get


def report_pdf(request: HttpRequest, pk) -> HttpResponse:
    """The visit's take-home report, inline; `?lang=zh-hans|en`, else the interface language."""
    visit = visit_get(user=request.user, pk=pk)
    lang = report_language(request.GET.get("lang"), fallback=request.LANGUAGE_CODE)
    if lang is None:
        return HttpResponseBadRequest("lang must be zh-hans or en")
    report = visit_report(visit, lang)
    with transaction.atomic():  # one commit for the two audit rows
        report_print_record(report=report, user=request.user)
        log_access(request, "report", f"visit={visit.pk} lang={lang}")
    response = HttpResponse(report.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{report.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def take_home_pdf(request: HttpRequest, pk) -> HttpResponse:
    """The patient's one-page take-home sheet, inline; `?lang=zh-hans|en`, else the interface language."""
    visit = visit_get(user=request.user, pk=pk)
    lang = report_language(request.GET.get("lang"), fallback=request.LANGUAGE_CODE)
    if lang is None:
        return HttpResponseBadRequest("lang must be zh-hans or en")
    fingerprint, document = take_home.take_home_pdf(visit, lang)
    with transaction.atomic():  # one commit for the two audit rows
        print_record(visit=visit, document=take_home.KIND, lang=lang, fingerprint=fingerprint, user=request.user)
        log_access(request, "report", f"visit={visit.pk} lang={lang} take-home")
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{take_home_filename(visit, lang)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def report_verify(request: HttpRequest) -> HttpResponse:
    """Staff paste a fingerprint: which visit, patient, language and date, and does it still match?"""
    form = VerifyForm(request.GET or None)
    matches = None
    if form.is_valid():
        matches = fingerprint_matches(user=request.user, fingerprint=form.cleaned_data["fingerprint"])
    return render(request, "screening/report_verify.html", {"form": form, "matches": matches})


@staff_required
def reports_zip(request: HttpRequest) -> HttpResponse:
    """`?visit=<uuid>&visit=<uuid>…&lang=en`: one ZIP of reports, streamed as they are rendered."""
    form = ReportBatchForm(request.GET)
    if not form.is_valid() or not form.cleaned_data["visit"]:
        return HttpResponseBadRequest("give visit=<uuid> (repeated) and lang=zh-hans|en")
    ids, lang = form.cleaned_data["visit"], form.cleaned_data["lang"]
    visits = Visit.objects.for_user(request.user).filter(pk__in=ids)
    if visits.count() != len(ids):
        raise Http404
    log_access(request, "report", f"zip visits={len(ids)} lang={lang}")
    stream = reports_zip_stream(visits, lang, printed_by=request.user, workers=default_workers(len(ids)))
    response = StreamingHttpResponse(stream, content_type="application/zip")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="reports-{lang}-{stamp}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response
