"""Explanations and trigger phrases: both languages, no doses, only verified figures (DECISIONS.md §6)."""

from __future__ import annotations

import re

import pytest

from screening.clinical.measurements import Measurements
from screening.clinical.mechanisms import (
    LANGS,
    MECHANISM_IDS,
    Trigger,
    background_page,
    context_note,
    evaluate_mechanisms,
    mechanism_text,
    trigger_text,
)
from screening.clinical.mechanisms.knowledge import KNOWLEDGE
from screening.clinical.mechanisms.rules import IfRecorded, NotRecorded, Range
from screening.clinical.mechanisms.schema import find_dose
from screening.clinical.mechanisms.text_mechanisms import MAINSTAY
from screening.clinical.mechanisms.text_triggers import TRIGGER_TEMPLATES

AUDIENCES = ("clinician", "patient")


def explanatory_texts() -> list[str]:
    """Every text that explains (not the trigger templates, which legitimately carry lab units)."""
    texts = [mechanism_text(i, lang, a) for i in MECHANISM_IDS for lang in LANGS for a in AUDIENCES]
    for lang in LANGS:
        page = background_page(lang)
        texts += [page.title, page.intro, page.outcomes_heading, *page.notes]
        texts += [t for c in page.chains for t in (c.heading, c.summary)]
        texts += [o.text for o in page.outcomes]
    for mechanism in KNOWLEDGE.mechanisms:
        texts += list(mechanism.grade_rationale.values())
        for pathway in mechanism.pathways:
            texts += [s for steps in pathway.steps.values() for s in steps]
            texts += list((pathway.caveat or {}).values())
    texts += [r.note[lang] for r in KNOWLEDGE.rules() if r.note for lang in LANGS]
    return texts


# --- the dose detector itself -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "800 IU",
        "2000 units",
        "50 µg",
        "50 mcg",
        "10 mg",
        "1.2 g/kg",
        "twice, 2 tablets per day",
        "1000 IU daily",
        "每日 2 次",
        "800 国际单位",
        "50 mg/day",
        "1.5 g/kg/day",
        "3 times a day",
    ],
)
def test_it_recognises_a_dose(text: str) -> None:
    assert find_dose(text)


@pytest.mark.parametrize(
    "text",
    [
        "hs-CRP 5 mg/L",
        "25(OH)D 14 ng/mL",
        "IL-6 above 5 pg/mL",
        "the 2011 Endocrine Society categories",
        "1,25(OH)₂D₃ acts on VDR",
        "150 min/week",
    ],
)
def test_it_does_not_mistake_a_lab_value_for_a_dose(text: str) -> None:
    assert find_dose(text) is None


def test_it_writes_no_dose_in_any_explanatory_text() -> None:
    doses = {t: find_dose(t) for t in explanatory_texts() if find_dose(t)}
    assert doses == {}


def test_it_neither_diagnoses_nor_prescribes() -> None:
    forbidden = re.compile(r"you have|diagnosed with|prescribe|您患有|诊断为|确诊|处方", re.IGNORECASE)
    assert [t for t in explanatory_texts() if forbidden.search(t)] == []


# --- mechanism texts ------------------------------------------------------------------------------


@pytest.mark.parametrize("mechanism_id", MECHANISM_IDS)
@pytest.mark.parametrize("lang", LANGS)
def test_it_explains_every_mechanism_to_both_audiences(mechanism_id: str, lang: str) -> None:
    clinician = mechanism_text(mechanism_id, lang, "clinician")
    patient = mechanism_text(mechanism_id, lang, "patient")
    assert clinician.endswith(MAINSTAY[lang])
    assert 1 <= len(re.findall(r"[.!?。！？](?:\s|$)", patient)) <= 2
    assert len(patient) < len(clinician)


def test_it_writes_the_chinese_texts_in_chinese() -> None:
    for mechanism_id in MECHANISM_IDS:
        for audience in AUDIENCES:
            assert re.search(r"[\u4e00-\u9fff]", mechanism_text(mechanism_id, "zh-hans", audience))


def test_it_labels_the_vitamin_d_cut_offs_as_2011_categories_no_longer_endorsed() -> None:
    en = mechanism_text("vitamin_d", "en", "clinician")
    assert "2011 Endocrine Society / IOM categories" in en
    assert "2024 guideline no longer endorses fixed thresholds" in en
    zh = mechanism_text("vitamin_d", "zh-hans", "clinician")
    assert "2011 年美国内分泌学会 / IOM 的分类" in zh and "不再认可固定阈值" in zh


def test_it_calls_il6_above_5_a_study_cut_off() -> None:
    assert "study cut-off (Schaap 2006), not a clinical one" in mechanism_text("inflammation", "en", "clinician")
    assert "并非临床界值" in mechanism_text("inflammation", "zh-hans", "clinician")


def test_it_rejects_an_unknown_language_or_audience() -> None:
    with pytest.raises(ValueError):
        mechanism_text("vitamin_d", "fr", "clinician")
    with pytest.raises(ValueError):
        mechanism_text("vitamin_d", "en", "nurse")
    with pytest.raises(KeyError):
        mechanism_text("sleep", "en", "patient")


def test_it_reads_a_context_note_in_both_languages() -> None:
    assert "acute" in context_note("inflammation.crp_acute", "en")
    assert "急性" in context_note("inflammation.crp_acute", "zh-hans")


# --- trigger phrases ------------------------------------------------------------------------------


def possible_keys(expr) -> set[str]:
    """Every Trigger.key an expression can produce."""
    if hasattr(expr, "parts"):
        return set().union(*(possible_keys(p) for p in expr.parts))
    if isinstance(expr, IfRecorded):
        return possible_keys(expr.inner) | {f"{f} not_recorded" for f in expr.inner.required()}
    if isinstance(expr, NotRecorded):
        return {f"{expr.field} not_recorded"}
    if isinstance(expr, Range):
        return {f"{expr.field} {expr.low_op},{expr.high_op}"}
    if hasattr(expr, "codes"):
        return {f"{expr.field} has_any"}
    if hasattr(expr, "op"):
        return {f"{expr.field} {expr.op}"}
    return {f"{expr.field} == {expr.value}"}


def test_it_has_a_phrase_for_every_trigger_any_rule_can_produce() -> None:
    keys = set().union(*(possible_keys(r.expr) for r in KNOWLEDGE.rules()))
    assert keys - set(TRIGGER_TEMPLATES) == set()


@pytest.mark.parametrize("key", sorted(TRIGGER_TEMPLATES))
def test_it_writes_every_trigger_phrase_in_both_languages(key: str) -> None:
    for lang in LANGS:
        template = TRIGGER_TEMPLATES[key][lang]
        rendered = template.format(value="1", threshold="2", upper="3")
        assert rendered.strip() and "{" not in rendered


def test_it_renders_the_vitamin_d_trigger_of_the_issue_example() -> None:
    report = evaluate_mechanisms(Measurements(vitamin_d_25oh_ng_ml=14))
    (trigger,) = report["vitamin_d"].fired[0].triggers
    assert trigger_text(trigger, "en") == "25(OH)D 14 ng/mL, below 20 ng/mL"
    assert trigger_text(trigger, "zh-hans") == "25(OH)D 14 ng/mL，低于 20 ng/mL"


def test_it_renders_every_fired_trigger_of_a_busy_visit() -> None:
    report = evaluate_mechanisms(
        Measurements(
            sex="M",
            age_years=75,
            height_cm=160,
            weight_kg=50,
            vitamin_d_25oh_ng_ml=25.5,
            hs_crp_mg_l=4.2,
            hs_crp_repeat_mg_l=5,
            tnf_alpha_pg_ml=12,
            tnf_alpha_uln_pg_ml=8.1,
            conditions=frozenset({"copd", "diabetes"}),
            medications=frozenset(),
            hba1c_pct=6.1,
            protein_intake_g_kg_day=0.8,
            mobility="bed_or_chair_bound",
            hospitalised_last_90d=True,
        )
    )
    lines = [
        trigger_text(t, lang)
        for m in report.mechanisms
        for r in (*m.fired, *m.context)
        for t in r.triggers
        for lang in LANGS
    ]
    assert "BMI 19.53 kg/m², below 22 kg/m²" in lines
    assert "recorded condition: COPD" in lines
    assert "已记录疾病：慢性阻塞性肺疾病" in lines
    assert "total testosterone not measured" in lines
    assert "eGFR not recorded" in lines
    assert "TNF-α 12 pg/mL, above the laboratory's upper limit of 8.1 pg/mL" in lines


def test_it_phrases_the_il6_trigger_as_a_study_cut_off() -> None:
    trigger = Trigger("il6_pg_ml", ">", 7, 5, "pg/mL")
    assert trigger_text(trigger, "en") == "IL-6 7 pg/mL, above the 5 pg/mL cut-off used in one cohort study"


# --- background page ------------------------------------------------------------------------------

# Every figure mechanisms.md §3 "Checked against the originals" allows (Yeung 2019, Kitamura 2021,
# Tiainen 2010, Schaap 2006), plus the years of those papers and of AWGS 2019.
VERIFIED_NUMBERS = {
    "33",
    "45,926",
    "95",
    "1.60",
    "1.37",
    "1.86",
    "1.89",
    "1.33",
    "2.68",
    "1.84",
    "1.30",
    "2.62",
    "1.71",
    "1.44",
    "2.03",
    "1851",
    "65",
    "2.0",
    "1.2",
    "3.5",
    "2.3",
    "1.1",
    "4.9",
    "1.6",
    "1.0",
    "2.7",
    "1.7",
    "90",
    "5",
    "6.1",
    "40",
    "2006",
    "2010",
    "2019",
    "2021",
}


@pytest.mark.parametrize("lang", LANGS)
def test_it_states_only_verified_outcome_figures(lang: str) -> None:
    page = background_page(lang)
    numbers = {n for o in page.outcomes for n in re.findall(r"(?<![\w-])\d+(?:,\d{3})*(?:\.\d+)?", o.text)}
    assert numbers <= VERIFIED_NUMBERS
    assert {"1.60", "1.89", "1.84", "1.71", "2.0", "2.3", "1.6", "1.7"} <= numbers


@pytest.mark.parametrize("lang", LANGS)
def test_it_develops_the_three_chains_of_the_review(lang: str) -> None:
    page = background_page(lang)
    assert [c.review_section for c in page.chains] == ["2.1", "2.2", "2.3"]
    assert all(c.pathways and all(len(steps) >= 2 for _, steps in c.pathways) for c in page.chains)


@pytest.mark.parametrize("lang", LANGS)
def test_it_does_not_state_the_unverified_figures_as_fact(lang: str) -> None:
    everything = " ".join(explanatory_texts())
    assert "0.087" not in everything
    shift = re.compile(r"CD8\S*\s*(?:→|->|to|到|转为|向)\s*CD4", re.IGNORECASE)
    assert not shift.search(everything)


def test_it_labels_vitamin_d_and_il6_cut_offs_on_the_background_page() -> None:
    notes = " ".join(background_page("en").notes)
    assert "2011 Endocrine Society / IOM categories" in notes
    assert "2024 guideline no longer endorses fixed thresholds" in notes
    assert "IL-6 above 5 pg/mL is a study cut-off (Schaap 2006), not a clinical one" in notes
    assert MAINSTAY["en"] in background_page("en").notes
