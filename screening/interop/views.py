"""Downloads: labelled statistical files and their codebook (staff, cohort filters apply), FHIR Bundles
of a visit or a patient (anyone who may see them) and of the filtered cohort (staff). All access-logged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.exceptions import BadRequest
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from screening.accounts.access_log import log_access
from screening.accounts.decorators import staff_required
from screening.cohort.forms import ExportForm
from screening.cohort.request_filters import export_request
from screening.cohort.selectors import visits_filtered
from screening.interop import stats
from screening.interop.fhir_in import FhirImportError, fhir_import
from screening.interop.fhir_out import bundle_chunks, bundle_resources
from screening.interop.forms import FhirImportForm
from screening.models import Visit
from screening.selectors import patient_get, sites_for_user, visit_get

CONTENT_TYPES = {"sav": "application/x-spss-sav", "dta": "application/x-stata-dta"}


@staff_required
def export_statistical(request: HttpRequest, fmt: str) -> HttpResponse:
    """The cohort export as .sav or .dta; written to a temporary file that goes away once sent."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    rows, stem = export_request(request, fmt)
    pseudonymised = "pseudonymised" in stem
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export.{fmt}"
        count = stats.write(rows, path, fmt=fmt, pseudonymised=pseudonymised)
        handle = path.open("rb")  # stays readable after the folder is removed (POSIX)
    log_access(request, "export", f"cohort.{fmt} visits={count}{' pseudonymised' if pseudonymised else ''}")
    return FileResponse(handle, as_attachment=True, filename=f"{stem}.{fmt}", content_type=CONTENT_TYPES[fmt])


@staff_required
def codebook(request: HttpRequest) -> HttpResponse:
    pseudonymised = request.GET.get("pseudonymise") == "on"
    return HttpResponse(stats.codebook_html(pseudonymised=pseudonymised), content_type="text/html; charset=utf-8")


def _bundle_response(resources, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(bundle_chunks(resources), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def visit_fhir(request: HttpRequest, pk) -> HttpResponse:
    """One visit as a FHIR Bundle, its DiagnosticReport carrying both clinician PDFs."""
    visit = visit_get(user=request.user, pk=pk)
    log_access(request, "export", f"fhir visit={visit.pk}")
    resources = bundle_resources(Visit.objects.filter(pk=visit.pk), with_pdf=True)
    return _bundle_response(resources, f"visit-{visit.visit_date.isoformat()}-{visit.pk.hex[:8]}.fhir.json")


def patient_fhir(request: HttpRequest, pk) -> HttpResponse:
    patient = patient_get(user=request.user, pk=pk)
    log_access(request, "export", f"fhir patient={patient.pk}")
    return _bundle_response(
        bundle_resources(Visit.objects.filter(patient=patient)), f"patient-{patient.pk.hex[:8]}.fhir.json"
    )


@staff_required
def cohort_fhir(request: HttpRequest) -> HttpResponse:
    """The filtered cohort as one Bundle (optionally pseudonymised), streamed."""
    form = ExportForm(request.GET or None, sites=sites_for_user(request.user))
    if form.is_bound and not form.is_valid():
        raise BadRequest("invalid export filters")
    pseudonymise = form.is_bound and form.cleaned_data["pseudonymise"]
    visits = visits_filtered(user=request.user, filters=form.filters())
    log_access(request, "export", f"fhir cohort{' pseudonymised' if pseudonymise else ''}")
    stem = f"cohort{'-pseudonymised' if pseudonymise else ''}-{timezone.localdate():%Y%m%d}"
    return _bundle_response(bundle_resources(visits, pseudonymise=pseudonymise), f"{stem}.fhir.json")


@staff_required
def import_fhir(request: HttpRequest) -> HttpResponse:
    """Upload a Bundle: checked (and, unless "check only", written) as `import_fhir` does; all or nothing."""
    form = FhirImportForm(request.POST or None, request.FILES or None, sites=sites_for_user(request.user))
    report = None
    if request.method == "POST" and form.is_valid():
        site, dry_run = form.cleaned_data["site"], form.cleaned_data["dry_run"]
        try:
            report = fhir_import(site=site, data=form.cleaned_data["file"].read(), dry_run=dry_run, user=request.user)
        except FhirImportError as exc:
            form.add_error("file", str(exc))
        else:
            if not dry_run and not report.errors:
                log_access(request, "import", f"fhir site={site.code} visits={report.created + report.completed}")
    return render(request, "screening/interop/import_fhir.html", {"form": form, "report": report})
