"""AWGS 2025 (DECISIONS.md §8; criteria.md §2.3): age bands, both mass indices, risk factors, outcomes."""

from __future__ import annotations

from typing import Any

import pytest

from screening.clinical import Measurements, evaluate_all
from screening.clinical.criteria.awgs2025 import kleene_or, weight_loss_kg
from screening.clinical.criteria.compare import disagreements
from screening.clinical.results import CriteriaResult
from tests.clinical.criteria_support import find_test, run, status

T2 = "criteria.md §2.3 Table 2 Chen 2025"
F2 = "criteria.md §2.3 Fig. 2 / DECISIONS.md §8"
L, N, U = "low", "normal", "unknown"
YOUNG, OLD = 58, 72  # one age in each band


def a25(**fields: Any) -> CriteriaResult:
    return run("awgs2025", **fields)


def cell(
    source: str,
    age: int,
    sex: str,
    method: str | None,
    at: float,
    below: float,
    above: float,
    outcomes: tuple[str, str, str],
) -> list:
    """The three rows of one Table 2 cell: at the cut-off, just below, just above."""
    band = "50-64" if age < 65 else "65+"
    return [
        pytest.param(age, sex, method, value, expected, id=f"{source} {band} {sex} {method or ''} {where} {value}")
        for value, expected, where in zip((at, below, above), outcomes, ("at", "just below", "just above"))
    ]


# --- Table 2, every cell, both sides of every cut-off ------------------------------------------------

GRIP_ROWS = [
    *cell(f"{T2} grip <34.0", YOUNG, "M", None, 34.0, 33.9, 34.1, (N, L, N)),
    *cell(f"{T2} grip <20.0", YOUNG, "F", None, 20.0, 19.9, 20.1, (N, L, N)),
    *cell(f"{T2} grip <28.0", OLD, "M", None, 28.0, 27.9, 28.1, (N, L, N)),
    *cell(f"{T2} grip <18.0", OLD, "F", None, 18.0, 17.9, 18.1, (N, L, N)),
]
ASMI_ROWS = [
    *cell(f"{T2} DXA ASMI <7.2", YOUNG, "M", "DXA", 7.2, 7.19, 7.21, (N, L, N)),
    *cell(f"{T2} DXA ASMI <5.5", YOUNG, "F", "DXA", 5.5, 5.49, 5.51, (N, L, N)),
    *cell(f"{T2} BIA ASMI <7.6", YOUNG, "M", "BIA", 7.6, 7.59, 7.61, (N, L, N)),
    *cell(f"{T2} BIA ASMI <5.7", YOUNG, "F", "BIA", 5.7, 5.69, 5.71, (N, L, N)),
    *cell(f"{T2} DXA ASMI <7.0", OLD, "M", "DXA", 7.0, 6.99, 7.01, (N, L, N)),
    *cell(f"{T2} DXA ASMI <5.4", OLD, "F", "DXA", 5.4, 5.39, 5.41, (N, L, N)),
    *cell(f"{T2} BIA ASMI <7.0", OLD, "M", "BIA", 7.0, 6.99, 7.01, (N, L, N)),
    *cell(f"{T2} BIA ASMI <5.7", OLD, "F", "BIA", 5.7, 5.69, 5.71, (N, L, N)),
]
ASM_BMI_ROWS = [
    *cell(f"{T2} DXA ASM/BMI <0.80", YOUNG, "M", "DXA", 0.80, 0.799, 0.801, (N, L, N)),
    *cell(f"{T2} DXA ASM/BMI <0.55", YOUNG, "F", "DXA", 0.55, 0.549, 0.551, (N, L, N)),
    *cell(f"{T2} BIA ASM/BMI <0.90", YOUNG, "M", "BIA", 0.90, 0.899, 0.901, (N, L, N)),
    *cell(f"{T2} BIA ASM/BMI <0.63", YOUNG, "F", "BIA", 0.63, 0.629, 0.631, (N, L, N)),
    *cell(f"{T2} DXA ASM/BMI <0.73", OLD, "M", "DXA", 0.73, 0.729, 0.731, (N, L, N)),
    *cell(f"{T2} DXA ASM/BMI <0.52", OLD, "F", "DXA", 0.52, 0.519, 0.521, (N, L, N)),
    *cell(f"{T2} BIA ASM/BMI <0.83", OLD, "M", "BIA", 0.83, 0.829, 0.831, (N, L, N)),
    *cell(f"{T2} BIA ASM/BMI <0.57", OLD, "F", "BIA", 0.57, 0.569, 0.571, (N, L, N)),
]
CHAIR_ROWS = [
    row
    for sex in ("M", "F")
    for row in (
        *cell(f"{T2} chair >=10.0 (outcome)", YOUNG, sex, None, 10.0, 9.99, 10.01, (L, N, L)),
        *cell(f"{T2} chair >=12.0 (outcome)", OLD, sex, None, 12.0, 11.99, 12.01, (L, N, L)),
    )
]
GAIT_ROWS = [
    row
    for sex in ("M", "F")
    for row in (
        *cell(f"{T2} gait <1.2 (outcome)", YOUNG, sex, None, 1.2, 1.19, 1.21, (N, L, N)),
        *cell(f"{T2} gait <1.0 (outcome)", OLD, sex, None, 1.0, 0.99, 1.01, (N, L, N)),
    )
]


@pytest.mark.parametrize(("age", "sex", "method", "value", "expected"), GRIP_ROWS)
def test_it_judges_grip_by_band_and_sex(age: int, sex: str, method: None, value: float, expected: str) -> None:
    result = a25(sex=sex, age_years=age, grip_strength_kg=value)
    assert find_test(result, "grip_strength").outcome == expected
    assert status(result, "strength") == expected


@pytest.mark.parametrize(("age", "sex", "method", "value", "expected"), ASMI_ROWS)
def test_it_judges_asmi_by_method_band_and_sex(age: int, sex: str, method: str, value: float, expected: str) -> None:
    result = a25(sex=sex, age_years=age, asmi_kg_m2=value, muscle_mass_method=method)
    assert find_test(result, "asmi").outcome == expected
    assert status(result, "mass") == expected


@pytest.mark.parametrize(("age", "sex", "method", "value", "expected"), ASM_BMI_ROWS)
def test_it_judges_asm_bmi_by_method_band_and_sex(age: int, sex: str, method: str, value: float, expected: str) -> None:
    # Height 100 cm makes BMI the weight, so ASM/BMI = ASM / 25; ASMI = ASM, far above every cut-off.
    result = a25(sex=sex, age_years=age, asm_kg=value * 25, height_cm=100.0, weight_kg=25.0, muscle_mass_method=method)
    test = find_test(result, "asm_bmi")
    assert (test.value, test.outcome, test.derived) == (value, expected, True)
    assert find_test(result, "asmi").outcome == N
    assert status(result, "mass") == expected  # one low index is enough (§2)


@pytest.mark.parametrize(("age", "sex", "method", "value", "expected"), CHAIR_ROWS)
def test_it_shows_the_chair_stand_as_an_outcome_by_band(
    age: int, sex: str, method: None, value: float, expected: str
) -> None:
    result = a25(sex=sex, age_years=age, chair_stand_5x_s=value, grip_strength_kg=40.0)
    assert find_test(result, "chair_stand_5x").outcome == expected
    assert status(result, "strength") == N  # the chair stand is not a strength test here


@pytest.mark.parametrize(("age", "sex", "method", "value", "expected"), GAIT_ROWS)
def test_it_shows_gait_speed_as_an_outcome_by_band(
    age: int, sex: str, method: None, value: float, expected: str
) -> None:
    assert find_test(a25(sex=sex, age_years=age, gait_speed_m_s=value), "gait_speed").outcome == expected


@pytest.mark.parametrize(
    ("age", "band_grip_cutoff"),
    [
        pytest.param(50, 34.0, id=f"{F2} 50 is 50-64"),
        pytest.param(64, 34.0, id=f"{F2} 64 is 50-64"),
        pytest.param(65, 28.0, id=f"{F2} 65 is 65+"),
        pytest.param(95, 28.0, id=f"{F2} 95 is 65+"),
    ],
)
def test_it_bands_by_whole_years_at_the_visit(age: int, band_grip_cutoff: float) -> None:
    assert find_test(a25(sex="M", age_years=age, grip_strength_kg=30.0), "grip_strength").cutoff == band_grip_cutoff


# --- DECISIONS.md §8 categories, first match wins ---------------------------------------------------

LOW_ALL = dict(
    grip_strength_kg=10.0, asmi_kg_m2=4.0, muscle_mass_method="DXA", gait_speed_m_s=0.3, chair_stand_unable=True
)
NO_RISK = dict(
    clinical_suspicion=False,
    mobility="independent",
    dysphagia=False,
    height_cm=170.0,
    weight_kg=70.0,
    weight_loss_kg_6mo=0.0,
    conditions=frozenset(),
    hospitalised_last_90d=False,
    perceived_weakness=False,
)


def test_rule_1_sex_missing_is_insufficient_data() -> None:
    result = a25(sex=None, age_years=OLD, **LOW_ALL)
    assert (result.category, result.reason, result.to_complete) == ("insufficient_data", "sex_missing", ("sex",))


@pytest.mark.parametrize("age", [18, 49])
def test_rule_2_under_50_is_not_applicable_whatever_the_values(age: int) -> None:
    result = a25(sex="M", age_years=age, **LOW_ALL)
    assert (result.category, result.reason) == ("not_applicable", "under_50")
    assert find_test(result, "grip_strength").outcome == U  # no band, no cut-off


def test_an_unknown_age_leaves_the_band_open() -> None:
    result = a25(sex="M", **LOW_ALL)
    assert (result.category, result.reason, result.to_complete) == ("insufficient_data", "age_missing", ("age",))


def test_rule_3_strength_unknown_is_insufficient_data_even_with_low_mass() -> None:
    result = a25(sex="F", age_years=OLD, asmi_kg_m2=4.0, muscle_mass_method="BIA", chair_stand_unable=True)
    assert (result.category, result.reason, result.to_complete) == (
        "insufficient_data",
        "strength_unknown",
        ("grip_strength",),
    )


def test_rule_4_low_strength_and_low_mass_is_sarcopenia_never_severe() -> None:
    result = a25(sex="M", age_years=OLD, **LOW_ALL)
    assert (result.category, result.reason) == ("sarcopenia", "strength_mass_low")
    assert status(result, "outcomes") == L  # slow and unable: still not "severe"
    assert {t.name for t in result.decisive} == {"grip_strength", "asmi"}


def test_rule_4_a_low_asm_bmi_alone_makes_mass_low() -> None:
    # ASMI 14 / 1.6² = 5.47 (≥ 5.4, normal); ASM/BMI 14 / (80 / 1.6²) = 0.448 (< 0.52, low)
    result = a25(
        sex="F",
        age_years=OLD,
        grip_strength_kg=15.0,
        asm_kg=14.0,
        height_cm=160.0,
        weight_kg=80.0,
        muscle_mass_method="DXA",
    )
    assert (find_test(result, "asmi").value, find_test(result, "asmi").outcome) == (5.47, N)
    assert (find_test(result, "asm_bmi").value, find_test(result, "asm_bmi").outcome) == (0.448, L)
    assert result.category == "sarcopenia"


def test_rule_5_low_strength_without_mass_is_possible() -> None:
    result = a25(sex="F", age_years=OLD, grip_strength_kg=15.0)
    assert (result.category, result.reason, result.to_complete) == (
        "possible",
        "strength_low_mass_unknown",
        ("asmi_or_asm_bmi",),
    )
    assert result.next_step == "confirm_with_muscle_mass"


def test_rule_5_mass_without_its_method_is_not_judged() -> None:
    result = a25(sex="F", age_years=OLD, grip_strength_kg=15.0, asmi_kg_m2=4.0)
    assert result.category == "possible" and result.to_complete == ("muscle_mass_method",)
    assert "muscle_mass_method_missing" in result.notes


def test_rule_6_low_strength_with_normal_mass_is_no_sarcopenia_with_the_low_grip_named() -> None:
    result = a25(sex="M", age_years=YOUNG, grip_strength_kg=30.0, asmi_kg_m2=8.0, muscle_mass_method="BIA")
    assert (result.category, result.reason) == ("no_sarcopenia", "strength_low_mass_normal")
    assert "low_grip_mass_normal" in result.notes
    assert result.next_step == "lifestyle_intervention_and_follow_up"


def test_rule_7_normal_strength_with_a_risk_factor_is_at_risk() -> None:
    result = a25(sex="M", age_years=OLD, grip_strength_kg=40.0)  # R1: age ≥ 65, nothing else answered
    assert (result.category, result.reason) == ("at_risk", "strength_normal_risk_factors")
    assert [t.name for t in result.decisive] == ["risk_age"]


def test_rule_8_normal_strength_with_every_risk_factor_false_is_no_sarcopenia() -> None:
    result = a25(sex="M", age_years=YOUNG, grip_strength_kg=40.0, **NO_RISK)
    assert (result.category, result.reason) == ("no_sarcopenia", "strength_normal_no_risk_factors")
    assert status(result, "risk_factors") == "false"


def test_rule_9_unanswered_risk_questions_leave_it_insufficient_and_are_what_completes_it() -> None:
    result = a25(sex="M", age_years=YOUNG, grip_strength_kg=40.0)
    assert (result.category, result.reason) == ("insufficient_data", "strength_normal_risk_factors_unknown")
    assert result.to_complete == (
        "mobility",
        "dysphagia",
        "bmi",
        "weight_loss_kg_6mo",
        "conditions",
        "hospitalised_last_90d",
        "perceived_weakness",
    )
    assert result.next_step == "answer_risk_questions"


# --- each risk factor true, false and unanswered (young band, strength normal, the others false) ------


def _risk(**change: Any) -> CriteriaResult:
    return a25(**{"sex": "F", "age_years": YOUNG, "grip_strength_kg": 30.0, **NO_RISK, **change})


RISK_ROWS = [
    # (factor, change, expected category, question to complete when unknown)
    pytest.param("R1", dict(clinical_suspicion=True), "at_risk", id=f"{F2} R1 50-64 with concern true"),
    pytest.param("R1", dict(clinical_suspicion=False), "no_sarcopenia", id=f"{F2} R1 unticked is false"),
    pytest.param("R2", dict(mobility="limited"), "at_risk", id=f"{F2} R2 limited true"),
    pytest.param("R2", dict(mobility="bed_or_chair_bound"), "at_risk", id=f"{F2} R2 bed-bound true"),
    pytest.param("R2", dict(mobility="independent"), "no_sarcopenia", id=f"{F2} R2 independent false"),
    pytest.param("R2", dict(mobility=None), "insufficient_data", id=f"{F2} R2 unanswered unknown"),
    pytest.param("R3", dict(dysphagia=True), "at_risk", id=f"{F2} R3 true"),
    pytest.param("R3", dict(dysphagia=False), "no_sarcopenia", id=f"{F2} R3 false"),
    pytest.param("R3", dict(dysphagia=None), "insufficient_data", id=f"{F2} R3 unanswered unknown"),
    pytest.param("R4", dict(height_cm=100.0, weight_kg=19.99), "at_risk", id=f"{F2} R4 BMI 19.99 true"),
    pytest.param("R4", dict(height_cm=100.0, weight_kg=20.0), "no_sarcopenia", id=f"{F2} R4 BMI 20.00 false"),
    pytest.param(
        "R4", dict(height_cm=100.0, weight_kg=19.996), "no_sarcopenia", id=f"{F2} R4 BMI 19.996 rounds to 20.00 false"
    ),
    pytest.param("R4", dict(height_cm=100.0, weight_kg=19.994), "at_risk", id=f"{F2} R4 BMI 19.994 rounds to 19.99"),
    pytest.param("R4", dict(height_cm=None, weight_kg=None), "insufficient_data", id=f"{F2} R4 BMI unknown"),
    pytest.param("R4", dict(weight_loss_kg_6mo=2.0), "at_risk", id=f"{F2} R4 loss 2.0 kg true"),
    pytest.param("R4", dict(weight_loss_kg_6mo=1.9), "no_sarcopenia", id=f"{F2} R4 loss 1.9 kg false"),
    pytest.param("R4", dict(weight_loss_kg_6mo=None), "insufficient_data", id=f"{F2} R4 loss unanswered"),
    pytest.param(
        "R4",
        dict(weight_loss_kg_6mo=None, weight_loss_pct_6mo=2.8),
        "at_risk",
        id=f"{F2} R4 2.8 % of 70 kg = 2.0 kg true",
    ),
    pytest.param(
        "R4",
        dict(weight_loss_kg_6mo=None, weight_loss_pct_6mo=2.6),
        "no_sarcopenia",
        id=f"{F2} R4 2.6 % of 70 kg = 1.9 kg false",
    ),
    pytest.param(
        "R4", dict(weight_loss_kg_6mo=1.0, weight_loss_pct_6mo=10.0), "no_sarcopenia", id=f"{F2} R4 kg wins over %"
    ),
    pytest.param("R5", dict(conditions=frozenset({"copd"})), "at_risk", id=f"{F2} R5 COPD true"),
    pytest.param("R5", dict(conditions=frozenset({"active_cancer"})), "at_risk", id=f"{F2} R5 cancer true"),
    pytest.param("R5", dict(conditions=frozenset({"chronic_heart_failure"})), "at_risk", id=f"{F2} R5 CHF true"),
    pytest.param("R5", dict(conditions=frozenset({"ckd"})), "at_risk", id=f"{F2} R5 CKD true"),
    pytest.param(
        "R5", dict(conditions=frozenset({"diabetes"})), "no_sarcopenia", id=f"{F2} R5 diabetes is case finding, not R5"
    ),
    pytest.param("R5", dict(conditions=None), "insufficient_data", id=f"{F2} R5 conditions not recorded"),
    pytest.param("R5", dict(hospitalised_last_90d=True), "at_risk", id=f"{F2} R5 acute illness true"),
    pytest.param("R5", dict(hospitalised_last_90d=None), "insufficient_data", id=f"{F2} R5 admission unanswered"),
    pytest.param("R6", dict(perceived_weakness=True), "at_risk", id=f"{F2} R6 true"),
    pytest.param("R6", dict(perceived_weakness=False), "no_sarcopenia", id=f"{F2} R6 false"),
    pytest.param("R6", dict(perceived_weakness=None), "insufficient_data", id=f"{F2} R6 unanswered unknown"),
]


@pytest.mark.parametrize(("factor", "change", "expected"), RISK_ROWS)
def test_each_risk_factor_true_false_or_unanswered(factor: str, change: dict, expected: str) -> None:
    result = _risk(**change)
    assert result.category == expected
    assert status(result, "risk_factors") == {"at_risk": "true", "no_sarcopenia": "false"}.get(expected, U)
    if expected == "insufficient_data":
        assert len(result.to_complete) == 1  # exactly the unanswered question


def test_r1_age_65_or_over_is_a_risk_factor_by_itself() -> None:
    assert _risk(age_years=65, grip_strength_kg=30.0).category == "at_risk"
    assert find_test(_risk(age_years=64), "risk_age").outcome == "false"


def test_a_true_risk_factor_wins_over_unanswered_ones() -> None:
    result = a25(sex="F", age_years=YOUNG, grip_strength_kg=30.0, dysphagia=True)
    assert result.category == "at_risk" and result.to_complete == ()


@pytest.mark.parametrize(
    ("kg", "pct", "weight", "expected"),
    [
        pytest.param(None, 2.8, 70.0, (2.0, True), id="DECISIONS.md §8 70 × 2.8 ÷ 97.2 = 2.016 -> 2.0"),
        pytest.param(None, 2.6, 70.0, (1.9, True), id="DECISIONS.md §8 70 × 2.6 ÷ 97.4 = 1.869 -> 1.9"),
        pytest.param(None, 20.0, 7.8, (2.0, True), id="DECISIONS.md §8 half up: 1.95 -> 2.0"),
        pytest.param(None, 10.0, 90.0, (10.0, True), id="DECISIONS.md §8 90 × 10 ÷ 90 = 10.0"),
        pytest.param(1.5, 10.0, 90.0, (1.5, False), id="DECISIONS.md §8 kg wins"),
        pytest.param(None, 10.0, None, (None, False), id="DECISIONS.md §8 % without weight is unknown"),
        pytest.param(None, None, 70.0, (None, False), id="DECISIONS.md §8 nothing recorded"),
    ],
)
def test_it_converts_percentage_weight_loss_to_kg(kg, pct, weight, expected) -> None:
    assert weight_loss_kg(kg, pct, weight) == expected


def test_the_converted_weight_loss_is_shown_as_derived() -> None:
    test = find_test(_risk(weight_loss_kg_6mo=None, weight_loss_pct_6mo=2.8), "risk_weight_loss")
    assert (test.value, test.derived, test.outcome) == (2.0, True, "true")


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        (("true", "unknown"), "true"),
        (("false", "false"), "false"),
        (("false", "unknown"), "unknown"),
        (("unknown",), "unknown"),
        (("false", "true"), "true"),
    ],
)
def test_risk_factors_combine_with_kleene_or(outcomes: tuple[str, ...], expected: str) -> None:
    assert kleene_or(outcomes) == expected


# --- readings settled in §8 ---------------------------------------------------------------------


def test_asm_bmi_exists_only_when_asm_is_recorded() -> None:
    result = a25(sex="M", age_years=OLD, asmi_kg_m2=6.0, height_cm=170.0, weight_kg=70.0, muscle_mass_method="DXA")
    assert find_test(result, "asm_bmi").value is None and find_test(result, "asmi").outcome == L


def test_a_device_asmi_wins_over_the_derived_one() -> None:
    result = a25(sex="M", age_years=OLD, asmi_kg_m2=7.5, asm_kg=15.0, height_cm=170.0, muscle_mass_method="DXA")
    assert (find_test(result, "asmi").value, find_test(result, "asmi").derived) == (7.5, False)


@pytest.mark.parametrize("setting", ["community", "hospital"])
def test_the_setting_does_not_change_the_category(setting: str) -> None:
    assert a25(sex="M", age_years=OLD, setting=setting, grip_strength_kg=20.0).category == "possible"


@pytest.mark.parametrize(("gait", "chair"), [(0.3, 30.0), (1.5, 6.0), (None, None)])
def test_outcomes_never_change_the_category(gait: float | None, chair: float | None) -> None:
    base = dict(sex="F", age_years=YOUNG, grip_strength_kg=30.0, **NO_RISK)
    assert a25(**base, gait_speed_m_s=gait, chair_stand_5x_s=chair).category == "no_sarcopenia"
    assert (
        a25(sex="F", age_years=OLD, grip_strength_kg=10.0, gait_speed_m_s=gait, chair_stand_5x_s=chair).category
        == "possible"
    )


# --- case finding: the finger ring, and the note that its cut-offs apply from 65 --------------------


@pytest.mark.parametrize(
    ("ring", "positive", "note"),
    [
        ("smaller", True, "finger_ring_smaller"),
        ("just_fits", False, "finger_ring_just_fits"),
        ("bigger", False, "finger_ring_bigger"),
        (None, None, None),
    ],
)
def test_the_finger_ring_joins_case_finding(ring: str | None, positive: bool | None, note: str | None) -> None:
    result = a25(sex="M", age_years=OLD, finger_ring_test=ring)
    assert result.case_finding.positive is positive
    assert "finger_ring" in result.case_finding.tools
    assert (note in result.notes) if note else not [n for n in result.notes if n.startswith("finger_ring")]


def test_a_normal_ring_does_not_hide_a_positive_sarc_f() -> None:
    assert a25(sex="M", age_years=OLD, finger_ring_test="bigger", sarc_f_score=5).case_finding.positive is True


@pytest.mark.parametrize(("age", "noted"), [(YOUNG, True), (OLD, False)])
def test_it_notes_that_case_finding_cut_offs_apply_from_65(age: int, noted: bool) -> None:
    assert ("case_finding_cutoffs_from_65" in a25(sex="F", age_years=age).notes) is noted


def test_hospital_chronic_conditions_are_reported_as_case_finding_only() -> None:
    result = a25(sex="F", age_years=OLD, setting="hospital", conditions=frozenset({"diabetes"}))
    assert "case_finding_chronic_condition" in result.notes
    assert "case_finding_chronic_condition" not in a25(sex="F", age_years=OLD, conditions=frozenset({"diabetes"})).notes


def test_an_unknown_finger_ring_code_fails_loudly() -> None:
    with pytest.raises(ValueError):
        a25(sex="F", age_years=OLD, finger_ring_test="loose")


# --- side by side with AWGS 2019 ----------------------------------------------------------------


def test_a_grip_normal_under_2019_is_low_under_2025_at_58() -> None:
    m = Measurements(
        sex="M", age_years=58, grip_strength_kg=30.0, asmi_kg_m2=7.1, muscle_mass_method="DXA", gait_speed_m_s=1.1
    )
    results = evaluate_all(m)
    assert results["awgs2019"].category == "no_sarcopenia" and results["awgs2025"].category == "sarcopenia"
    pair = [d for d in disagreements(results, m) if {d.higher, d.lower} == {"awgs2019", "awgs2025"}]
    assert pair and {"different_grip_cutoffs", "different_mass_cutoffs"} <= set(pair[0].reasons)


def test_not_applicable_is_never_a_disagreement() -> None:
    m = Measurements(sex="M", age_years=45, grip_strength_kg=10.0, asmi_kg_m2=4.0, muscle_mass_method="DXA")
    assert not [d for d in disagreements(evaluate_all(m), m) if "awgs2025" in (d.higher, d.lower)]


# --- one sentence on why AWGS 2019 and AWGS 2025 differ (the visit page) ---------------------------

from screening.clinical.criteria.compare import awgs_versions  # noqa: E402
from screening.clinical.text import awgs_versions_sentence  # noqa: E402


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        pytest.param(dict(sex="M", age_years=45, grip_strength_kg=20.0), "under_50", id="under 50"),
        # SPPB 12: AWGS 2019 rules out only with a normal performance test too (DECISIONS.md §4 rule 4)
        pytest.param(
            dict(sex="M", age_years=58, grip_strength_kg=30.0, sppb_score=12),
            "low_only_2025",
            id=f"{T2} grip 30 at 58: < 34 (2025) but not < 28 (2019)",
        ),
        pytest.param(
            dict(
                sex="F",
                age_years=72,
                grip_strength_kg=25.0,
                gait_speed_m_s=0.8,
                asmi_kg_m2=5.0,
                muscle_mass_method="DXA",
            ),
            "performance_is_outcome_2025",
            id="slow gait decides 2019 only",
        ),
        pytest.param(dict(sex="F", age_years=72, grip_strength_kg=25.0), "at_risk_2025", id="at risk: 2025 only"),
        pytest.param(
            dict(
                sex="F",
                age_years=72,
                grip_strength_kg=15.0,
                gait_speed_m_s=0.8,
                asmi_kg_m2=5.0,
                muscle_mass_method="DXA",
            ),
            "no_severe_2025",
            id="severe in 2019, no severe grade in 2025",
        ),
        pytest.param(
            dict(
                sex="F",
                age_years=72,
                grip_strength_kg=15.0,
                asm_kg=14.0,
                height_cm=160.0,
                weight_kg=80.0,
                muscle_mass_method="DXA",
            ),
            "asm_bmi_low_2025",
            id=f"{T2} ASM/BMI < 0.52",
        ),
    ],
)
def test_it_names_why_awgs2019_and_awgs2025_differ(fields: dict, reason: str) -> None:
    results = evaluate_all(Measurements(**fields))
    note = awgs_versions(results)
    assert note is not None and note.reason == reason, (results["awgs2019"].category, results["awgs2025"].category)
    for lang in ("en", "zh-hans"):
        sentence = awgs_versions_sentence(note.reason, dict(note.values), lang)
        assert sentence and "{" not in sentence


def test_it_says_nothing_when_both_versions_agree() -> None:
    assert awgs_versions(evaluate_all(Measurements(sex="M", age_years=70, grip_strength_kg=20.0))) is None


def test_the_grip_sentence_names_the_value_and_both_cut_offs() -> None:
    note = awgs_versions(evaluate_all(Measurements(sex="M", age_years=58, grip_strength_kg=30.0, sppb_score=12)))
    assert awgs_versions_sentence(note.reason, dict(note.values), "en") == (
        "Grip strength 30 kg is low under AWGS 2025's cut-off for the patient's age band (< 34) but not under "
        "AWGS 2019's (< 28)."
    )
