"""Realistic mixed visits for the FHIR tests (this module holds no tests): both sexes, both methods,
missing and "unable" values, gait over 4 m (as a time) and 6 m (as a speed), screened by the engine."""

from __future__ import annotations

from datetime import date

from screening.models import Patient, Site, Visit
from screening.visits.services import visit_save


def mixed_visits(site: Site) -> dict[str, Visit]:
    man = Patient.objects.create(site=site, identifier="M-1", name="Man One", sex="M", date_of_birth=date(1944, 8, 9))
    woman = Patient.objects.create(
        site=site, identifier="F-1", name="Woman One", sex="F", date_of_birth=date(1950, 2, 3)
    )

    def save(p, day, **values):
        return visit_save(visit=Visit(patient=p, visit_date=day, setting=site.default_setting, **values))

    return {
        "man": save(
            man,
            date(2025, 1, 10),
            height_cm=170.0,
            weight_kg=60.0,
            grip_strength_kg=20.0,
            chair_stand_unable=True,
            gait_course_m=4.0,
            gait_time_s=6.0,
            asm_kg=15.0,
            muscle_mass_method="BIA",
            tug_s=14.2,
            sarc_f_score=6,
            calf_circumference_cm=30.0,
        ),
        "woman": save(
            woman,
            date(2025, 2, 1),
            height_cm=155.0,
            weight_kg=50.0,
            grip_strength_kg=22.5,
            chair_stand_5x_s=11.2,
            gait_course_m=6.0,
            gait_speed_m_s=1.1,
            asm_kg=15.5,
            muscle_mass_method="DXA",
            sppb_score=11,
            walk_400m_s=300.0,
            vitamin_d_25oh_ng_ml=25.0,
            hs_crp_mg_l=2.0,
        ),
        "woman_later": save(woman, date(2025, 8, 1), grip_strength_kg=25.0, walk_400m_unable=True),
    }
