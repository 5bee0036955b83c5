"""Staff downloads of the labelled statistical files and their codebook (cohort filters apply)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from screening.access_log import log_access
from screening.cohort.views import _export
from screening.interop import stats
from screening.staff_views import staff_required

CONTENT_TYPES = {"sav": "application/x-spss-sav", "dta": "application/x-stata-dta"}


@staff_required
def export_statistical(request: HttpRequest, fmt: str) -> HttpResponse:
    """The cohort export as .sav or .dta; written to a temporary file that goes away once sent."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    rows, stem = _export(request, fmt)
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
