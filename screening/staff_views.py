"""Staff-only pages: CSV import with a preview before anything is written, and CSV export."""

from __future__ import annotations

import uuid
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from screening.access_log import log_access
from screening.dictionary import EXPORT_COLUMNS
from screening.exporter import export_queryset, visit_row
from screening.forms.staff import ImportForm
from screening.importer import ImportFileError, parse_file
from screening.models import Visit
from screening.selectors import sites_for_user
from screening.services import visits_import
from screening.tasks import import_visits_file

UPLOAD_DIR = settings.VAR_DIR / "imports"


def staff_required(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _stash(data: bytes) -> str:
    UPLOAD_DIR.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex
    (UPLOAD_DIR / f"{token}.csv").write_bytes(data)
    return token


def _unstash(token: str) -> Path | None:
    path = UPLOAD_DIR / f"{token}.csv"
    return path if len(token) == 32 and token.isalnum() and path.exists() else None


@staff_required
def import_visits(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, sites=sites_for_user(request.user))
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        site, skip = form.cleaned_data["site"], form.cleaned_data["skip_invalid"]
        try:
            rows, problems = parse_file(data)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
            return render(request, "screening/import.html", context)
        report = visits_import(site=site, rows=rows, dry_run=True) if not problems else None
        token = _stash(data) if report and (not report.errors or skip) and len(report.skipped_rows) < report.rows else ""
        request.session["import"] = {"token": token, "site": str(site.pk), "skip": skip,
                                     "name": Path(upload.name or "").name}
        context.update(report=report, problems=problems, token=token, site=site, skip=skip)
    return render(request, "screening/import.html", context)


@staff_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.pop("import", None) or {}
    path = _unstash(pending.get("token", ""))
    site = sites_for_user(request.user).filter(pk=pending.get("site")).first()
    if path is None or site is None or request.POST.get("token") != pending.get("token"):
        return redirect("screening:import_visits")
    if settings.CELERY_BROKER_URL:  # a worker does it; the page does not wait for a large file
        import_visits_file.delay(str(path), site.code, pending.get("skip", False), request.user.pk,
                                 pending.get("name", ""))
        log_access(request, "import", f"site={site.code} queued")
        return render(request, "screening/import.html", {"form": None, "queued": True, "site": site})
    rows, _problems = parse_file(path.read_bytes())
    report = visits_import(site=site, rows=rows, skip_invalid=pending.get("skip", False), user=request.user,
                           source_name=pending.get("name", ""))
    path.unlink(missing_ok=True)
    log_access(request, "import", f"site={site.code} visits={report.imported}")
    return render(request, "screening/import.html", {"form": None, "done": report, "site": site})


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

