"""Who may download reports: the visit page's rules for one PDF, staff only for the ZIP of many."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from screening.models import Patient, ReportPrint
from tests.screening.reports.test_report_fixtures import four_visits, latest, make_visit, report_cache  # noqa: F401

pytestmark = pytest.mark.django_db
STAND_IN = b"%PDF-1.7 stand-in"


@pytest.fixture(autouse=True)
def fake_pdf(monkeypatch):
    """Access rules do not need WeasyPrint: a stand-in PDF keeps these tests fast."""
    monkeypatch.setattr("screening.reports.pdf.render_pdf", lambda html: STAND_IN)


def pdf_url(visit, lang: str | None = None) -> str:
    url = reverse("screening:report_pdf", args=[visit.pk])
    return f"{url}?lang={lang}" if lang else url


def test_it_sends_anonymous_users_to_login(client, latest):
    for url in (pdf_url(latest, "en"), reverse("screening:report_verify"), reverse("screening:reports_zip")):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url


def test_it_answers_404_to_a_clinician_of_another_site(client, clinician_b, latest):
    client.force_login(clinician_b)
    assert client.get(pdf_url(latest, "zh-hans")).status_code == 404
    assert not ReportPrint.objects.exists()


def test_it_serves_the_sites_clinician_and_staff_inline_without_the_patients_name(client, clinician_a, staff, latest):
    for user in (clinician_a, staff):
        client.force_login(user)
        response = client.get(pdf_url(latest, "zh-hans"))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        disposition = response["Content-Disposition"]
        assert disposition.startswith("inline;") and "report-2026-05-01-" in disposition
        assert "A-001" not in disposition and "王秀英" not in disposition
        assert response.content == STAND_IN
    assert ReportPrint.objects.filter(visit=latest).count() == 2


def test_it_defaults_to_the_interface_language_and_refuses_others(client, clinician_a, latest):
    client.force_login(clinician_a)
    response = client.get(pdf_url(latest), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('-en.pdf"')
    assert client.get(pdf_url(latest, "fr")).status_code == 400


def test_the_visit_page_offers_both_languages(client, clinician_a, latest):
    client.force_login(clinician_a)
    page = client.get(reverse("screening:visit_detail", args=[latest.pk])).content.decode()
    for lang in ("zh-hans", "en"):
        assert f'{pdf_url(latest, lang)}"' in page


def zip_get(client, visits, lang="en"):
    return client.get(reverse("screening:reports_zip"), {"visit": [str(v.pk) for v in visits], "lang": lang})


def test_staff_get_a_zip_of_the_given_visits(client, staff, four_visits):
    client.force_login(staff)
    response = zip_get(client, four_visits[:3])
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert len(names) == 3 and all(n.startswith("report-") and n.endswith("-en.pdf") for n in names)
    assert all(archive.read(n) == STAND_IN for n in names)
    assert ReportPrint.objects.filter(printed_by=staff).count() == 3


def test_the_zip_is_staff_only_and_limited_to_their_sites(client, clinician_a, staff, site_b, four_visits):
    client.force_login(clinician_a)
    assert zip_get(client, four_visits).status_code == 403
    other = Patient.objects.create(site=site_b, identifier="B-001", sex="M", date_of_birth=date(1950, 1, 1))
    from screening.models import Membership

    Membership.objects.create(user=staff, site=site_b)  # staff tied to site B only
    client.force_login(staff)
    assert zip_get(client, [four_visits[0]]).status_code == 404
    assert zip_get(client, [make_visit(other, staff, date(2026, 1, 5), grip_strength_kg=30.0)]).status_code == 200
    response = client.get(reverse("screening:reports_zip"), {"visit": "not-a-uuid", "lang": "en"})
    assert response.status_code == 400
