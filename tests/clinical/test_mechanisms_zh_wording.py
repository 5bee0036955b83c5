"""Simplified Chinese wording of the mechanism texts: each term says what the English says (issue 14, item 7).

Weakness of muscle is 肌无力 (乏力 is fatigue); bed- or chair-bound is 卧床或仅能坐于椅上; a
physiotherapy referral goes to 康复科（物理治疗）, not to an unnamed "rehabilitation treatment".
"""

from __future__ import annotations

from screening.clinical.mechanisms import MECHANISM_IDS, Trigger, mechanism_text, trigger_text
from screening.clinical.mechanisms.knowledge import KNOWLEDGE
from screening.clinical.mechanisms.text_triggers import TRIGGER_TEMPLATES


def chinese_texts() -> list[str]:
    texts = [mechanism_text(i, "zh-hans", a) for i in MECHANISM_IDS for a in ("clinician", "patient")]
    texts += [t["zh-hans"] for t in TRIGGER_TEMPLATES.values()]
    for mechanism in KNOWLEDGE.mechanisms:
        texts.append(mechanism.grade_rationale["zh-hans"])
        for pathway in mechanism.pathways:
            texts += list(pathway.steps["zh-hans"])
            texts.append((pathway.caveat or {}).get("zh-hans", ""))
    texts += [r.note["zh-hans"] for r in KNOWLEDGE.rules() if r.note]
    return texts


def test_it_says_muscle_weakness_where_the_english_says_weakness() -> None:
    english = mechanism_text("vitamin_d", "en", "clinician")
    chinese = mechanism_text("vitamin_d", "zh-hans", "clinician")
    assert "muscle pain, weakness" in english
    assert "肌痛、肌无力" in chinese


def test_it_never_uses_fatigue_for_weakness() -> None:
    assert not [t for t in chinese_texts() if "乏力" in t]


def test_it_names_bed_or_chair_bound_as_the_clinical_term() -> None:
    trigger = Trigger("mobility", "==", "bed_or_chair_bound", "bed_or_chair_bound")
    assert trigger_text(trigger, "en") == "bed- or chair-bound"
    assert trigger_text(trigger, "zh-hans") == "卧床或仅能坐于椅上"
    assert "卧床或仅能坐于椅上" in mechanism_text("inactivity", "zh-hans", "clinician")
    assert not [t for t in chinese_texts() if "只能坐椅" in t]


def test_it_refers_to_the_rehabilitation_department_for_physiotherapy() -> None:
    assert "physiotherapy referral" in mechanism_text("inactivity", "en", "clinician")
    assert "转介康复科（物理治疗）" in mechanism_text("inactivity", "zh-hans", "clinician")
    assert not [t for t in chinese_texts() if "转介康复治疗" in t]
