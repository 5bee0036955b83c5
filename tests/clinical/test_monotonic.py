"""A worse value never makes any set's verdict milder: weaker grip, slower gait, less muscle.

Severity order per set is `CriteriaSet.severity` (mildest first). insufficient_data has no rank: a worse
value may only make a verdict undetermined when it had ruled sarcopenia out on the value that changed
(FNIH and SDOC rule out on one normal component, so a weaker grip can leave them waiting for the other).
AWGS 2025 has one step down by design (DECISIONS.md §8 rule 6): "at risk" with normal grip becomes
"no sarcopenia" when the grip falls below its cut-off and muscle mass is normal.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from screening.clinical import CRITERIA_SETS, Measurements, evaluate_all
from tests.clinical.criteria_support import visits

WORSENINGS = ("grip", "gait", "gait_unable", "asmi", "asm", "all")


def _lower(value: float | None, step: float, places: int) -> float | None:
    return None if value is None else max(round(value - step, places), 0.01)


def worsen(m: Measurements, what: str, step: int) -> Measurements:
    """The same visit with one value (or all) made worse by `step` units of its last decimal."""
    changes: dict[str, object] = {}
    if what in ("grip", "all"):
        changes["grip_strength_kg"] = _lower(m.grip_strength_kg, step / 10, 1)
    if what in ("gait", "all"):
        changes["gait_speed_m_s"] = _lower(m.gait_speed_m_s, step / 100, 2)
    if what == "gait_unable":
        changes.update(gait_speed_m_s=None, gait_unable=True)
    if what in ("asmi", "all"):
        changes["asmi_kg_m2"] = _lower(m.asmi_kg_m2, step / 100, 2)
    if what in ("asm", "all"):
        changes["asm_kg"] = _lower(m.asm_kg, step / 10, 1)
    return dataclasses.replace(m, **changes)


@settings(max_examples=600, deadline=None)
@given(visits(), st.sampled_from(WORSENINGS), st.integers(1, 150))
def test_it_never_makes_a_category_milder_when_a_value_gets_worse(m: Measurements, what: str, step: int) -> None:
    before, after = evaluate_all(m), evaluate_all(worsen(m, what, step))
    for code, criteria_set in CRITERIA_SETS.items():
        old, new = before[code].category, after[code].category
        rank = {category: i for i, category in enumerate(criteria_set.severity)}
        if old in rank and new in rank and after[code].reason != "strength_low_mass_normal":
            assert rank[new] >= rank[old], (code, old, new)
        if old in criteria_set.positive:
            assert new in criteria_set.positive, (code, old, new)
        if new == "insufficient_data":
            assert old in ("insufficient_data", "no_sarcopenia"), (code, old, new)


@settings(max_examples=300, deadline=None)
@given(visits(), st.sampled_from(WORSENINGS), st.integers(1, 150))
def test_it_never_turns_a_low_test_normal_when_its_value_gets_worse(m: Measurements, what: str, step: int) -> None:
    before, after = evaluate_all(m), evaluate_all(worsen(m, what, step))
    for code in CRITERIA_SETS:
        old_tests = [t for c in before[code].components for t in c.tests]
        new_tests = [t for c in after[code].components for t in c.tests]
        for old, new in zip(old_tests, new_tests, strict=True):
            if old.outcome == "low":
                assert new.outcome == "low", (code, old, new)
