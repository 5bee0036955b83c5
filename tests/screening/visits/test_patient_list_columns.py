"""The patient list shows each patient's age, sex, last visit, latest category under the site's primary set
and when reassessment is due, in a fixed number of queries whatever the page holds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from screening.models import Patient
from tests.screening.reports.test_report_fixtures import make_visit, report_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def test_it_shows_the_latest_result_and_when_reassessment_is_due(client_a, clinician_a, patient_a, site_a):
    old = date.today() - timedelta(days=settings.REASSESSMENT_INTERVAL_DAYS + 10)
    make_visit(patient_a, clinician_a, old - timedelta(days=100), grip_strength_kg=25.0, gait_speed_m_s=1.2)
    make_visit(patient_a, clinician_a, old, grip_strength_kg=14.0, asmi_kg_m2=5.0, gait_speed_m_s=1.2)
    Patient.objects.create(site=site_a, identifier="A-002", name="李华", sex="M", date_of_birth=date(1950, 1, 1))
    page = client_a.get(reverse("screening:patient_list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f">{old:%Y-%m-%d}</a>" in page  # the last visit, linked
    # AWGS 2019 (site A's primary set): grip 14 kg < 18 kg and ASMI 5.0 < 5.4 kg/m² (criteria.md §3): sarcopenia
    assert 'data-category="sarcopenia">Sarcopenia<' in page
    due = old + timedelta(days=settings.REASSESSMENT_INTERVAL_DAYS)
    assert f"{due:%Y-%m-%d} · overdue" in page
    assert "no visit yet" in page
    assert "---------" not in page and "All sites" in page


def test_its_query_count_does_not_grow_with_the_page(client_a, clinician_a, site_a, django_assert_num_queries):
    for i in range(30):
        patient = Patient.objects.create(
            site=site_a, identifier=f"Q-{i:03d}", name=f"P{i}", sex="F", date_of_birth=date(1945, 1, 1)
        )
        make_visit(patient, clinician_a, date(2026, 1, 1), grip_strength_kg=20.0)
    client_a.get(reverse("screening:patient_list"))  # warm the session
    # the session, the user, the page of patients with their sites, the page's latest visits, the site
    # choices of the search form
    with django_assert_num_queries(5) as captured:
        client_a.get(reverse("screening:patient_list"))
    assert sum("screening_visit" in q["sql"] for q in captured.captured_queries) == 1
