"""EWGSOP2 (Cruz-Jentoft 2019): strength first, then muscle quantity, then performance for severity.

Decision order is DECISIONS.md §3, first match wins. Low performance without low strength is not
sarcopenia here (criteria.md §1.2 step 5); case finding is reported, never a gate.
"""

from __future__ import annotations

from screening.clinical.criteria import base
from screening.clinical.criteria.base import (
    CAVEAT_YOUNGER_THAN_OLDER_ADULTS,
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
from screening.clinical.criteria.casefinding import CLINICAL_SUSPICION, SARC_F, case_finding_of
from screening.clinical.results import LOW, NORMAL, UNKNOWN, CaseFinding, Component, CriteriaResult

CODE = "ewgsop2"
SOURCE = "criteria.md §1.1; Cruz-Jentoft 2019 Table 3"

# --- cut-offs: criteria.md §1.1 and its Verification section; Cruz-Jentoft 2019 Table 3; DECISIONS.md §3
GRIP_LOW_MEN_KG = 27.0  # low if < 27 kg
GRIP_LOW_WOMEN_KG = 16.0  # low if < 16 kg
CHAIR_STAND_LOW_S = 15.0  # five rises, low if > 15 s
ASMI_LOW_MEN_KG_M2 = 7.0  # low if < 7.0 kg/m², DXA or BIA alike (DECISIONS.md §3)
ASMI_LOW_WOMEN_KG_M2 = 5.5  # low if < 5.5 kg/m²
ASM_LOW_MEN_KG = 20.0  # low if < 20 kg
ASM_LOW_WOMEN_KG = 15.0  # low if < 15 kg
GAIT_LOW_M_S = 0.8  # low if ≤ 0.8 m/s
SPPB_LOW_POINTS = 8  # low if ≤ 8 points
TUG_LOW_S = 20.0  # low if ≥ 20 s
WALK_400M_LOW_S = 360.0  # low if not completed or ≥ 6 min

GRIP = Cutoff("grip_strength", "kg", "<", GRIP_LOW_MEN_KG, GRIP_LOW_WOMEN_KG, SOURCE)
CHAIR_STAND = Cutoff("chair_stand_5x", "s", ">", CHAIR_STAND_LOW_S, CHAIR_STAND_LOW_S, SOURCE)
ASMI = Cutoff("asmi", "kg/m²", "<", ASMI_LOW_MEN_KG_M2, ASMI_LOW_WOMEN_KG_M2, SOURCE)
ASM = Cutoff("asm", "kg", "<", ASM_LOW_MEN_KG, ASM_LOW_WOMEN_KG, SOURCE)
GAIT = Cutoff("gait_speed", "m/s", "<=", GAIT_LOW_M_S, GAIT_LOW_M_S, SOURCE)
SPPB = Cutoff("sppb", "points", "<=", SPPB_LOW_POINTS, SPPB_LOW_POINTS, SOURCE)
TUG = Cutoff("tug", "s", ">=", TUG_LOW_S, TUG_LOW_S, SOURCE)
WALK_400M = Cutoff("walk_400m", "s", ">=", WALK_400M_LOW_S, WALK_400M_LOW_S, SOURCE)
# Where `Inputs` holds this set's judgement of the values other sets judge too (`base.Measure`)
_GRIP = base.GRIP_STRENGTH.test_slot(GRIP)
_CHAIR_STAND = base.CHAIR_STAND.test_slot(CHAIR_STAND)
_ASMI = base.ASMI.test_slot(ASMI)
_GAIT = base.GAIT_SPEED.test_slot(GAIT)
_SPPB = base.SPPB.test_slot(SPPB)

CASE_FINDING_TOOLS = (SARC_F, CLINICAL_SUSPICION)  # the "Find" step, criteria.md §1.2
NOTE_ASM_ASMI_DISCORDANT = "asm_asmi_discordant"  # criteria.md §12.9: OR them, flag the discordance

_NEXT_STEP = {
    NO_SARCOPENIA: RESCREEN_LATER,
    "probable": "assess_causes_and_start_intervention",
    "confirmed": "treat_sarcopenia",
    "severe": "treat_severe_sarcopenia",
}


@memoised
def _withheld_quantity(sex: str | None, asmi: float | None, asmi_derived: bool, asm: float | None) -> Component:
    """ASM or ASMI without the method: shown, not judged (DECISIONS.md §1)."""
    return component("quantity", (ASMI.withheld(sex, asmi, asmi_derived), ASM.withheld(sex, asm, False)))


def _components(v: Inputs) -> tuple[Component, Component, Component]:
    """Built here rather than in one function per component: two calls less on every visit.

    Quantity is built on every visit rather than remembered: a memo keyed by ASMI and ASM together
    outgrew any bound on a cohort (half its lookups missed at 20,000 visits) and cost more than building.
    ASMI and ASM are two tests of one component: either low makes quantity low (DECISIONS.md §3).
    """
    m, sex = v.m, v.sex
    if v.mass_withheld:
        quantity = _withheld_quantity(sex, v.asmi, v.asmi_derived, m.asm_kg)
    else:
        quantity = component("quantity", (v.asmi_tests[_ASMI], ASM.test(sex, m.asm_kg)))
    return (
        component("strength", (v.grip_tests[_GRIP], v.chair_tests[_CHAIR_STAND])),
        quantity,
        component(
            "performance",
            (
                v.gait_tests[_GAIT],
                v.sppb_tests[_SPPB],
                TUG.test(sex, m.tug_s, m.tug_unable),
                WALK_400M.test(sex, m.walk_400m_s, m.walk_400m_unable),
            ),
        ),
    )


def _category(strength: str, quantity: str, performance: str) -> tuple[str, str]:
    """DECISIONS.md §3 rules 1–5, first match wins: (category, reason)."""
    if strength == UNKNOWN:
        return INSUFFICIENT_DATA, "strength_unknown"
    if strength == NORMAL:
        return NO_SARCOPENIA, "strength_normal"
    if quantity == LOW and performance == LOW:
        return "severe", "strength_quantity_performance_low"
    if quantity == LOW:
        return "confirmed", "strength_quantity_low"
    return "probable", "strength_low"


# Which tests decided each category: (their outcome, indices of their components).
_DECISIVE = {
    INSUFFICIENT_DATA: (LOW, ()),
    NO_SARCOPENIA: (NORMAL, (0,)),
    "probable": (LOW, (0,)),
    "confirmed": (LOW, (0, 1)),
    "severe": (LOW, (0, 1, 2)),
}


def _to_complete(category: str, quantity: str, performance: str, mass_withheld: bool) -> tuple[str, ...]:
    if category == INSUFFICIENT_DATA:
        return ("grip_or_chair_stand",)
    if category == "probable" and quantity == UNKNOWN:
        return ("muscle_mass_method",) if mass_withheld else ("asm_or_asmi",)
    if category == "confirmed" and performance == UNKNOWN:
        return ("performance",)
    return ()


@memoised_codes
def _decide(strength: str, quantity: str, performance: str, mass_withheld: bool) -> Decision:
    category, reason = _category(strength, quantity, performance)
    to_complete = _to_complete(category, quantity, performance, mass_withheld)
    next_step = measure_step(to_complete) if category == INSUFFICIENT_DATA else _NEXT_STEP[category]
    return Decision(category, reason, *_DECISIVE[category], to_complete, next_step)


def _notes(v: Inputs, quantity: Component, case: CaseFinding) -> tuple[str, ...]:
    notes: tuple[str, ...] = (NOTE_CASE_FINDING_NEGATIVE,) if case.positive is False else ()  # DECISIONS.md §3
    if v.under_60:  # DECISIONS.md §7
        notes += (CAVEAT_YOUNGER_THAN_OLDER_ADULTS,)
    if v.mass_withheld:
        notes += (NOTE_MASS_METHOD_MISSING,)
    asmi, asm = quantity.tests
    if asmi.outcome != asm.outcome and UNKNOWN not in (asmi.outcome, asm.outcome):
        notes += (NOTE_ASM_ASMI_DISCORDANT,)
    return notes


def evaluate_inputs(v: Inputs) -> CriteriaResult:
    """EWGSOP2 verdict for one visit."""
    components = _components(v)
    strength, quantity, performance = components
    m = v.m
    case = case_finding_of(m.sex, m.sarc_f_score, m.calf_circumference_cm, m.clinical_suspicion, CASE_FINDING_TOOLS)
    if v.sex is None:
        decision = SEX_MISSING_DECISION
    else:
        decision = _decide(strength.status, quantity.status, performance.status, v.mass_withheld)
    return assemble(CODE, decision, components, case, _notes(v, quantity, case))


SET: CriteriaSet = CriteriaSet(
    code=CODE,
    evaluate=evaluate_inputs,
    categories=(INSUFFICIENT_DATA, NO_SARCOPENIA, "probable", "confirmed", "severe"),
    severity=(NO_SARCOPENIA, "probable", "confirmed", "severe"),
    positive=frozenset({"confirmed", "severe"}),
    severe="severe",
    concepts={"strength": "strength", "quantity": "mass", "performance": "performance"},
    diagnosis_needs=(frozenset({"strength"}), frozenset({"mass"})),
    severity_needs=(frozenset({"strength"}), frozenset({"mass"}), frozenset({"performance"})),
    tests=tuple(c.name for c in (GRIP, CHAIR_STAND, ASMI, ASM, GAIT, SPPB, TUG, WALK_400M)),
    reasons=(
        SEX_MISSING,
        "strength_unknown",
        "strength_normal",
        "strength_quantity_performance_low",
        "strength_quantity_low",
        "strength_low",
    ),
    next_steps=("measure_sex", "measure_grip_or_chair_stand", *_NEXT_STEP.values(), EVALUATE_LOW_COMPONENT),
    to_complete=("sex", "grip_or_chair_stand", "asm_or_asmi", "muscle_mass_method", "performance"),
    notes=(
        NOTE_CASE_FINDING_NEGATIVE,
        NOTE_MASS_METHOD_MISSING,
        NOTE_ASM_ASMI_DISCORDANT,
        CAVEAT_YOUNGER_THAN_OLDER_ADULTS,
        NOTE_LOW_COMPONENT,
    ),
)
