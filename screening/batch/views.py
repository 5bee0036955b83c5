"""Staff-only pages: CSV import with a preview before anything is written, the column mapping of device
exports (a file is staged once and read again for the mapping, the preview and the import, so nobody
chooses it twice), and CSV export."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from screening.accounts.access_log import log_access
from screening.accounts.decorators import staff_required
from screening.batch import import_profiles
from screening.batch.exporter import export_queryset, visit_row
from screening.batch.forms import ImportForm
from screening.batch.import_preview import PREVIEW_ROWS, import_preview
from screening.batch.importer import ImportFileError
from screening.batch.imports import visits_import
from screening.batch.mapping_form import MappingForm
from screening.batch.staging import discard, stage, staged_path
from screening.catalogue.dictionary import EXPORT_COLUMNS
from screening.models import ImportProfile, Patient, Visit
from screening.selectors import sites_for_user
from screening.tasks import import_visits_file


def unstash(token: str) -> Path | None:
    """The staged file of a pending import (screening.batch.staging keeps it private and short-lived)."""
    return staged_path(token)


@staff_required
def import_visits(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, sites=sites_for_user(request.user))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        site = form.cleaned_data["site"]
        try:
            route = import_profiles.route_upload(data, upload.name or "", site)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
            return render(request, "screening/import.html", {"form": form})
        discard((request.session.get("import") or {}).get("token"))  # this upload replaces the last one
        pending = {"token": stage(data), "site": str(site.pk), "filename": upload.name or "", **route}
        request.session["import"] = pending
        if pending.get("needs_mapping"):
            return redirect("screening:import_mapping")
        return preview_pending(request, pending, unstash(pending["token"]), site)
    return render(request, "screening/import.html", {"form": form})


def preview_pending(request: HttpRequest, pending: dict, path: Path, site) -> HttpResponse:
    """The dry run of a staged file: the rows as they will be stored, each with its errors and warnings."""
    data = path.read_bytes()
    try:
        rows, problems = import_profiles.read_pending(data, pending)
        sources = import_profiles.pending_sources(data, pending, PREVIEW_ROWS) if not problems else {}
    except ImportFileError as exc:
        rows, problems, sources = [], [str(exc)], {}
    report = visits_import(site=site, rows=rows, dry_run=True) if not problems else None
    preview = import_preview(site=site, rows=rows, sources=sources) if report else None
    importable = bool(report) and len(report.skipped_rows) < report.rows
    if not importable and not pending.get("needs_mapping"):  # nothing to confirm: the staged copy goes now
        discard(pending["token"])
    ignored = [column["source"] for column in pending.get("columns") or [] if not column.get("field")]
    form = ImportForm(sites=sites_for_user(request.user), initial={"site": site})
    context = {
        "form": form,
        "report": report,
        "preview": preview,
        "problems": problems,
        "site": site,
        "token": pending["token"] if importable else "",
        "profile": pending.get("profile", ""),
        "ignored": ignored,
    }
    return render(request, "screening/import.html", context)


@staff_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.pop("import", None) or {}
    path = unstash(pending.get("token", ""))
    site = sites_for_user(request.user).filter(pk=pending.get("site")).first()
    if path is None or site is None or request.POST.get("token") != pending.get("token"):
        discard(pending.get("token"))
        return redirect("screening:import_visits")
    skip = request.POST.get("skip_invalid") == "1"
    if settings.CELERY_BROKER_URL:  # a worker does it; the page does not wait for a large file
        reading = {key: pending.get(key) for key in ("columns", "encoding", "filename")}
        import_visits_file.delay(str(path), site.code, skip, request.user.pk, reading, pending.get("filename", ""))
        log_access(request, "import", f"site={site.code} queued")
        return render(request, "screening/import.html", {"form": None, "queued": True, "site": site})
    try:
        rows, _problems = import_profiles.read_pending(path.read_bytes(), pending)
        report = visits_import(
            site=site, rows=rows, skip_invalid=skip, user=request.user, source_name=pending.get("filename", "")
        )
    finally:  # imported or failed, the staged copy of the file goes
        path.unlink(missing_ok=True)
    log_access(request, "import", f"site={site.code} visits={report.imported}")
    imported = {row.patient["patient_id"] for row in rows if not row.errors} if report.imported else set()
    patients = Patient.objects.filter(site=site, identifier__in=imported).order_by("identifier")
    return render(
        request,
        "screening/import.html",
        {
            "form": None,
            "done": report,
            "site": site,
            "patients": patients[:PREVIEW_ROWS],
            "patients_count": len(imported),
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@staff_required
def export_visits(request: HttpRequest) -> HttpResponse:
    import csv

    visits = Visit.objects.filter(patient__site__in=sites_for_user(request.user))
    code = request.GET.get("site")
    if code:
        visits = visits.filter(patient__site__code=code)
    writer = csv.DictWriter(_Echo(), fieldnames=EXPORT_COLUMNS, lineterminator="\n")

    def lines():
        yield "\ufeff" + ",".join(EXPORT_COLUMNS) + "\n"
        for visit in export_queryset(visits):
            yield writer.writerow(visit_row(visit))

    log_access(request, "export", f"visits.csv site={code or 'all'}")
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="visits.csv"'
    return response


@staff_required
def import_mapping(request: HttpRequest) -> HttpResponse:
    pending = request.session.get("import") or {}
    path = unstash(pending.get("token", ""))
    site = sites_for_user(request.user).filter(pk=pending.get("site")).first()
    if path is None or site is None:
        return redirect("screening:import_visits")
    data = path.read_bytes()
    encoding = request.POST.get("encoding") or pending.get("encoding", "")
    error = ""
    try:
        table = import_profiles.read_table(data, pending.get("filename", ""), encoding)
    except ImportFileError as exc:  # the chosen encoding does not fit: show the file as detected, and why
        error = str(exc)
        try:
            table = import_profiles.read_table(data, pending.get("filename", ""))
        except ImportFileError:
            return redirect("screening:import_visits")
    xlsx = table.encoding == import_profiles.XLSX
    proposal = import_profiles.propose(table.header)
    rereading = "reread" in request.POST or error
    form = MappingForm(
        None if request.method != "POST" or rereading else request.POST,
        mapping=proposal,
        xlsx=xlsx,
        initial={"encoding": table.encoding},
    )
    problems = [error] if error else []
    if form.is_bound and form.is_valid():
        chosen = form.chosen()
        problems = import_profiles.mapping_problems(chosen)
        if not problems:
            columns = [column.as_dict() for column in chosen]
            name = form.cleaned_data["profile_name"].strip()
            if name:
                # django-simple-history records who saved which mapping (admin: import profiles, history)
                ImportProfile.objects.update_or_create(
                    site=site, name=name, defaults={"columns": columns, "encoding": "" if xlsx else table.encoding}
                )
            pending.update(columns=columns, encoding="" if xlsx else table.encoding, profile=name)
            pending.pop("needs_mapping", None)
            request.session["import"] = pending
            return preview_pending(request, pending, path, site)
    samples = [[cells[i] if i < len(cells) else "" for _n, cells in table.rows[:3]] for i in range(len(table.header))]
    context = {
        "form": form,
        "site": site,
        "table": table,
        "xlsx": xlsx,
        "problems": problems,
        "columns": [(*row, samples[i]) for i, row in enumerate(form.rows())],
        "unknown": [c.source for c in proposal if not c.field],
    }
    return render(request, "screening/import_mapping.html", context)
