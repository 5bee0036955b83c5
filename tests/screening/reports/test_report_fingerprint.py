"""The content fingerprint and /reports/verify: staff learn which visit a printed report belongs to and
whether the visit still says the same."""

from __future__ import annotations

import pytest
from django.urls import reverse

from screening.models import ReportPrint, Visit
from screening.reports.context import report_fingerprint
from screening.reports.service import report_print_record, visit_report
from screening.visits.services import visit_save
from tests.screening.reports.test_report_fixtures import four_visits, latest, report_cache  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_pdf(monkeypatch):
    """These tests are about content, not rendering: a stand-in PDF keeps WeasyPrint out."""
    monkeypatch.setattr("screening.reports.pdf.render_pdf", lambda html: b"%PDF-1.7 stand-in")


def reload(visit: Visit) -> Visit:
    return Visit.objects.select_related("patient__site", "clinician").get(pk=visit.pk)


def test_it_is_stable_and_differs_by_language(latest):
    assert report_fingerprint(latest, "en") == report_fingerprint(reload(latest), "en")
    assert report_fingerprint(latest, "en") != report_fingerprint(latest, "zh-hans")


def test_it_changes_when_a_value_of_the_visit_changes(latest):
    before = report_fingerprint(latest, "zh-hans")
    latest.grip_strength_kg = 14.5
    visit_save(visit=latest, expected_version=latest.version)
    assert report_fingerprint(reload(latest), "zh-hans") != before


def test_it_follows_earlier_visits_but_not_later_ones(four_visits):
    first, last = reload(four_visits[0]), reload(four_visits[-1])
    first_before, last_before = report_fingerprint(first, "en"), report_fingerprint(last, "en")
    first.gait_speed_m_s = 0.95
    visit_save(visit=first, expected_version=first.version)
    assert report_fingerprint(reload(four_visits[-1]), "en") != last_before  # its trend chart changed
    unchanged_first = report_fingerprint(reload(first), "en")
    later = reload(four_visits[-1])
    later.grip_strength_kg = 13.0
    visit_save(visit=later, expected_version=later.version)
    assert report_fingerprint(reload(first), "en") == unchanged_first
    assert unchanged_first != first_before


def test_a_newer_visit_leaves_the_report_of_the_latest_one_unchanged(latest, clinician_a):
    from datetime import timedelta

    from tests.screening.reports.test_report_fixtures import make_visit

    before = report_fingerprint(latest, "en")
    make_visit(latest.patient, clinician_a, latest.visit_date + timedelta(days=90), grip_strength_kg=15.0)
    again = reload(latest)
    assert not again.is_latest  # its bookkeeping changed, what its report states did not
    assert report_fingerprint(again, "en") == before


def printed(visit: Visit, user, lang: str = "zh-hans") -> str:
    report = visit_report(visit, lang)
    report_print_record(report=report, user=user)
    return report.fingerprint


def test_verify_names_the_visit_and_says_it_still_matches(client, staff, latest, fake_pdf):
    fingerprint = printed(latest, staff)
    client.force_login(staff)
    response = client.get(reverse("screening:report_verify"), {"fingerprint": fingerprint.upper()})
    page = response.content.decode()
    assert response.status_code == 200
    assert "王秀英" in page and "A-001" in page and "2026-05-01" in page and "简体中文" in page
    assert 'data-verify="matches"' in page


def test_verify_says_changed_after_an_edit(client, staff, latest, fake_pdf):
    fingerprint = printed(latest, staff)
    latest.gait_speed_m_s = 0.85
    visit_save(visit=latest, expected_version=latest.version, reason="corrected gait time")
    client.force_login(staff)
    page = client.get(reverse("screening:report_verify"), {"fingerprint": fingerprint}).content.decode()
    assert 'data-verify="changed"' in page and 'data-verify="matches"' not in page


def test_verify_finds_nothing_for_an_unknown_fingerprint_and_rejects_garbage(client, staff, latest):
    client.force_login(staff)
    page = client.get(reverse("screening:report_verify"), {"fingerprint": "0" * 64}).content.decode()
    assert 'data-verify="none"' in page
    response = client.get(reverse("screening:report_verify"), {"fingerprint": "not-a-hash"})
    assert response.status_code == 200 and response.context["form"].errors


def test_verify_is_for_staff_only(client, clinician_a, latest):
    url = reverse("screening:report_verify")
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(clinician_a)
    assert client.get(url).status_code == 403


def test_each_download_records_a_print(client, clinician_a, latest, fake_pdf):
    client.force_login(clinician_a)
    for _ in range(2):
        client.get(reverse("screening:report_pdf", args=[latest.pk]), {"lang": "en"})
    prints = ReportPrint.objects.filter(visit=latest)
    assert prints.count() == 2
    assert {(p.language, p.printed_by_id, p.rule_set_version) for p in prints} == {
        ("en", clinician_a.pk, latest.rule_set_version)
    }
    assert prints[0].fingerprint == report_fingerprint(latest, "en")


def test_it_costs_one_query_however_many_visits(latest, django_assert_num_queries):
    # 1: the patient's visits, whose rows carry their stored results
    with django_assert_num_queries(1):
        report_fingerprint(latest, "en")
