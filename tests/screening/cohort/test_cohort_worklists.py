"""Worklists: overdue reassessments, unconfirmed warnings, incomplete assessments, implausible changes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.screening.cohort.cohort_support import patient, reviewer, visit

pytestmark = pytest.mark.django_db
TODAY = date.today()


@pytest.fixture
def staff_client(client):
    client.force_login(reviewer("root", superuser=True))
    return client


def _listed(client, kind: str, **query) -> list:
    response = client.get(reverse("cohort:worklist", args=[kind]), query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return list(response.context["page"].object_list)


def test_it_lists_patients_overdue_for_reassessment_longest_waiting_first(staff_client, site_a):
    # Default interval 182 days: 200 and 400 days ago are due, 100 days ago is not; no visit at all is due.
    for identifier, days in (("DUE-200", 200), ("DUE-400", 400), ("RECENT", 100)):
        p = patient(site_a, identifier)
        visit(p, TODAY - timedelta(days=500))
        visit(p, TODAY - timedelta(days=days))
    patient(site_a, "NEVER")
    assert [p.identifier for p in _listed(staff_client, "overdue")] == ["NEVER", "DUE-400", "DUE-200"]


@override_settings(REASSESSMENT_INTERVAL_DAYS=90)
def test_it_reads_the_reassessment_interval_from_settings(staff_client, site_a):
    visit(patient(site_a, "RECENT"), TODAY - timedelta(days=100))
    assert [p.identifier for p in _listed(staff_client, "overdue")] == ["RECENT"]


def test_it_lists_visits_with_unconfirmed_warnings(staff_client, site_a):
    visit(patient(site_a, "UNCONFIRMED"), TODAY, warnings=["height unusually low"], warnings_confirmed=False)
    visit(patient(site_a, "CONFIRMED"), TODAY, warnings=["height unusually low"], warnings_confirmed=True)
    visit(patient(site_a, "NONE"), TODAY, warnings=[], warnings_confirmed=False)
    listed = _listed(staff_client, "warnings")
    assert [v.patient.identifier for v in listed] == ["UNCONFIRMED"]


def test_it_lists_latest_visits_incomplete_under_the_sites_primary_set(staff_client, site_a, site_b):
    # Site A is Asian (AWGS 2019 primary); site B is not (EWGSOP2 primary).
    visit(patient(site_a, "A-INSUFFICIENT"), TODAY, {"awgs2019": "insufficient_data"})
    visit(patient(site_a, "A-TO-COMPLETE"), TODAY, {"awgs2019": "possible"}, to_complete={"awgs2019": ["asmi"]})
    visit(
        patient(site_a, "A-OTHER-SET"),
        TODAY,
        {"ewgsop2": "insufficient_data"},
        to_complete={"ewgsop2": ["asm_or_asmi"]},
    )
    done_later = patient(site_a, "A-DONE-LATER")
    visit(done_later, TODAY - timedelta(days=30), {"awgs2019": "insufficient_data"})
    visit(done_later, TODAY)
    visit(patient(site_b, "B-TO-COMPLETE"), TODAY, {"ewgsop2": "probable"}, to_complete={"ewgsop2": ["asm_or_asmi"]})
    listed = {v.patient.identifier: info for v, info in _listed(staff_client, "incomplete")}
    assert set(listed) == {"A-INSUFFICIENT", "A-TO-COMPLETE", "B-TO-COMPLETE"}
    assert listed["A-TO-COMPLETE"]["measure"] == ["ASMI (DXA or BIA)"]
    assert listed["B-TO-COMPLETE"]["set"] == "EWGSOP2 (2019)"


def test_the_incomplete_worklist_follows_the_primary_set_staff_chose(staff_client, site_a):
    site_a.primary_set = "awgs2025"  # DECISIONS.md §8: staff switch the site to AWGS 2025
    site_a.save()
    visit(patient(site_a, "A-RISK-UNANSWERED"), TODAY, {"awgs2025": "insufficient_data"})
    visit(patient(site_a, "A-2019-ONLY"), TODAY, {"awgs2019": "insufficient_data", "awgs2025": "at_risk"})
    listed = {v.patient.identifier: info for v, info in _listed(staff_client, "incomplete")}
    assert set(listed) == {"A-RISK-UNANSWERED"}
    assert listed["A-RISK-UNANSWERED"]["set"] == "AWGS 2025"


@pytest.mark.parametrize(
    "first, second, flagged",
    [
        ({"height_cm": 160.0}, {"height_cm": 164.0}, True),  # 4 cm > 3 cm
        ({"height_cm": 160.0}, {"height_cm": 157.0}, False),  # exactly 3 cm: not more than
        ({"weight_kg": 60.0}, {"weight_kg": 67.0}, True),  # 11.7 % > 10 %
        ({"weight_kg": 60.0}, {"weight_kg": 54.5}, False),  # 9.2 %
        ({"weight_kg": 60.0}, {"weight_kg": None}, False),  # nothing to compare
    ],
)
def test_it_flags_implausible_changes_between_consecutive_visits(staff_client, site_a, first, second, flagged):
    p = patient(site_a, "P")
    visit(p, TODAY - timedelta(days=60), **first)
    visit(p, TODAY, **second)
    listed = _listed(staff_client, "implausible")
    assert [v.visit_date for v in listed] == ([TODAY] if flagged else [])


def test_it_compares_each_visit_with_the_one_just_before(staff_client, site_a):
    p = patient(site_a, "P")
    for days, height in ((90, 160.0), (60, 165.0), (30, 165.5)):
        visit(p, TODAY - timedelta(days=days), height_cm=height)
    listed = _listed(staff_client, "implausible")
    assert [(v.visit_date, v.previous_height) for v in listed] == [(TODAY - timedelta(days=60), 160.0)]


def test_it_rejects_an_unknown_worklist(staff_client):
    assert staff_client.get(reverse("cohort:worklist", args=["nothing"])).status_code == 404
