"""The patient page draws grip, gait speed and ASMI across visits with the primary set's cut-off, as the
report does; one visit draws nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.screening.reports.test_report_fixtures import four_visits, latest, report_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def test_it_draws_the_three_trends_with_their_cut_offs(client_a, four_visits, patient_a):
    page = client_a.get(reverse("screening:patient_detail", args=[patient_a.pk])).content.decode()
    section = re.search(r'<section aria-labelledby="trends-heading" id="trends">(.*?)</section>', page, re.S).group(1)
    assert re.findall(r'data-test="(\w+)"', section) == ["grip_strength", "gait_speed", "asmi"]
    assert section.count("<svg") == 3
    assert "the cut-off of AWGS 2019" in section


def test_one_visit_draws_no_trend(client_a, patient_a, clinician_a):
    from datetime import date

    from tests.screening.reports.test_report_fixtures import make_visit

    make_visit(patient_a, clinician_a, date(2026, 5, 1), grip_strength_kg=15.0)
    page = client_a.get(reverse("screening:patient_detail", args=[patient_a.pk])).content.decode()
    assert 'id="trends"' not in page
