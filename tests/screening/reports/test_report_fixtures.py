"""Fixtures shared by the report tests (imported by test_report_*.py): a patient with four visits whose
AWGS 2019 category worsens, with labs that flag several mechanisms, and an isolated PDF cache."""

from __future__ import annotations

from datetime import date

import pytest

# Four visits of 王秀英 (woman, site A: AWGS 2019 primary, cut-offs grip < 18 kg, gait < 1.0 m/s,
# ASMI (DXA) < 5.4 kg/m²): no sarcopenia -> possible -> sarcopenia -> severe.
HEIGHT_CM = 155.0
VISITS = (
    (date(2025, 1, 10), {"grip_strength_kg": 22.0, "gait_speed_m_s": 1.10, "asm_kg": 14.4}),
    (date(2025, 6, 12), {"grip_strength_kg": 16.5, "gait_speed_m_s": 1.05, "asm_kg": 13.7}),
    (date(2025, 12, 3), {"grip_strength_kg": 15.5, "gait_speed_m_s": 1.02, "asm_kg": 12.4}),
    (date(2026, 5, 1), {"grip_strength_kg": 14.0, "gait_speed_m_s": 0.80, "asm_kg": 12.0}),
)
# Values that flag mechanisms (mechanisms.md §4): low vitamin D, raised hs-CRP, poor nutrition, inactivity.
LABS = {
    "vitamin_d_25oh_ng_ml": 12.0,
    "hs_crp_mg_l": 5.0,
    "albumin_g_l": 32.0,
    "mna_sf_score": 6,
    "mvpa_min_week": 30,
    "strength_days_week": 0,
    "protein_intake_g_kg_day": 0.6,
    "hba1c_pct": 8.2,
    "weight_loss_pct_6mo": 6.0,
    "sarc_f_score": 6,
    "calf_circumference_cm": 30.5,
}


def make_visit(patient, clinician, day: date, **values):
    from screening.models import Visit
    from screening.visits.services import visit_save

    fields = {"height_cm": HEIGHT_CM, "weight_kg": 50.0, "muscle_mass_method": "DXA", **values}
    return visit_save(visit=Visit(patient=patient, visit_date=day, setting="community", clinician=clinician, **fields))


@pytest.fixture(autouse=True)
def report_cache(settings, tmp_path):
    """Each test gets its own PDF cache directory (autouse in every module that imports it)."""
    settings.VAR_DIR = tmp_path
    return tmp_path / "reports-cache"


@pytest.fixture
def four_visits(patient_a, clinician_a):
    """The four visits, oldest first; the last one carries the labs."""
    visits = []
    for i, (day, values) in enumerate(VISITS):
        extra = LABS if i == len(VISITS) - 1 else {}
        visits.append(make_visit(patient_a, clinician_a, day, **values, **extra))
    return visits


@pytest.fixture
def latest(four_visits):
    """The last visit as views load it (patient, site and clinician joined)."""
    from screening.models import Visit

    return Visit.objects.select_related("patient__site", "clinician").get(pk=four_visits[-1].pk)


@pytest.fixture
def single_visit(patient_a, clinician_a):
    """A first visit with grip strength only: no trend, no mass, few mechanisms."""
    from screening.models import Visit

    visit = make_visit(patient_a, clinician_a, date(2026, 5, 1), grip_strength_kg=15.0, muscle_mass_method="")
    return Visit.objects.select_related("patient__site", "clinician").get(pk=visit.pk)
