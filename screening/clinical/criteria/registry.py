"""The criteria sets the product ships, in display order, and the one call the web app makes.

Adding a set is one new module exposing `SET` and one line in `_SETS` below (AWGS 2025 was added so,
DECISIONS.md §8).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from screening.clinical.criteria import awgs2019, awgs2025, ewgsop2, fnih, sdoc
from screening.clinical.criteria.base import CriteriaSet, Inputs
from screening.clinical.measurements import Measurements
from screening.clinical.results import CriteriaResult

_SETS: tuple[CriteriaSet, ...] = (ewgsop2.SET, awgs2019.SET, awgs2025.SET, fnih.SET, sdoc.SET)

CRITERIA_SETS: Mapping[str, CriteriaSet] = MappingProxyType({s.code: s for s in _SETS})
_EVALUATORS = tuple((s.code, s.evaluate) for s in _SETS)  # what `evaluate_all` calls, looked up once

# The default for a new site; each site keeps the primary set its staff chose (DECISIONS.md §8).
PRIMARY_BY_POPULATION: Mapping[str, str] = MappingProxyType({"asian": awgs2025.CODE})
DEFAULT_PRIMARY = ewgsop2.CODE


def evaluate(code: str, m: Measurements) -> CriteriaResult:
    """One set's verdict; KeyError for a set code we do not ship."""
    return CRITERIA_SETS[code].evaluate(Inputs(m))


def evaluate_all(m: Measurements) -> dict[str, CriteriaResult]:
    """Every shipped set's verdict, in registry order; the visit is read once for all of them."""
    inputs = Inputs(m)
    return {code: judge(inputs) for code, judge in _EVALUATORS}


def primary_set(population: str) -> str:
    """A new site's default: AWGS 2025 for Asian populations, EWGSOP2 otherwise (DECISIONS.md §3, §8)."""
    return PRIMARY_BY_POPULATION.get(population, DEFAULT_PRIMARY)


def ordered_codes(population: str, primary: str | None = None) -> tuple[str, ...]:
    """Set codes for display: the site's primary set (else its population's default) first, the rest in
    registry order."""
    first = primary if primary is not None and primary in CRITERIA_SETS else primary_set(population)
    return (first, *(code for code in CRITERIA_SETS if code != first))
