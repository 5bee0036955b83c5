"""Helpers shared by the criteria tests: build a visit, run one set, read one test or component."""

from __future__ import annotations

from typing import Any

import pytest

from screening.clinical.criteria.registry import evaluate
from screening.clinical.measurements import Measurements
from screening.clinical.results import CriteriaResult, Test


def run(code: str, **fields: Any) -> CriteriaResult:
    """One set's result for a visit given as Measurements keyword arguments."""
    return evaluate(code, Measurements(**fields))


def find_test(result: CriteriaResult, name: str) -> Test:
    """The first test with this name across the result's components."""
    for component in result.components:
        for test in component.tests:
            if test.name == name:
                return test
    raise KeyError(name)


def status(result: CriteriaResult, component: str) -> str:
    return result.component(component).status


def boundary(source: str, sex: str | None, value: float, expected: str, where: str) -> Any:
    """One row of a cut-off table; the id names the source, the sex, the position and the outcome."""
    return pytest.param(sex, value, expected, id=f"{source} {sex} {where} {value} -> {expected}")


def around(source: str, sex: str | None, at: float, below: float, above: float, outcomes: tuple[str, str, str]) -> list:
    """The three rows for one cut-off: value at it, just below, just above (outcomes in that order)."""
    return [
        boundary(source, sex, at, outcomes[0], "at"),
        boundary(source, sex, below, outcomes[1], "just below"),
        boundary(source, sex, above, outcomes[2], "just above"),
    ]


# --- Hypothesis: random visits, with every cut-off value over-represented --------------------------

from hypothesis import strategies as st  # noqa: E402

_CUTOFFS = {
    "grip_strength_kg": (16.0, 18.0, 20.0, 26.0, 27.0, 28.0, 35.5),
    "chair_stand_5x_s": (12.0, 15.0),
    "asm_kg": (15.0, 20.0),
    "asmi_kg_m2": (5.4, 5.5, 5.7, 7.0),
    "gait_speed_m_s": (0.8, 1.0),
    "sppb_score": (8, 9),
    "tug_s": (20.0,),
    "walk_400m_s": (360.0,),
    "calf_circumference_cm": (33.0, 34.0),
}
_UNABLE = {
    "chair_stand_5x_s": "chair_stand_unable",
    "gait_speed_m_s": "gait_unable",
    "tug_s": "tug_unable",
    "walk_400m_s": "walk_400m_unable",
}


def _tenths(low: int, high: int, scale: int) -> st.SearchStrategy[float]:
    return st.integers(low, high).map(lambda n: n / scale)


_RANGES: dict[str, st.SearchStrategy[Any]] = {
    "grip_strength_kg": _tenths(40, 500, 10),
    "chair_stand_5x_s": _tenths(500, 3000, 100),
    "asm_kg": _tenths(80, 300, 10),
    "asmi_kg_m2": _tenths(300, 1000, 100),
    "gait_speed_m_s": _tenths(20, 160, 100),
    "sppb_score": st.integers(0, 12),
    "tug_s": _tenths(50, 400, 10),
    "walk_400m_s": _tenths(1500, 6000, 10),
    "calf_circumference_cm": _tenths(250, 420, 10),
    "height_cm": _tenths(1400, 1900, 10),
    "weight_kg": _tenths(400, 1000, 10),
    "sarc_f_score": st.integers(0, 10),
}


def _value(name: str) -> st.SearchStrategy[Any]:
    options = [st.none(), _RANGES[name]]
    if name in _CUTOFFS:
        options.append(st.sampled_from(_CUTOFFS[name]))
    if name in _UNABLE:
        options.append(st.just("unable"))
    return st.one_of(*options)


@st.composite
def visits(draw: st.DrawFn, sexes: tuple[str | None, ...] = ("M", "F")) -> Measurements:
    """A random visit: each value missing, anywhere in range, exactly at a cut-off, or unable."""
    fields: dict[str, Any] = {
        "sex": draw(st.sampled_from(sexes)),
        "setting": draw(st.sampled_from(("community", "hospital"))),
        "muscle_mass_method": draw(st.sampled_from(("DXA", "BIA", None))),
        "clinical_suspicion": draw(st.booleans()),
        # AWGS 2025 (DECISIONS.md §8): both sides of each age-band edge, and its risk-factor answers
        "age_years": draw(st.sampled_from((None, 49, 50, 58, 64, 65, 80))),
        "dysphagia": draw(st.sampled_from((None, False, True))),
        "perceived_weakness": draw(st.sampled_from((None, False, True))),
        "mobility": draw(st.sampled_from((None, "independent", "limited"))),
        "finger_ring_test": draw(st.sampled_from((None, "bigger", "just_fits", "smaller"))),
    }
    for name in _RANGES:
        value = draw(_value(name))
        if value == "unable":
            fields[_UNABLE[name]] = True
        else:
            fields[name] = value
    return Measurements(**fields)
