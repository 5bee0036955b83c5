"""Why two criteria sets disagree about one visit, as reason codes a clinician can read.

Two kinds of disagreement are explained, for every pair of sets in registry order where both reached a
determinate category (not insufficient_data, and applicable to the patient's age):
- "diagnosis": one set's category means sarcopenia, the other's does not;
- "severity": both mean sarcopenia, both sets grade severity, only one says severe.
The explanation is generic: each set declares which shared concepts (strength, mass, performance) its
categories need (`CriteriaSet.diagnosis_needs` / `severity_needs`). For each need the milder set did not
meet, the tests the stricter set found low are matched, by name, against the milder set's tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from screening.clinical.criteria.awgs2025 import NOT_APPLICABLE
from screening.clinical.criteria.base import INSUFFICIENT_DATA, CriteriaSet
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.clinical.measurements import Measurements
from screening.clinical.results import LOW, UNKNOWN, Component, CriteriaResult, Test

DIAGNOSIS = "diagnosis"
SEVERITY = "severity"

# A low test of the stricter set with no same-named test in the milder set's component.
_ABSENT_TEST_REASON = {
    ("strength", "chair_stand_5x"): "ewgsop2_counts_chair_stand_as_strength",
    ("mass", "asm"): "ewgsop2_counts_absolute_asm",
    ("mass", "asmi"): "fnih_uses_alm_bmi",
    ("mass", "alm_bmi"): "fnih_uses_alm_bmi",
    ("mass", "asm_bmi"): "awgs2025_counts_asm_bmi",
}
# AWGS 2025 measures mass both ways: a low ASMI that FNIH lacks is not "FNIH uses ALM/BMI, the other set
# ASMI", since AWGS 2025 judges the ALM/BMI value too (as ASM/BMI, DECISIONS.md §8).
_ABSENT_TEST_REASON_BY_PAIR = {("awgs2025", "fnih", "asmi"): "awgs2025_also_counts_asmi"}
# One derived value under two names: AWGS 2025's ASM/BMI is FNIH's ALM/BMI (DECISIONS.md §8), so the two
# tests are matched and only their cut-offs can differ.
_SAME_VALUE = {"alm_bmi": "asm_bmi", "asm_bmi": "alm_bmi"}
_PERFORMANCE_TESTS_DIFFER = "different_performance_tests"
# A test both sets have, low in the stricter set only: a different cut-off, or the same one with a
# different operator (criteria.md §12.2–§12.3: a gait of exactly 0.80 m/s).
_CUTOFF_REASON = {
    "grip_strength": "different_grip_cutoffs",
    "asmi": "different_mass_cutoffs",
    "alm_bmi": "different_alm_bmi_cutoffs",
    "asm_bmi": "different_alm_bmi_cutoffs",
    "gait_speed": "different_gait_cutoffs",
    "sppb": "different_sppb_cutoffs",
}
_OPERATOR_REASON = {"gait_speed": "different_gait_operator"}
# The stricter set did not need the concept at all.
_NOT_NEEDED_REASON = {
    ("awgs2019", "strength"): "awgs_counts_performance_without_strength",
    ("sdoc", "mass"): "sdoc_ignores_mass",
}
_LOWER_NEEDS_REASON = {("sdoc", "performance"): "sdoc_requires_slowness"}
FALLBACK = "different_rules"
# The set a reason's sentence is about; the sentence names the sets it is contrasted with (`contrasted`),
# which is the milder set, or the stricter one when the subject is the milder (FNIH lacking an ASMI test).
REASON_SUBJECT = {
    "ewgsop2_counts_chair_stand_as_strength": "ewgsop2",
    "ewgsop2_counts_absolute_asm": "ewgsop2",
    "awgs_counts_performance_without_strength": "awgs2019",
    "fnih_uses_alm_bmi": "fnih",
    "awgs2025_counts_asm_bmi": "awgs2025",
}

REASONS = tuple(
    dict.fromkeys(
        (
            *_ABSENT_TEST_REASON.values(),
            *_ABSENT_TEST_REASON_BY_PAIR.values(),
            _PERFORMANCE_TESTS_DIFFER,
            *_CUTOFF_REASON.values(),
            *_OPERATOR_REASON.values(),
            *_NOT_NEEDED_REASON.values(),
            *_LOWER_NEEDS_REASON.values(),
            FALLBACK,
        )
    )
)


@dataclass(frozen=True)
class Disagreement:
    """Set `higher` says sarcopenia (or severe) where set `lower` does not, for these reasons."""

    kind: str  # "diagnosis" / "severity"
    higher: str
    higher_category: str
    lower: str
    lower_category: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "higher": self.higher,
            "higher_category": self.higher_category,
            "lower": self.lower,
            "lower_category": self.lower_category,
            "reasons": list(self.reasons),
        }


def disagreements(results: dict[str, CriteriaResult], m: Measurements | None = None) -> list[Disagreement]:
    """Every pairwise disagreement, in registry order; `m` is accepted for call-site symmetry.

    The compared values and cut-offs are all in `results`, so the explanation never re-reads the visit.
    """
    codes = [code for code in CRITERIA_SETS if code in results]
    found = []
    for i, first in enumerate(codes):
        for second in codes[i + 1 :]:
            disagreement = _pair(CRITERIA_SETS[first], results[first], CRITERIA_SETS[second], results[second])
            if disagreement is not None:
                found.append(disagreement)
    return found


def contrasted(found: list[Disagreement], reason: str) -> list[str]:
    """The sets a reason's subject is contrasted with, over these disagreements, in registry order."""
    subject = REASON_SUBJECT.get(reason)
    sides = [(d.higher, d.lower) if subject else (d.lower,) for d in found if reason in d.reasons]
    sets = {code for side in sides for code in side if code != subject}
    return [code for code in CRITERIA_SETS if code in sets]


def _pair(a: CriteriaSet, ra: CriteriaResult, b: CriteriaSet, rb: CriteriaResult) -> Disagreement | None:
    if INSUFFICIENT_DATA in (ra.category, rb.category) or NOT_APPLICABLE in (ra.category, rb.category):
        return None
    a_positive, b_positive = ra.category in a.positive, rb.category in b.positive
    if a_positive != b_positive:
        kind = DIAGNOSIS
        higher, lower = ((a, ra), (b, rb)) if a_positive else ((b, rb), (a, ra))
    elif a_positive and a.severe and b.severe and (ra.category == a.severe) != (rb.category == b.severe):
        kind = SEVERITY
        higher, lower = ((a, ra), (b, rb)) if ra.category == a.severe else ((b, rb), (a, ra))
    else:
        return None
    (hs, hr), (ls, lr) = higher, lower
    needs = ls.diagnosis_needs if kind == DIAGNOSIS else ls.severity_needs
    reasons = _explain(hs, hr, ls, lr, needs) or (FALLBACK,)
    return Disagreement(kind, hs.code, hr.category, ls.code, lr.category, reasons)


def _by_concept(s: CriteriaSet, r: CriteriaResult) -> dict[str, Component]:
    return {s.concepts[c.code]: c for c in r.components}


def _explain(
    hs: CriteriaSet, hr: CriteriaResult, ls: CriteriaSet, lr: CriteriaResult, needs: tuple[frozenset[str], ...]
) -> tuple[str, ...]:
    """Reason codes for each need of the milder set that it did not meet, in a fixed order."""
    high, low = _by_concept(hs, hr), _by_concept(ls, lr)
    reasons: list[str] = []
    for clause in needs:
        if any(low[c].status == LOW for c in clause):
            continue
        met_by_higher = sorted(c for c in clause if c in high and high[c].status == LOW)
        if not met_by_higher:
            reasons += _not_needed(hs.code, ls.code, clause)
        for concept in met_by_higher:
            reasons += _test_reasons((hs.code, ls.code), concept, high[concept], low[concept])
    return tuple(dict.fromkeys(reasons))


def _not_needed(higher: str, lower: str, clause: frozenset[str]) -> list[str]:
    """The stricter set reached its verdict without this concept (or the milder set alone needs it)."""
    found = [_NOT_NEEDED_REASON.get((higher, c)) or _LOWER_NEEDS_REASON.get((lower, c)) for c in sorted(clause)]
    return [r for r in found if r is not None]


def _test_reasons(pair: tuple[str, str], concept: str, high: Component, low: Component) -> list[str]:
    """Match each low test of the stricter set against the milder set's test of the same name (or value)."""
    low_tests: dict[str, Test] = {t.name: t for t in low.tests}
    reasons = []
    for test in high.tests:
        if test.outcome != LOW:
            continue
        other = low_tests.get(test.name) or low_tests.get(_SAME_VALUE.get(test.name, ""))
        if other is None:
            default = _PERFORMANCE_TESTS_DIFFER if concept == "performance" else None
            reason = _ABSENT_TEST_REASON_BY_PAIR.get((*pair, test.name)) or _ABSENT_TEST_REASON.get(
                (concept, test.name), default
            )
        elif other.outcome == LOW or other.cutoff is None:
            reason = None
        elif other.cutoff == test.cutoff:
            reason = _OPERATOR_REASON.get(test.name)
        else:
            reason = _CUTOFF_REASON.get(test.name)
        if reason is not None:
            reasons.append(reason)
    return reasons


# --- AWGS 2019 and AWGS 2025 side by side ---------------------------------------------------------


@dataclass(frozen=True)
class VersionNote:
    """Why AWGS 2025 and AWGS 2019 put one visit in different categories, as one sentence's code and values."""

    reason: str  # a key of text.py's "awgs_versions.<reason>"
    values: tuple[tuple[str, object], ...] = ()  # placeholders of that sentence

    def to_dict(self) -> dict[str, Any]:
        return {"reason": self.reason, "values": dict(self.values)}


def _tests_by_name(result: CriteriaResult, component: str) -> dict[str, Test]:
    try:
        return {t.name: t for t in result.component(component).tests}
    except KeyError:
        return {}


def _cutoff_shift(old: CriteriaResult, new: CriteriaResult, old_component: str, name: str) -> VersionNote | None:
    """A measured test both versions judge, low under one only: the 2025 age band's cut-off moved it."""
    before, after = _tests_by_name(old, old_component).get(name), _tests_by_name(new, old_component).get(name)
    if before is None or after is None or before.value is None or LOW not in (before.outcome, after.outcome):
        return None
    if before.outcome == after.outcome or UNKNOWN in (before.outcome, after.outcome):
        return None
    values = (
        ("test", name),
        ("value", before.value),
        ("unit", before.unit),
        ("cut_2019", before.cutoff),
        ("cut_2025", after.cutoff),
    )
    return VersionNote("low_only_2025" if after.outcome == LOW else "low_only_2019", values)


def awgs_versions(results: dict[str, CriteriaResult]) -> VersionNote | None:
    """One reason AWGS 2025 differs from AWGS 2019 for this visit, or None when they agree (DECISIONS.md §8).

    Checked in the order a clinician would look: age, grip, mass (including ASM/BMI), performance,
    which 2025 counts as an outcome only, the at-risk category, and the severe grade 2025 dropped.
    """
    old, new = results.get("awgs2019"), results.get("awgs2025")
    if old is None or new is None or old.category == new.category:
        return None
    if new.category == "not_applicable":
        return VersionNote("under_50")
    if INSUFFICIENT_DATA in (old.category, new.category) and new.reason != "strength_normal_risk_factors":
        return VersionNote("insufficient_data")
    for component, name in (("strength", "grip_strength"), ("mass", "asmi")):
        note = _cutoff_shift(old, new, component, name)
        if note is not None:
            return note
    asm_bmi = _tests_by_name(new, "mass").get("asm_bmi")
    if asm_bmi is not None and asm_bmi.outcome == LOW and new.category == "sarcopenia":
        return VersionNote("asm_bmi_low_2025", (("value", asm_bmi.value), ("cut_2025", asm_bmi.cutoff)))
    if old.component("performance").status == LOW and new.component("strength").status != LOW:
        return VersionNote("performance_is_outcome_2025")
    if new.category == "at_risk":
        return VersionNote("at_risk_2025")
    if old.category == "severe" and new.category == "sarcopenia":
        return VersionNote("no_severe_2025")
    return VersionNote("different_rules")
