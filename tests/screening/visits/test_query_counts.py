"""Query counts pinned for the clinician's pages: the patient page, the visit page and the two PDFs cost the
same number of queries with one visit or six, so an N+1 fails here. (The patient list's count is pinned in
test_patient_list_columns.py and, for every order, test_patient_list_sorting.py.)"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from screening.models import Patient
from tests.screening.reports.test_report_fingerprint import fake_pdf  # noqa: F401
from tests.screening.reports.test_report_fixtures import make_visit, report_cache  # noqa: F401

pytestmark = pytest.mark.django_db
# Low grip, slow gait, low ASMI and HbA1c 7.5 %: sarcopenia with several mechanisms flagged, so each visit has
# components, decisive tests, mechanisms and trend points to load.
FLAGGED = {"grip_strength_kg": 14.0, "gait_speed_m_s": 0.7, "asmi_kg_m2": 5.0, "hba1c_pct": 7.5, "albumin_g_l": 32.0}


@pytest.fixture(params=[1, 6], ids=["one-visit", "six-visits"])
def visits(request, clinician_a, patient_a, site_a):
    """The patient's visits, oldest first, beside another patient of the site with visits of their own."""
    other = Patient.objects.create(
        site=site_a, identifier="A-002", name="李华", sex="M", date_of_birth=date(1950, 1, 1)
    )
    make_visit(other, clinician_a, date(2026, 1, 1), **FLAGGED)
    return [
        make_visit(patient_a, clinician_a, date(2025, 1, 1) + timedelta(days=60 * i), **FLAGGED)
        for i in range(request.param)
    ]


def test_the_patient_page(client_a, patient_a, visits, django_assert_num_queries):
    url = reverse("screening:patient_detail", args=[patient_a.pk])
    client_a.get(url)  # warm the session
    # the session, the user, the patient with its site (the access check), the patient's visits
    with django_assert_num_queries(4):
        assert client_a.get(url).status_code == 200


def test_the_visit_page(client_a, visits, django_assert_num_queries):
    url = reverse("screening:visit_detail", args=[visits[-1].pk])
    client_a.get(url)
    # the session, the user, the visit with its patient, site, clinician and importer (the access check)
    with django_assert_num_queries(3):
        response = client_a.get(url)
    assert response.status_code == 200 and 'data-mechanism="' in response.content.decode()


@pytest.mark.parametrize("name", ["report_pdf", "take_home_pdf"])
def test_the_pdf_downloads(client_a, visits, name, fake_pdf, django_assert_num_queries):
    url = reverse(f"screening:{name}", args=[visits[-1].pk])
    client_a.get(url, {"lang": "zh-hans"})
    # the session, the user, the visit (the access check), the patient's visits up to it (fingerprint, trend),
    # then in one transaction (a savepoint in a test): the print-log row and the access-log row
    for _rendered_then_cached in range(2):
        with django_assert_num_queries(8):
            response = client_a.get(url, {"lang": "en"})
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
