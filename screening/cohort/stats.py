"""Statistics for cohort review, in plain Python (no Django import) so they are tested by hand.

Inputs are counts the database already aggregated; nothing here loops over patients.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import sqrt

Z_95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution


@dataclass(frozen=True)
class Proportion:
    """k of n with its Wilson score interval; every field is None-free only when n > 0."""

    k: int
    n: int
    p: float | None
    low: float | None
    high: float | None


def wilson_interval(k: int, n: int, z: float = Z_95) -> Proportion:
    """Wilson score interval for a binomial proportion (Wilson 1927, JASA 22:209–212).

    With p̂ = k/n: centre = (p̂ + z²/2n) / (1 + z²/n) and
    half-width = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²).
    Chosen over the Wald interval because it stays inside [0, 1] and keeps its coverage for the
    small subgroups (a site, a sex, an age band) that cohort review is made of.
    """
    if k < 0 or n < 0 or k > n:
        raise ValueError(f"need 0 ≤ k ≤ n, got k={k}, n={n}")
    if n == 0:
        return Proportion(k, n, None, None, None)
    p = k / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z / denominator * sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = 0.0 if k == 0 else max(0.0, centre - half)  # exact at the edges, where rounding would stray
    high = 1.0 if k == n else min(1.0, centre + half)
    return Proportion(k, n, p, low, high)


@dataclass(frozen=True)
class Agreement:
    """Cohen's kappa for a square table: observed and chance agreement, and kappa (None if undefined)."""

    n: int
    observed: float | None
    expected: float | None
    kappa: float | None


def cohen_kappa(table: Sequence[Sequence[int]]) -> Agreement:
    """Cohen's kappa for two raters over the same categories (Cohen 1960, Educ Psychol Meas 20:37–46).

    table[i][j] counts subjects rater A put in category i and rater B in category j.
    p_o = Σ table[i][i] / N, p_e = Σ (row_i · col_i) / N², κ = (p_o − p_e) / (1 − p_e).
    Undefined (None) with no subjects, or when both raters use one category only (p_e = 1).
    """
    size = len(table)
    if any(len(row) != size for row in table):
        raise ValueError("the agreement table must be square")
    n = sum(sum(row) for row in table)
    if n == 0:
        return Agreement(0, None, None, None)
    observed = sum(table[i][i] for i in range(size)) / n
    rows = [sum(row) for row in table]
    cols = [sum(table[i][j] for i in range(size)) for j in range(size)]
    expected = sum(r * c for r, c in zip(rows, cols)) / (n * n)
    kappa = None if expected == 1 else (observed - expected) / (1 - expected)
    return Agreement(n, observed, expected, kappa)
