"""Result records: immutable, JSON-serialisable, and rebuilt exactly from what the web app stores."""

from __future__ import annotations

import dataclasses
import json

import pytest

from screening.clinical import RULE_SET_VERSION, Measurements, evaluate_all
from screening.clinical.results import CriteriaResult

FULL_VISIT = Measurements(
    sex="F",
    grip_strength_kg=14.5,
    chair_stand_unable=True,
    asm_kg=13.0,
    height_cm=152.0,
    weight_kg=50.0,
    muscle_mass_method="BIA",
    gait_distance_m=6.0,
    gait_time_s=9.0,
    sppb_score=6,
    tug_s=22.0,
    sarc_f_score=5,
    calf_circumference_cm=31.0,
    setting="hospital",
)


@pytest.mark.parametrize("code", ["ewgsop2", "awgs2019", "fnih", "sdoc"])
def test_it_round_trips_through_json(code: str) -> None:
    result = evaluate_all(FULL_VISIT)[code]
    stored = json.loads(json.dumps(result.to_dict()))
    assert CriteriaResult.from_dict(stored) == result
    assert stored["rule_set_version"] == RULE_SET_VERSION


def test_it_writes_plain_json_types_only() -> None:
    stored = evaluate_all(FULL_VISIT)["ewgsop2"].to_dict()
    assert set(stored) == {
        "criteria_set",
        "rule_set_version",
        "category",
        "components",
        "decisive",
        "reason",
        "to_complete",
        "next_step",
        "case_finding",
        "notes",
    }
    assert set(stored["components"][0]["tests"][0]) == {
        "name",
        "value",
        "unit",
        "operator",
        "cutoff",
        "outcome",
        "unable",
        "source",
        "derived",
    }
    assert json.loads(json.dumps(stored)) == stored


def test_it_refuses_to_change_a_result_after_the_fact() -> None:
    result = evaluate_all(FULL_VISIT)["awgs2019"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.category = "no_sarcopenia"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.components[0].status = "normal"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.components[0].tests[0].outcome = "normal"  # type: ignore[misc]


def test_it_shows_a_value_exactly_as_entered_whatever_was_evaluated_before() -> None:
    as_float = evaluate_all(Measurements(sex="M", grip_strength_kg=25.0))["ewgsop2"]
    as_int = evaluate_all(Measurements(sex="M", grip_strength_kg=25))["ewgsop2"]
    assert json.dumps(as_float.decisive[0].to_dict()["value"]) == "25.0"
    assert json.dumps(as_int.decisive[0].to_dict()["value"]) == "25"


def test_it_cites_a_criteria_section_and_a_paper_for_every_test() -> None:
    for result in evaluate_all(FULL_VISIT).values():
        for component in result.components:
            for test in component.tests:
                assert test.source.startswith("criteria.md §") and ";" in test.source
