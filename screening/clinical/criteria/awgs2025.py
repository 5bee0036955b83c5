"""AWGS 2025 (Chen 2025), the newest Asian consensus: low muscle mass plus low strength, from age 50.

Decision order is DECISIONS.md §8, first match wins. Grip is the only strength test; mass is ASMI and
ASM/BMI, each with the cut-off of its method, age band and sex; there is no severe grade; gait speed and
the chair stand are outcomes shown with their band's cut-offs and never change the category. Risk
factors R1–R6 are three-valued and combined with Kleene OR (DECISIONS.md §6, §8).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from screening.clinical.criteria import base
from screening.clinical.criteria.base import (
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
    InvalidMeasurement,
    assemble,
    component,
    memoised,
    memoised_codes,
)
from screening.clinical.criteria.casefinding import CALF, FINGER_RING, SARC_CALF, SARC_F, case_finding_of
from screening.clinical.measurements import FINGER_RING_RESULTS, round_half_up
from screening.clinical.results import LOW, NORMAL, UNKNOWN, Component, CriteriaResult, Test

CODE = "awgs2025"
SOURCE = "criteria.md §2.3 Table 2; Chen 2025 (AWGS 2025)"
SOURCE_RISK = "criteria.md §2.3 Fig. 2; Chen 2025 (AWGS 2025); DECISIONS.md §8"
NOT_APPLICABLE = "not_applicable"
AT_RISK = "at_risk"
POSSIBLE = "possible"
SARCOPENIA = "sarcopenia"

# Age bands by whole years at the visit (DECISIONS.md §8)
MIN_AGE_YEARS = 50  # under 50: not applicable
OLDER_BAND_FROM_YEARS = 65  # 50–64 and ≥ 65
BAND_50_64 = "50-64"
BAND_65_PLUS = "65+"

# --- cut-offs: criteria.md §2.3 Table 2 (read from the paper's own table); Chen 2025; DECISIONS.md §8
# (men, women); strict "<" for grip and mass, "<" for gait speed, ">=" for the chair stand
GRIP_LOW_KG = {BAND_50_64: (34.0, 20.0), BAND_65_PLUS: (28.0, 18.0)}
ASMI_LOW_KG_M2 = {
    ("DXA", BAND_50_64): (7.2, 5.5),
    ("BIA", BAND_50_64): (7.6, 5.7),
    ("DXA", BAND_65_PLUS): (7.0, 5.4),
    ("BIA", BAND_65_PLUS): (7.0, 5.7),
}
ASM_BMI_LOW_M2 = {
    ("DXA", BAND_50_64): (0.80, 0.55),
    ("BIA", BAND_50_64): (0.90, 0.63),
    ("DXA", BAND_65_PLUS): (0.73, 0.52),
    ("BIA", BAND_65_PLUS): (0.83, 0.57),
}
CHAIR_STAND_LOW_S = {BAND_50_64: 10.0, BAND_65_PLUS: 12.0}  # outcome, low if ≥
GAIT_LOW_M_S = {BAND_50_64: 1.2, BAND_65_PLUS: 1.0}  # 6 m walk, outcome, low if <

# --- risk factors: criteria.md §2.3 Fig. 2; DECISIONS.md §8
RISK_AGE_YEARS = 65  # R1: age ≥ 65 (or 50–64 with concern about muscle health)
RISK_BMI_BELOW_KG_M2 = 20.0  # R4: underweight, BMI < 20 (rounded half up to 2 decimals, §1)
RISK_WEIGHT_LOSS_KG = 2.0  # R4: weight loss ≥ 2 kg within 6 months
WASTING_CONDITIONS = frozenset({"active_cancer", "copd", "chronic_heart_failure", "ckd"})  # R5
# Fig. 2's hospital case finding by chronic conditions: reported, never a risk factor (DECISIONS.md §8)
HOSPITAL_CASE_FINDING_CONDITIONS = frozenset({"chronic_heart_failure", "copd", "diabetes", "ckd"})

TRUE, FALSE = "true", "false"  # risk-factor outcomes; UNKNOWN as elsewhere
ANSWER = "answer"  # the unit of a yes/no risk factor

GRIP = {band: Cutoff("grip_strength", "kg", "<", *cut, f"{SOURCE}, {band} y") for band, cut in GRIP_LOW_KG.items()}
ASMI = {
    key: Cutoff("asmi", "kg/m²", "<", *cut, f"{SOURCE}, {key[0]}, {key[1]} y") for key, cut in ASMI_LOW_KG_M2.items()
}
ASM_BMI = {
    key: Cutoff("asm_bmi", "m²", "<", *cut, f"{SOURCE}, {key[0]}, {key[1]} y") for key, cut in ASM_BMI_LOW_M2.items()
}
CHAIR_STAND = {
    band: Cutoff("chair_stand_5x", "s", ">=", cut, cut, f"{SOURCE}, {band} y (outcome)")
    for band, cut in CHAIR_STAND_LOW_S.items()
}
GAIT = {
    band: Cutoff("gait_speed", "m/s", "<", cut, cut, f"{SOURCE}, {band} y (outcome)")
    for band, cut in GAIT_LOW_M_S.items()
}

# Where `Inputs` holds this set's judgement of the values other sets judge too (`base.Measure`)
_STRENGTH = {band: base.GRIP_STRENGTH.component_slot(cutoff, "strength") for band, cutoff in GRIP.items()}
_ASMI = {key: base.ASMI.test_slot(cutoff) for key, cutoff in ASMI.items()}
_ASM_BMI = {key: base.ALM_BMI.test_slot(cutoff) for key, cutoff in ASM_BMI.items()}
_CHAIR_STAND = {band: base.CHAIR_STAND.test_slot(cutoff) for band, cutoff in CHAIR_STAND.items()}
_GAIT = {band: base.GAIT_SPEED.test_slot(cutoff) for band, cutoff in GAIT.items()}

CASE_FINDING_TOOLS = (CALF, SARC_F, SARC_CALF, FINGER_RING)  # DECISIONS.md §8

NOTE_LOW_GRIP_MASS_NORMAL = "low_grip_mass_normal"
NOTE_CASE_FINDING_FROM_65 = "case_finding_cutoffs_from_65"
NOTE_HOSPITAL_CONDITION = "case_finding_chronic_condition"
FINGER_RING_NOTES = {r: f"finger_ring_{r}" for r in FINGER_RING_RESULTS}

CONFIRM_WITH_MUSCLE_MASS = "confirm_with_muscle_mass"
ADDRESS_RISK_FACTORS = "address_risk_factors_and_rescreen"
MASS_NORMAL_FOLLOW_UP = "lifestyle_intervention_and_follow_up"
NOT_APPLICABLE_STEP = "awgs2025_from_age_50"
_NEXT_STEP = {
    NOT_APPLICABLE: NOT_APPLICABLE_STEP,
    SARCOPENIA: "treat_sarcopenia",
    POSSIBLE: CONFIRM_WITH_MUSCLE_MASS,
    AT_RISK: ADDRESS_RISK_FACTORS,
}

# The questions that would settle "risk factors unknown", in R1–R6 order (rule 9)
RISK_QUESTIONS = (
    ("risk_mobility", "mobility"),
    ("risk_dysphagia", "dysphagia"),
    ("risk_underweight", "bmi"),
    ("risk_weight_loss", "weight_loss_kg_6mo"),
    ("risk_wasting_condition", "conditions"),
    ("risk_acute_illness", "hospitalised_last_90d"),
    ("risk_perceived_weakness", "perceived_weakness"),
)


def age_band(age: int | None) -> str | None:
    """'50-64', '65+', or None (age unknown or under 50)."""
    if age is None or age < MIN_AGE_YEARS:
        return None
    return BAND_65_PLUS if age >= OLDER_BAND_FROM_YEARS else BAND_50_64


def weight_loss_kg(kg: float | None, pct: float | None, weight: float | None) -> tuple[float | None, bool]:
    """DECISIONS.md §8: kg wins; else weight × p ÷ (100 − p), half up to 1 decimal. (kg, derived)."""
    if kg is not None:
        return kg, False
    if pct is None or weight is None or pct >= 100:
        return None, False
    return round_half_up(weight * pct / (100 - pct), 1), True


@memoised
def _unjudged(name: str, unit: str, op: str, value: float | None, derived: bool) -> Test:
    """A value without an age band (or method) to judge it by: shown, not judged."""
    return Test(name, value, unit, op, None, UNKNOWN, False, SOURCE, derived and value is not None)


# --- components ---------------------------------------------------------------------------------


@memoised
def _strength(sex: str | None, band: str | None, grip: float | None) -> Component:
    test = GRIP[band].test(sex, grip) if band else _unjudged("grip_strength", "kg", "<", grip, False)
    return component("strength", (test,))


@memoised
def _mass(
    sex: str | None, band: str | None, method: str | None, asmi: float | None, asmi_derived: bool, asm_bmi: float | None
) -> Component:
    """ASMI and ASM/BMI are two tests of one component: either low makes mass low (§2, §8)."""
    if band is None or method is None:
        tests = (_unjudged("asmi", "kg/m²", "<", asmi, asmi_derived), _unjudged("asm_bmi", "m²", "<", asm_bmi, True))
    else:
        tests = (
            ASMI[method, band].test(sex, asmi, False, asmi_derived),
            ASM_BMI[method, band].test(sex, asm_bmi, False, True),
        )
    return component("mass", tests)


def _outcomes(
    sex: str | None,
    band: str | None,
    gait: float | None,
    gait_unable: bool,
    gait_derived: bool,
    chair: float | None,
    chair_unable: bool,
) -> Component:
    if band is None:
        tests = (
            _unjudged("gait_speed", "m/s", "<", gait, gait_derived),
            _unjudged("chair_stand_5x", "s", ">=", chair, False),
        )
    else:
        tests = (
            GAIT[band].test(sex, gait, gait_unable, gait_derived),
            CHAIR_STAND[band].test(sex, chair, chair_unable),
        )
    return component("outcomes", tests)


def _answer(value: bool | None) -> str:
    return UNKNOWN if value is None else TRUE if value else FALSE


def _flag(name: str, value: bool | None, unit: str = ANSWER, op: str = "", cut: float | None = None) -> Test:
    """One risk factor: true, false, or unknown when not answered (or not measured)."""
    return Test(name, None, unit, op, cut, _answer(value), False, SOURCE_RISK, False)


def kleene_or(outcomes: tuple[str, ...]) -> str:
    """DECISIONS.md §6: any true → true; all false → false; otherwise unknown."""
    if TRUE in outcomes:
        return TRUE
    return UNKNOWN if UNKNOWN in outcomes else FALSE


_NO_LOSS = Test("risk_weight_loss", None, "kg", ">=", RISK_WEIGHT_LOSS_KG, UNKNOWN, False, SOURCE_RISK, False)


class _Answers(NamedTuple):
    """Every risk factor but the weight loss, and what they settle without it."""

    before: tuple[Test, ...]  # the tests before the weight loss in R order
    after: tuple[Test, ...]  # and after it
    status: str  # their Kleene OR
    unanswered: tuple[str, ...]  # their questions still open when that is unknown
    no_loss: tuple[Component, tuple[str, ...]]  # the component (and open questions) with no loss recorded


@lru_cache(maxsize=8192)
def _answers(
    old: bool,
    underweight: bool | None,
    suspicion: bool,
    mobility: str | None,
    dysphagia: bool | None,
    wasting: bool | None,
    acute: bool | None,
    weakness: bool | None,
) -> _Answers:
    """The risk factors other than the weight loss, built once per combination.

    The age and the BMI are shown with the visit, so their rows carry the outcome only: that keeps this
    domain small (under 4,000 combinations), so every visit shares one record per combination.
    """
    before = (
        _flag("risk_age", old, "years", ">=", RISK_AGE_YEARS),  # R1
        _flag("risk_muscle_concern", suspicion),  # R1 at 50–64; a tick box: unticked is false
        _flag("risk_mobility", None if mobility is None else mobility != "independent"),  # R2
        _flag("risk_dysphagia", dysphagia),  # R3
        _flag("risk_underweight", underweight, "kg/m²", "<", RISK_BMI_BELOW_KG_M2),  # R4
    )
    after = (
        _flag("risk_wasting_condition", wasting),  # R5
        _flag("risk_acute_illness", acute),  # R5
        _flag("risk_perceived_weakness", weakness),  # R6
    )
    rest = (*before, *after)
    status = kleene_or(tuple([t.outcome for t in rest]))
    unanswered = (
        ()
        if status != UNKNOWN
        else tuple([_QUESTION_OF[t.name] for t in rest if t.outcome == UNKNOWN and t.name in _QUESTION_OF])
    )
    no_loss = _risk_component((*before, _NO_LOSS, *after))
    return _Answers(before, after, status, unanswered, no_loss)


@memoised
def _loss_test(loss: float | None, derived: bool) -> Test:
    """R4's weight loss in kg, shown as compared (converted from % when only that was recorded)."""
    if loss is None:
        return _NO_LOSS
    outcome = TRUE if loss >= RISK_WEIGHT_LOSS_KG else FALSE
    return Test("risk_weight_loss", loss, "kg", ">=", RISK_WEIGHT_LOSS_KG, outcome, False, SOURCE_RISK, derived)


def _risk_component(tests: tuple[Test, ...]) -> tuple[Component, tuple[str, ...]]:
    """R1–R6 combined with Kleene OR (DECISIONS.md §6, §8), and the questions still unanswered."""
    status = kleene_or(tuple([t.outcome for t in tests]))
    unanswered = (
        ()
        if status != UNKNOWN
        else tuple([code for (_, code), t in zip(_RISK_ORDER, tests) if t.outcome == UNKNOWN and code])
    )
    return Component("risk_factors", status, tests), unanswered


def _risk_factors(v: Inputs) -> tuple[Component, tuple[str, ...]]:
    m = v.m
    age, bmi, conditions = m.age_years, m.bmi_rounded, m.conditions
    answers = _answers(
        age is not None and age >= RISK_AGE_YEARS,
        None if bmi is None else bmi < RISK_BMI_BELOW_KG_M2,
        m.clinical_suspicion,
        m.mobility,
        m.dysphagia,
        None if conditions is None else not conditions.isdisjoint(WASTING_CONDITIONS),
        m.hospitalised_last_90d,
        m.perceived_weakness,
    )
    kg, pct = m.weight_loss_kg_6mo, m.weight_loss_pct_6mo
    if kg is None and pct is None:
        return answers.no_loss
    lost = _loss_test(*weight_loss_kg(kg, pct, m.weight_kg))
    if lost is _NO_LOSS:
        return answers.no_loss
    # A recorded loss is true or false, never unknown: Kleene OR is associative, so it joins the rest's
    # status, and the questions still open are the rest's.
    status = kleene_or((answers.status, lost.outcome))
    tests = (*answers.before, lost, *answers.after)
    return Component("risk_factors", status, tests), answers.unanswered if status == UNKNOWN else ()


# --- decision -----------------------------------------------------------------------------------


def _category(strength: str, mass: str, risk: str) -> tuple[str, str]:
    """DECISIONS.md §8 rules 3–9 (sex and age are settled before), first match wins."""
    if strength == UNKNOWN:
        return INSUFFICIENT_DATA, "strength_unknown"
    if strength == LOW:
        if mass == LOW:
            return SARCOPENIA, "strength_mass_low"
        if mass == UNKNOWN:
            return POSSIBLE, "strength_low_mass_unknown"
        return NO_SARCOPENIA, "strength_low_mass_normal"
    if risk == TRUE:
        return AT_RISK, "strength_normal_risk_factors"
    if risk == FALSE:
        return NO_SARCOPENIA, "strength_normal_no_risk_factors"
    return INSUFFICIENT_DATA, "strength_normal_risk_factors_unknown"


# Which tests decided each reason: (their outcome, indices of their components).
_DECISIVE = {
    "strength_unknown": (LOW, ()),
    "strength_mass_low": (LOW, (0, 1)),
    "strength_low_mass_unknown": (LOW, (0,)),
    "strength_low_mass_normal": (NORMAL, (1,)),
    "strength_normal_risk_factors": (TRUE, (2,)),
    "strength_normal_no_risk_factors": (NORMAL, (0,)),
    "strength_normal_risk_factors_unknown": (LOW, ()),
}


def _to_complete(reason: str, withheld: bool, unanswered: tuple[str, ...]) -> tuple[str, ...]:
    if reason == "strength_unknown":
        return ("grip_strength",)
    if reason == "strength_low_mass_unknown":
        return ("muscle_mass_method",) if withheld else ("asmi_or_asm_bmi",)
    if reason == "strength_normal_risk_factors_unknown":
        return unanswered
    return ()


@memoised_codes
def _decide(strength: str, mass: str, risk: str, withheld: bool, unanswered: tuple[str, ...]) -> Decision:
    category, reason = _category(strength, mass, risk)
    to_complete = _to_complete(reason, withheld, unanswered)
    if category == INSUFFICIENT_DATA:
        next_step = "measure_grip_strength" if reason == "strength_unknown" else "answer_risk_questions"
    elif reason == "strength_low_mass_normal":
        next_step = MASS_NORMAL_FOLLOW_UP
    else:
        next_step = _NEXT_STEP.get(category, RESCREEN_LATER)
    return Decision(category, reason, *_DECISIVE[reason], to_complete, next_step)


_AGE_MISSING = Decision(INSUFFICIENT_DATA, "age_missing", LOW, (), ("age",), "measure_age")
_UNDER_50 = Decision(NOT_APPLICABLE, "under_50", LOW, (), (), NOT_APPLICABLE_STEP)


_QUESTION_OF = dict(RISK_QUESTIONS)
_RISK_ORDER = tuple(
    (name, _QUESTION_OF.get(name, ""))
    for name in (
        "risk_age",
        "risk_muscle_concern",
        "risk_mobility",
        "risk_dysphagia",
        "risk_underweight",
        "risk_weight_loss",
        "risk_wasting_condition",
        "risk_acute_illness",
        "risk_perceived_weakness",
    )
)
_RING_CODES = frozenset((None, *FINGER_RING_RESULTS))


@memoised_codes
def _notes(
    case_negative: bool, ring: str | None, band: str | None, hospital_condition: bool, withheld: bool, reason: str
) -> tuple[str, ...]:
    notes: tuple[str, ...] = (NOTE_CASE_FINDING_NEGATIVE,) if case_negative else ()
    if ring is not None:
        notes += (FINGER_RING_NOTES[ring],)
    if band == BAND_50_64:
        notes += (NOTE_CASE_FINDING_FROM_65,)
    if hospital_condition:
        notes += (NOTE_HOSPITAL_CONDITION,)
    if withheld:
        notes += (NOTE_MASS_METHOD_MISSING,)
    if reason == "strength_low_mass_normal":
        notes += (NOTE_LOW_GRIP_MASS_NORMAL,)
    return notes


def evaluate_inputs(v: Inputs) -> CriteriaResult:
    """AWGS 2025 verdict for one visit."""
    m, sex, age, ring = v.m, v.sex, v.m.age_years, v.m.finger_ring_test
    if ring not in _RING_CODES:
        raise InvalidMeasurement(f"finger_ring_test must be one of {FINGER_RING_RESULTS} or None")
    band = None if age is None or age < MIN_AGE_YEARS else BAND_65_PLUS if age >= OLDER_BAND_FROM_YEARS else BAND_50_64
    method = None if v.mass_withheld else m.muscle_mass_method
    risk, unanswered = _risk_factors(v)
    if band is None:
        strength = _strength(sex, band, m.grip_strength_kg)
        mass = _mass(sex, band, method, v.asmi, v.asmi_derived, v.alm_bmi)
        outcomes = _outcomes(sex, band, v.gait, m.gait_unable, v.gait_derived, m.chair_stand_5x_s, m.chair_stand_unable)
    else:  # `_strength`, `_mass` and `_outcomes` from the tests `Inputs` judged for every set
        strength = v.grip_components[_STRENGTH[band]]
        if method is None:
            mass = _mass(sex, band, method, v.asmi, v.asmi_derived, v.alm_bmi)
        else:  # ASM/BMI exists only when ASM itself is recorded (never worked back from a device ASMI), §8
            mass = component("mass", (v.asmi_tests[_ASMI[method, band]], v.alm_bmi_tests[_ASM_BMI[method, band]]))
        outcomes = component("outcomes", (v.gait_tests[_GAIT[band]], v.chair_tests[_CHAIR_STAND[band]]))
    case = case_finding_of(
        m.sex, m.sarc_f_score, m.calf_circumference_cm, m.clinical_suspicion, CASE_FINDING_TOOLS, ring
    )
    if sex is None:
        decision = SEX_MISSING_DECISION
    elif band is None:
        decision = _AGE_MISSING if age is None else _UNDER_50
    else:
        decision = _decide(strength.status, mass.status, risk.status, v.mass_withheld, unanswered)
    conditions = m.conditions
    hospital_condition = (
        m.setting == "hospital"
        and conditions is not None
        and not conditions.isdisjoint(HOSPITAL_CASE_FINDING_CONDITIONS)
    )
    notes = _notes(case.positive is False, ring, band, hospital_condition, v.mass_withheld, decision.reason)
    return assemble(CODE, decision, (strength, mass, risk, outcomes), case, notes)


SET: CriteriaSet = CriteriaSet(
    code=CODE,
    evaluate=evaluate_inputs,
    categories=(SARCOPENIA, POSSIBLE, AT_RISK, NO_SARCOPENIA, INSUFFICIENT_DATA, NOT_APPLICABLE),
    severity=(NO_SARCOPENIA, AT_RISK, POSSIBLE, SARCOPENIA),
    positive=frozenset({SARCOPENIA}),
    severe=None,
    # Outcomes and risk factors never decide a diagnosis: concepts no other set shares.
    concepts={"strength": "strength", "mass": "mass", "risk_factors": "risk_factors", "outcomes": "outcomes"},
    diagnosis_needs=(frozenset({"strength"}), frozenset({"mass"})),
    severity_needs=(),
    tests=(
        "grip_strength",
        "asmi",
        "asm_bmi",
        "gait_speed",
        "chair_stand_5x",
        *(name for name, _ in RISK_QUESTIONS),
        "risk_age",
        "risk_muscle_concern",
    ),
    reasons=(
        SEX_MISSING,
        "age_missing",
        "under_50",
        "strength_unknown",
        "strength_mass_low",
        "strength_low_mass_unknown",
        "strength_low_mass_normal",
        "strength_normal_risk_factors",
        "strength_normal_no_risk_factors",
        "strength_normal_risk_factors_unknown",
    ),
    next_steps=(
        "measure_sex",
        "measure_age",
        NOT_APPLICABLE_STEP,
        "measure_grip_strength",
        "answer_risk_questions",
        "treat_sarcopenia",
        CONFIRM_WITH_MUSCLE_MASS,
        MASS_NORMAL_FOLLOW_UP,
        ADDRESS_RISK_FACTORS,
        RESCREEN_LATER,
        EVALUATE_LOW_COMPONENT,
    ),
    to_complete=(
        "sex",
        "age",
        "grip_strength",
        "asmi_or_asm_bmi",
        "muscle_mass_method",
        *(code for _, code in RISK_QUESTIONS),
    ),
    notes=(
        NOTE_CASE_FINDING_NEGATIVE,
        NOTE_MASS_METHOD_MISSING,
        NOTE_LOW_GRIP_MASS_NORMAL,
        NOTE_CASE_FINDING_FROM_65,
        NOTE_HOSPITAL_CONDITION,
        *FINGER_RING_NOTES.values(),
        NOTE_LOW_COMPONENT,
    ),
)
