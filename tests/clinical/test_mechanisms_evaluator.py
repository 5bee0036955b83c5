"""Mechanism status for a visit (DECISIONS.md §6): likely, possible, not flagged, not assessable."""

from __future__ import annotations

import dataclasses
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from screening.clinical.measurements import Measurements
from screening.clinical.mechanisms import (
    BACKGROUND,
    LIKELY,
    MECHANISM_IDS,
    NOT_ASSESSABLE,
    NOT_FLAGGED,
    POSSIBLE,
    MechanismReport,
    evaluate_mechanisms,
    likely_ids,
    possible_ids,
)
from screening.clinical.mechanisms.knowledge import KNOWLEDGE

# Every rule input recorded, every value on the healthy side of its threshold.
HEALTHY = Measurements(
    sex="M",
    age_years=72,
    population="other",
    height_cm=170,
    weight_kg=70,
    mna_sf_score=13,
    snaq_score=17,
    vitamin_d_25oh_ng_ml=35,
    hs_crp_mg_l=0.8,
    hs_crp_repeat_mg_l=0.9,
    il6_pg_ml=2,
    tnf_alpha_pg_ml=5,
    tnf_alpha_uln_pg_ml=8.1,
    albumin_g_l=42,
    lymphocyte_count_per_ul=2000,
    total_testosterone_ng_dl=500,
    total_testosterone_repeat_ng_dl=520,
    hypogonadal_symptoms=False,
    igf1_ng_ml=150,
    igf1_lln_ng_ml=80,
    hba1c_pct=5.4,
    egfr_ml_min_1_73m2=85,
    dialysis=False,
    weight_loss_pct_6mo=0,
    weight_loss_pct_gt6mo=0,
    intake_pct_energy_req=100,
    intake_reduced_days=0,
    protein_intake_g_kg_day=1.3,
    mvpa_min_week=200,
    strength_days_week=3,
    mobility="independent",
    hospitalised_last_90d=False,
    conditions=frozenset(),
    medications=frozenset(),
)
BACKGROUND_IDS = ("neuromuscular_junction", "gut_microbiota")


def visit(**changes: object) -> Measurements:
    return dataclasses.replace(HEALTHY, **changes)


def test_it_shows_the_issue_example_as_three_likely_mechanisms_with_their_values() -> None:
    report = evaluate_mechanisms(Measurements(vitamin_d_25oh_ng_ml=14, hs_crp_mg_l=5, il6_pg_ml=7, mna_sf_score=6))
    assert likely_ids(report) == ["inflammation", "malnutrition", "vitamin_d"]
    fired = {m: {t.field: t.value for r in report[m].fired for t in r.triggers} for m in likely_ids(report)}
    assert fired == {
        "vitamin_d": {"vitamin_d_25oh_ng_ml": 14},
        "inflammation": {"hs_crp_mg_l": 5, "il6_pg_ml": 7},
        "malnutrition": {"mna_sf_score": 6},
    }
    (vd,) = report["vitamin_d"].fired[0].triggers
    assert (vd.operator, vd.threshold, vd.unit) == ("<", 20, "ng/mL")


def test_it_flags_nothing_on_a_healthy_fully_recorded_visit() -> None:
    report = evaluate_mechanisms(HEALTHY)
    assert {r.id: r.status for r in report.mechanisms} == {
        i: BACKGROUND if i in BACKGROUND_IDS else NOT_FLAGGED for i in MECHANISM_IDS
    }
    assert all(not r.missing_inputs for r in report.mechanisms)


def test_it_calls_one_strong_rule_likely() -> None:
    assert evaluate_mechanisms(visit(mvpa_min_week=60))["inactivity"].status == LIKELY


def test_it_calls_two_distinct_supportive_rules_likely() -> None:
    report = evaluate_mechanisms(visit(igf1_ng_ml=60, hba1c_pct=7.0))
    assert report["hormonal"].status == LIKELY
    assert [r.tier for r in report["hormonal"].fired] == ["supportive", "supportive"]


def test_it_calls_exactly_one_supportive_rule_possible() -> None:
    report = evaluate_mechanisms(visit(snaq_score=12))
    assert report["malnutrition"].status == POSSIBLE
    assert possible_ids(report) == ["malnutrition"]


def test_it_counts_a_rule_shared_by_two_mechanisms_once_in_each() -> None:
    report = evaluate_mechanisms(visit(lymphocyte_count_per_ul=900))
    assert report["malnutrition"].status == POSSIBLE
    assert report["immunosenescence"].status == POSSIBLE


def test_it_never_counts_context_rules() -> None:
    report = evaluate_mechanisms(visit(hs_crp_mg_l=25, hs_crp_repeat_mg_l=22))
    inflammation = report["inflammation"]
    assert inflammation.status == NOT_FLAGGED
    assert [r.rule_id for r in inflammation.context] == ["inflammation.crp_acute"]


def test_it_only_notes_mitochondria_through_their_drivers() -> None:
    report = evaluate_mechanisms(visit(mvpa_min_week=60, vitamin_d_25oh_ng_ml=10, hba1c_pct=7.2))
    mito = report["mitochondrial"]
    assert mito.status == NOT_FLAGGED
    assert len(mito.context) == 3
    assert {report[i].status for i in ("inactivity", "vitamin_d")} == {LIKELY}


def test_it_marks_a_mechanism_not_assessable_and_says_what_to_record() -> None:
    report = evaluate_mechanisms(visit(vitamin_d_25oh_ng_ml=None))
    assert report["vitamin_d"].status == NOT_ASSESSABLE
    assert report["vitamin_d"].missing_inputs == ("vitamin_d_25oh_ng_ml",)


def test_it_asks_for_the_repeat_crp_that_could_make_inflammation_likely() -> None:
    report = evaluate_mechanisms(visit(hs_crp_mg_l=5, hs_crp_repeat_mg_l=None))
    assert report["inflammation"].status == POSSIBLE
    assert report["inflammation"].missing_inputs == ("hs_crp_repeat_mg_l",)


def test_it_treats_an_unknown_strong_rule_as_unknown_not_as_false() -> None:
    report = evaluate_mechanisms(visit(weight_kg=None))
    assert report["malnutrition"].status == NOT_ASSESSABLE
    assert report["malnutrition"].missing_inputs == ("weight_kg",)


def test_it_lists_no_missing_inputs_once_a_mechanism_is_likely() -> None:
    report = evaluate_mechanisms(Measurements(vitamin_d_25oh_ng_ml=14))
    assert report["vitamin_d"].status == LIKELY
    assert report["vitamin_d"].missing_inputs == ()


def test_it_does_not_flag_hypogonadism_in_women() -> None:
    report = evaluate_mechanisms(
        visit(sex="F", total_testosterone_ng_dl=20, total_testosterone_repeat_ng_dl=20, hypogonadal_symptoms=True)
    )
    assert report["hypogonadism"].status == NOT_FLAGGED
    assert set(report["hypogonadism"].to_dict()["rules"].values()) == {"not_applicable"}


def test_it_counts_confirmed_low_testosterone_towards_protein_anabolism() -> None:
    report = evaluate_mechanisms(
        visit(
            total_testosterone_ng_dl=250, total_testosterone_repeat_ng_dl=260, hypogonadal_symptoms=True, igf1_ng_ml=60
        )
    )
    assert report["hypogonadism"].status == LIKELY
    assert report["protein_anabolism"].status == LIKELY


def test_it_explains_background_mechanisms_without_flagging_them() -> None:
    report = evaluate_mechanisms(Measurements(vitamin_d_25oh_ng_ml=5, mna_sf_score=2, il6_pg_ml=40))
    for mechanism_id in BACKGROUND_IDS:
        assert report[mechanism_id].status == BACKGROUND
        assert report[mechanism_id].fired == ()


def test_it_returns_likely_and_possible_ids_sorted() -> None:
    report = evaluate_mechanisms(visit(vitamin_d_25oh_ng_ml=10, mvpa_min_week=30, snaq_score=10, il6_pg_ml=9))
    assert likely_ids(report) == ["inactivity", "vitamin_d"]
    assert possible_ids(report) == ["inflammation", "malnutrition"]


def test_it_orders_mechanisms_as_decisions_lists_them() -> None:
    assert tuple(r.id for r in evaluate_mechanisms(Measurements()).mechanisms) == MECHANISM_IDS


def test_it_stores_as_json_and_reads_back_the_same_report() -> None:
    report = evaluate_mechanisms(
        Measurements(
            vitamin_d_25oh_ng_ml=14,
            hs_crp_mg_l=5,
            il6_pg_ml=7,
            mna_sf_score=6,
            conditions=frozenset({"copd", "diabetes"}),
        )
    )
    data = json.loads(json.dumps(report.to_dict()))
    assert MechanismReport.from_dict(data).to_dict() == data
    vitamin_d = data["mechanisms"][MECHANISM_IDS.index("vitamin_d")]
    assert vitamin_d["status"] == LIKELY
    assert vitamin_d["fired"][0]["triggers"][0] == {
        "field": "vitamin_d_25oh_ng_ml",
        "operator": "<",
        "value": 14,
        "threshold": 20,
        "unit": "ng/mL",
        "upper_operator": None,
        "upper_threshold": None,
        "threshold_field": None,
    }


# --- properties over random visits ------------------------------------------------------------

maybe = lambda s: st.one_of(st.none(), s)  # noqa: E731
VISITS = st.builds(
    Measurements,
    sex=maybe(st.sampled_from(["M", "F"])),
    age_years=maybe(st.integers(50, 100)),
    population=st.sampled_from(["asian", "other"]),
    height_cm=maybe(st.floats(140, 200)),
    weight_kg=maybe(st.floats(35, 120)),
    mna_sf_score=maybe(st.integers(0, 14)),
    snaq_score=maybe(st.integers(4, 20)),
    vitamin_d_25oh_ng_ml=maybe(st.floats(3, 60)),
    hs_crp_mg_l=maybe(st.floats(0, 30)),
    hs_crp_repeat_mg_l=maybe(st.floats(0, 30)),
    il6_pg_ml=maybe(st.floats(0, 20)),
    albumin_g_l=maybe(st.floats(20, 50)),
    lymphocyte_count_per_ul=maybe(st.floats(300, 4000)),
    total_testosterone_ng_dl=maybe(st.floats(50, 900)),
    hba1c_pct=maybe(st.floats(4, 12)),
    egfr_ml_min_1_73m2=maybe(st.floats(5, 120)),
    dialysis=maybe(st.booleans()),
    protein_intake_g_kg_day=maybe(st.floats(0.3, 2)),
    mvpa_min_week=maybe(st.floats(0, 400)),
    strength_days_week=maybe(st.integers(0, 7)),
    hospitalised_last_90d=maybe(st.booleans()),
    mobility=maybe(st.sampled_from(["independent", "limited", "bed_or_chair_bound"])),
    conditions=maybe(st.frozensets(st.sampled_from(["diabetes", "ckd", "copd", "ibd"]))),
)


@settings(max_examples=200)
@given(m=VISITS)
def test_it_derives_every_status_from_the_counting_rules_alone(m: Measurements) -> None:
    for result in evaluate_mechanisms(m).mechanisms:
        if result.id in BACKGROUND_IDS:
            assert result.status == BACKGROUND
            continue
        counting = [r for r in result.rules if r.tier != "context"]
        strong = sum(r.outcome == "true" for r in counting if r.tier == "strong")
        supportive = sum(r.outcome == "true" for r in counting if r.tier == "supportive")
        unknown = any(r.outcome == "unknown" for r in counting)
        expected = (
            LIKELY
            if strong or supportive >= 2
            else POSSIBLE
            if supportive == 1
            else NOT_ASSESSABLE
            if unknown
            else NOT_FLAGGED
        )
        assert result.status == expected
        assert bool(result.missing_inputs) == (unknown and expected != LIKELY)


@settings(max_examples=200)
@given(m=VISITS, filler=VISITS)
def test_it_never_reports_a_rule_false_or_true_that_recording_a_missing_value_could_change(
    m: Measurements, filler: Measurements
) -> None:
    """DECISIONS.md §6 (2026.2): a rule is never false because a value is missing. Recording the missing
    values (any values) keeps every true rule true and every false rule false or not applicable. Rules
    with an `IS NULL` part (NotRecorded, IfRecorded) are left out: there absence is itself the finding."""
    completed = dataclasses.replace(
        m, **{f.name: getattr(filler, f.name) for f in dataclasses.fields(m) if getattr(m, f.name) is None}
    )
    before = {r.rule_id: r.outcome for result in evaluate_mechanisms(m).mechanisms for r in result.rules}
    after = {r.rule_id: r.outcome for result in evaluate_mechanisms(completed).mechanisms for r in result.rules}
    for rule_id, outcome in before.items():
        expr = KNOWLEDGE.rule(rule_id).expr
        if set(expr.reads()) != set(expr.required()):
            continue
        if outcome == "true":
            assert after[rule_id] == "true", rule_id
        elif outcome == "false":
            assert after[rule_id] in ("false", "not_applicable"), rule_id
        elif outcome == "not_applicable":
            assert after[rule_id] == "not_applicable", rule_id


def test_it_flags_hormonal_on_hba1c_alone_or_on_recorded_diabetes_alone() -> None:
    """The DECISIONS.md §6 (2026.2) example: either half of the OR is enough."""
    by_hba1c = evaluate_mechanisms(Measurements(hba1c_pct=7.5))["hormonal"]
    by_condition = evaluate_mechanisms(Measurements(conditions=frozenset({"diabetes"})))["hormonal"]
    for result in (by_hba1c, by_condition):
        assert "hormonal.diabetes" in [r.rule_id for r in result.fired]
        assert result.status == POSSIBLE
    assert [t.field for t in by_hba1c.fired[0].triggers] == ["hba1c_pct"]


def test_it_notes_an_untested_testosterone_indication_without_a_medication_list() -> None:
    m = Measurements(sex="M", conditions=frozenset({"diabetes"}))
    result = evaluate_mechanisms(m)["hypogonadism"]
    assert "hypogonadism.untested_indication" in [r.rule_id for r in result.context]


# --- a mechanism's result is remembered by the values it reads --------------------------------


def written(report) -> bytes:
    """The report as stored: types matter (10 and 10.0 are written differently)."""
    import orjson

    return orjson.dumps(report.to_dict(), option=orjson.OPT_SORT_KEYS)


def fresh(m: Measurements):
    from screening.clinical.mechanisms.evaluator import MechanismReport, evaluate_mechanism

    return MechanismReport(tuple(evaluate_mechanism(mech, m) for mech in KNOWLEDGE.mechanisms))


@settings(max_examples=100)
@given(ms=st.lists(VISITS, min_size=2, max_size=12))
def test_remembered_results_are_what_evaluating_again_gives(ms: list[Measurements]) -> None:
    for m in [*ms, *ms]:  # the second time round, every mechanism's result is a remembered one
        assert written(evaluate_mechanisms(m)) == written(fresh(m))


def test_a_value_written_differently_is_not_given_another_visits_result() -> None:
    as_int, as_float = Measurements(mna_sf_score=10), Measurements(mna_sf_score=10.0)  # type: ignore[arg-type]
    evaluate_mechanisms(as_int)
    assert written(evaluate_mechanisms(as_float)) == written(fresh(as_float)) != written(fresh(as_int))


def test_the_memory_is_bounded(monkeypatch) -> None:
    from screening.clinical.mechanisms import evaluator

    monkeypatch.setattr(evaluator._Memo, "SIZE", 3)
    for score in range(10):
        evaluate_mechanisms(Measurements(vitamin_d_25oh_ng_ml=10.0 + score))
    memo = dict(zip((m.id for m in KNOWLEDGE.mechanisms), evaluator._memos(KNOWLEDGE)))["vitamin_d"]
    assert 1 <= len(memo.results) <= 3
