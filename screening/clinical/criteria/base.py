"""What every criteria set shares, so that they all treat missing, unable and unknown the same way.

DECISIONS.md §1–§2: unable counts as low, not measured is unknown (never 0, never normal), a value is
compared as it was entered (derived ones come rounded from `Measurements`), and a component is low if
any measured test is low, normal if one was measured and none is low, unknown otherwise.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from screening.clinical import RULE_SET_VERSION
from screening.clinical.measurements import MUSCLE_MASS_METHODS, SETTINGS, SEXES, Measurements
from screening.clinical.results import LOW, NORMAL, UNKNOWN, CaseFinding, Component, CriteriaResult, Test

INSUFFICIENT_DATA = "insufficient_data"
NO_SARCOPENIA = "no_sarcopenia"
RESCREEN_LATER = "rescreen_later"
SEX_MISSING = "sex_missing"
NOTE_MASS_METHOD_MISSING = "muscle_mass_method_missing"
NOTE_CASE_FINDING_NEGATIVE = "case_finding_negative"

# DECISIONS.md §7 (rule-set 2026.2): caveats travel with a result (screen, PDF, exports) as notes; they
# never change its category.
CAVEAT_AGE_YEARS = 60  # "a patient younger than 60 at the visit"
CAVEAT_YOUNGER_THAN_OLDER_ADULTS = "caveat_age_under_60_older_adults"  # EWGSOP2, FNIH, SDOC
CAVEAT_YOUNGER_THAN_AWGS = "caveat_age_under_60_awgs"  # AWGS 2019: derived in people aged ≥ 60
CAVEAT_FNIH_BIA = "caveat_fnih_mass_by_bia"  # FNIH's ALM/BMI cut-offs come from DXA
# A no_sarcopenia verdict with one of the set's components low (e.g. FNIH: weak grip, normal ALM/BMI) is
# not reassuring: it names the low component and suggests evaluating it instead of re-screening later.
NOTE_LOW_COMPONENT = "caveat_no_sarcopenia_low_component"
EVALUATE_LOW_COMPONENT = "evaluate_low_component"
CAVEATS = (CAVEAT_YOUNGER_THAN_OLDER_ADULTS, CAVEAT_YOUNGER_THAN_AWGS, CAVEAT_FNIH_BIA, NOTE_LOW_COMPONENT)

_IS_LOW: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


class InvalidMeasurement(ValueError):
    """Input the adapters must never pass (NaN, a sex or method code we do not know): fail loudly."""


# Tests, single-test components and case findings are immutable and depend on one or two raw inputs,
# so each is built once per distinct input and shared: building a frozen dataclass costs more than the
# comparison itself. `typed=True` keeps 25 and 25.0 apart, so a value is shown exactly as entered.
# The size holds one test's whole plausible domain at its recording resolution (ASMI at 0.01 kg/m² x
# sex x derived is about 5,000 keys): a smaller memo thrashes on a cohort and rebuilds every record.
# A memo only grows to the inputs it has seen (about 300 bytes a record).
MEMO_SIZE = 8192
memoised = lru_cache(maxsize=MEMO_SIZE, typed=True)
# For keys of codes, statuses and engine-made flags only (no entered value, nothing to show as entered):
# an untyped key hashes half the items, and these memos are hit several times on every visit.
memoised_codes = lru_cache(maxsize=MEMO_SIZE)


class Cutoff:
    """One cut-off of one set, written once: the test it judges, the operator, the value per sex.

    `test(sex, value, unable, derived)` is memoised: call it positionally (keywords make another key).
    """

    __slots__ = ("name", "unit", "operator", "men", "women", "source", "_cut", "_is_low", "test")

    def __init__(self, name: str, unit: str, op: str, men: float, women: float, source: str) -> None:
        self.name, self.unit, self.operator, self.source = name, unit, op, source
        self.men, self.women = men, women
        # Without a sex only a sex-neutral cut-off can be applied.
        self._cut: dict[str | None, float | None] = {"M": men, "F": women, None: men if men == women else None}
        self._is_low = _IS_LOW[op]
        self.test: Callable[..., Test] = memoised(self._judge)

    def _make(self, value: float | None, cut: float | None, outcome: str, unable: bool, derived: bool) -> Test:
        return Test(self.name, value, self.unit, self.operator, cut, outcome, unable, self.source, derived)

    def cutoff_for(self, sex: str | None) -> float | None:
        return self._cut[sex]

    def _judge(self, sex: str | None, value: float | None, unable: bool = False, derived: bool = False) -> Test:
        """Judge one value; unable is low and None is unknown (DECISIONS.md §1)."""
        cut = self._cut[sex]
        if unable:
            return self._make(value, cut, LOW, True, derived)
        if value is None:
            return self._make(None, cut, UNKNOWN, False, False)
        if value != value:
            raise InvalidMeasurement(f"{self.name} is NaN")
        if cut is None:
            return self._make(value, None, UNKNOWN, False, derived)
        return self._make(value, cut, LOW if self._is_low(value, cut) else NORMAL, False, derived)

    def withheld(self, sex: str | None, value: float | None, derived: bool) -> Test:
        """A value entered without what its comparison requires (the mass method): shown, not judged."""
        return self._make(value, self._cut[sex], UNKNOWN, False, derived and value is not None)


def component(code: str, tests: tuple[Test, ...]) -> Component:
    """Reduce tests to one three-valued component exactly as DECISIONS.md §2 states."""
    status = UNKNOWN
    for test in tests:
        outcome = test.outcome
        if outcome == LOW:
            return Component(code, LOW, tests)
        if outcome == NORMAL:
            status = NORMAL
    return Component(code, status, tests)


Judged = tuple[tuple[Test, ...], tuple[Component, ...]]


class Measure:
    """One value several sets judge, each by its own cut-off, judged by all of them in one memo lookup.

    Each set used to look the visit's grip strength up in its own memo (five lookups a visit), its gait
    speed likewise (five more), its chair stand and SPPB in two or three: on a cohort every lookup is a
    few cache misses in a large table, which was most of an evaluation's time. A set takes a slot when
    its module is imported, `test_slot` for a test or `component_slot` for a component made of that test
    alone, and reads it from `Inputs` by that index; `Inputs` asks each measure once per visit.

    Judging is what `Cutoff.test` does, memoised the same way (typed key, so 25 and 25.0 stay apart),
    for every registered cut-off at once.
    """

    __slots__ = ("name", "_tests", "_components", "judge")

    def __init__(self, name: str) -> None:
        self.name = name
        self._tests: list[Cutoff] = []
        self._components: list[tuple[Cutoff, str]] = []
        self.judge: Callable[[str | None, float | None, bool, bool], Judged] = memoised(self._judge)

    def test_slot(self, cutoff: Cutoff) -> int:
        """Register a cut-off; its test is `Inputs.<measure>_tests[slot]`."""
        self._tests.append(cutoff)
        self.cache_clear()  # remembered judgements lack the new slot
        return len(self._tests) - 1

    def component_slot(self, cutoff: Cutoff, code: str) -> int:
        """Register a one-test component; it is `Inputs.<measure>_components[slot]`."""
        self._components.append((cutoff, code))
        self.cache_clear()
        return len(self._components) - 1

    def cache_clear(self) -> None:
        self.judge.cache_clear()  # type: ignore[attr-defined]

    def _judge(self, sex: str | None, value: float | None, unable: bool, derived: bool) -> Judged:
        tests = tuple([c._judge(sex, value, unable, derived) for c in self._tests])
        components = tuple([component(code, (c._judge(sex, value, unable, derived),)) for c, code in self._components])
        return tests, components


_NOT_JUDGED: Judged = ((), ())

# The values more than one set judges (DECISIONS.md §1: each by the set's own cut-off).
GRIP_STRENGTH = Measure("grip_strength")
CHAIR_STAND = Measure("chair_stand_5x")
GAIT_SPEED = Measure("gait_speed")
SPPB = Measure("sppb")
ASMI = Measure("asmi")
ALM_BMI = Measure("alm_bmi")  # FNIH's ALM/BMI and AWGS 2025's ASM/BMI: the same value


class Inputs:
    """One visit read once for every set: each derived value costs a Decimal rounding, and each value
    several sets judge is judged once for all of them (`Measure`).

    Also validates the codes whose misspelling would silently change a verdict. A NaN in a judged value
    raises here, whichever set is asked for (before, only a set that judged it raised).
    """

    __slots__ = (
        "m",
        "sex",
        "gait",
        "gait_derived",
        "asmi",
        "asmi_derived",
        "alm_bmi",
        "mass_withheld",
        "under_60",
        "grip_tests",
        "grip_components",
        "chair_tests",
        "gait_tests",
        "gait_components",
        "sppb_tests",
        "asmi_tests",
        "asmi_components",
        "alm_bmi_tests",
        "alm_bmi_components",
    )
    # Each set's test (or one-test component) of a shared value, at the slot its module registered
    grip_tests: tuple[Test, ...]
    grip_components: tuple[Component, ...]
    chair_tests: tuple[Test, ...]
    gait_tests: tuple[Test, ...]
    gait_components: tuple[Component, ...]
    sppb_tests: tuple[Test, ...]
    asmi_tests: tuple[Test, ...]  # empty when the mass is withheld (no method)
    asmi_components: tuple[Component, ...]
    alm_bmi_tests: tuple[Test, ...]
    alm_bmi_components: tuple[Component, ...]

    def __init__(self, m: Measurements) -> None:
        if m.sex is not None and m.sex not in SEXES:
            raise InvalidMeasurement(f"sex must be one of {SEXES} or None")
        if m.muscle_mass_method is not None and m.muscle_mass_method not in MUSCLE_MASS_METHODS:
            raise InvalidMeasurement(f"muscle_mass_method must be one of {MUSCLE_MASS_METHODS} or None")
        if m.setting not in SETTINGS:
            raise InvalidMeasurement(f"setting must be one of {SETTINGS}")
        self.m = m
        self.sex = m.sex
        self.gait = m.gait_speed_used_m_s
        self.gait_derived = m.gait_speed_m_s is None and self.gait is not None
        self.asmi = m.asmi_used_kg_m2
        self.asmi_derived = m.asmi_kg_m2 is None and self.asmi is not None
        self.alm_bmi = m.alm_bmi
        # DECISIONS.md §1: the method is required with any ASM/ASMI value.
        has_mass = m.asm_kg is not None or m.asmi_kg_m2 is not None
        self.mass_withheld = has_mass and m.muscle_mass_method is None
        age = m.age_years  # DECISIONS.md §7: the caveat four sets add below 60
        self.under_60 = age is not None and age < CAVEAT_AGE_YEARS
        # Judged in the order EWGSOP2 judges them, so the first NaN is reported as before. A mass value
        # without its method is shown unjudged by every set (no NaN check), so it is not judged here.
        sex, withheld = self.sex, self.mass_withheld
        self.grip_tests, self.grip_components = GRIP_STRENGTH.judge(sex, m.grip_strength_kg, False, False)
        self.chair_tests = CHAIR_STAND.judge(sex, m.chair_stand_5x_s, m.chair_stand_unable, False)[0]
        self.asmi_tests, self.asmi_components = (
            _NOT_JUDGED if withheld else ASMI.judge(sex, self.asmi, False, self.asmi_derived)
        )
        self.gait_tests, self.gait_components = GAIT_SPEED.judge(sex, self.gait, m.gait_unable, self.gait_derived)
        self.sppb_tests = SPPB.judge(sex, m.sppb_score, False, False)[0]
        self.alm_bmi_tests, self.alm_bmi_components = (
            _NOT_JUDGED if withheld else ALM_BMI.judge(sex, self.alm_bmi, False, True)
        )


@dataclass(frozen=True)
class CriteriaSet:
    """A criteria set as the registry, the comparison and the label tests see it.

    `diagnosis_needs` / `severity_needs` say which shared concepts (strength, mass, performance) must be
    low: every clause must hold, any concept within a clause will do. `compare.py` reads them to explain
    why two sets disagree without knowing each set's rules.
    """

    code: str
    evaluate: Callable[[Inputs], CriteriaResult]
    categories: tuple[str, ...]
    severity: tuple[str, ...]  # determinate categories, mildest first
    positive: frozenset[str]  # categories that mean "has sarcopenia"
    severe: str | None
    concepts: Mapping[str, str]  # component code -> shared concept
    diagnosis_needs: tuple[frozenset[str], ...]
    severity_needs: tuple[frozenset[str], ...]
    tests: tuple[str, ...]
    reasons: tuple[str, ...]
    next_steps: tuple[str, ...]
    to_complete: tuple[str, ...]
    notes: tuple[str, ...]


class Decision(NamedTuple):
    """What a set's rules conclude from component statuses alone (memoised: the domain is tiny)."""

    category: str
    reason: str  # which rule of the set's "first match wins" order matched
    decisive_outcome: str  # outcome of the tests that decided it: "low", or "normal" for a rule-out
    decisive_from: tuple[int, ...]  # indices of the components whose tests decided it
    to_complete: tuple[str, ...]
    next_step: str


# DECISIONS.md §1: no sex, no sex-specific cut-off, so every set returns insufficient_data.
SEX_MISSING_DECISION = Decision(INSUFFICIENT_DATA, SEX_MISSING, LOW, (), ("sex",), "measure_sex")


def measure_step(to_complete: tuple[str, ...]) -> str:
    """Insufficient data: the next step is to measure the first missing piece."""
    return "measure_" + to_complete[0]


def case_notes(case: CaseFinding | None) -> tuple[str, ...]:
    """DECISIONS.md §3: a measured visit is assessed anyway, with a note when case finding was negative."""
    return (NOTE_CASE_FINDING_NEGATIVE,) if case is not None and case.positive is False else ()


def age_caveat(v: Inputs, caveat: str) -> tuple[str, ...]:
    """DECISIONS.md §7: the set is still evaluated below 60; the result says where its cut-offs come from."""
    return (caveat,) if v.under_60 else ()


def caveats(result: CriteriaResult) -> tuple[str, ...]:
    """The DECISIONS.md §7 caveats among a result's notes (what exports list in their `caveats` column)."""
    return tuple(n for n in result.notes if n in CAVEATS)


def assemble(
    code: str, decision: Decision, components: tuple[Component, ...], case: CaseFinding | None, notes: tuple[str, ...]
) -> CriteriaResult:
    """The result record: the decision plus the tests that carried it.

    No sarcopenia with a component low is never "re-screen later": evaluate the low component.
    """
    category, reason, outcome, decisive_from, to_complete, next_step = decision
    if category == NO_SARCOPENIA:
        for c in components:
            if c.status == LOW:
                notes += (NOTE_LOW_COMPONENT,)
                if next_step == RESCREEN_LATER:  # a set's own follow-up for the case (AWGS 2025 rule 6) stays
                    next_step = EVALUATE_LOW_COMPONENT
                break
    decisive: tuple[Test, ...] = ()
    for i in decisive_from:  # a loop, not a comprehension: one frame less on every result
        for t in components[i].tests:
            if t.outcome == outcome:
                decisive += (t,)
    return CriteriaResult(
        code, RULE_SET_VERSION, category, components, decisive, reason, to_complete, next_step, case, notes
    )
