"""Case finding (criteria.md §7.1, §7.2, §2.1; DECISIONS.md §3–§4): SARC-F, calf, SARC-CalF."""

from __future__ import annotations

from typing import Any

import pytest

from screening.clinical.criteria.casefinding import CALF, CLINICAL_SUSPICION, SARC_CALF, SARC_F, TOOLS, case_finding
from screening.clinical.measurements import Measurements
from screening.clinical.results import CaseFinding

AWGS_TOOLS = (CALF, SARC_F, SARC_CALF)
EWGSOP2_TOOLS = (SARC_F, CLINICAL_SUSPICION)


def cf(tools: tuple[str, ...] = TOOLS, **fields: Any) -> CaseFinding:
    return case_finding(Measurements(**fields), tools)


@pytest.mark.parametrize(
    ("score", "positive"),
    [
        pytest.param(3, False, id="criteria.md §7.1 Malmstrom 2013 SARC-F just below 4 -> negative"),
        pytest.param(4, True, id="criteria.md §7.1 Malmstrom 2013 SARC-F at 4 -> positive"),
        pytest.param(5, True, id="criteria.md §7.1 Malmstrom 2013 SARC-F just above 4 -> positive"),
    ],
)
@pytest.mark.parametrize("sex", ["M", "F"])
def test_it_calls_sarc_f_of_4_or_more_positive(score: int, positive: bool, sex: str) -> None:
    assert cf(sex=sex, sarc_f_score=score).sarc_f_positive is positive


@pytest.mark.parametrize(
    ("sex", "calf", "low"),
    [
        pytest.param("M", 34.0, False, id="criteria.md §2.1 Chen 2020 calf <34 M at 34.0 -> not low"),
        pytest.param("M", 33.9, True, id="criteria.md §2.1 Chen 2020 calf <34 M just below 33.9 -> low"),
        pytest.param("M", 34.1, False, id="criteria.md §2.1 Chen 2020 calf <34 M just above 34.1 -> not low"),
        pytest.param("F", 33.0, False, id="criteria.md §2.1 Chen 2020 calf <33 F at 33.0 -> not low"),
        pytest.param("F", 32.9, True, id="criteria.md §2.1 Chen 2020 calf <33 F just below 32.9 -> low"),
        pytest.param("F", 33.1, False, id="criteria.md §2.1 Chen 2020 calf <33 F just above 33.1 -> not low"),
    ],
)
def test_it_calls_the_calf_low_strictly_below_the_sex_cutoff(sex: str, calf: float, low: bool) -> None:
    found = cf(sex=sex, calf_circumference_cm=calf)
    assert found.calf_low is low
    assert found.calf_cutoff == (34.0 if sex == "M" else 33.0)


@pytest.mark.parametrize(
    ("sex", "sarc_f", "calf", "score", "positive"),
    [
        pytest.param("M", 1, 33.9, 11, True, id="criteria.md §7.2 SARC-CalF at 11 -> positive"),
        pytest.param("M", 0, 33.9, 10, False, id="criteria.md §7.2 SARC-CalF just below 11 -> negative"),
        pytest.param("F", 2, 32.0, 12, True, id="criteria.md §7.2 SARC-CalF just above 11 -> positive"),
        pytest.param("F", 3, 33.0, 3, False, id="criteria.md §7.2 calf not low adds 0 points"),
    ],
)
def test_it_adds_10_points_for_a_low_calf(sex: str, sarc_f: int, calf: float, score: int, positive: bool) -> None:
    found = cf(sex=sex, sarc_f_score=sarc_f, calf_circumference_cm=calf)
    assert (found.sarc_calf_score, found.sarc_calf_positive) == (score, positive)


def test_it_leaves_every_piece_unknown_when_nothing_was_screened() -> None:
    found = cf(sex="F")
    pieces = (found.sarc_f_score, found.sarc_f_positive, found.calf_low, found.sarc_calf_score)
    assert pieces == (None, None, None, None)
    assert found.positive is None


def test_it_cannot_score_sarc_calf_without_sarc_f() -> None:
    found = cf(sex="M", calf_circumference_cm=30.0)
    assert (found.calf_low, found.sarc_calf_score, found.sarc_calf_positive) == (True, None, None)


def test_it_cannot_judge_the_calf_without_sex() -> None:
    found = cf(calf_circumference_cm=30.0, sarc_f_score=2)
    assert (found.calf_low, found.calf_cutoff, found.sarc_calf_score) == (None, None, None)
    assert found.sarc_f_positive is False


def test_it_is_negative_when_a_counted_piece_is_known_and_none_is_positive() -> None:
    assert cf(AWGS_TOOLS, sex="M", calf_circumference_cm=34.0).positive is False


def test_it_counts_only_the_sets_own_tools() -> None:
    # criteria.md §10.2 vector 16: SARC-F negative, but SARC-CalF 11 is positive for AWGS.
    fields = {"sex": "F", "sarc_f_score": 1, "calf_circumference_cm": 32.9}
    assert cf(EWGSOP2_TOOLS, **fields).positive is False
    assert cf(AWGS_TOOLS, **fields).positive is True


def test_it_counts_clinical_suspicion_only_when_present() -> None:
    assert cf(EWGSOP2_TOOLS, sex="M", clinical_suspicion=True).positive is True
    assert cf(EWGSOP2_TOOLS, sex="M", clinical_suspicion=False).positive is None
