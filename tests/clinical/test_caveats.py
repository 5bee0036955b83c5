"""DECISIONS.md §7 (rule-set 2026.2): caveats travel with a result and never change its category."""

from __future__ import annotations

import pytest

from screening.clinical.criteria.base import CAVEATS, caveats
from screening.clinical.criteria.registry import evaluate_all
from screening.clinical.measurements import Measurements
from tests.clinical.criteria_support import run

# A woman with weak grip, low mass and slow gait under every set (cut-offs: DECISIONS.md §3–§5).
SARCOPENIC_F = {
    "sex": "F",
    "grip_strength_kg": 12.0,
    "gait_speed_m_s": 0.6,
    "height_cm": 160.0,
    "weight_kg": 60.0,
    "asm_kg": 10.0,
    "muscle_mass_method": "DXA",
}
AGE_CAVEAT = {
    "ewgsop2": "caveat_age_under_60_older_adults",
    "fnih": "caveat_age_under_60_older_adults",
    "sdoc": "caveat_age_under_60_older_adults",
    "awgs2019": "caveat_age_under_60_awgs",
}


@pytest.mark.parametrize("code", sorted(AGE_CAVEAT))
@pytest.mark.parametrize("age, expected", [(59, True), (60, False), (None, False)])
def test_it_adds_the_under_60_caveat_without_changing_the_category(code: str, age: int | None, expected: bool) -> None:
    """§7: younger than 60 at the visit; 60 itself carries no caveat; an unknown age none."""
    young = run(code, **SARCOPENIC_F, age_years=age)
    old = run(code, **SARCOPENIC_F, age_years=75)
    assert (AGE_CAVEAT[code] in young.notes) is expected
    assert young.category == old.category


def test_it_tells_fnih_results_with_bia_mass_that_the_cut_offs_come_from_dxa() -> None:
    """§7: FNIH with muscle mass by BIA."""
    bia = run("fnih", **{**SARCOPENIC_F, "muscle_mass_method": "BIA"}, age_years=75)
    dxa = run("fnih", **SARCOPENIC_F, age_years=75)
    assert caveats(bia) == ("caveat_fnih_mass_by_bia",)
    assert caveats(dxa) == ()
    assert bia.category == dxa.category == "severe"  # weak, low lean and slow
    # the other sets carry no BIA caveat
    assert "caveat_fnih_mass_by_bia" not in run("ewgsop2", **{**SARCOPENIC_F, "muscle_mass_method": "BIA"}).notes


def test_it_never_reassures_fnih_no_sarcopenia_with_weak_grip() -> None:
    """§7 example: FNIH weak grip with normal ALM/BMI is no_sarcopenia, named and to be evaluated."""
    result = run(
        "fnih", sex="F", grip_strength_kg=12.0, height_cm=160.0, weight_kg=60.0, asm_kg=16.0, muscle_mass_method="DXA"
    )
    assert result.category == "no_sarcopenia"
    assert result.component("weakness").status == "low"
    assert result.next_step == "evaluate_low_component"
    assert "caveat_no_sarcopenia_low_component" in caveats(result)


def test_it_keeps_re_screen_later_when_nothing_is_low() -> None:
    results = evaluate_all(
        Measurements(
            sex="M",
            grip_strength_kg=40.0,
            gait_speed_m_s=1.3,
            height_cm=170.0,
            weight_kg=70.0,
            asm_kg=24.0,
            muscle_mass_method="DXA",
            age_years=70,
        )
    )
    for code in AGE_CAVEAT:  # the sets of §7 (AWGS 2025 counts age ≥ 65 as a risk factor: at risk)
        result = results[code]
        assert result.category == "no_sarcopenia", result.criteria_set
        assert result.next_step == "rescreen_later"
        assert caveats(result) == ()


def test_it_lists_only_caveat_codes_as_caveats() -> None:
    result = run(
        "ewgsop2",
        sex="F",
        grip_strength_kg=20.0,
        asmi_kg_m2=5.0,
        muscle_mass_method="DXA",
        sarc_f_score=1,
        age_years=55,
    )
    assert "case_finding_negative" in result.notes
    assert set(caveats(result)) <= set(CAVEATS)
    assert "case_finding_negative" not in caveats(result)
