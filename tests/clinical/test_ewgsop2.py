"""EWGSOP2 (DECISIONS.md §3; criteria.md §1): cut-offs at their boundaries, unknown and unable, categories."""

from __future__ import annotations

import pytest

from screening.clinical.criteria.base import InvalidMeasurement
from tests.clinical.criteria_support import around, find_test, run, status

T3 = "criteria.md §1.1 Cruz-Jentoft 2019 T3"
L, N = "low", "normal"

GRIP_ROWS = [
    *around(f"{T3} grip <27", "M", 27.0, 26.9, 27.1, (N, L, N)),
    *around(f"{T3} grip <16", "F", 16.0, 15.9, 16.1, (N, L, N)),
]
CHAIR_ROWS = [
    *around(f"{T3} chair >15", "M", 15.0, 14.99, 15.01, (N, N, L)),
    *around(f"{T3} chair >15", "F", 15.0, 14.99, 15.01, (N, N, L)),
]
ASMI_ROWS = [
    *around(f"{T3} ASMI <7.0", "M", 7.0, 6.99, 7.01, (N, L, N)),
    *around(f"{T3} ASMI <5.5", "F", 5.5, 5.49, 5.51, (N, L, N)),
]
ASM_ROWS = [
    *around(f"{T3} ASM <20", "M", 20.0, 19.9, 20.1, (N, L, N)),
    *around(f"{T3} ASM <15", "F", 15.0, 14.9, 15.1, (N, L, N)),
]
GAIT_ROWS = [
    *around(f"{T3} gait <=0.8", "M", 0.8, 0.79, 0.81, (L, L, N)),
    *around(f"{T3} gait <=0.8", "F", 0.8, 0.79, 0.81, (L, L, N)),
]
SPPB_ROWS = [*around(f"{T3} SPPB <=8", "M", 8, 7, 9, (L, L, N)), *around(f"{T3} SPPB <=8", "F", 8, 7, 9, (L, L, N))]
TUG_ROWS = [
    *around(f"{T3} TUG >=20", "M", 20.0, 19.9, 20.1, (L, N, L)),
    *around(f"{T3} TUG >=20", "F", 20.0, 19.9, 20.1, (L, N, L)),
]
WALK_ROWS = [
    *around(f"{T3} 400m >=360", "M", 360.0, 359.0, 361.0, (L, N, L)),
    *around(f"{T3} 400m >=360", "F", 360.0, 359.0, 361.0, (L, N, L)),
]


@pytest.mark.parametrize(("sex", "value", "expected"), GRIP_ROWS)
def test_it_judges_grip_strictly_below_the_sex_cutoff(sex: str, value: float, expected: str) -> None:
    result = run("ewgsop2", sex=sex, grip_strength_kg=value)
    assert find_test(result, "grip_strength").outcome == expected
    assert status(result, "strength") == expected


@pytest.mark.parametrize(("sex", "value", "expected"), CHAIR_ROWS)
def test_it_judges_the_chair_stand_strictly_above_15_s(sex: str, value: float, expected: str) -> None:
    result = run("ewgsop2", sex=sex, chair_stand_5x_s=value)
    assert find_test(result, "chair_stand_5x").outcome == expected
    assert status(result, "strength") == expected


@pytest.mark.parametrize("method", ["DXA", "BIA"])
@pytest.mark.parametrize(("sex", "value", "expected"), ASMI_ROWS)
def test_it_judges_asmi_with_one_cutoff_for_dxa_and_bia(sex: str, value: float, expected: str, method: str) -> None:
    result = run("ewgsop2", sex=sex, asmi_kg_m2=value, muscle_mass_method=method)
    assert find_test(result, "asmi").outcome == expected
    assert status(result, "quantity") == expected


@pytest.mark.parametrize(("sex", "value", "expected"), ASM_ROWS)
def test_it_judges_absolute_asm_as_its_own_test(sex: str, value: float, expected: str) -> None:
    result = run("ewgsop2", sex=sex, asm_kg=value, muscle_mass_method="DXA")
    assert find_test(result, "asm").outcome == expected
    assert status(result, "quantity") == expected


@pytest.mark.parametrize(("sex", "value", "expected"), GAIT_ROWS)
def test_it_counts_gait_at_0_8_as_low(sex: str, value: float, expected: str) -> None:
    result = run("ewgsop2", sex=sex, gait_speed_m_s=value)
    assert find_test(result, "gait_speed").outcome == expected


@pytest.mark.parametrize(("sex", "value", "expected"), SPPB_ROWS)
def test_it_counts_sppb_of_8_or_less_as_low(sex: str, value: int, expected: str) -> None:
    assert find_test(run("ewgsop2", sex=sex, sppb_score=value), "sppb").outcome == expected


@pytest.mark.parametrize(("sex", "value", "expected"), TUG_ROWS)
def test_it_counts_tug_of_20_s_or_more_as_low(sex: str, value: float, expected: str) -> None:
    assert find_test(run("ewgsop2", sex=sex, tug_s=value), "tug").outcome == expected


@pytest.mark.parametrize(("sex", "value", "expected"), WALK_ROWS)
def test_it_counts_a_400_m_walk_of_6_min_or_more_as_low(sex: str, value: float, expected: str) -> None:
    assert find_test(run("ewgsop2", sex=sex, walk_400m_s=value), "walk_400m").outcome == expected


# --- unable and unknown (DECISIONS.md §1–§2) ------------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "test", "component"),
    [
        ("chair_stand_unable", "chair_stand_5x", "strength"),
        ("gait_unable", "gait_speed", "performance"),
        ("tug_unable", "tug", "performance"),
        ("walk_400m_unable", "walk_400m", "performance"),
    ],
)
def test_it_counts_unable_to_perform_as_low(flag: str, test: str, component: str) -> None:
    result = run("ewgsop2", sex="F", **{flag: True})
    assert find_test(result, test).outcome == "low"
    assert find_test(result, test).unable is True
    assert status(result, component) == "low"


def test_it_makes_strength_low_from_an_unable_chair_stand_even_with_normal_grip() -> None:
    result = run("ewgsop2", sex="M", grip_strength_kg=40.0, chair_stand_unable=True)
    assert result.category == "probable"


def test_it_never_treats_a_missing_test_as_normal() -> None:
    result = run("ewgsop2", sex="M")
    assert [c.status for c in result.components] == ["unknown", "unknown", "unknown"]
    assert all(t.outcome == "unknown" and t.value is None for c in result.components for t in c.tests)
    assert result.category == "insufficient_data"


def test_it_returns_insufficient_data_without_strength_even_when_all_else_is_low() -> None:
    result = run("ewgsop2", sex="M", asmi_kg_m2=5.0, muscle_mass_method="DXA", gait_speed_m_s=0.4)
    assert (result.category, result.reason) == ("insufficient_data", "strength_unknown")
    assert result.to_complete == ("grip_or_chair_stand",)
    assert result.next_step == "measure_grip_or_chair_stand"


def test_it_makes_strength_low_when_either_test_is_low() -> None:
    result = run("ewgsop2", sex="F", grip_strength_kg=30.0, chair_stand_5x_s=20.0)
    assert status(result, "strength") == "low"


# --- categories (DECISIONS.md §3, first match wins) -----------------------------------------------


def test_it_reaches_every_category() -> None:
    base = {"sex": "M", "muscle_mass_method": "DXA"}
    assert run("ewgsop2", **base).category == "insufficient_data"
    assert run("ewgsop2", **base, grip_strength_kg=30.0).category == "no_sarcopenia"
    assert run("ewgsop2", **base, grip_strength_kg=20.0).category == "probable"
    assert run("ewgsop2", **base, grip_strength_kg=20.0, asmi_kg_m2=6.0).category == "confirmed"
    severe = run("ewgsop2", **base, grip_strength_kg=20.0, asmi_kg_m2=6.0, gait_speed_m_s=0.6)
    assert severe.category == "severe"


def test_it_does_not_count_low_mass_and_performance_without_low_strength() -> None:
    result = run(
        "ewgsop2", sex="F", grip_strength_kg=20.0, asmi_kg_m2=5.0, muscle_mass_method="DXA", gait_speed_m_s=0.7
    )
    assert (result.category, result.reason) == ("no_sarcopenia", "strength_normal")
    # DECISIONS.md §7 (2026.2): not reassuring while quantity and performance are low
    assert result.next_step == "evaluate_low_component"
    assert "caveat_no_sarcopenia_low_component" in result.notes


def test_it_reports_probable_with_normal_quantity_and_nothing_left_to_complete() -> None:
    result = run("ewgsop2", sex="M", grip_strength_kg=20.0, asmi_kg_m2=8.0, muscle_mass_method="BIA")
    assert result.category == "probable"
    assert result.to_complete == ()


def test_it_asks_for_muscle_mass_after_probable() -> None:
    result = run("ewgsop2", sex="M", grip_strength_kg=20.0)
    assert result.next_step == "assess_causes_and_start_intervention"
    assert result.to_complete == ("asm_or_asmi",)


def test_it_asks_for_performance_when_confirmed_without_severity() -> None:
    result = run("ewgsop2", sex="M", grip_strength_kg=20.0, asm_kg=18.0, muscle_mass_method="DXA")
    assert (result.category, result.to_complete) == ("confirmed", ("performance",))
    assert result.next_step == "treat_sarcopenia"


def test_it_names_the_tests_that_decided_a_severe_category() -> None:
    result = run(
        "ewgsop2",
        sex="F",
        grip_strength_kg=12.0,
        chair_stand_5x_s=10.0,
        asmi_kg_m2=5.0,
        muscle_mass_method="DXA",
        gait_speed_m_s=1.1,
        tug_s=25.0,
    )
    assert result.category == "severe"
    assert [t.name for t in result.decisive] == ["grip_strength", "asmi", "tug"]
    assert result.next_step == "treat_severe_sarcopenia"


def test_it_names_the_normal_strength_tests_for_no_sarcopenia() -> None:
    result = run("ewgsop2", sex="F", grip_strength_kg=22.0, chair_stand_5x_s=10.0)
    assert [(t.name, t.outcome) for t in result.decisive] == [("grip_strength", "normal"), ("chair_stand_5x", "normal")]


# --- muscle quantity: ASM and ASMI, method, derivation --------------------------------------------


def test_it_makes_quantity_low_from_a_low_asm_even_when_the_derived_asmi_is_normal() -> None:
    # 14.0 kg over 1.45 m: ASMI 6.66 (normal for women), ASM < 15 kg (low).
    result = run("ewgsop2", sex="F", grip_strength_kg=12.0, asm_kg=14.0, height_cm=145.0, muscle_mass_method="DXA")
    assert find_test(result, "asmi").outcome == "normal"
    assert find_test(result, "asm").outcome == "low"
    assert result.category == "confirmed"
    assert "asm_asmi_discordant" in result.notes


def test_it_marks_an_asmi_derived_from_asm_and_height() -> None:
    result = run("ewgsop2", sex="M", asm_kg=20.0, height_cm=170.0, muscle_mass_method="DXA")
    asmi = find_test(result, "asmi")
    assert (asmi.value, asmi.derived) == (6.92, True)
    assert asmi.outcome == "low"


def test_it_prefers_the_device_asmi_over_the_derived_one() -> None:
    result = run("ewgsop2", sex="M", asm_kg=20.0, height_cm=170.0, asmi_kg_m2=7.4, muscle_mass_method="BIA")
    asmi = find_test(result, "asmi")
    assert (asmi.value, asmi.derived, asmi.outcome) == (7.4, False, "normal")


@pytest.mark.parametrize(
    "mass",
    [{"asmi_kg_m2": 5.0}, {"asm_kg": 12.0}, {"asm_kg": 12.0, "height_cm": 160.0}],
    ids=["asmi", "asm", "asm+height"],
)
def test_it_shows_but_does_not_judge_muscle_mass_without_its_method(mass: dict) -> None:
    result = run("ewgsop2", sex="F", grip_strength_kg=12.0, **mass)
    assert status(result, "quantity") == "unknown"
    assert all(t.outcome == "unknown" for t in result.component("quantity").tests)
    assert any(t.value is not None for t in result.component("quantity").tests)
    assert "muscle_mass_method_missing" in result.notes
    assert (result.category, result.to_complete) == ("probable", ("muscle_mass_method",))


def test_it_compares_a_derived_gait_speed_rounded_to_two_decimals() -> None:
    # 4 m in 5.01 s = 0.7984 -> 0.80 m/s as compared and shown (DECISIONS.md §1).
    result = run("ewgsop2", sex="M", gait_distance_m=4.0, gait_time_s=5.01)
    gait = find_test(result, "gait_speed")
    assert (gait.value, gait.derived, gait.outcome) == (0.8, True, "low")


# --- sex, case finding, invalid input -------------------------------------------------------------


def test_it_returns_insufficient_data_without_sex_but_still_judges_sex_neutral_tests() -> None:
    result = run("ewgsop2", grip_strength_kg=10.0, chair_stand_5x_s=20.0, gait_speed_m_s=0.5)
    assert (result.category, result.reason, result.to_complete) == ("insufficient_data", "sex_missing", ("sex",))
    assert result.next_step == "measure_sex"
    assert find_test(result, "grip_strength").outcome == "unknown"
    assert find_test(result, "grip_strength").cutoff is None
    assert find_test(result, "chair_stand_5x").outcome == "low"


def test_it_assesses_a_measured_visit_after_negative_case_finding_and_says_so() -> None:
    result = run("ewgsop2", sex="M", grip_strength_kg=20.0, sarc_f_score=2)
    assert result.category == "probable"
    assert result.case_finding is not None and result.case_finding.positive is False
    assert "case_finding_negative" in result.notes


def test_it_counts_clinical_suspicion_as_positive_case_finding() -> None:
    result = run("ewgsop2", sex="M", grip_strength_kg=20.0, sarc_f_score=1, clinical_suspicion=True)
    assert result.case_finding is not None and result.case_finding.positive is True
    assert "case_finding_negative" not in result.notes


def test_it_ignores_calf_circumference_in_the_ewgsop2_find_step() -> None:
    result = run("ewgsop2", sex="F", calf_circumference_cm=30.0)
    assert result.case_finding is not None
    assert (result.case_finding.calf_low, result.case_finding.positive) == (True, None)


@pytest.mark.parametrize(
    "fields",
    [{"sex": "male"}, {"sex": "M", "muscle_mass_method": "CT"}, {"sex": "M", "grip_strength_kg": float("nan")}],
    ids=["unknown sex code", "unknown method", "NaN grip"],
)
def test_it_refuses_input_it_would_otherwise_misread(fields: dict) -> None:
    with pytest.raises(InvalidMeasurement):
        run("ewgsop2", **fields)


def test_it_stamps_the_rule_set_version() -> None:
    assert run("ewgsop2", sex="M").rule_set_version == "2026.3"
