"""FNIH Sarcopenia Project (Studenski 2014), a secondary set shown side by side (DECISIONS.md §5).

Weakness and low lean mass (ALM/BMI) make sarcopenia; slowness on top makes the severe grade
("weakness and slowness with low lean mass", criteria.md §4). Gait is `< 0.8`, not EWGSOP2's `≤ 0.8`.
"""

from __future__ import annotations

from screening.clinical.criteria import base
from screening.clinical.criteria.base import (
    CAVEAT_FNIH_BIA,
    CAVEAT_YOUNGER_THAN_OLDER_ADULTS,
    EVALUATE_LOW_COMPONENT,
    INSUFFICIENT_DATA,
    NO_SARCOPENIA,
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
from screening.clinical.results import LOW, NORMAL, UNKNOWN, Component, CriteriaResult

CODE = "fnih"
SOURCE = "criteria.md §4; Studenski 2014"
SOURCE_SLOWNESS = "criteria.md §4; Alley 2014"

# --- cut-offs: criteria.md §4 (confirmed); Studenski 2014, Alley 2014; DECISIONS.md §5
GRIP_LOW_MEN_KG = 26.0  # weakness if < 26 kg
GRIP_LOW_WOMEN_KG = 16.0  # weakness if < 16 kg
ALM_BMI_LOW_MEN_M2 = 0.789  # low lean mass if ALM/BMI < 0.789
ALM_BMI_LOW_WOMEN_M2 = 0.512  # low lean mass if ALM/BMI < 0.512
GAIT_LOW_M_S = 0.8  # slowness if < 0.8 m/s (criteria.md §12.3)

GRIP = Cutoff("grip_strength", "kg", "<", GRIP_LOW_MEN_KG, GRIP_LOW_WOMEN_KG, SOURCE)
ALM_BMI = Cutoff("alm_bmi", "m²", "<", ALM_BMI_LOW_MEN_M2, ALM_BMI_LOW_WOMEN_M2, SOURCE)
GAIT = Cutoff("gait_speed", "m/s", "<", GAIT_LOW_M_S, GAIT_LOW_M_S, SOURCE_SLOWNESS)

# Where `Inputs` holds this set's judgement of the values other sets judge too (`base.Measure`)
_WEAKNESS = base.GRIP_STRENGTH.component_slot(GRIP, "weakness")
_LOW_LEAN = base.ALM_BMI.component_slot(ALM_BMI, "low_lean")
_SLOWNESS = base.GAIT_SPEED.component_slot(GAIT, "slowness")

_NEXT_STEP = {
    NO_SARCOPENIA: RESCREEN_LATER,
    # A secondary set informs; management follows the primary set (DECISIONS.md §5).
    "sarcopenia": "see_primary_set",
    "severe": "see_primary_set",
}


@memoised
def _withheld_low_lean(sex: str | None, alm_bmi: float | None) -> Component:
    """DECISIONS.md §1: ASM needs its method, as in the other sets; ALM/BMI is always derived."""
    return component("low_lean", (ALM_BMI.withheld(sex, alm_bmi, True),))


def _components(v: Inputs) -> tuple[Component, Component, Component]:
    """Weakness, low lean mass and slowness, one test each, as `Inputs` judged them for every set."""
    return (
        v.grip_components[_WEAKNESS],
        _withheld_low_lean(v.sex, v.alm_bmi) if v.mass_withheld else v.alm_bmi_components[_LOW_LEAN],
        v.gait_components[_SLOWNESS],
    )


def _category(weakness: str, low_lean: str, slowness: str) -> tuple[str, str]:
    """DECISIONS.md §5 FNIH, first match wins: (category, reason)."""
    if weakness == LOW and low_lean == LOW and slowness == LOW:
        return "severe", "weakness_low_lean_slowness"
    if weakness == LOW and low_lean == LOW:
        return "sarcopenia", "weakness_low_lean"
    if NORMAL in (weakness, low_lean):
        return NO_SARCOPENIA, "weakness_or_low_lean_normal"
    return INSUFFICIENT_DATA, "weakness_or_low_lean_unknown"


# Which tests decided each category: (their outcome, indices of their components).
_DECISIVE = {
    "severe": (LOW, (0, 1, 2)),
    "sarcopenia": (LOW, (0, 1)),
    NO_SARCOPENIA: (NORMAL, (0, 1)),
    INSUFFICIENT_DATA: (LOW, ()),
}


def _to_complete(category: str, weakness: str, low_lean: str, slowness: str, withheld: bool) -> tuple[str, ...]:
    if category == INSUFFICIENT_DATA:
        lean = "muscle_mass_method" if withheld else "alm_bmi"
        missing = (("grip_strength", weakness), (lean, low_lean))
        return tuple(code for code, status in missing if status == UNKNOWN)
    if category == "sarcopenia" and slowness == UNKNOWN:
        return ("gait_speed",)
    return ()


@memoised_codes
def _decide(weakness: str, low_lean: str, slowness: str, withheld: bool) -> Decision:
    category, reason = _category(weakness, low_lean, slowness)
    to_complete = _to_complete(category, weakness, low_lean, slowness, withheld)
    next_step = measure_step(to_complete) if category == INSUFFICIENT_DATA else _NEXT_STEP[category]
    return Decision(category, reason, *_DECISIVE[category], to_complete, next_step)


def evaluate_inputs(v: Inputs) -> CriteriaResult:
    """FNIH verdict for one visit; FNIH has no case-finding step."""
    components = _components(v)
    weakness, low_lean, slowness = components
    notes: tuple[str, ...] = (NOTE_MASS_METHOD_MISSING,) if v.mass_withheld else ()
    if v.under_60:  # DECISIONS.md §7 (`age_caveat`)
        notes += (CAVEAT_YOUNGER_THAN_OLDER_ADULTS,)
    if v.m.muscle_mass_method == "BIA":  # DECISIONS.md §7: FNIH's ALM/BMI cut-offs come from DXA
        notes += (CAVEAT_FNIH_BIA,)
    if v.sex is None:
        decision = SEX_MISSING_DECISION
    else:
        decision = _decide(weakness.status, low_lean.status, slowness.status, v.mass_withheld)
    return assemble(CODE, decision, components, None, notes)


SET: CriteriaSet = CriteriaSet(
    code=CODE,
    evaluate=evaluate_inputs,
    categories=("severe", "sarcopenia", NO_SARCOPENIA, INSUFFICIENT_DATA),
    severity=(NO_SARCOPENIA, "sarcopenia", "severe"),
    positive=frozenset({"sarcopenia", "severe"}),
    severe="severe",
    concepts={"weakness": "strength", "low_lean": "mass", "slowness": "performance"},
    diagnosis_needs=(frozenset({"strength"}), frozenset({"mass"})),
    severity_needs=(frozenset({"strength"}), frozenset({"mass"}), frozenset({"performance"})),
    tests=("grip_strength", "alm_bmi", "gait_speed"),
    reasons=(
        SEX_MISSING,
        "weakness_low_lean_slowness",
        "weakness_low_lean",
        "weakness_or_low_lean_normal",
        "weakness_or_low_lean_unknown",
    ),
    next_steps=(
        "measure_sex",
        "measure_grip_strength",
        "measure_alm_bmi",
        "measure_muscle_mass_method",
        RESCREEN_LATER,
        "see_primary_set",
        EVALUATE_LOW_COMPONENT,
    ),
    to_complete=("sex", "grip_strength", "alm_bmi", "muscle_mass_method", "gait_speed"),
    notes=(NOTE_MASS_METHOD_MISSING, CAVEAT_YOUNGER_THAN_OLDER_ADULTS, CAVEAT_FNIH_BIA, NOTE_LOW_COMPONENT),
)
