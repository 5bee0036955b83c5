"""Derived values: rounding half up on the value as written (DECISIONS.md §1), computed once per visit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from screening.clinical.measurements import Measurements, _round_half_up_exactly, round_half_up

PLACES = st.integers(0, 3)


@settings(max_examples=2000)
@given(value=st.floats(-10_000, 10_000, allow_nan=False), places=PLACES)
def test_rounding_agrees_with_decimal_half_up_on_any_value(value: float, places: int) -> None:
    assert round_half_up(value, places) == _round_half_up_exactly(value, places)


@settings(max_examples=2000)
@given(units=st.integers(-(10**7), 10**7), places=PLACES)
def test_rounding_agrees_with_decimal_half_up_on_ties_as_written(units: int, places: int) -> None:
    tie = float(f"{units}5e-{places + 1}")  # e.g. 2.675 for places=2: a tie as written, not in binary
    assert round_half_up(tie, places) == _round_half_up_exactly(tie, places)


def test_a_written_tie_rounds_up_where_binary_rounding_would_not() -> None:
    assert round(2.675, 2) == 2.67 and round_half_up(2.675, 2) == 2.68
    assert round(0.125, 2) == 0.12 and round_half_up(0.125, 2) == 0.13  # banker's rounding would keep 0.12
    assert round_half_up(-2.5, 0) == -3.0


def test_huge_values_take_the_exact_path() -> None:
    assert round_half_up(123456789012.5, 0) == 123456789013.0


def test_derived_values_are_computed_once_and_follow_their_inputs() -> None:
    m = Measurements(height_cm=160.0, weight_kg=64.0, asm_kg=15.0)
    assert m.bmi_rounded == 25.0 and m.asmi_used_kg_m2 == 5.86  # 15 / 1.6² = 5.859375 -> 5.86
    assert m.bmi_rounded is m.bmi_rounded  # the cached value
    assert Measurements(height_cm=170.0, weight_kg=64.0).bmi_rounded == 22.15  # 22.145... -> 22.15
