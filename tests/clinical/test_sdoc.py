"""SDOC 2020 (DECISIONS.md §5; criteria.md §5): weakness and slowness, no mass, no severity grade."""

from __future__ import annotations

import pytest

from tests.clinical.criteria_support import around, find_test, run, status

S5 = "criteria.md §5 Cawthon 2020"
L, N = "low", "normal"

GRIP_ROWS = [
    *around(f"{S5} grip <35.5", "M", 35.5, 35.4, 35.6, (N, L, N)),
    *around(f"{S5} grip <20", "F", 20.0, 19.9, 20.1, (N, L, N)),
]
GAIT_ROWS = [
    *around(f"{S5} gait <0.8", "M", 0.8, 0.79, 0.81, (N, L, N)),
    *around(f"{S5} gait <0.8", "F", 0.8, 0.79, 0.81, (N, L, N)),
]


@pytest.mark.parametrize(("sex", "value", "expected"), GRIP_ROWS)
def test_it_judges_weakness_strictly_below_the_sex_cutoff(sex: str, value: float, expected: str) -> None:
    result = run("sdoc", sex=sex, grip_strength_kg=value)
    assert find_test(result, "grip_strength").outcome == expected
    assert status(result, "weakness") == expected


@pytest.mark.parametrize(("sex", "value", "expected"), GAIT_ROWS)
def test_it_judges_slowness_strictly_below_0_8(sex: str, value: float, expected: str) -> None:
    result = run("sdoc", sex=sex, gait_speed_m_s=value)
    assert find_test(result, "gait_speed").outcome == expected
    assert status(result, "slowness") == expected


def test_it_reaches_every_category() -> None:
    assert run("sdoc", sex="M").category == "insufficient_data"
    assert run("sdoc", sex="M", grip_strength_kg=40.0).category == "no_sarcopenia"
    assert run("sdoc", sex="M", grip_strength_kg=30.0, gait_speed_m_s=0.7).category == "sarcopenia"


def test_it_counts_unable_to_walk_as_slow() -> None:
    result = run("sdoc", sex="F", grip_strength_kg=15.0, gait_unable=True)
    assert (result.category, result.reason) == ("sarcopenia", "weakness_slowness")


def test_it_ignores_muscle_mass() -> None:
    result = run("sdoc", sex="F", grip_strength_kg=15.0, gait_speed_m_s=0.5, asmi_kg_m2=8.0, muscle_mass_method="DXA")
    assert result.category == "sarcopenia"
    assert [c.code for c in result.components] == ["weakness", "slowness"]


def test_it_rules_out_on_either_normal_component() -> None:
    result = run("sdoc", sex="F", gait_speed_m_s=1.0)
    assert (result.category, result.reason, result.next_step) == (
        "no_sarcopenia",
        "weakness_or_slowness_normal",
        "rescreen_later",
    )


@pytest.mark.parametrize(
    ("fields", "to_complete"),
    [
        ({"grip_strength_kg": 15.0}, ("gait_speed",)),
        ({"gait_speed_m_s": 0.5}, ("grip_strength",)),
        ({}, ("grip_strength", "gait_speed")),
    ],
    ids=["weak, gait missing", "slow, grip missing", "nothing"],
)
def test_it_names_what_would_decide_an_incomplete_visit(fields: dict, to_complete: tuple) -> None:
    result = run("sdoc", sex="F", **fields)
    assert (result.category, result.to_complete) == ("insufficient_data", to_complete)
    assert result.next_step == "measure_" + to_complete[0]


def test_it_returns_insufficient_data_without_sex() -> None:
    assert run("sdoc", grip_strength_kg=10.0, gait_speed_m_s=0.5).reason == "sex_missing"
