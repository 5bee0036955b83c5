"""The engine's memos (tests, components, case findings, risk factors) never change a result: a visit
evaluated after others, with every memo warm, gets what a cold engine gives it, and two visits that
differ in one field the key holds never share a record."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from screening.clinical import Measurements, evaluate_all
from screening.clinical.criteria import awgs2019, awgs2025, base, casefinding, ewgsop2, fnih, sdoc
from tests.clinical.criteria_support import visits


def _clear_every_memo() -> None:
    for module in (base, awgs2019, awgs2025, ewgsop2, fnih, sdoc, casefinding):  # base: the shared measures
        for value in vars(module).values():
            cutoffs = value.values() if isinstance(value, dict) else (value,)
            for item in cutoffs:
                if isinstance(item, base.Cutoff):
                    item.test.cache_clear()
                elif hasattr(item, "cache_clear") and not isinstance(item, type):  # not the Measure class
                    item.cache_clear()


def _written(m: Measurements) -> str:
    """Every set's result as stored (JSON keeps 25 and 25.0 apart)."""
    return json.dumps({code: r.to_dict() for code, r in evaluate_all(m).items()}, sort_keys=True)


@settings(max_examples=60, deadline=None)
@given(st.lists(visits(sexes=("M", "F", None)), min_size=2, max_size=6))
def test_a_warm_engine_gives_what_a_cold_one_gives(ms: list[Measurements]) -> None:
    warm = [_written(m) for m in ms]
    for m in ms:
        _clear_every_memo()
        assert _written(m) == warm[ms.index(m)]


MAN_70 = Measurements(
    sex="M",
    age_years=70,
    grip_strength_kg=20.0,
    height_cm=170.0,
    weight_kg=60.0,
    asm_kg=18.0,
    muscle_mass_method="DXA",
    sarc_f_score=3,
    calf_circumference_cm=33.0,
)
ONE_FIELD_APART = [  # each differs from MAN_70 in one field a memo key holds
    {"asmi_kg_m2": 6.23},  # the derived ASMI (6.23) entered instead: same value, not derived
    {"muscle_mass_method": "BIA"},
    {"muscle_mass_method": None},
    {"age_years": 64},
    {"grip_strength_kg": 20},  # an int: shown as entered
    {"weight_loss_kg_6mo": 2.0},
    {"weight_loss_pct_6mo": 3.0},  # the same loss as a percentage: derived
    {"finger_ring_test": "smaller"},
    {"clinical_suspicion": True},
    {"calf_circumference_cm": 34.0},
    {"conditions": frozenset({"copd"})},
]


def test_visits_one_field_apart_never_share_a_remembered_record() -> None:
    first = _written(MAN_70)
    for change in ONE_FIELD_APART:
        variant = replace(MAN_70, **change)
        warm = _written(variant)
        _clear_every_memo()
        assert warm == _written(variant), change
        assert warm != first, change
        assert _written(MAN_70) == first
