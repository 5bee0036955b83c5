"""A visit needs at least one measured strength, muscle-mass, performance or case-finding value: an
untouched form (date and setting are prefilled) or an import row with nothing measured saves nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from screening.catalogue.validation import WHOLE_VISIT, validate_visit
from screening.models import Visit

pytestmark = pytest.mark.django_db

UNTOUCHED = {
    "visit_date": "2026-06-01",
    "setting": "community",
    "grip_unit": "kg",
    "vitamin_d_unit": "ng/mL",
    "albumin_unit": "g/L",
    "testosterone_unit": "ng/dL",
    "hba1c_unit": "%",
}
MESSAGE = "Enter at least one measured value"


def test_an_untouched_form_saves_nothing_and_says_why(client_a, patient_a):
    response = client_a.post(reverse("screening:visit_create", args=[patient_a.pk]), UNTOUCHED)
    assert response.status_code == 200
    assert any(MESSAGE in e for e in response.context["form"].non_field_errors())
    assert not response.context["form"].has_only_warnings  # a refusal, not a warning to confirm away
    assert not Visit.objects.exists()


def test_the_whole_visit_error_is_shown_once_in_the_summary_above_the_form(client_a, patient_a):
    html = client_a.post(reverse("screening:visit_create", args=[patient_a.pk]), UNTOUCHED).content.decode()
    assert html.count(MESSAGE) == 1
    assert "Correct the fields marked below" not in html  # no field is marked: the message says what to do
    summary = html.index('id="form-summary"')
    assert summary < html.index(MESSAGE) < html.index('<form method="post" novalidate')


def test_height_weight_and_labs_alone_are_not_a_screening(client_a, patient_a):
    data = {**UNTOUCHED, "height_cm": "160", "weight_kg": "55", "albumin_g_l": "40", "clinical_suspicion": "on"}
    response = client_a.post(reverse("screening:visit_create", args=[patient_a.pk]), data)
    assert any(MESSAGE in e for e in response.context["form"].non_field_errors())
    assert not Visit.objects.exists()


@pytest.mark.parametrize(
    "name, value",
    [
        ("grip_right_1", 20.0),
        ("chair_stand_unable", True),
        ("asmi_kg_m2", 6.0),
        ("gait_speed_m_s", 1.0),
        ("tug_s", 10.0),
        ("calf_circumference_cm", 33.0),
        ("walk_400m_unable", True),
    ],
)
def test_one_measured_value_is_enough(name, value):
    values = {name: value, "muscle_mass_method": "DXA"} if name == "asmi_kg_m2" else {name: value}
    assert WHOLE_VISIT not in validate_visit(values, sex="F", date_of_birth=None).errors


def test_an_import_row_with_nothing_measured_is_refused_with_its_row_number(tmp_path: Path, site_a):
    path = tmp_path / "visits.csv"
    path.write_text(
        "patient_id,sex,date_of_birth,visit_date,grip_strength_kg,height_cm\n"
        "P1,F,1945-02-01,2026-03-01,14.5,152\nP2,F,1946-02-01,2026-03-01,,150\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_visits", str(path), "--site", site_a.code, stdout=io.StringIO(), stderr=err)
    assert f"row 3: {MESSAGE}" in err.getvalue()
    assert not Visit.objects.exists()
