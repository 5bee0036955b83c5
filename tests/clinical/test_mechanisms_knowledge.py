"""The knowledge base's content and its loader (mechanisms.md §4, §6; DECISIONS.md §6)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from screening.clinical.mechanisms import MECHANISM_IDS, KnowledgeError
from screening.clinical.mechanisms.kb_references import REFERENCES
from screening.clinical.mechanisms.knowledge import KNOWLEDGE, MECHANISMS
from screening.clinical.mechanisms.rules import Cmp
from screening.clinical.mechanisms.schema import LANGS, load_knowledge, measurement_inputs

REPO = Path(__file__).resolve().parents[2]


def test_it_holds_exactly_the_eleven_stable_ids_in_order() -> None:
    assert tuple(m.id for m in KNOWLEDGE.mechanisms) == MECHANISM_IDS
    assert len(MECHANISM_IDS) == 11


@pytest.mark.parametrize("mechanism", KNOWLEDGE.mechanisms, ids=lambda m: m.id)
def test_it_names_every_mechanism_in_both_languages(mechanism) -> None:
    assert all(mechanism.name[lang].strip() for lang in LANGS)
    assert all(mechanism.grade_rationale[lang].strip() for lang in LANGS)


@pytest.mark.parametrize("mechanism", KNOWLEDGE.mechanisms, ids=lambda m: m.id)
def test_it_gives_every_mechanism_a_reference_with_an_identifier(mechanism) -> None:
    refs = [KNOWLEDGE.references[r] for r in mechanism.references]
    assert any(ref.has_identifier for ref in refs)
    assert "zheng2022" in mechanism.references, "every mechanism names the review"


def test_it_points_each_mechanism_at_its_review_section() -> None:
    sections = {m.id: m.review_section for m in KNOWLEDGE.mechanisms}
    assert (sections["immunosenescence"], sections["vitamin_d"], sections["inflammation"]) == ("2.1", "2.2", "2.3")
    assert {s for i, s in sections.items() if i not in ("immunosenescence", "vitamin_d", "inflammation")} == {"2"}


def test_it_grades_background_mechanisms_d_and_gives_them_no_rules() -> None:
    for mechanism in KNOWLEDGE.mechanisms:
        if mechanism.id in ("neuromuscular_junction", "gut_microbiota"):
            assert (mechanism.background, mechanism.evidence_grade, mechanism.rules) == (True, "D", ())
        else:
            assert not mechanism.background and mechanism.evidence_grade in "ABC"


def test_it_reads_only_measurements_fields_and_properties() -> None:
    assert set(KNOWLEDGE.input_fields()) <= measurement_inputs()


def test_it_keeps_mitochondria_to_context_rules_only() -> None:
    assert {r.tier for r in KNOWLEDGE.mechanism("mitochondrial").rules} == {"context"}


def test_it_keeps_the_tnf_alpha_chain_in_order() -> None:
    (chain,) = [p for p in KNOWLEDGE.mechanism("inflammation").pathways if p.id == "INF-1"]
    steps = chain.steps["en"]
    assert steps[:3] == ("TNF-α", "TRAF6", "NF-κB activation")
    assert "MuRF-1" in steps[3] and "MAFbx" in steps[3]
    assert steps[4].startswith("Ubiquitin–proteasome")
    assert chain.steps["zh-hans"][:2] == ("TNF-α", "TRAF6")


def test_it_gives_the_three_developed_mechanisms_their_chains() -> None:
    ids = {m.id: [p.id for p in m.pathways] for m in KNOWLEDGE.mechanisms}
    assert ids["immunosenescence"] == ["IMM-1", "IMM-2", "IMM-3"]
    assert ids["vitamin_d"] == ["VD-1", "VD-2", "VD-3"]
    assert ids["inflammation"] == ["INF-0", "INF-1", "INF-2", "INF-3", "INF-4"]


def test_it_gives_every_context_rule_a_note_in_both_languages() -> None:
    for rule in KNOWLEDGE.rules():
        if rule.tier == "context":
            assert all(rule.note[lang].strip() for lang in LANGS), rule.id


def test_it_imports_without_django() -> None:
    code = (
        "import sys, screening.clinical.mechanisms; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0


# --- the loader rejects malformed entries, naming the entry and the field -----------------------


def replace_mechanism(mechanism_id: str, **changes: object) -> tuple:
    return tuple(dataclasses.replace(m, **changes) if m.id == mechanism_id else m for m in MECHANISMS)


def replace_rule(rule_id: str, **changes: object) -> tuple:
    mechanism_id = rule_id.split(".")[0]
    rules = tuple(
        dataclasses.replace(r, **changes) if r.id == rule_id else r for r in KNOWLEDGE.mechanism(mechanism_id).rules
    )
    return replace_mechanism(mechanism_id, rules=rules)


def rejects(mechanisms: tuple, references: tuple = REFERENCES) -> str:
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(mechanisms, references)
    return str(error.value)


def test_it_accepts_the_shipped_knowledge_base() -> None:
    assert load_knowledge(MECHANISMS, REFERENCES).mechanisms == KNOWLEDGE.mechanisms


def test_it_rejects_an_unknown_mechanism_id() -> None:
    message = rejects(replace_mechanism("malnutrition", id="anorexia"))
    assert message.startswith("mechanism 'anorexia': field 'id': 'anorexia' is not one of")


def test_it_rejects_an_unknown_input_field() -> None:
    broken = Cmp("vitamin_d_ng_ml", "<", 20, "ng/mL")
    message = rejects(replace_rule("vitamin_d.deficient", expr=broken))
    assert message == (
        "rule 'vitamin_d.deficient': field 'expr': 'vitamin_d_ng_ml' is not a Measurements field or derived property"
    )


def test_it_rejects_a_rule_id_outside_its_mechanism() -> None:
    message = rejects(replace_rule("vitamin_d.deficient", id="deficient"))
    assert message == (
        "rule 'deficient': field 'id': must be 'vitamin_d.<name>' (stored results name rules within their mechanism)"
    )


def test_it_rejects_a_bad_tier() -> None:
    message = rejects(replace_rule("vitamin_d.deficient", tier="very strong"))
    assert message == (
        "rule 'vitamin_d.deficient': field 'tier': 'very strong' is not one of strong, supportive, context"
    )


def test_it_rejects_a_bad_grade() -> None:
    message = rejects(replace_mechanism("vitamin_d", evidence_grade="B-"))
    assert message.startswith("mechanism 'vitamin_d': field 'evidence_grade': 'B-' is not one of")


def test_it_rejects_a_missing_translation() -> None:
    message = rejects(replace_mechanism("vitamin_d", name={"en": "Vitamin D"}))
    assert message == "mechanism 'vitamin_d': field 'name': missing translation 'zh-hans'"


def test_it_rejects_a_pathway_step_list_missing_a_language() -> None:
    mech = KNOWLEDGE.mechanism("vitamin_d")
    pathway = dataclasses.replace(mech.pathways[0], steps={"en": mech.pathways[0].steps["en"]})
    message = rejects(replace_mechanism("vitamin_d", pathways=(pathway, *mech.pathways[1:])))
    assert message.startswith("pathway 'VD-1': field 'steps': missing translation 'zh-hans'")


def test_it_rejects_a_reference_that_does_not_resolve() -> None:
    message = rejects(replace_rule("vitamin_d.deficient", threshold_source="holick2012"))
    assert message == ("rule 'vitamin_d.deficient': field 'threshold_source': reference 'holick2012' does not resolve")
    message = rejects(replace_mechanism("hormonal", references=("zheng2022", "nobody2020")))
    assert message == "mechanism 'hormonal': field 'references': reference 'nobody2020' does not resolve"


def test_it_rejects_a_text_containing_a_dose() -> None:
    note = {"en": "Give 800 IU daily.", "zh-hans": "每日补充。"}
    message = rejects(replace_rule("vitamin_d.marked_deficiency", note=note))
    assert message.startswith("rule 'vitamin_d.marked_deficiency': field 'note': text contains a dose")


def test_it_rejects_an_unknown_condition_code() -> None:
    from screening.clinical.mechanisms.rules import HasAny

    message = rejects(
        replace_rule("inflammation.inflammatory_condition", expr=HasAny("conditions", frozenset({"gout"})))
    )
    assert message == "rule 'inflammation.inflammatory_condition': field 'expr': unknown conditions code 'gout'"


def test_it_rejects_a_duplicated_rule_id() -> None:
    mech = KNOWLEDGE.mechanism("vitamin_d")
    message = rejects(replace_mechanism("vitamin_d", rules=(*mech.rules, mech.rules[0])))
    assert message == "rule 'vitamin_d.deficient': field 'id': is duplicated"


def test_it_rejects_rules_on_a_background_mechanism() -> None:
    rules = (
        dataclasses.replace(
            KNOWLEDGE.rule("vitamin_d.deficient"), id="gut_microbiota.x", mechanism_id="gut_microbiota"
        ),
    )
    message = rejects(replace_mechanism("gut_microbiota", rules=rules))
    assert message.startswith("mechanism 'gut_microbiota': field 'rules'")


def test_it_rejects_a_knowledge_base_missing_a_mechanism() -> None:
    message = rejects(tuple(m for m in MECHANISMS if m.id != "gut_microbiota"))
    assert message == "mechanism 'gut_microbiota': field 'id': is missing from the knowledge base"


def test_it_rejects_a_malformed_doi() -> None:
    refs = tuple(dataclasses.replace(r, doi="jbmr.4021") if r.id == "li2020" else r for r in REFERENCES)
    assert rejects(MECHANISMS, refs) == "reference 'li2020': field 'doi': 'jbmr.4021' is not a DOI"
