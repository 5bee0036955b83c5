"""The visit form refuses impossible values at the field, warns on unusual ones, and saves nothing
until every problem is resolved. Limits: criteria.md §8 via screening/clinical/limits.py."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from screening.catalogue.validation import MEASURED_FIELDS
from screening.models import Visit
from screening.results.stored_results import details

pytestmark = pytest.mark.django_db

BASE = {
    "visit_date": "2026-06-01",
    "setting": "community",
    "grip_unit": "kg",
    "vitamin_d_unit": "ng/mL",
    "albumin_unit": "g/L",
    "testosterone_unit": "ng/dL",
    "hba1c_unit": "%",
}


def post_visit(client, patient, **values):
    """A visit form post; a calf circumference is added when nothing measured is given (an empty visit
    is refused: tests/screening/test_empty_visit.py)."""
    data = {**BASE, **{k: v for k, v in values.items()}}
    if not set(values) & set(MEASURED_FIELDS):
        data["calf_circumference_cm"] = "34"
    return client.post(reverse("screening:visit_create", args=[patient.pk]), data)


def field_errors(response, name):
    return response.context["form"].errors.get(name, [])


# (field, refused value, source) — criteria.md §8 hard limits
HARD_LIMITS = [
    ("height_cm", "99.9", "§8 height 100–230 cm"),
    ("height_cm", "230.1", "§8 height 100–230 cm"),
    ("weight_kg", "19.9", "§8 weight 20–300 kg"),
    ("weight_kg", "300.1", "§8 weight 20–300 kg"),
    ("grip_right_1", "0", "§8 grip 0 < x ≤ 100 kg"),
    ("grip_right_1", "100.1", "§8 grip 0 < x ≤ 100 kg"),
    ("grip_strength_kg", "-1", "§8 grip 0 < x ≤ 100 kg"),
    ("chair_stand_5x_s", "2.9", "§8 chair stand 3–120 s"),
    ("chair_stand_5x_s", "120.5", "§8 chair stand 3–120 s"),
    ("gait_speed_m_s", "0.04", "§8 gait 0.05–3.0 m/s"),
    ("gait_speed_m_s", "3.01", "§8 gait 0.05–3.0 m/s"),
    ("tug_s", "2.9", "§8 TUG 3–300 s"),
    ("tug_s", "300.1", "§8 TUG 3–300 s"),
    ("walk_400m_s", "149", "§8 400 m 150–1800 s"),
    ("walk_400m_s", "1801", "§8 400 m 150–1800 s"),
    ("calf_circumference_cm", "14.9", "§8 calf 15–70 cm"),
    ("calf_circumference_cm", "70.1", "§8 calf 15–70 cm"),
    ("sppb_score", "13", "§8 SPPB total 0–12"),
    ("sarc_f_score", "11", "§8 SARC-F total 0–10"),
    ("vitamin_d_25oh_ng_ml", "250.1", "§8 25(OH)D 0–250 ng/mL"),
    ("hs_crp_mg_l", "500.1", "§8 CRP 0–500 mg/L"),
    ("il6_pg_ml", "5000.1", "§8 IL-6 0–5000 pg/mL"),
    ("albumin_g_l", "9.9", "§8 albumin 1.0–6.5 g/dL = 10–65 g/L"),
    ("albumin_g_l", "65.1", "§8 albumin 1.0–6.5 g/dL = 10–65 g/L"),
    ("mna_sf_score", "15", "MNA-SF 0–14"),
]


@pytest.mark.parametrize("field,value,source", HARD_LIMITS, ids=[f"{f}={v}" for f, v, _ in HARD_LIMITS])
def test_it_refuses_an_impossible_value_at_its_field_and_saves_nothing(client_a, patient_a, field, value, source):
    extra = {"muscle_mass_method": "DXA"} if field.startswith("asm") else {}
    response = post_visit(client_a, patient_a, **{field: value}, **extra)
    assert response.status_code == 200
    assert any("not possible" in str(e) for e in field_errors(response, field)), source
    assert Visit.objects.count() == 0


def test_it_refuses_asm_outside_5_to_50_kg(client_a, patient_a):
    response = post_visit(client_a, patient_a, asm_kg="4.9", muscle_mass_method="DXA")
    assert field_errors(response, "asm_kg")


def test_it_refuses_asmi_above_15(client_a, patient_a):
    response = post_visit(client_a, patient_a, asmi_kg_m2="15.1", muscle_mass_method="BIA")
    assert field_errors(response, "asmi_kg_m2")


def test_it_accepts_values_at_the_hard_limits(client_a, patient_a):
    response = post_visit(
        client_a, patient_a, height_cm="100", weight_kg="20", grip_right_1="100", confirm_warnings="on"
    )
    assert Visit.objects.count() == 1, response.context and response.context["form"].errors


# (field, unusual value, sex of patient_a = F, source)
SOFT_LIMITS = [
    ("height_cm", "134", "§8 height < 135 cm"),
    ("weight_kg", "181", "§8 weight > 180 kg"),
    ("grip_right_1", "4.9", "§8 grip < 5 kg"),
    ("grip_right_1", "50.5", "§8 grip > 50 kg (F)"),
    ("gait_speed_m_s", "0.19", "§8 gait < 0.2 m/s"),
    ("gait_speed_m_s", "1.81", "§8 gait > 1.8 m/s"),
    ("chair_stand_5x_s", "41", "§8 chair stand > 40 s"),
    ("tug_s", "61", "§8 TUG > 60 s"),
    ("walk_400m_s", "901", "§8 400 m > 900 s"),
    ("calf_circumference_cm", "21", "§8 calf < 22 cm"),
    ("vitamin_d_25oh_ng_ml", "9", "§8 25(OH)D < 10 ng/mL"),
    ("vitamin_d_25oh_ng_ml", "81", "§8 25(OH)D > 80 ng/mL"),
    ("hs_crp_mg_l", "11", "§8 CRP > 10 mg/L"),
    ("il6_pg_ml", "14", "§8 IL-6 > 13 pg/mL"),
    ("albumin_g_l", "34", "§8 albumin < 3.5 g/dL"),
]


@pytest.mark.parametrize("field,value,source", SOFT_LIMITS, ids=[f"{f}={v}" for f, v, _ in SOFT_LIMITS])
def test_it_warns_on_an_unusual_value_and_saves_only_once_confirmed(client_a, patient_a, field, value, source):
    response = post_visit(client_a, patient_a, **{field: value})
    assert any("unusually" in str(e) for e in field_errors(response, field)), source
    assert response.context["form"].has_only_warnings
    assert Visit.objects.count() == 0
    response = post_visit(client_a, patient_a, **{field: value}, confirm_warnings="on")
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.warnings_confirmed and visit.warnings


def test_it_uses_the_male_soft_grip_limit_for_men(client_a, patient_a):
    patient_a.sex = "M"
    patient_a.save()
    assert post_visit(client_a, patient_a, grip_right_1="60").status_code == 302  # ≤ 70 (M), §8


def test_it_keeps_valid_entries_unsaved_when_one_field_is_wrong(client_a, patient_a):
    response = post_visit(client_a, patient_a, height_cm="160", weight_kg="55", grip_right_1="500")
    assert field_errors(response, "grip_right_1")
    assert response.context["form"]["height_cm"].value() == "160"
    assert Visit.objects.count() == 0


def test_it_converts_pounds_to_kilograms_and_keeps_the_best_trial(client_a, patient_a):
    post_visit(client_a, patient_a, grip_unit="lb", grip_right_1="40", grip_left_1="50", grip_left_2="45")
    visit = Visit.objects.get()
    assert visit.grip_left_1 == pytest.approx(50 * 0.45359237, abs=1e-3)  # DECISIONS.md §1
    assert visit.grip_strength_kg == pytest.approx(22.6796, abs=1e-3)


def test_it_converts_nmol_per_litre_vitamin_d_and_g_per_dl_albumin(client_a, patient_a):
    post_visit(
        client_a,
        patient_a,
        vitamin_d_unit="nmol/L",
        vitamin_d_25oh_ng_ml="49.92",
        albumin_unit="g/dL",
        albumin_g_l="4.1",
    )
    visit = Visit.objects.get()
    assert visit.vitamin_d_25oh_ng_ml == pytest.approx(20.0)  # 2.496 nmol/L per ng/mL, mechanisms.md §2.1
    assert visit.albumin_g_l == pytest.approx(41.0)


def test_it_refuses_g_per_litre_albumin_entered_as_g_per_dl(client_a, patient_a):
    response = post_visit(client_a, patient_a, albumin_unit="g/dL", albumin_g_l="41")
    assert field_errors(response, "albumin_g_l")


def test_it_requires_a_method_with_any_muscle_mass(client_a, patient_a):
    response = post_visit(client_a, patient_a, asm_kg="15")
    assert field_errors(response, "muscle_mass_method")


def test_it_refuses_a_time_and_unable_together(client_a, patient_a):
    response = post_visit(client_a, patient_a, chair_stand_5x_s="12", chair_stand_unable="on")
    assert field_errors(response, "chair_stand_5x_s")


def test_it_records_unable_apart_from_not_measured(client_a, patient_a):
    post_visit(client_a, patient_a, gait_unable="on")
    visit = Visit.objects.get()
    assert visit.gait_unable is True and visit.gait_speed_m_s is None
    assert visit.tug_unable is False and visit.tug_s is None


def test_it_derives_the_sarc_f_and_sppb_totals_from_their_items(client_a, patient_a):
    post_visit(
        client_a,
        patient_a,
        sarc_f_strength="2",
        sarc_f_assistance="1",
        sarc_f_rise="1",
        sarc_f_climb="0",
        sarc_f_falls="1",
        sppb_balance="4",
        sppb_gait="3",
        sppb_chair="2",
    )
    visit = Visit.objects.get()
    assert visit.sarc_f_score == 5 and visit.sppb_score == 9


def test_it_refuses_a_partly_answered_sarc_f(client_a, patient_a):
    response = post_visit(client_a, patient_a, sarc_f_strength="2")
    assert field_errors(response, "sarc_f_falls")


def test_it_refuses_a_visit_date_in_the_future(client_a, patient_a):
    response = post_visit(client_a, patient_a, visit_date=str(date.today().replace(year=date.today().year + 1)))
    assert field_errors(response, "visit_date")


def test_it_refuses_a_visit_at_an_impossible_age(client_a, patient_a):
    patient_a.date_of_birth = date(2015, 1, 1)
    patient_a.save()
    response = post_visit(client_a, patient_a, visit_date="2026-06-01")
    assert any("not possible" in str(e) for e in field_errors(response, "visit_date"))


def test_it_refuses_an_impossible_bmi_from_plausible_height_and_weight(client_a, patient_a):
    response = post_visit(client_a, patient_a, height_cm="100", weight_kg="85", confirm_warnings="on")
    assert field_errors(response, "weight_kg")  # BMI 85 > 80, §8


def test_it_stores_results_for_every_criteria_set_with_the_visit(client_a, patient_a):
    post_visit(
        client_a,
        patient_a,
        grip_right_1="12",
        asm_kg="11",
        muscle_mass_method="DXA",
        height_cm="155",
        gait_speed_m_s="0.7",
    )
    visit = Visit.objects.get()
    assert set(details(visit)) == {"ewgsop2", "awgs2019", "awgs2025", "fnih", "sdoc"}
    assert all(getattr(visit, f"{code}_category") == detail["category"] for code, detail in details(visit).items())
    assert visit.rule_set_version


def test_it_records_coded_conditions_and_none_apart_from_not_asked(client_a, patient_a):
    post_visit(client_a, patient_a, conditions=["diabetes", "copd"], medications=["none"])
    visit = Visit.objects.get()
    assert visit.conditions == ["diabetes", "copd"] and visit.medications == []
    post_visit(client_a, patient_a, visit_date="2026-07-01")
    assert Visit.objects.get(visit_date="2026-07-01").conditions is None


def test_saving_a_visit_does_not_check_each_database_constraint_with_a_query(client_a, patient_a):
    # The form validates every hard limit itself; Django's per-constraint model validation would add
    # one query per CheckConstraint (over fifty) to every save. The database still enforces them.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = post_visit(client_a, patient_a, grip_right_1="25", height_cm="160")
    assert response.status_code == 302
    checks = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT 1")]
    assert checks == [] and len(queries.captured_queries) < 25


def test_it_compares_a_converted_grip_unrounded(client_a, patient_a):
    """DECISIONS.md §1 (rule-set 2026.2): 59.5248 lb = 26.99998 kg is below 27 (EWGSOP2 men, §3)."""
    patient_a.sex = "M"
    patient_a.save()
    post_visit(client_a, patient_a, grip_unit="lb", grip_right_1="59.5248")
    visit = Visit.objects.get()
    assert visit.grip_strength_kg < 27
    strength = details(visit)["ewgsop2"]["components"][0]
    assert (strength["code"], strength["status"]) == ("strength", "low")


def test_it_records_the_course_with_a_speed_entered_directly(client_a, patient_a):
    """DECISIONS.md §1: the course is recorded and shown beside the value, also for a direct speed."""
    post_visit(client_a, patient_a, gait_speed_m_s="0.9", gait_course_m="6.0")
    visit = Visit.objects.get()
    assert (visit.gait_speed_m_s, visit.gait_course_m) == (0.9, 6.0)


def test_it_asks_for_the_course_of_a_timed_walk(client_a, patient_a):
    response = post_visit(client_a, patient_a, gait_time_s="5")
    assert "4 m or 6 m" in " ".join(field_errors(response, "gait_course_m"))
    assert Visit.objects.count() == 0


@pytest.mark.parametrize(
    "course, time, expected",
    [
        ("4.0", "1.2", "enter 1.3 to 120"),
        ("4.0", "121", "enter 1.3 to 120"),  # criteria.md §8: 4-m walk 1.3–120 s
        ("6.0", "1.9", "enter 2 to 180"),
        ("6.0", "181", "enter 2 to 180"),  # criteria.md §8: 6-m walk 2–180 s
    ],
)
def test_it_checks_each_walk_time_against_its_own_course(client_a, patient_a, course, time, expected):
    response = post_visit(client_a, patient_a, gait_course_m=course, gait_time_s=time)
    assert expected in " ".join(field_errors(response, "gait_time_s"))
    assert Visit.objects.count() == 0


def test_an_exclusive_lower_limit_reads_more_than_and_at_most():
    """criteria.md §8: grip > 0 and ≤ 100 kg (docs/data-dictionary.md)."""
    from django.utils import translation

    from screening.catalogue.validation import Findings, check_range

    findings = Findings()
    with translation.override("en"):
        check_range(findings, "grip_strength_kg", 101, "F")
    assert findings.errors["grip_strength_kg"] == ["101 kg is not possible: enter more than 0 and at most 100 kg."]
