"""Grouped counts from the database -> prevalence rows, cross-tables and transition tables.

Plain Python (no Django): the database returns one row per combination of categories (tens to a
few hundred rows whatever the cohort size), and these functions only add up those small tables.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from screening.clinical.criteria.awgs2025 import AT_RISK
from screening.clinical.criteria.base import INSUFFICIENT_DATA, NO_SARCOPENIA
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.cohort.stats import Agreement, Proportion, cohen_kappa, wilson_interval

NOT_APPLICABLE = "not_applicable"  # AWGS 2025 under 50 (DECISIONS.md §8)
_UNCLASSIFIED = (INSUFFICIENT_DATA, NOT_APPLICABLE, None)

Cube = Sequence[Mapping[str, object]]  # rows of grouping columns plus "n"


def display_order(code: str) -> tuple[str, ...]:
    """A set's categories from no sarcopenia to its most severe grade, insufficient data last."""
    s = CRITERIA_SETS[code]
    return (*s.severity, *(c for c in s.categories if c not in s.severity))


def intermediate(code: str) -> tuple[str, ...]:
    """The "not yet confirmed" grades shown beside prevalence: EWGSOP2 probable, AWGS 2019 possible."""
    s = CRITERIA_SETS[code]
    return tuple(c for c in s.severity if c not in s.positive and c not in (NO_SARCOPENIA, AT_RISK))


def at_risk(code: str) -> tuple[str, ...]:
    """The "at risk for sarcopenia" category shown as its own column: AWGS 2025's (DECISIONS.md §8)."""
    return (AT_RISK,) if AT_RISK in CRITERIA_SETS[code].categories else ()


@dataclass(frozen=True)
class PrevalenceRow:
    """One group's prevalence under one set; patients with insufficient data are not in the denominator."""

    group: tuple[str, str]  # ("all", ""), ("sex", "F"), ("age_band", "80+")
    patients: int
    insufficient: int
    positive: Proportion
    intermediate: Proportion | None
    at_risk: Proportion | None = None  # sets with an at-risk category (AWGS 2025)


def category_counts(cube: Cube, column: str, where: Mapping[str, object] | None = None) -> Counter:
    """Patients per category in `column`, over the cube rows matching `where`."""
    counts: Counter = Counter()
    for row in cube:
        if where is None or all(row[key] == value for key, value in where.items()):
            counts[row[column]] += int(row["n"])
    return counts


def prevalence_row(code: str, group: tuple[str, str], counts: Counter) -> PrevalenceRow:
    patients = sum(counts.values())
    insufficient = counts[INSUFFICIENT_DATA] + counts[None]  # None: a visit with no stored result
    classified = patients - insufficient - counts[NOT_APPLICABLE]  # AWGS 2025 under 50: not in the denominator
    positive = wilson_interval(sum(counts[c] for c in CRITERIA_SETS[code].positive), classified)
    middle = intermediate(code)
    mid = wilson_interval(sum(counts[c] for c in middle), classified) if middle else None
    risk = at_risk(code)
    risky = wilson_interval(sum(counts[c] for c in risk), classified) if risk else None
    return PrevalenceRow(group, patients, insufficient, positive, mid, risky)


def prevalence(code: str, cube: Cube, column: str, groups: Iterable[tuple[str, str]]) -> list[PrevalenceRow]:
    """Rows for the whole cohort and each (dimension, value) group, e.g. ("patient__sex", "F")."""
    rows = [prevalence_row(code, ("all", ""), category_counts(cube, column))]
    for dimension, value in groups:
        rows.append(prevalence_row(code, (dimension, value), category_counts(cube, column, {dimension: value})))
    return rows


def cross_table(
    pairs: Mapping[tuple[object, object], int], rows: Sequence[str], cols: Sequence[str]
) -> list[list[int]]:
    """A rows × cols count matrix from {(row category, col category): count}."""
    return [[int(pairs.get((r, c), 0)) for c in cols] for r in rows]


def pair_counts(cube: Cube, first: str, second: str) -> Counter:
    counts: Counter = Counter()
    for row in cube:
        counts[(row[first], row[second])] += int(row["n"])
    return counts


def collapsed_agreement(
    pairs: Mapping[tuple[object, object], int], code_a: str, code_b: str
) -> tuple[list[list[int]], Agreement]:
    """Sarcopenia yes/no under two sets (positive categories = yes), patients classifiable by both.

    Returns the 2 × 2 table [[yes/yes, yes/no], [no/yes, no/no]] and Cohen's kappa on it.
    """
    positive_a, positive_b = CRITERIA_SETS[code_a].positive, CRITERIA_SETS[code_b].positive
    table = [[0, 0], [0, 0]]
    for (a, b), n in pairs.items():
        if a in _UNCLASSIFIED or b in _UNCLASSIFIED:
            continue
        table[0 if a in positive_a else 1][0 if b in positive_b else 1] += int(n)
    return table, cohen_kappa(table)
