"""AWGS 2019 (DECISIONS.md §4; criteria.md §2): method-specific mass, setting-specific next steps."""

from __future__ import annotations

import dataclasses

import pytest

from tests.clinical.criteria_support import around, find_test, run, status

S21 = "criteria.md §2.1 Chen 2020"
L, N = "low", "normal"

GRIP_ROWS = [
    *around(f"{S21} grip <28", "M", 28.0, 27.9, 28.1, (N, L, N)),
    *around(f"{S21} grip <18", "F", 18.0, 17.9, 18.1, (N, L, N)),
]
GAIT_ROWS = [
    *around(f"{S21} gait <1.0", "M", 1.0, 0.99, 1.01, (N, L, N)),
    *around(f"{S21} gait <1.0", "F", 1.0, 0.99, 1.01, (N, L, N)),
]
CHAIR_ROWS = [
    *around(f"{S21} chair >=12", "M", 12.0, 11.99, 12.01, (L, N, L)),
    *around(f"{S21} chair >=12", "F", 12.0, 11.99, 12.01, (L, N, L)),
]
SPPB_ROWS = [*around(f"{S21} SPPB <=9", "M", 9, 8, 10, (L, L, N)), *around(f"{S21} SPPB <=9", "F", 9, 8, 10, (L, L, N))]
DXA_ROWS = [
    *around(f"{S21} DXA ASMI <7.0", "M", 7.0, 6.99, 7.01, (N, L, N)),
    *around(f"{S21} DXA ASMI <5.4", "F", 5.4, 5.39, 5.41, (N, L, N)),
]
BIA_ROWS = [
    *around(f"{S21} BIA ASMI <7.0", "M", 7.0, 6.99, 7.01, (N, L, N)),
    *around(f"{S21} BIA ASMI <5.7", "F", 5.7, 5.69, 5.71, (N, L, N)),
]


@pytest.mark.parametrize(("sex", "value", "expected"), GRIP_ROWS)
def test_it_judges_grip_strictly_below_the_sex_cutoff(sex: str, value: float, expected: str) -> None:
    result = run("awgs2019", sex=sex, grip_strength_kg=value)
    assert find_test(result, "grip_strength").outcome == expected
    assert status(result, "strength") == expected


@pytest.mark.parametrize(("sex", "value", "expected"), GAIT_ROWS)
def test_it_judges_gait_strictly_below_1_m_s(sex: str, value: float, expected: str) -> None:
    result = run("awgs2019", sex=sex, gait_speed_m_s=value)
    assert find_test(result, "gait_speed").outcome == expected
    assert status(result, "performance") == expected


@pytest.mark.parametrize(("sex", "value", "expected"), CHAIR_ROWS)
def test_it_counts_a_chair_stand_of_12_s_or_more_as_low_performance(sex: str, value: float, expected: str) -> None:
    result = run("awgs2019", sex=sex, chair_stand_5x_s=value)
    assert find_test(result, "chair_stand_5x").outcome == expected
    assert status(result, "performance") == expected


@pytest.mark.parametrize(("sex", "value", "expected"), SPPB_ROWS)
def test_it_counts_sppb_of_9_or_less_as_low(sex: str, value: int, expected: str) -> None:
    assert find_test(run("awgs2019", sex=sex, sppb_score=value), "sppb").outcome == expected


@pytest.mark.parametrize(("sex", "value", "expected"), DXA_ROWS)
def test_it_judges_dxa_asmi_with_the_dxa_cutoff(sex: str, value: float, expected: str) -> None:
    result = run("awgs2019", sex=sex, asmi_kg_m2=value, muscle_mass_method="DXA")
    assert find_test(result, "asmi").outcome == expected
    assert status(result, "mass") == expected


@pytest.mark.parametrize(("sex", "value", "expected"), BIA_ROWS)
def test_it_judges_bia_asmi_with_the_bia_cutoff(sex: str, value: float, expected: str) -> None:
    result = run("awgs2019", sex=sex, asmi_kg_m2=value, muscle_mass_method="BIA")
    assert find_test(result, "asmi").outcome == expected
    assert status(result, "mass") == expected


def test_it_shows_but_does_not_judge_asmi_without_a_method() -> None:
    result = run("awgs2019", sex="F", grip_strength_kg=15.0, asmi_kg_m2=5.0)
    asmi = find_test(result, "asmi")
    assert (asmi.value, asmi.outcome, asmi.cutoff) == (5.0, "unknown", None)
    assert "muscle_mass_method_missing" in result.notes
    assert (result.category, result.to_complete) == ("possible", ("muscle_mass_method",))


def test_it_uses_one_gait_speed_whatever_the_course() -> None:
    four_m = run("awgs2019", sex="M", gait_distance_m=4.0, gait_time_s=4.2)
    six_m = run("awgs2019", sex="M", gait_distance_m=6.0, gait_time_s=6.3)
    assert find_test(four_m, "gait_speed").value == find_test(six_m, "gait_speed").value == 0.95
    assert find_test(four_m, "gait_speed").outcome == "low"


@pytest.mark.parametrize(("flag", "test"), [("gait_unable", "gait_speed"), ("chair_stand_unable", "chair_stand_5x")])
def test_it_counts_unable_to_perform_as_low_performance(flag: str, test: str) -> None:
    result = run("awgs2019", sex="M", grip_strength_kg=35.0, **{flag: True})
    assert find_test(result, test).outcome == "low"
    assert result.category == "possible"


# --- categories (DECISIONS.md §4, first match wins) -----------------------------------------------

LOW_MASS = {"asmi_kg_m2": 6.5, "muscle_mass_method": "DXA"}


def test_it_reaches_every_category() -> None:
    assert run("awgs2019", sex="M").category == "insufficient_data"
    assert run("awgs2019", sex="M", grip_strength_kg=30.0).category == "insufficient_data"
    assert run("awgs2019", sex="M", grip_strength_kg=30.0, sppb_score=12).category == "no_sarcopenia"
    assert run("awgs2019", sex="M", grip_strength_kg=25.0).category == "possible"
    assert run("awgs2019", sex="M", grip_strength_kg=25.0, **LOW_MASS).category == "sarcopenia"
    assert run("awgs2019", sex="M", grip_strength_kg=25.0, gait_speed_m_s=0.9, **LOW_MASS).category == "severe"


def test_it_counts_low_mass_with_low_performance_as_sarcopenia_even_with_normal_strength() -> None:
    result = run("awgs2019", sex="M", grip_strength_kg=35.0, chair_stand_5x_s=13.0, **LOW_MASS)
    assert (result.category, result.reason) == ("sarcopenia", "mass_and_strength_or_performance_low")
    assert [t.name for t in result.decisive] == ["chair_stand_5x", "asmi"]
    assert result.to_complete == ()


def test_it_asks_for_the_missing_grading_test_after_sarcopenia() -> None:
    result = run("awgs2019", sex="F", gait_speed_m_s=0.7, asmi_kg_m2=5.0, muscle_mass_method="BIA")
    assert (result.category, result.to_complete) == ("sarcopenia", ("grip_strength",))


def test_it_needs_a_performance_test_when_grip_is_normal_and_performance_unmeasured() -> None:
    """DECISIONS.md §4 rule 4 (rule-set 2026.2): unmeasured performance is unknown, not normal; with low
    mass and normal grip this could still be sarcopenia, so it is insufficient data."""
    result = run("awgs2019", sex="F", grip_strength_kg=20.0, **LOW_MASS)
    assert (result.category, result.reason) == ("insufficient_data", "strength_normal_performance_unknown")
    assert result.to_complete == ("gait_chair_stand_or_sppb",)
    assert result.next_step == "measure_gait_chair_stand_or_sppb"


@pytest.mark.parametrize("performance", [{"gait_speed_m_s": 1.0}, {"chair_stand_5x_s": 11.9}, {"sppb_score": 10}])
def test_it_rules_out_only_with_normal_grip_and_a_normal_performance_test(performance: dict) -> None:
    """DECISIONS.md §4 rule 4 with a performance test: each of the three tests, normal (criteria.md §2.1)."""
    result = run("awgs2019", sex="F", grip_strength_kg=20.0, **LOW_MASS, **performance)
    assert (result.category, result.reason) == ("no_sarcopenia", "strength_and_performance_normal")
    assert result.next_step == "rescreen_later"


def test_it_asks_for_grip_and_performance_when_neither_was_measured() -> None:
    result = run("awgs2019", sex="F", **LOW_MASS)
    assert result.category == "insufficient_data"
    assert result.to_complete == ("grip_strength", "gait_chair_stand_or_sppb")
    assert result.next_step == "measure_grip_strength"


def test_it_needs_grip_when_performance_alone_is_normal() -> None:
    result = run("awgs2019", sex="F", gait_speed_m_s=1.2, sppb_score=12)
    assert (result.category, result.reason) == ("insufficient_data", "strength_unknown_performance_not_low")
    assert (result.to_complete, result.next_step) == (("grip_strength",), "measure_grip_strength")


def test_it_calls_low_performance_alone_possible() -> None:
    result = run("awgs2019", sex="F", sppb_score=7)
    assert (result.category, result.reason) == ("possible", "strength_or_performance_low")
    assert result.to_complete == ("asmi",)


# --- setting changes only the next step -----------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "mass", "next_step"),
    [
        ("community", {}, "lifestyle_intervention_and_refer"),
        ("community", {"asmi_kg_m2": 7.5, "muscle_mass_method": "DXA"}, "lifestyle_intervention_and_refer"),
        ("hospital", {}, "confirm_with_muscle_mass"),
        ("hospital", {"asmi_kg_m2": 7.5, "muscle_mass_method": "DXA"}, "lifestyle_intervention_and_follow_up"),
    ],
    ids=["community", "community mass normal", "hospital", "hospital mass normal"],
)
def test_it_recommends_the_possible_sarcopenia_step_for_the_setting(setting: str, mass: dict, next_step: str) -> None:
    result = run("awgs2019", sex="M", grip_strength_kg=25.0, setting=setting, **mass)
    assert (result.category, result.next_step) == ("possible", next_step)


@pytest.mark.parametrize(
    "fields",
    [
        {"grip_strength_kg": 16.0},
        {"grip_strength_kg": 16.0, "asmi_kg_m2": 6.5, "muscle_mass_method": "DXA"},
        {"grip_strength_kg": 16.0, "gait_speed_m_s": 0.9, "asmi_kg_m2": 5.0, "muscle_mass_method": "DXA"},
        {"grip_strength_kg": 19.0},
    ],
    ids=["possible", "possible, mass normal", "severe", "no sarcopenia"],
)
def test_it_changes_only_the_next_step_with_the_setting(fields: dict) -> None:
    community = run("awgs2019", sex="F", setting="community", **fields)
    hospital = run("awgs2019", sex="F", setting="hospital", **fields)
    assert dataclasses.replace(community, next_step="") == dataclasses.replace(hospital, next_step="")


# --- sex and case finding -------------------------------------------------------------------------


def test_it_returns_insufficient_data_without_sex() -> None:
    result = run("awgs2019", grip_strength_kg=10.0, gait_speed_m_s=0.5, asmi_kg_m2=4.0, muscle_mass_method="DXA")
    assert (result.category, result.reason) == ("insufficient_data", "sex_missing")
    assert status(result, "performance") == "low"
    assert status(result, "mass") == "unknown"


def test_it_reports_case_finding_from_calf_sarc_f_and_sarc_calf_without_gating() -> None:
    result = run("awgs2019", sex="M", grip_strength_kg=25.0, calf_circumference_cm=35.0, sarc_f_score=1)
    assert result.case_finding is not None
    assert result.case_finding.tools == ("calf_circumference", "sarc_f", "sarc_calf")
    assert result.case_finding.positive is False
    assert result.category == "possible"
    assert "case_finding_negative" in result.notes


def test_it_finds_cases_by_calf_circumference_alone() -> None:
    result = run("awgs2019", sex="M", calf_circumference_cm=33.9)
    assert result.case_finding is not None and result.case_finding.positive is True
