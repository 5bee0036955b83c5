"""SDOC (Bhasin 2020; cut-points Cawthon 2020), a secondary set shown side by side (DECISIONS.md §5).

Weakness and slowness make sarcopenia; DXA lean mass is deliberately not part of it (criteria.md §5),
and there is no severity grade.
"""

from __future__ import annotations

from screening.clinical.criteria import base
from screening.clinical.criteria.base import (
    CAVEAT_YOUNGER_THAN_OLDER_ADULTS,
    EVALUATE_LOW_COMPONENT,
    INSUFFICIENT_DATA,
    NO_SARCOPENIA,
    NOTE_LOW_COMPONENT,
    RESCREEN_LATER,
    SEX_MISSING,
    SEX_MISSING_DECISION,
    CriteriaSet,
    Cutoff,
    Decision,
    Inputs,
    assemble,
    measure_step,
    memoised_codes,
)
from screening.clinical.results import LOW, NORMAL, UNKNOWN, CriteriaResult

CODE = "sdoc"
SOURCE = "criteria.md §5; Bhasin 2020, Cawthon 2020"

# --- cut-offs: criteria.md §5 (confirmed); Cawthon 2020 (SDOC) abstract; DECISIONS.md §5
GRIP_LOW_MEN_KG = 35.5  # weakness if < 35.5 kg
GRIP_LOW_WOMEN_KG = 20.0  # weakness if < 20 kg
GAIT_LOW_M_S = 0.8  # slowness if < 0.8 m/s

GRIP = Cutoff("grip_strength", "kg", "<", GRIP_LOW_MEN_KG, GRIP_LOW_WOMEN_KG, SOURCE)
GAIT = Cutoff("gait_speed", "m/s", "<", GAIT_LOW_M_S, GAIT_LOW_M_S, SOURCE)

_NEXT_STEP = {
    NO_SARCOPENIA: RESCREEN_LATER,
    "sarcopenia": "see_primary_set",  # a secondary set informs; the primary set drives management
}


# Weakness and slowness are one test each, judged by `Inputs` for every set (`base.Measure`).
_WEAKNESS = base.GRIP_STRENGTH.component_slot(GRIP, "weakness")
_SLOWNESS = base.GAIT_SPEED.component_slot(GAIT, "slowness")


def _category(weakness: str, slowness: str) -> tuple[str, str]:
    """DECISIONS.md §5 SDOC, first match wins: (category, reason)."""
    if weakness == LOW and slowness == LOW:
        return "sarcopenia", "weakness_slowness"
    if NORMAL in (weakness, slowness):
        return NO_SARCOPENIA, "weakness_or_slowness_normal"
    return INSUFFICIENT_DATA, "weakness_or_slowness_unknown"


# Which tests decided each category: (their outcome, indices of their components).
_DECISIVE = {"sarcopenia": (LOW, (0, 1)), NO_SARCOPENIA: (NORMAL, (0, 1)), INSUFFICIENT_DATA: (LOW, ())}


@memoised_codes
def _decide(weakness: str, slowness: str) -> Decision:
    category, reason = _category(weakness, slowness)
    if category == INSUFFICIENT_DATA:
        missing = (("grip_strength", weakness), ("gait_speed", slowness))
        to_complete = tuple(code for code, status in missing if status == UNKNOWN)
        return Decision(category, reason, *_DECISIVE[category], to_complete, measure_step(to_complete))
    return Decision(category, reason, *_DECISIVE[category], (), _NEXT_STEP[category])


_UNDER_60 = (CAVEAT_YOUNGER_THAN_OLDER_ADULTS,)  # DECISIONS.md §7 (`age_caveat`)


def evaluate_inputs(v: Inputs) -> CriteriaResult:
    """SDOC verdict for one visit; SDOC has no case-finding step."""
    components = (v.grip_components[_WEAKNESS], v.gait_components[_SLOWNESS])
    weakness, slowness = components
    decision = SEX_MISSING_DECISION if v.sex is None else _decide(weakness.status, slowness.status)
    return assemble(CODE, decision, components, None, _UNDER_60 if v.under_60 else ())


SET: CriteriaSet = CriteriaSet(
    code=CODE,
    evaluate=evaluate_inputs,
    categories=("sarcopenia", NO_SARCOPENIA, INSUFFICIENT_DATA),
    severity=(NO_SARCOPENIA, "sarcopenia"),
    positive=frozenset({"sarcopenia"}),
    severe=None,
    concepts={"weakness": "strength", "slowness": "performance"},
    diagnosis_needs=(frozenset({"strength"}), frozenset({"performance"})),
    severity_needs=(),
    tests=("grip_strength", "gait_speed"),
    reasons=(SEX_MISSING, "weakness_slowness", "weakness_or_slowness_normal", "weakness_or_slowness_unknown"),
    next_steps=(
        "measure_sex",
        "measure_grip_strength",
        "measure_gait_speed",
        RESCREEN_LATER,
        "see_primary_set",
        EVALUATE_LOW_COMPONENT,
    ),
    to_complete=("sex", "grip_strength", "gait_speed"),
    notes=(CAVEAT_YOUNGER_THAN_OLDER_ADULTS, NOTE_LOW_COMPONENT),
)
