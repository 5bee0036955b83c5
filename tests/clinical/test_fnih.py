"""FNIH 2014 (DECISIONS.md §5; criteria.md §4): weakness, ALM/BMI lean mass and slowness."""

from __future__ import annotations

import pytest

from tests.clinical.criteria_support import around, find_test, run, status

S4 = "criteria.md §4 Studenski 2014"
S4_GAIT = "criteria.md §4 Alley 2014"
L, N = "low", "normal"
BMI_20 = {"height_cm": 150.0, "weight_kg": 45.0, "muscle_mass_method": "DXA"}  # BMI exactly 20.0

GRIP_ROWS = [
    *around(f"{S4} grip <26", "M", 26.0, 25.9, 26.1, (N, L, N)),
    *around(f"{S4} grip <16", "F", 16.0, 15.9, 16.1, (N, L, N)),
]
# ASM = ALM/BMI x 20: the compared ALM/BMI is the value in the row (3 decimals, DECISIONS.md §1).
ALM_BMI_ROWS = [
    *around(f"{S4} ALM/BMI <0.789", "M", 0.789, 0.788, 0.790, (N, L, N)),
    *around(f"{S4} ALM/BMI <0.512", "F", 0.512, 0.511, 0.513, (N, L, N)),
]
GAIT_ROWS = [
    *around(f"{S4_GAIT} gait <0.8", "M", 0.8, 0.79, 0.81, (N, L, N)),
    *around(f"{S4_GAIT} gait <0.8", "F", 0.8, 0.79, 0.81, (N, L, N)),
]


@pytest.mark.parametrize(("sex", "value", "expected"), GRIP_ROWS)
def test_it_judges_weakness_strictly_below_the_sex_cutoff(sex: str, value: float, expected: str) -> None:
    result = run("fnih", sex=sex, grip_strength_kg=value)
    assert find_test(result, "grip_strength").outcome == expected
    assert status(result, "weakness") == expected


@pytest.mark.parametrize(("sex", "value", "expected"), ALM_BMI_ROWS)
def test_it_judges_low_lean_mass_on_alm_bmi(sex: str, value: float, expected: str) -> None:
    result = run("fnih", sex=sex, asm_kg=round(value * 20, 2), **BMI_20)
    alm_bmi = find_test(result, "alm_bmi")
    assert (alm_bmi.value, alm_bmi.derived, alm_bmi.outcome) == (value, True, expected)
    assert status(result, "low_lean") == expected


@pytest.mark.parametrize(("sex", "value", "expected"), GAIT_ROWS)
def test_it_judges_slowness_strictly_below_0_8(sex: str, value: float, expected: str) -> None:
    result = run("fnih", sex=sex, gait_speed_m_s=value)
    assert find_test(result, "gait_speed").outcome == expected
    assert status(result, "slowness") == expected


def test_it_counts_unable_to_walk_as_slow() -> None:
    assert status(run("fnih", sex="F", gait_unable=True), "slowness") == "low"


def test_it_reaches_every_category() -> None:
    weak_lean = {"sex": "M", "grip_strength_kg": 20.0, "asm_kg": 14.0, **BMI_20}  # ALM/BMI 0.700
    assert run("fnih", sex="M").category == "insufficient_data"
    assert run("fnih", sex="M", grip_strength_kg=30.0).category == "no_sarcopenia"
    assert run("fnih", **weak_lean).category == "sarcopenia"
    assert run("fnih", **weak_lean, gait_speed_m_s=0.6).category == "severe"


def test_it_rules_out_on_normal_lean_mass_even_without_grip() -> None:
    result = run("fnih", sex="F", asm_kg=16.0, **BMI_20)  # ALM/BMI 0.800
    assert (result.category, result.reason) == ("no_sarcopenia", "weakness_or_low_lean_normal")
    assert [t.name for t in result.decisive] == ["alm_bmi"]


def test_it_needs_alm_bmi_when_weak_and_lean_mass_is_unknown() -> None:
    # criteria.md §10.2 vector 17: weak, ASMI given but no ASM, so no ALM/BMI.
    result = run("fnih", sex="M", grip_strength_kg=25.0, asmi_kg_m2=6.5, muscle_mass_method="DXA")
    assert (result.category, result.reason) == ("insufficient_data", "weakness_or_low_lean_unknown")
    assert (result.to_complete, result.next_step) == (("alm_bmi",), "measure_alm_bmi")


def test_it_lists_both_missing_pieces_when_nothing_is_measured() -> None:
    assert run("fnih", sex="F").to_complete == ("grip_strength", "alm_bmi")


def test_it_asks_for_gait_to_grade_a_sarcopenia() -> None:
    result = run("fnih", sex="M", grip_strength_kg=20.0, asm_kg=14.0, **BMI_20)
    assert (result.to_complete, result.next_step) == (("gait_speed",), "see_primary_set")


def test_it_does_not_judge_alm_bmi_without_the_mass_method() -> None:
    result = run("fnih", sex="M", grip_strength_kg=20.0, asm_kg=14.0, height_cm=150.0, weight_kg=45.0)
    assert find_test(result, "alm_bmi").outcome == "unknown"
    assert "muscle_mass_method_missing" in result.notes
    assert (result.category, result.to_complete) == ("insufficient_data", ("muscle_mass_method",))


def test_it_returns_insufficient_data_without_sex() -> None:
    result = run("fnih", grip_strength_kg=10.0, gait_speed_m_s=0.5)
    assert (result.category, result.reason) == ("insufficient_data", "sex_missing")
    assert result.case_finding is None
