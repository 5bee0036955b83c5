"""Case finding (SARC-F, calf circumference, SARC-CalF), reported beside a result and never gating it.

Each set counts different pieces: EWGSOP2 "Find" is SARC-F or clinical suspicion (criteria.md §1.2),
AWGS 2019 is calf circumference, SARC-F or SARC-CalF (DECISIONS.md §4), AWGS 2025 those and the
finger-ring test (DECISIONS.md §8). A piece that cannot be computed
stays None; the overall answer follows DECISIONS.md §2: positive if any counted piece is positive,
negative if at least one is known and none is positive, None if none is known.
"""

from __future__ import annotations

from functools import lru_cache

from screening.clinical.criteria.base import InvalidMeasurement
from screening.clinical.measurements import Measurements
from screening.clinical.results import CaseFinding

SARC_F = "sarc_f"
CALF = "calf_circumference"
SARC_CALF = "sarc_calf"
CLINICAL_SUSPICION = "clinical_suspicion"
FINGER_RING = "finger_ring"
TOOLS = (SARC_F, CALF, SARC_CALF, CLINICAL_SUSPICION)  # and FINGER_RING, which only AWGS 2025 counts

# criteria.md §7.1; Malmstrom 2013 (SARC-F total 0–10, positive ≥ 4); DECISIONS.md §3–§4
SARC_F_POSITIVE_MIN = 4
# criteria.md §2.1; Chen 2020 (AWGS 2019): calf circumference low if < 34 cm (men) / < 33 cm (women);
# DECISIONS.md §4 keeps AWGS 2019's "<" for SARC-CalF too (criteria.md §12.5)
CALF_LOW_MEN_CM = 34.0
CALF_LOW_WOMEN_CM = 33.0
# criteria.md §7.2; Barbosa-Silva 2016: SARC-CalF = SARC-F + 10 points when the calf is low
SARC_CALF_CALF_POINTS = 10
# criteria.md §2.1 and §7.2; Chen 2020 (AWGS 2019): SARC-CalF positive ≥ 11
SARC_CALF_POSITIVE_MIN = 11
# criteria.md §2.3 Fig. 2; DECISIONS.md §8 (AWGS 2025): the finger-ring (Yubi-wakka) test is abnormal
# when the calf is smaller than the ring (a gap); "bigger" and "just_fits" are normal
FINGER_RING_ABNORMAL = "smaller"

_CALF_CUTOFF: dict[str | None, float | None] = {"M": CALF_LOW_MEN_CM, "F": CALF_LOW_WOMEN_CM, None: None}


def _known_lt(value: float | None, cutoff: float | None) -> bool | None:
    if value is None or cutoff is None:
        return None
    if value != value:
        raise InvalidMeasurement("calf circumference is NaN")
    return value < cutoff


def _overall(pieces: tuple[bool | None, ...]) -> bool | None:
    """Three-valued OR over the counted pieces (DECISIONS.md §2 applied to screening)."""
    if True in pieces:
        return True
    return False if False in pieces else None


def case_finding(m: Measurements, tools: tuple[str, ...]) -> CaseFinding:
    """All case-finding pieces of a visit; `tools` names the ones that count for this set."""
    if FINGER_RING in tools:  # AWGS 2025 only: the ring is part of the key for that set alone
        return case_finding_of(
            m.sex, m.sarc_f_score, m.calf_circumference_cm, m.clinical_suspicion, tools, m.finger_ring_test
        )
    return case_finding_of(m.sex, m.sarc_f_score, m.calf_circumference_cm, m.clinical_suspicion, tools)


# Sex x SARC-F x calf (0.1 cm) x suspicion x set (x finger ring): a bounded space (about 10,000 keys per
# set, three times that for AWGS 2025's ring), worth a larger memo than the tests' (a record is ~450 bytes).
@lru_cache(maxsize=32768, typed=True)
def case_finding_of(
    sex: str | None,
    sarc_f: int | None,
    calf: float | None,
    suspicion: bool,
    tools: tuple[str, ...],
    ring: str | None = None,
) -> CaseFinding:
    """`case_finding` from the values themselves (the sets call it so, one call less per visit); the finger
    ring counts when `tools` names it (AWGS 2025)."""
    sarc_f_positive = None if sarc_f is None else sarc_f >= SARC_F_POSITIVE_MIN
    cutoff = _CALF_CUTOFF.get(sex)
    calf_low = _known_lt(calf, cutoff)
    sarc_calf = None if sarc_f is None or calf_low is None else sarc_f + (SARC_CALF_CALF_POINTS if calf_low else 0)
    sarc_calf_positive = None if sarc_calf is None else sarc_calf >= SARC_CALF_POSITIVE_MIN
    # Clinical suspicion is recorded only when present: its absence is not a negative screen.
    suspected = True if suspicion else None
    ring_abnormal = None if ring is None else ring == FINGER_RING_ABNORMAL
    by_tool = {
        SARC_F: sarc_f_positive,
        CALF: calf_low,
        SARC_CALF: sarc_calf_positive,
        CLINICAL_SUSPICION: suspected,
        FINGER_RING: ring_abnormal,
    }
    return CaseFinding(
        sarc_f_score=sarc_f,
        sarc_f_positive=sarc_f_positive,
        calf_cm=calf,
        calf_low=calf_low,
        calf_cutoff=cutoff,
        sarc_calf_score=sarc_calf,
        sarc_calf_positive=sarc_calf_positive,
        clinical_suspicion=suspicion,
        tools=tools,
        positive=_overall(tuple([by_tool[t] for t in tools])),
    )
