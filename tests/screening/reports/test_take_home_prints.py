"""The patient's take-home page is in the print log like the clinician's report (which document, language,
fingerprint, by whom), and /reports/verify names it and says whether the visit still says the same."""

from __future__ import annotations

import pytest
from django.urls import reverse

from screening.models import AccessEvent, ReportPrint
from screening.reports.context import report_visits
from screening.reports.take_home import take_home_fingerprint
from screening.visits.services import visit_save, visit_void
from tests.screening.reports.test_report_fingerprint import fake_pdf, reload  # noqa: F401
from tests.screening.reports.test_report_fixtures import four_visits, latest, report_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def take_home(client, visit, lang: str) -> str:
    response = client.get(reverse("screening:take_home_pdf", args=[visit.pk]), {"lang": lang})
    assert response.status_code == 200
    return ReportPrint.objects.filter(visit=visit).latest("printed_at").fingerprint


def test_each_take_home_download_records_a_print_of_that_document(client, clinician_a, latest, fake_pdf):
    client.force_login(clinician_a)
    take_home(client, latest, "zh-hans")
    take_home(client, latest, "en")
    client.get(reverse("screening:report_pdf", args=[latest.pk]), {"lang": "en"})
    prints = {(p.document, p.language, p.printed_by_id, p.rule_set_version) for p in ReportPrint.objects.all()}
    assert prints == {
        ("take_home", "zh-hans", clinician_a.pk, latest.rule_set_version),
        ("take_home", "en", clinician_a.pk, latest.rule_set_version),
        ("report", "en", clinician_a.pk, latest.rule_set_version),
    }
    recorded = ReportPrint.objects.get(document="take_home", language="en").fingerprint
    assert recorded == take_home_fingerprint(latest, "en", report_visits(latest))
    assert AccessEvent.objects.filter(action="report", target__endswith="take-home").count() == 2


def test_verify_names_the_take_home_page_and_says_it_still_matches(client, clinician_a, staff, latest, fake_pdf):
    client.force_login(clinician_a)
    fingerprint = take_home(client, latest, "en")
    client.force_login(staff)
    page = client.get(
        reverse("screening:report_verify"), {"fingerprint": fingerprint}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "A-001" in page and "2026-05-01" in page and "English" in page
    assert 'data-document="take_home">Patient&#x27;s take-home page<' in page
    assert 'data-verify="matches"' in page and 'data-verify="changed"' not in page


def test_verify_says_the_take_home_page_changed_after_an_edit(client, clinician_a, staff, latest, fake_pdf):
    client.force_login(clinician_a)
    fingerprint = take_home(client, latest, "zh-hans")
    visit = reload(latest)
    visit.grip_strength_kg = 26.0
    visit_save(visit=visit, expected_version=visit.version, reason="re-measured grip")
    client.force_login(staff)
    page = client.get(reverse("screening:report_verify"), {"fingerprint": fingerprint}).content.decode()
    assert 'data-document="take_home"' in page
    assert 'data-verify="changed"' in page and 'data-verify="matches"' not in page


def test_a_report_print_is_still_verified_as_the_report(client, clinician_a, staff, latest, fake_pdf):
    client.force_login(clinician_a)
    client.get(reverse("screening:report_pdf", args=[latest.pk]), {"lang": "en"})
    take_home(client, latest, "en")
    report = ReportPrint.objects.get(document="report")
    client.force_login(staff)
    page = client.get(
        reverse("screening:report_verify"), {"fingerprint": report.fingerprint}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert page.count("data-document=") == 1  # the take-home page has a fingerprint of its own
    assert 'data-document="report">Clinician&#x27;s report<' in page and 'data-verify="matches"' in page


def test_verify_says_a_print_of_a_voided_visit_no_longer_stands(client, clinician_a, staff, latest, fake_pdf):
    # "no report with this fingerprint" would hide that the paper in the patient's hand was withdrawn
    client.force_login(clinician_a)
    fingerprint = take_home(client, latest, "en")
    visit = reload(latest)
    visit_void(visit=visit, user=clinician_a, reason="entered for the wrong patient", expected_version=visit.version)
    client.force_login(staff)
    page = client.get(
        reverse("screening:report_verify"), {"fingerprint": fingerprint}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'data-verify="voided"' in page and "entered for the wrong patient" in page
    assert 'data-verify="matches"' not in page and 'data-verify="none"' not in page
