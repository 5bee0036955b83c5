"""AWGS 2019 (Chen 2020), the primary set for Asian populations.

Decision order is DECISIONS.md §4, first match wins. Unlike EWGSOP2, low mass with low performance and
normal strength is sarcopenia (criteria.md §2.2 B5). One usual gait speed serves whatever the course
(DECISIONS.md §1); the visit setting changes only the recommended next step.
"""

from __future__ import annotations

from screening.clinical.criteria import base
from screening.clinical.criteria.base import (
    CAVEAT_YOUNGER_THAN_AWGS,
    EVALUATE_LOW_COMPONENT,
    INSUFFICIENT_DATA,
    NO_SARCOPENIA,
    NOTE_CASE_FINDING_NEGATIVE,
    NOTE_LOW_COMPONENT,
    NOTE_MASS_METHOD_MISSING,
    RESCREEN_LATER,
    SEX_MISSING,
    SEX_MISSING_DECISION,
    CriteriaSet,
    Cutoff,
    Decision,
    Inputs,
    assemble,
    component,
    measure_step,
    memoised,
    memoised_codes,
)
from screening.clinical.criteria.casefinding import CALF, SARC_CALF, SARC_F, case_finding_of
from screening.clinical.results import LOW, NORMAL, UNKNOWN, Component, CriteriaResult, Test

CODE = "awgs2019"
SOURCE = "criteria.md §2.1; Chen 2020 (AWGS 2019)"

# --- cut-offs: criteria.md §2.1 (all confirmed from the abstract); Chen 2020; DECISIONS.md §4
GRIP_LOW_MEN_KG = 28.0  # low if < 28 kg
GRIP_LOW_WOMEN_KG = 18.0  # low if < 18 kg
GAIT_LOW_M_S = 1.0  # 6 m usual gait, low if < 1.0 m/s
CHAIR_STAND_LOW_S = 12.0  # five rises, low if ≥ 12 s
SPPB_LOW_POINTS = 9  # low if ≤ 9 points
ASMI_DXA_LOW_MEN_KG_M2 = 7.0  # DXA, low if < 7.0 kg/m²
ASMI_DXA_LOW_WOMEN_KG_M2 = 5.4  # DXA, low if < 5.4 kg/m²
ASMI_BIA_LOW_MEN_KG_M2 = 7.0  # BIA, low if < 7.0 kg/m²
ASMI_BIA_LOW_WOMEN_KG_M2 = 5.7  # BIA, low if < 5.7 kg/m²

GRIP = Cutoff("grip_strength", "kg", "<", GRIP_LOW_MEN_KG, GRIP_LOW_WOMEN_KG, SOURCE)
GAIT = Cutoff("gait_speed", "m/s", "<", GAIT_LOW_M_S, GAIT_LOW_M_S, SOURCE)
CHAIR_STAND = Cutoff("chair_stand_5x", "s", ">=", CHAIR_STAND_LOW_S, CHAIR_STAND_LOW_S, SOURCE)
SPPB = Cutoff("sppb", "points", "<=", SPPB_LOW_POINTS, SPPB_LOW_POINTS, SOURCE)
ASMI_DXA = Cutoff("asmi", "kg/m²", "<", ASMI_DXA_LOW_MEN_KG_M2, ASMI_DXA_LOW_WOMEN_KG_M2, SOURCE + ", DXA")
ASMI_BIA = Cutoff("asmi", "kg/m²", "<", ASMI_BIA_LOW_MEN_KG_M2, ASMI_BIA_LOW_WOMEN_KG_M2, SOURCE + ", BIA")
_ASMI_BY_METHOD = {"DXA": ASMI_DXA, "BIA": ASMI_BIA}
# Where `Inputs` holds this set's judgement of the values other sets judge too (`base.Measure`)
_STRENGTH = base.GRIP_STRENGTH.component_slot(GRIP, "strength")
_GAIT = base.GAIT_SPEED.test_slot(GAIT)
_CHAIR_STAND = base.CHAIR_STAND.test_slot(CHAIR_STAND)
_SPPB = base.SPPB.test_slot(SPPB)
_MASS = {method: base.ASMI.component_slot(cutoff, "mass") for method, cutoff in _ASMI_BY_METHOD.items()}

CASE_FINDING_TOOLS = (CALF, SARC_F, SARC_CALF)  # DECISIONS.md §4

_NEXT_STEP = {NO_SARCOPENIA: RESCREEN_LATER, "sarcopenia": "treat_sarcopenia", "severe": "treat_severe_sarcopenia"}
POSSIBLE_COMMUNITY = "lifestyle_intervention_and_refer"  # criteria.md §2.2 A3
POSSIBLE_HOSPITAL_NO_MASS = "confirm_with_muscle_mass"  # criteria.md §2.2 B3
POSSIBLE_HOSPITAL_MASS_NORMAL = "lifestyle_intervention_and_follow_up"
PERFORMANCE_TESTS = "gait_chair_stand_or_sppb"  # what completes "performance" here: 6 m gait, 5× chair, SPPB


def _performance(
    sex: str | None,
    gait: float | None,
    gait_unable: bool,
    gait_derived: bool,
    chair: float | None,
    chair_unable: bool,
    sppb: int | None,
) -> Component:
    tests = (
        GAIT.test(sex, gait, gait_unable, gait_derived),
        CHAIR_STAND.test(sex, chair, chair_unable),
        SPPB.test(sex, sppb),
    )
    return component("performance", tests)


@memoised
def _mass(sex: str | None, asmi: float | None, derived: bool, method: str | None) -> Component:
    """The cut-off depends on the method: without one there is none to show, and an ASMI is not judged."""
    if method is None:
        derived = derived and asmi is not None
        return component("mass", (Test("asmi", asmi, "kg/m²", "<", None, UNKNOWN, False, SOURCE, derived),))
    return component("mass", (_ASMI_BY_METHOD[method].test(sex, asmi, False, derived),))


def _components(v: Inputs) -> tuple[Component, Component, Component]:
    """Strength (grip alone), `_performance` and `_mass`, as `Inputs` judged them for every set."""
    method = v.m.muscle_mass_method
    return (
        v.grip_components[_STRENGTH],
        component("performance", (v.gait_tests[_GAIT], v.chair_tests[_CHAIR_STAND], v.sppb_tests[_SPPB])),
        _mass(v.sex, v.asmi, v.asmi_derived, None) if method is None else v.asmi_components[_MASS[method]],
    )


def _category(strength: str, performance: str, mass: str) -> tuple[str, str]:
    """DECISIONS.md §4 rules 1–5, first match wins: (category, reason)."""
    if mass == LOW and strength == LOW and performance == LOW:
        return "severe", "mass_strength_performance_low"
    if mass == LOW and LOW in (strength, performance):
        return "sarcopenia", "mass_and_strength_or_performance_low"
    if LOW in (strength, performance):
        return "possible", "strength_or_performance_low"
    if strength == NORMAL and performance == NORMAL:
        return NO_SARCOPENIA, "strength_and_performance_normal"
    # Rule 5 (rule-set 2026.2): an unmeasured performance is unknown, not normal; with low mass and
    # normal grip it could still be sarcopenia.
    if strength == NORMAL:
        return INSUFFICIENT_DATA, "strength_normal_performance_unknown"
    return INSUFFICIENT_DATA, "strength_unknown_performance_not_low"


# Which tests decided each category: (their outcome, indices of their components).
_DECISIVE = {
    "severe": (LOW, (0, 1, 2)),
    "sarcopenia": (LOW, (0, 1, 2)),
    "possible": (LOW, (0, 1)),
    NO_SARCOPENIA: (NORMAL, (0, 1)),
    INSUFFICIENT_DATA: (LOW, ()),
}


def _to_complete(category: str, strength: str, performance: str, mass: str, withheld: bool) -> tuple[str, ...]:
    if category == INSUFFICIENT_DATA:  # each unknown one of the two that rule 4 needs normal
        missing = (("grip_strength", strength), (PERFORMANCE_TESTS, performance))
        return tuple(code for code, status in missing if status == UNKNOWN)
    if category == "possible" and mass == UNKNOWN:
        return ("muscle_mass_method",) if withheld else ("asmi",)
    if category == "sarcopenia":  # what would grade severity
        missing = (("grip_strength", strength), (PERFORMANCE_TESTS, performance))
        return tuple(code for code, status in missing if status == UNKNOWN)
    return ()


def _next_step(category: str, mass: str, setting: str, to_complete: tuple[str, ...]) -> str:
    """The setting changes only this (DECISIONS.md §4; criteria.md §2.2 A3 and B3)."""
    if category == INSUFFICIENT_DATA:
        return measure_step(to_complete)
    if category != "possible":
        return _NEXT_STEP[category]
    if setting == "community":
        return POSSIBLE_COMMUNITY
    return POSSIBLE_HOSPITAL_NO_MASS if mass == UNKNOWN else POSSIBLE_HOSPITAL_MASS_NORMAL


@memoised_codes
def _decide(strength: str, performance: str, mass: str, withheld: bool, setting: str) -> Decision:
    category, reason = _category(strength, performance, mass)
    to_complete = _to_complete(category, strength, performance, mass, withheld)
    next_step = _next_step(category, mass, setting, to_complete)
    return Decision(category, reason, *_DECISIVE[category], to_complete, next_step)


def evaluate_inputs(v: Inputs) -> CriteriaResult:
    """AWGS 2019 verdict for one visit."""
    components = _components(v)
    strength, performance, mass = components
    m = v.m
    case = case_finding_of(m.sex, m.sarc_f_score, m.calf_circumference_cm, m.clinical_suspicion, CASE_FINDING_TOOLS)
    # DECISIONS.md §3 and §7 (`case_notes`, `age_caveat`), written out: this runs on every visit
    notes: tuple[str, ...] = (NOTE_CASE_FINDING_NEGATIVE,) if case.positive is False else ()
    if v.mass_withheld:
        notes += (NOTE_MASS_METHOD_MISSING,)
    if v.under_60:
        notes += (CAVEAT_YOUNGER_THAN_AWGS,)
    if v.sex is None:
        decision = SEX_MISSING_DECISION
    else:
        decision = _decide(strength.status, performance.status, mass.status, v.mass_withheld, v.m.setting)
    return assemble(CODE, decision, components, case, notes)


SET: CriteriaSet = CriteriaSet(
    code=CODE,
    evaluate=evaluate_inputs,
    categories=("severe", "sarcopenia", "possible", NO_SARCOPENIA, INSUFFICIENT_DATA),
    severity=(NO_SARCOPENIA, "possible", "sarcopenia", "severe"),
    positive=frozenset({"sarcopenia", "severe"}),
    severe="severe",
    concepts={"strength": "strength", "performance": "performance", "mass": "mass"},
    diagnosis_needs=(frozenset({"mass"}), frozenset({"strength", "performance"})),
    severity_needs=(frozenset({"strength"}), frozenset({"mass"}), frozenset({"performance"})),
    tests=("grip_strength", "gait_speed", "chair_stand_5x", "sppb", "asmi"),
    reasons=(
        SEX_MISSING,
        "mass_strength_performance_low",
        "mass_and_strength_or_performance_low",
        "strength_or_performance_low",
        "strength_and_performance_normal",
        "strength_normal_performance_unknown",
        "strength_unknown_performance_not_low",
    ),
    next_steps=(
        "measure_sex",
        "measure_grip_strength",
        "measure_" + PERFORMANCE_TESTS,
        *_NEXT_STEP.values(),
        POSSIBLE_COMMUNITY,
        POSSIBLE_HOSPITAL_NO_MASS,
        POSSIBLE_HOSPITAL_MASS_NORMAL,
        EVALUATE_LOW_COMPONENT,
    ),
    to_complete=("sex", "grip_strength", "asmi", "muscle_mass_method", PERFORMANCE_TESTS),
    notes=(NOTE_CASE_FINDING_NEGATIVE, NOTE_MASS_METHOD_MISSING, CAVEAT_YOUNGER_THAN_AWGS, NOTE_LOW_COMPONENT),
)
