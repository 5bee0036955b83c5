"""The compact stored form of a visit's results gives back exactly what the engine's to_dict() gives."""

from __future__ import annotations

import dataclasses
import json

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.clinical import evaluate_all
from screening.clinical.measurements import Measurements
from screening.clinical.mechanisms import evaluate_mechanisms
from screening.clinical.mechanisms.rules import Trigger
from screening.results.result_codec import (
    TRIGGER_FIELDS,
    compact_mechanisms,
    compact_results,
    expand_mechanisms,
    expand_results,
    mechanisms_json,
)

from .criteria_support import visits

maybe = lambda s: st.one_of(st.none(), s)  # noqa: E731
LABS = st.fixed_dictionaries(
    {
        "age_years": maybe(st.integers(60, 100)),
        "population": st.sampled_from(["asian", "other"]),
        "height_cm": maybe(st.floats(140, 200)),
        "weight_kg": maybe(st.floats(35, 120)),
        "mna_sf_score": maybe(st.integers(0, 14)),
        "vitamin_d_25oh_ng_ml": maybe(st.floats(3, 60)),
        "hs_crp_mg_l": maybe(st.floats(0, 30)),
        "il6_pg_ml": maybe(st.floats(0, 20)),
        "albumin_g_l": maybe(st.floats(20, 50)),
        "lymphocyte_count_per_ul": maybe(st.floats(300, 4000)),
        "total_testosterone_ng_dl": maybe(st.floats(50, 900)),
        "hba1c_pct": maybe(st.floats(4, 12)),
        "protein_intake_g_kg_day": maybe(st.floats(0.3, 2)),
        "mvpa_min_week": maybe(st.floats(0, 400)),
        "mobility": maybe(st.sampled_from(["independent", "limited", "bed_or_chair_bound"])),
        "conditions": maybe(st.frozensets(st.sampled_from(["diabetes", "ckd", "copd", "ibd", "heart_failure"]))),
        "medications": maybe(st.frozensets(st.sampled_from(["glucocorticoid", "statin"]))),
    }
)


def stored(value: dict) -> dict:
    """What the database gives back: the value written as JSON and read again."""
    return json.loads(orjson.dumps(value, option=orjson.OPT_SORT_KEYS))


def as_to_dict(results: dict) -> dict:
    return stored(
        {code: {k: v for k, v in r.to_dict().items() if k != "rule_set_version"} for code, r in results.items()}
    )


@settings(max_examples=300, deadline=None)
@given(m=visits(sexes=("M", "F", None)), labs=LABS)
def test_criteria_results_expand_to_exactly_what_the_engine_writes(m: Measurements, labs: dict) -> None:
    results = evaluate_all(dataclasses.replace(m, **labs))
    assert expand_results(stored(compact_results(results))) == as_to_dict(results)


@settings(max_examples=300, deadline=None)
@given(m=visits(sexes=("M", "F", None)), labs=LABS)
def test_mechanism_reports_expand_to_exactly_what_the_engine_writes(m: Measurements, labs: dict) -> None:
    report = evaluate_mechanisms(dataclasses.replace(m, **labs))
    assert expand_mechanisms(stored(compact_mechanisms(report))) == stored(report.to_dict())


@settings(max_examples=100, deadline=None)
@given(ms=st.lists(visits(), min_size=1, max_size=6), labs=LABS)
def test_the_mechanisms_text_is_the_compact_report_serialised(ms: list[Measurements], labs: dict) -> None:
    for m in [*ms, *ms]:  # the second time, results (and their JSON) are remembered ones
        report = evaluate_mechanisms(dataclasses.replace(m, **labs))
        assert mechanisms_json(report) == orjson.dumps(compact_mechanisms(report), option=orjson.OPT_SORT_KEYS).decode()


def test_the_compact_form_is_under_half_the_size() -> None:
    m = Measurements(
        sex="F",
        age_years=75,
        population="asian",
        height_cm=158,
        weight_kg=60,
        grip_strength_kg=17,
        chair_stand_5x_s=13,
        gait_speed_m_s=0.9,
        asm_kg=14,
        muscle_mass_method="BIA",
        calf_circumference_cm=32,
        sarc_f_score=4,
        vitamin_d_25oh_ng_ml=18,
        hs_crp_mg_l=3.5,
        albumin_g_l=39,
        mna_sf_score=10,
    )
    results, report = evaluate_all(m), evaluate_mechanisms(m)
    full = len(orjson.dumps(as_to_dict(results))) + len(orjson.dumps(report.to_dict()))
    compact = len(orjson.dumps(compact_results(results))) + len(orjson.dumps(compact_mechanisms(report)))
    assert compact < full / 2


def test_decisive_tests_refer_to_the_component_test_that_holds_them() -> None:
    results = evaluate_all(Measurements(sex="M", grip_strength_kg=20.0, gait_speed_m_s=0.6))
    sets = stored(compact_results(results))["sets"]
    assert sets["ewgsop2"]["decisive"] and all(len(entry) == 2 for entry in sets["ewgsop2"]["decisive"])


def test_trigger_rows_follow_the_trigger_fields() -> None:
    assert tuple(Trigger("f", "<").to_dict()) == TRIGGER_FIELDS


def test_a_visit_never_screened_expands_to_nothing() -> None:
    assert expand_results({}) == {} and expand_mechanisms({}) == {}
