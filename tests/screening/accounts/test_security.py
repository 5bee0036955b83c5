"""Security behaviour: lockout after failed logins, headers, health and metrics access, access log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from screening.models import AccessEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_locks_an_account_out_after_repeated_failed_logins(client, clinician_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "clin-a", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "clin-a", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessEvent.objects.filter(action="login_failed", username="clin-a").count() >= settings.AXES_FAILURE_LIMIT


def test_it_logs_a_successful_login_with_who_and_when(client, clinician_a):
    response = client.post(reverse("login"), {"username": "clin-a", "password": PASSWORD})
    assert response.status_code == 302
    event = AccessEvent.objects.get(action="login")
    assert event.user == clinician_a and event.at is not None


def test_it_sends_a_csp_without_inline_script_and_security_headers(client_a):
    response = client_a.get(reverse("screening:patient_list"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_it_serves_no_inline_script_on_the_main_pages(client_a, patient_a):
    import re

    for url in (
        reverse("screening:patient_list"),
        reverse("screening:patient_detail", args=[patient_a.pk]),
        reverse("screening:visit_create", args=[patient_a.pk]),
        reverse("screening:mechanisms_background"),
    ):
        html = client_a.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\son[a-z]+=\"", html), url


def test_it_marks_the_session_cookie_httponly_and_samesite(client, clinician_a):
    response = client.post(reverse("login"), {"username": "clin-a", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_it_expires_idle_sessions_after_the_configured_time(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_REFRESH_SECONDS == 60


def test_activity_renews_the_session_at_most_once_a_minute(client, clinician_a, monkeypatch):
    from django.contrib.sessions.models import Session

    from screening.accounts import middleware

    clock = [1_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    client.force_login(clinician_a)
    client.get(reverse("screening:patient_list"))
    key = client.cookies["sessionid"].value
    first = Session.objects.get(session_key=key).expire_date
    clock[0] += 30
    client.get(reverse("screening:patient_list"))
    assert Session.objects.get(session_key=key).expire_date == first  # no write within the minute
    clock[0] += 31
    client.get(reverse("screening:patient_list"))
    assert Session.objects.get(session_key=key).expire_date > first  # renewed: idle time starts again


def test_health_needs_no_login_and_checks_the_database(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "ok"}


def test_metrics_need_the_token_or_staff(client, clinician_a, staff, settings):
    assert client.get(reverse("metrics")).status_code == 403
    client.force_login(clinician_a)
    assert client.get(reverse("metrics")).status_code == 403
    client.force_login(staff)
    body = client.get(reverse("metrics")).content.decode()
    assert "django_http_requests_total_by_method_total" in body and "sarcopenia_visits_saved_total" in body
    client.logout()
    settings.METRICS_TOKEN = "scraper-token-123"
    assert client.get(reverse("metrics"), HTTP_AUTHORIZATION="Bearer scraper-token-123").status_code == 200
    assert client.get(reverse("metrics"), HTTP_AUTHORIZATION="Bearer wrong").status_code == 403


def test_it_logs_exports(client, staff):
    client.force_login(staff)
    response = client.get(reverse("screening:export_visits"))
    b"".join(response.streaming_content)
    assert AccessEvent.objects.filter(action="export", user=staff).exists()


def test_it_shows_no_patient_data_on_a_404(client_a, site_b):
    from datetime import date

    from screening.models import Patient

    other = Patient.objects.create(
        site=site_b, identifier="SECRET-ID", name="秘密", sex="F", date_of_birth=date(1950, 1, 1)
    )
    response = client_a.get(reverse("screening:patient_detail", args=[other.pk]))
    assert response.status_code == 404 and "SECRET-ID" not in response.content.decode()
