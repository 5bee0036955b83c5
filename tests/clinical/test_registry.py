"""The registry: which sets ship, in which order, and which one is primary for a population."""

from __future__ import annotations

import pytest

from screening.clinical import CRITERIA_SETS, Measurements, evaluate_all
from screening.clinical.criteria import awgs2019, awgs2025, ewgsop2, fnih, sdoc
from screening.clinical.criteria.registry import evaluate, ordered_codes, primary_set


def test_it_ships_the_five_sets_in_display_order() -> None:
    assert list(CRITERIA_SETS) == ["ewgsop2", "awgs2019", "awgs2025", "fnih", "sdoc"]
    assert [s.code for s in CRITERIA_SETS.values()] == list(CRITERIA_SETS)


def test_it_cannot_be_changed_at_run_time() -> None:
    with pytest.raises(TypeError):
        CRITERIA_SETS["awgs2030"] = CRITERIA_SETS["awgs2019"]  # type: ignore[index]


@pytest.mark.parametrize(("population", "primary"), [("asian", "awgs2025"), ("other", "ewgsop2"), ("", "ewgsop2")])
def test_it_picks_awgs_for_asian_populations_and_ewgsop2_otherwise(population: str, primary: str) -> None:
    assert primary_set(population) == primary
    codes = ordered_codes(population)
    assert codes[0] == primary and sorted(codes) == sorted(CRITERIA_SETS)


def test_it_evaluates_every_set_like_evaluating_each_alone() -> None:
    m = Measurements(sex="M", grip_strength_kg=25.0, asmi_kg_m2=6.5, muscle_mass_method="DXA", gait_speed_m_s=0.9)
    assert evaluate_all(m) == {code: evaluate(code, m) for code in CRITERIA_SETS}


def test_it_refuses_an_unknown_set_code() -> None:
    with pytest.raises(KeyError):
        evaluate("awgs2030", Measurements(sex="M"))


@pytest.mark.parametrize("module", [ewgsop2, awgs2019, awgs2025, fnih, sdoc], ids=lambda m: m.CODE)
def test_it_declares_each_set_in_its_own_module(module: object) -> None:
    s = module.SET  # type: ignore[attr-defined]
    assert CRITERIA_SETS[s.code] is s
    # AWGS 2025 alone has a category outside its grading: not applicable under 50 (DECISIONS.md §8)
    undetermined = {"insufficient_data", "not_applicable"} if s.code == "awgs2025" else {"insufficient_data"}
    assert set(s.severity) | undetermined == set(s.categories)
    assert s.positive <= set(s.severity)


def test_no_set_code_is_part_of_another() -> None:
    """Stored lists of set codes (a visit's `incomplete_sets`) are searched for a code as a substring."""
    codes = list(CRITERIA_SETS)
    assert not [(a, b) for a in codes for b in codes if a != b and a.lower() in b.lower()]


@pytest.mark.parametrize("chosen", ["awgs2019", "fnih", "awgs2025"])
def test_a_site_s_chosen_primary_set_comes_first(chosen: str) -> None:
    codes = ordered_codes("asian", chosen)
    assert codes[0] == chosen and sorted(codes) == sorted(CRITERIA_SETS)


def test_an_unknown_chosen_primary_falls_back_to_the_population_default() -> None:
    assert ordered_codes("other", "awgs2030")[0] == "ewgsop2"
