"""Rule expressions, and every knowledge-base rule at its threshold (mechanisms.md §4.2).

DECISIONS.md §6 (rule-set 2026.2): three-valued (Kleene) logic; a rule is never false because a value
is missing, and never unknown when its known parts already settle it.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screening.clinical.measurements import Measurements
from screening.clinical.mechanisms.evaluator import evaluate_rule
from screening.clinical.mechanisms.knowledge import KNOWLEDGE
from screening.clinical.mechanisms.rules import (
    All,
    Any,
    Cmp,
    Eq,
    Field,
    HasAny,
    IfRecorded,
    NotRecorded,
    Range,
    Trigger,
    evaluate,
    missing_inputs,
)

T, F = "true", "false"


def outcome(rule_id: str, **kwargs: object) -> str:
    return evaluate_rule(KNOWLEDGE.rule(rule_id), Measurements(**kwargs)).outcome


# --- the expression objects -------------------------------------------------------------------


@pytest.mark.parametrize(
    "op, value, expected",
    [
        ("<", 4, True),
        ("<", 5, False),
        ("<=", 5, True),
        ("<=", 6, False),
        (">", 6, True),
        (">", 5, False),
        (">=", 5, True),
        (">=", 4, False),
    ],
)
def test_it_compares_with_each_operator(op: str, value: float, expected: bool) -> None:
    assert evaluate(Cmp("il6_pg_ml", op, 5), Measurements(il6_pg_ml=value)) is expected


def test_it_answers_unknown_when_the_operand_is_missing() -> None:
    assert evaluate(Cmp("il6_pg_ml", ">", 5), Measurements()) is None


# DECISIONS.md §6 (2026.2), Kleene truth tables with each operand missing in turn:
# il6 9 > 5 is true, il6 1 is false; crp 4 > 3 is true, crp 1 is false; None is missing.
KLEENE_CASES = [
    # (il6, crp, AND, OR)
    (9, None, None, True),
    (None, 4, None, True),
    (1, None, False, None),
    (None, 1, False, None),
    (None, None, None, None),
    (9, 4, True, True),
    (9, 1, False, True),
    (1, 1, False, False),
]


@pytest.mark.parametrize("il6, crp, expected_and, expected_or", KLEENE_CASES)
def test_it_combines_parts_in_kleene_logic_with_each_operand_missing_in_turn(
    il6: float | None, crp: float | None, expected_and: bool | None, expected_or: bool | None
) -> None:
    parts = (Cmp("il6_pg_ml", ">", 5), Cmp("hs_crp_mg_l", ">", 3))
    m = Measurements(il6_pg_ml=il6, hs_crp_mg_l=crp)
    assert evaluate(All(*parts), m) is expected_and
    assert evaluate(Any(*parts), m) is expected_or
    # swapping the parts never changes the answer
    assert evaluate(All(*reversed(parts)), m) is expected_and
    assert evaluate(Any(*reversed(parts)), m) is expected_or


def test_it_asks_only_for_the_operands_of_the_unknown_parts() -> None:
    expr = Any(Cmp("il6_pg_ml", ">", 5), Cmp("hs_crp_mg_l", ">", 3))
    assert missing_inputs(expr, Measurements(il6_pg_ml=1)) == ("hs_crp_mg_l",)
    assert missing_inputs(expr, Measurements(il6_pg_ml=9)) == ()  # settled: true


def test_it_never_treats_is_null_as_unknown() -> None:
    assert evaluate(All(NotRecorded("il6_pg_ml"), Cmp("hs_crp_mg_l", ">", 3)), Measurements(hs_crp_mg_l=4)) is True
    assert evaluate(IfRecorded(Cmp("egfr_ml_min_1_73m2", ">=", 30)), Measurements()) is True


def test_it_reads_a_threshold_from_another_field() -> None:
    expr = Cmp("tnf_alpha_pg_ml", ">", Field("tnf_alpha_uln_pg_ml"), "pg/mL")
    assert evaluate(expr, Measurements(tnf_alpha_pg_ml=9, tnf_alpha_uln_pg_ml=8.1)) is True
    assert evaluate(expr, Measurements(tnf_alpha_pg_ml=9)) is None
    assert missing_inputs(expr, Measurements(tnf_alpha_pg_ml=9)) == ("tnf_alpha_uln_pg_ml",)


def test_it_matches_any_recorded_code() -> None:
    expr = HasAny("conditions", frozenset({"copd", "ckd"}))
    assert evaluate(expr, Measurements(conditions=frozenset({"ckd", "diabetes"}))) is True
    assert evaluate(expr, Measurements(conditions=frozenset())) is False
    assert evaluate(expr, Measurements()) is None


def test_it_treats_not_recorded_as_a_finding_not_an_unknown() -> None:
    expr = NotRecorded("total_testosterone_ng_dl")
    assert evaluate(expr, Measurements()) is True
    assert evaluate(expr, Measurements(total_testosterone_ng_dl=400)) is False


def test_it_lets_if_recorded_pass_only_when_the_field_is_absent() -> None:
    expr = IfRecorded(Cmp("egfr_ml_min_1_73m2", ">=", 30))
    assert evaluate(expr, Measurements()) is True
    assert evaluate(expr, Measurements(egfr_ml_min_1_73m2=29)) is False
    assert evaluate(expr, Measurements(egfr_ml_min_1_73m2=30)) is True


def test_it_checks_both_ends_of_a_range() -> None:
    band = Range("hs_crp_mg_l", ">", 3, "<=", 10, "mg/L")
    results = [evaluate(band, Measurements(hs_crp_mg_l=v)) for v in (3, 3.01, 10, 10.01)]
    assert results == [False, True, True, False]


def test_it_asks_for_height_and_weight_when_bmi_is_missing() -> None:
    expr = Cmp("bmi_rounded", "<", 20)
    assert missing_inputs(expr, Measurements(height_cm=160)) == ("weight_kg",)
    assert missing_inputs(expr, Measurements()) == ("height_cm", "weight_kg")


def test_it_reports_the_value_and_threshold_that_fired() -> None:
    (trigger,) = Cmp("vitamin_d_25oh_ng_ml", "<", 20, "ng/mL").triggers(Measurements(vitamin_d_25oh_ng_ml=14))
    assert (trigger.field, trigger.value, trigger.unit, trigger.operator, trigger.threshold) == (
        "vitamin_d_25oh_ng_ml",
        14,
        "ng/mL",
        "<",
        20,
    )


def test_it_reports_only_the_branch_of_any_that_held() -> None:
    expr = Any(Eq("mobility", "bed_or_chair_bound"), Cmp("mvpa_min_week", "<", 150))
    triggers = expr.triggers(Measurements(mobility="independent", mvpa_min_week=30))
    assert [t.field for t in triggers] == ["mvpa_min_week"]


def test_it_round_trips_a_trigger_through_a_dict() -> None:
    trigger = Trigger("conditions", "has_any", ("ckd",), ("ckd", "copd"))
    assert Trigger.from_dict(trigger.to_dict()) == trigger


LABS = st.one_of(st.none(), st.floats(0, 50))


@given(value=LABS, other=LABS, fill_value=st.floats(0, 50), fill_other=st.floats(0, 50))
def test_it_answers_only_what_every_completion_of_the_missing_values_agrees_on(
    value: float | None, other: float | None, fill_value: float, fill_other: float
) -> None:
    """A known answer is never changed by recording a missing value (so never false for want of one)."""
    expr = All(Cmp("il6_pg_ml", ">", 5), Any(Cmp("hs_crp_mg_l", ">", 3), Cmp("hs_crp_mg_l", "<", 1)))
    result = evaluate(expr, Measurements(il6_pg_ml=value, hs_crp_mg_l=other))
    completed = Measurements(
        il6_pg_ml=fill_value if value is None else value, hs_crp_mg_l=fill_other if other is None else other
    )
    if result is not None:
        assert evaluate(expr, completed) is result


# --- every knowledge-base rule at its threshold: (below, at, above) -------------------------------
# Each row: rule id, the other operands (set so they pass), the field varied, threshold, step, the
# three expected outcomes, and the source of the threshold (mechanisms.md §2.2 / §4.2).

BMI = {"height_cm": 100}  # height 1 m: BMI equals weight, so the boundary can be walked in kg
LOW_T = {"sex": "M", "total_testosterone_repeat_ng_dl": 250, "hypogonadal_symptoms": True}
BOUNDARIES = [
    ("malnutrition.mna_sf_malnourished", {}, "mna_sf_score", 7, 1, (T, T, F), "Rubenstein 2001"),
    ("malnutrition.mna_sf_at_risk", {}, "mna_sf_score", 8, 1, (F, T, T), "Rubenstein 2001"),
    ("malnutrition.mna_sf_at_risk", {}, "mna_sf_score", 11, 1, (T, T, F), "Rubenstein 2001"),
    ("malnutrition.weight_loss_6mo", {}, "weight_loss_pct_6mo", 5, 0.01, (F, F, T), "GLIM 2019"),
    ("malnutrition.weight_loss_gt6mo", {}, "weight_loss_pct_gt6mo", 10, 0.01, (F, F, T), "GLIM 2019"),
    ("malnutrition.low_bmi", {**BMI, "age_years": 69}, "weight_kg", 20, 0.01, (T, F, F), "GLIM 2019"),
    ("malnutrition.low_bmi", {**BMI, "age_years": 70}, "weight_kg", 22, 0.01, (T, F, F), "GLIM 2019"),
    ("malnutrition.low_bmi", {**BMI, "weight_kg": 21}, "age_years", 70, 1, (F, T, T), "GLIM 2019"),
    (
        "malnutrition.low_bmi_asian",
        {**BMI, "age_years": 69, "population": "asian"},
        "weight_kg",
        18.5,
        0.01,
        (T, F, F),
        "GLIM 2019 (Asia)",
    ),
    (
        "malnutrition.low_bmi_asian",
        {**BMI, "age_years": 70, "population": "asian"},
        "weight_kg",
        20,
        0.01,
        (T, F, F),
        "GLIM 2019 (Asia)",
    ),
    (
        "malnutrition.reduced_intake",
        {"intake_reduced_days": 8},
        "intake_pct_energy_req",
        50,
        0.01,
        (T, T, F),
        "GLIM 2019",
    ),
    ("malnutrition.reduced_intake", {"intake_pct_energy_req": 40}, "intake_reduced_days", 7, 1, (F, F, T), "GLIM 2019"),
    ("malnutrition.snaq_low", {}, "snaq_score", 14, 1, (T, T, F), "Wilson 2005"),
    ("malnutrition.albumin_low", {}, "albumin_g_l", 35, 0.01, (T, F, F), "Clin Nutr 2007"),
    ("malnutrition.lymphocytes_low", {}, "lymphocyte_count_per_ul", 1200, 1, (T, F, F), "CONUT"),
    (
        "malnutrition.albumin_with_inflammation",
        {"hs_crp_mg_l": 12},
        "albumin_g_l",
        35,
        0.01,
        (T, F, F),
        "Clin Nutr 2007",
    ),
    ("malnutrition.albumin_with_inflammation", {"albumin_g_l": 30}, "hs_crp_mg_l", 10, 0.01, (F, F, T), "Pearson 2003"),
    ("inflammation.crp_raised", {}, "hs_crp_mg_l", 3, 0.01, (F, F, T), "Pearson 2003"),
    ("inflammation.crp_raised", {}, "hs_crp_mg_l", 10, 0.01, (T, T, F), "Pearson 2003"),
    ("inflammation.crp_raised_twice", {"hs_crp_repeat_mg_l": 5}, "hs_crp_mg_l", 3, 0.01, (F, F, T), "Pearson 2003"),
    ("inflammation.crp_raised_twice", {"hs_crp_repeat_mg_l": 5}, "hs_crp_mg_l", 10, 0.01, (T, T, F), "Pearson 2003"),
    ("inflammation.crp_raised_twice", {"hs_crp_mg_l": 5}, "hs_crp_repeat_mg_l", 3, 0.01, (F, F, T), "Pearson 2003"),
    ("inflammation.crp_raised_twice", {"hs_crp_mg_l": 5}, "hs_crp_repeat_mg_l", 10, 0.01, (T, T, F), "Pearson 2003"),
    ("inflammation.il6_high", {}, "il6_pg_ml", 5, 0.01, (F, F, T), "Schaap 2006 (study cut-off)"),
    (
        "inflammation.tnf_above_uln",
        {"tnf_alpha_uln_pg_ml": 8.1},
        "tnf_alpha_pg_ml",
        8.1,
        0.01,
        (F, F, T),
        "the lab's upper limit",
    ),
    ("inflammation.crp_acute", {}, "hs_crp_mg_l", 10, 0.01, (F, F, T), "Pearson 2003"),
    ("vitamin_d.deficient", {}, "vitamin_d_25oh_ng_ml", 20, 0.01, (T, F, F), "ES 2011 / IOM"),
    ("vitamin_d.insufficient", {}, "vitamin_d_25oh_ng_ml", 20, 0.01, (F, T, T), "ES 2011 / IOM"),
    ("vitamin_d.insufficient", {}, "vitamin_d_25oh_ng_ml", 30, 0.01, (T, F, F), "ES 2011 / IOM"),
    ("vitamin_d.marked_deficiency", {}, "vitamin_d_25oh_ng_ml", 12, 0.01, (T, F, F), "IOM 2011"),
    ("hypogonadism.low_testosterone", {"sex": "M"}, "total_testosterone_ng_dl", 300, 0.01, (T, F, F), "AUA 2018"),
    ("hypogonadism.low_testosterone_confirmed", LOW_T, "total_testosterone_ng_dl", 300, 0.01, (T, F, F), "AUA 2018"),
    (
        "hypogonadism.low_testosterone_confirmed",
        {**LOW_T, "total_testosterone_ng_dl": 250},
        "total_testosterone_repeat_ng_dl",
        300,
        0.01,
        (T, F, F),
        "AUA 2018",
    ),
    (
        "protein_anabolism.low_testosterone_confirmed",
        LOW_T,
        "total_testosterone_ng_dl",
        300,
        0.01,
        (T, F, F),
        "AUA 2018",
    ),
    ("hormonal.igf1_low", {"igf1_lln_ng_ml": 80}, "igf1_ng_ml", 80, 0.01, (T, F, F), "the lab's limit"),
    ("hormonal.diabetes", {"conditions": frozenset()}, "hba1c_pct", 6.5, 0.01, (F, T, T), "ADA"),
    ("hormonal.prediabetes", {}, "hba1c_pct", 5.7, 0.01, (F, T, T), "ADA"),
    ("hormonal.prediabetes", {}, "hba1c_pct", 6.5, 0.01, (T, F, F), "ADA"),
    ("inactivity.mvpa_low", {}, "mvpa_min_week", 150, 1, (T, F, F), "WHO 2020"),
    ("inactivity.strength_days_low", {}, "strength_days_week", 2, 1, (T, F, F), "WHO 2020"),
    ("mitochondrial.low_activity", {}, "mvpa_min_week", 150, 1, (T, F, F), "WHO 2020"),
    ("mitochondrial.low_vitamin_d", {}, "vitamin_d_25oh_ng_ml", 20, 0.01, (T, F, F), "ES 2011 / IOM"),
    ("mitochondrial.diabetes_range_hba1c", {}, "hba1c_pct", 6.5, 0.01, (F, T, T), "ADA"),
    (
        "protein_anabolism.protein_low",
        {"egfr_ml_min_1_73m2": 60},
        "protein_intake_g_kg_day",
        1.0,
        0.01,
        (T, F, F),
        "PROT-AGE 2013",
    ),
    (
        "protein_anabolism.protein_low",
        {"protein_intake_g_kg_day": 0.8},
        "egfr_ml_min_1_73m2",
        30,
        0.01,
        (F, T, T),
        "PROT-AGE 2013",
    ),
    (
        "protein_anabolism.protein_low_with_illness",
        {"conditions": frozenset({"copd"}), "egfr_ml_min_1_73m2": 60},
        "protein_intake_g_kg_day",
        1.2,
        0.01,
        (T, F, F),
        "PROT-AGE 2013",
    ),
    (
        "protein_anabolism.protein_low_with_illness",
        {"conditions": frozenset({"copd"}), "protein_intake_g_kg_day": 1.1},
        "egfr_ml_min_1_73m2",
        30,
        0.01,
        (F, T, T),
        "PROT-AGE 2013",
    ),
    ("protein_anabolism.igf1_low", {"igf1_lln_ng_ml": 80}, "igf1_ng_ml", 80, 0.01, (T, F, F), "the lab's limit"),
    (
        "protein_anabolism.renal_limit",
        {"dialysis": False},
        "egfr_ml_min_1_73m2",
        30,
        0.01,
        (T, F, F),
        "KDIGO 2012 / PROT-AGE 2013",
    ),
    ("immunosenescence.lymphocytes_low", {}, "lymphocyte_count_per_ul", 1200, 1, (T, F, F), "CONUT"),
]

# Rules on codes and flags rather than numbers: (rule id, inputs, expected outcome).
CATEGORICAL = [
    ("inflammation.inflammatory_condition", {"conditions": frozenset({"rheumatoid_arthritis"})}, T),
    ("inflammation.inflammatory_condition", {"conditions": frozenset({"diabetes"})}, F),
    ("inflammation.inflammatory_condition", {"conditions": frozenset()}, F),
    ("hormonal.diabetes", {"hba1c_pct": 5.5, "conditions": frozenset({"diabetes"})}, T),
    ("inactivity.bed_or_chair_bound", {"mobility": "bed_or_chair_bound"}, T),
    ("inactivity.bed_or_chair_bound", {"mobility": "limited"}, F),
    ("inactivity.recent_hospital_stay", {"hospitalised_last_90d": True}, T),
    ("inactivity.recent_hospital_stay", {"hospitalised_last_90d": False}, F),
    (
        "hypogonadism.low_testosterone_confirmed",
        {**LOW_T, "total_testosterone_ng_dl": 250, "hypogonadal_symptoms": False},
        F,
    ),
    (
        "hypogonadism.untested_indication",
        {"sex": "M", "conditions": frozenset({"osteoporosis"}), "medications": frozenset()},
        T,
    ),
    (
        "hypogonadism.untested_indication",
        {"sex": "M", "conditions": frozenset(), "medications": frozenset({"opioid_chronic"})},
        T,
    ),
    (
        "hypogonadism.untested_indication",
        {
            "sex": "M",
            "total_testosterone_ng_dl": 500,
            "conditions": frozenset({"diabetes"}),
            "medications": frozenset(),
        },
        F,
    ),
    ("protein_anabolism.protein_low", {"protein_intake_g_kg_day": 0.8}, T),  # eGFR not recorded
    ("protein_anabolism.renal_limit", {"egfr_ml_min_1_73m2": 20, "dialysis": True}, F),
]


@pytest.mark.parametrize("rule_id, base, field, threshold, step, expected, source", BOUNDARIES)
def test_it_applies_each_threshold_below_at_and_above(
    rule_id: str, base: dict, field: str, threshold: float, step: float, expected: tuple, source: str
) -> None:
    values = (round(threshold - step, 2), threshold, round(threshold + step, 2))
    got = tuple(outcome(rule_id, **{**base, field: v}) for v in values)
    assert got == expected, f"{rule_id} at {field}={values} ({source})"


@pytest.mark.parametrize("rule_id, kwargs, expected", CATEGORICAL)
def test_it_evaluates_code_and_flag_rules(rule_id: str, kwargs: dict, expected: str) -> None:
    assert outcome(rule_id, **kwargs) == expected


def test_it_compares_bmi_after_rounding_half_up() -> None:
    """DECISIONS.md §1: derived values are rounded to 2 decimals before comparison."""
    assert outcome("malnutrition.low_bmi", **BMI, age_years=60, weight_kg=19.995) == F
    assert outcome("malnutrition.low_bmi", **BMI, age_years=60, weight_kg=19.994) == T


def test_it_covers_every_rule_in_the_threshold_tables() -> None:
    covered = {row[0] for row in BOUNDARIES} | {row[0] for row in CATEGORICAL}
    assert covered == {rule.id for rule in KNOWLEDGE.rules()}


# --- missing operands: each rule made true, then each operand removed --------------------------

FIRING: dict[str, dict] = {
    "malnutrition.mna_sf_malnourished": {"mna_sf_score": 6},
    "malnutrition.weight_loss_6mo": {"weight_loss_pct_6mo": 6},
    "malnutrition.weight_loss_gt6mo": {"weight_loss_pct_gt6mo": 12},
    "malnutrition.low_bmi": {**BMI, "weight_kg": 19, "age_years": 66, "population": "other"},
    "malnutrition.low_bmi_asian": {**BMI, "weight_kg": 18, "age_years": 75, "population": "asian"},
    "malnutrition.reduced_intake": {"intake_pct_energy_req": 40, "intake_reduced_days": 10},
    "malnutrition.mna_sf_at_risk": {"mna_sf_score": 9},
    "malnutrition.snaq_low": {"snaq_score": 12},
    "malnutrition.albumin_low": {"albumin_g_l": 30},
    "malnutrition.lymphocytes_low": {"lymphocyte_count_per_ul": 900},
    "malnutrition.albumin_with_inflammation": {"albumin_g_l": 30, "hs_crp_mg_l": 25},
    "inflammation.crp_raised_twice": {"hs_crp_mg_l": 5, "hs_crp_repeat_mg_l": 6},
    "inflammation.crp_raised": {"hs_crp_mg_l": 5},
    "inflammation.il6_high": {"il6_pg_ml": 7},
    "inflammation.tnf_above_uln": {"tnf_alpha_pg_ml": 12, "tnf_alpha_uln_pg_ml": 8.1},
    "inflammation.inflammatory_condition": {"conditions": frozenset({"copd"})},
    "inflammation.crp_acute": {"hs_crp_mg_l": 25},
    "vitamin_d.deficient": {"vitamin_d_25oh_ng_ml": 14},
    "vitamin_d.insufficient": {"vitamin_d_25oh_ng_ml": 25},
    "vitamin_d.marked_deficiency": {"vitamin_d_25oh_ng_ml": 8},
    "hypogonadism.low_testosterone_confirmed": {**LOW_T, "total_testosterone_ng_dl": 250},
    "hypogonadism.low_testosterone": {"sex": "M", "total_testosterone_ng_dl": 250},
    "hypogonadism.untested_indication": {"sex": "M", "conditions": frozenset({"diabetes"}), "medications": frozenset()},
    "hormonal.igf1_low": {"igf1_ng_ml": 60, "igf1_lln_ng_ml": 80},
    "hormonal.diabetes": {"hba1c_pct": 7.1, "conditions": frozenset()},
    "hormonal.prediabetes": {"hba1c_pct": 6.0},
    "inactivity.mvpa_low": {"mvpa_min_week": 60},
    "inactivity.bed_or_chair_bound": {"mobility": "bed_or_chair_bound"},
    "inactivity.strength_days_low": {"strength_days_week": 0},
    "inactivity.recent_hospital_stay": {"hospitalised_last_90d": True},
    "mitochondrial.low_activity": {"mvpa_min_week": 60},
    "mitochondrial.low_vitamin_d": {"vitamin_d_25oh_ng_ml": 14},
    "mitochondrial.diabetes_range_hba1c": {"hba1c_pct": 7.1},
    "protein_anabolism.protein_low": {"protein_intake_g_kg_day": 0.8, "egfr_ml_min_1_73m2": 45},
    "protein_anabolism.protein_low_with_illness": {
        "protein_intake_g_kg_day": 1.1,
        "conditions": frozenset({"active_cancer"}),
        "egfr_ml_min_1_73m2": 45,
    },
    "protein_anabolism.low_testosterone_confirmed": {**LOW_T, "total_testosterone_ng_dl": 250},
    "protein_anabolism.igf1_low": {"igf1_ng_ml": 60, "igf1_lln_ng_ml": 80},
    "protein_anabolism.renal_limit": {"egfr_ml_min_1_73m2": 25, "dialysis": False},
    "immunosenescence.lymphocytes_low": {"lymphocyte_count_per_ul": 900},
}
# Operands a rule tolerates when absent (declared with IfRecorded / NotRecorded in the rule itself).
OPTIONAL = {("protein_anabolism.protein_low", "egfr_ml_min_1_73m2")}
MISSING_CASES = [(rid, name) for rid, kw in FIRING.items() for name in kw if (rid, name) not in OPTIONAL]


def test_it_has_a_firing_case_for_every_rule() -> None:
    assert set(FIRING) == {rule.id for rule in KNOWLEDGE.rules()}


@pytest.mark.parametrize("rule_id", sorted(FIRING))
def test_it_fires_each_rule_on_its_firing_case(rule_id: str) -> None:
    result = evaluate_rule(KNOWLEDGE.rule(rule_id), Measurements(**FIRING[rule_id]))
    assert result.outcome == T
    assert result.triggers, "a fired rule carries its triggers"


# Rules whose firing case holds two independent reasons (Kleene OR): removing one leaves it true.
STILL_TRUE = {("hypogonadism.untested_indication", "medications"), ("hormonal.diabetes", "conditions")}


@pytest.mark.parametrize("rule_id, removed", MISSING_CASES)
def test_it_answers_unknown_when_an_operand_it_needs_is_removed(rule_id: str, removed: str) -> None:
    kwargs = {**FIRING[rule_id], removed: None}
    result = evaluate_rule(KNOWLEDGE.rule(rule_id), Measurements(**kwargs))
    if (rule_id, removed) in STILL_TRUE:
        assert result.outcome == T
        return
    assert result.outcome == "unknown"
    assert removed in result.missing


@given(data=st.data())
def test_it_never_answers_false_for_any_subset_of_missing_operands(data: st.DataObject) -> None:
    rule_id, removable = data.draw(
        st.sampled_from([(rid, [n for n in kw if (rid, n) not in OPTIONAL]) for rid, kw in FIRING.items()])
    )
    removed = data.draw(st.lists(st.sampled_from(removable), min_size=1, unique=True))
    kwargs = {**FIRING[rule_id], **{name: None for name in removed}}
    assert outcome(rule_id, **kwargs) in ("unknown", T)


def test_it_does_not_apply_male_testosterone_rules_to_women() -> None:
    for rule_id in (
        "hypogonadism.low_testosterone",
        "hypogonadism.low_testosterone_confirmed",
        "hypogonadism.untested_indication",
        "protein_anabolism.low_testosterone_confirmed",
    ):
        kwargs = {**FIRING[rule_id], "sex": "F"}
        assert outcome(rule_id, **kwargs) == "not_applicable"


def test_it_applies_only_the_bmi_rule_of_the_recorded_population() -> None:
    asian = {**BMI, "weight_kg": 19, "age_years": 66, "population": "asian"}
    assert outcome("malnutrition.low_bmi", **asian) == "not_applicable"
    assert outcome("malnutrition.low_bmi_asian", **asian) == F
