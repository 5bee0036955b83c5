"""Operations endpoints: a health check load balancers can call, and Prometheus metrics."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django_prometheus.exports import ExportToDjangoView


@login_not_required
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 otherwise; no data, no login."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_not_required
@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    """Request and report-render counts for a scraper holding METRICS_TOKEN, or for staff."""
    token = settings.METRICS_TOKEN
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    allowed = (token and hmac.compare_digest(sent, token)) or (request.user.is_authenticated and request.user.is_staff)
    if not allowed:
        return HttpResponse(status=403)
    return ExportToDjangoView(request)
