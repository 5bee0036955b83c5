"""Admin action: the selected visits' take-home reports as one ZIP, streamed as they are rendered.

The same download as the staff ZIP URL (report_views.reports_zip): limited to the visits the staff
user may see, recorded per report (ReportPrint) and once in the access log, rendered by a few worker
processes and served from the PDF cache where it can. Reports are in the admin user's interface
language (their saved preference, which the language middleware applies), else in Chinese. Wire it
with `actions = [download_reports_zip]` on VisitAdmin.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from screening.accounts.access_log import log_access
from screening.models import Visit
from screening.reports.batch import default_workers, reports_zip_stream
from screening.reports.service import report_language

MAX_VISITS = 1000  # a larger ZIP is a job for `render_reports`, not for one browser request


def admin_report_language(request: HttpRequest) -> str:
    """The admin user's interface language as a report language; zh-hans when there is none."""
    code = getattr(request, "LANGUAGE_CODE", "") or ""
    return report_language(None, fallback=code) if code else "zh-hans"


@admin.action(description=_l("Download PDF reports (ZIP)"), permissions=["view"])
def download_reports_zip(modeladmin, request: HttpRequest, queryset) -> StreamingHttpResponse | None:
    """One PDF per selected visit (in the user's sites only), as a ZIP download."""
    visits = Visit.objects.for_user(request.user).filter(pk__in=queryset.values("pk"))
    count = visits.count()
    if count > MAX_VISITS:
        modeladmin.message_user(
            request,
            _("Select at most %(max)s visits for one ZIP of reports (%(count)s selected).")
            % {"max": MAX_VISITS, "count": count},
            messages.ERROR,
        )
        return None
    lang = admin_report_language(request)
    log_access(request, "report", f"zip visits={count} lang={lang} admin")
    stream = reports_zip_stream(visits, lang, printed_by=request.user, workers=default_workers(count))
    response = StreamingHttpResponse(stream, content_type="application/zip")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="reports-{lang}-{stamp}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response
