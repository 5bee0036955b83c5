"""Database constraints hold whatever path writes: hard limits, sex, identifiers, mass method."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from screening.models import Patient, Visit

pytestmark = pytest.mark.django_db


def make_visit(patient, **values):
    return Visit.objects.create(patient=patient, visit_date=date(2026, 1, 5), **{"setting": "community", **values})


@pytest.mark.parametrize(
    "values",
    [
        {"height_cm": 99.0},
        {"grip_strength_kg": 0.0},
        {"grip_left_2": 101.0},
        {"gait_speed_m_s": 3.5},
        {"sppb_score": 13},
        {"sarc_f_falls": 3},
        {"albumin_g_l": 4.1},
        {"asm_kg": 60.0, "muscle_mass_method": "DXA"},
        {"asm_kg": 15.0},
        {"setting": "home"},
    ],
    ids=str,
)
def test_it_refuses_impossible_rows_in_the_database(patient_a, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_visit(patient_a, **values)


def test_it_stores_not_measured_as_null(patient_a):
    visit = make_visit(patient_a)
    assert visit.grip_strength_kg is None and visit.chair_stand_unable is False


def test_it_refuses_a_duplicate_identifier_within_a_site_but_not_across_sites(patient_a, site_b):
    Patient.objects.create(site=site_b, identifier=patient_a.identifier, sex="M", date_of_birth=date(1950, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Patient.objects.create(
            site=patient_a.site, identifier=patient_a.identifier, sex="M", date_of_birth=date(1950, 1, 1)
        )


def test_it_refuses_a_sex_other_than_m_or_f(site_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Patient.objects.create(site=site_a, identifier="X", sex="X", date_of_birth=date(1950, 1, 1))


def test_it_computes_age_at_the_visit_date(patient_a):
    assert patient_a.age_on(date(2026, 3, 1)) == 77
    assert patient_a.age_on(date(2026, 3, 2)) == 78
