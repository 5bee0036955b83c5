"""Every code the engine can emit has an English and a simplified-Chinese label, worded as agreed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

from screening.clinical import CRITERIA_SETS, Measurements, evaluate_all
from screening.clinical.criteria import awgs2025
from screening.clinical.criteria.casefinding import FINGER_RING, TOOLS
from screening.clinical.criteria.compare import DIAGNOSIS, REASONS, SEVERITY, disagreements
from screening.clinical.results import OUTCOMES, CriteriaResult
from screening.clinical.text import LANGUAGES, TEXT, category_label, label
from tests.clinical.criteria_support import visits

CJK = re.compile(r"[\u4e00-\u9fff]")


def declared_keys() -> set[str]:
    """Every key the engine declares it can emit."""
    keys = {f"outcome.{o}" for o in OUTCOMES} | {f"case_finding.{t}" for t in (*TOOLS, FINGER_RING)}
    keys |= {f"outcome.{o}" for o in (awgs2025.TRUE, awgs2025.FALSE)}  # AWGS 2025 risk factors
    keys |= {f"case_finding_result.{r}" for r in ("positive", "negative", "unknown")}
    keys |= {f"disagreement.{r}" for r in REASONS} | {f"disagreement_kind.{k}" for k in (DIAGNOSIS, SEVERITY)}
    for code, s in CRITERIA_SETS.items():
        keys.add(f"set.{code}")
        keys |= {f"category.{code}.{c}" for c in s.categories}
        keys |= {f"component.{c}" for c in s.concepts}
        keys |= {f"test.{t}" for t in s.tests}
        keys |= {f"reason.{r}" for r in s.reasons}
        keys |= {f"next_step.{n}" for n in s.next_steps}
        keys |= {f"to_complete.{t}" for t in s.to_complete}
        keys |= {f"note.{n}" for n in s.notes}
    return keys


def emitted_keys(result: CriteriaResult) -> set[str]:
    """Every key one result needs to be shown."""
    code = result.criteria_set
    keys = {f"set.{code}", f"category.{code}.{result.category}", f"reason.{result.reason}"}
    keys |= {f"next_step.{result.next_step}"} | {f"to_complete.{t}" for t in result.to_complete}
    keys |= {f"note.{n}" for n in result.notes}
    for component in result.components:
        keys.add(f"component.{component.code}")
        keys |= {k for t in component.tests for k in (f"test.{t.name}", f"outcome.{t.outcome}", f"unit.{t.unit}")}
    if result.case_finding is not None:
        keys |= {f"case_finding.{t}" for t in result.case_finding.tools}
    return keys


@pytest.mark.parametrize("key", sorted(declared_keys()))
def test_it_labels_every_declared_code_in_both_languages(key: str) -> None:
    for lang in LANGUAGES:
        assert label(key, lang).strip(), (key, lang)


def test_it_has_the_same_keys_in_both_languages() -> None:
    assert set(TEXT["en"]) == set(TEXT["zh-hans"])


@settings(max_examples=300, deadline=None)
@given(visits(sexes=("M", "F", None)))
def test_it_declares_and_labels_everything_the_engine_actually_emits(m: Measurements) -> None:
    results = evaluate_all(m)
    keys = set().union(*(emitted_keys(r) for r in results.values()))
    keys |= {f"disagreement.{r}" for d in disagreements(results, m) for r in d.reasons}
    assert {k for k in keys if not k.startswith("unit.")} <= declared_keys()
    assert keys <= set(TEXT["en"]) and keys <= set(TEXT["zh-hans"])


@pytest.mark.parametrize(
    ("key", "zh"),
    [
        ("category.ewgsop2.probable", "疑似肌少症"),
        ("category.ewgsop2.confirmed", "确诊肌少症"),
        ("category.ewgsop2.severe", "严重肌少症"),
        ("category.awgs2019.possible", "可能肌少症"),
        ("category.awgs2019.sarcopenia", "肌少症"),
        ("category.awgs2019.severe", "严重肌少症"),
        ("test.grip_strength", "握力"),
        ("test.gait_speed", "步速"),
        ("test.chair_stand_5x", "5次起坐试验"),
        ("test.asmi", "四肢骨骼肌质量指数（ASMI）"),
        ("category.awgs2025.at_risk", "肌少症风险"),
        ("category.awgs2025.possible", "可能肌少症"),
        ("category.awgs2025.sarcopenia", "肌少症"),
        ("category.awgs2025.not_applicable", "不适用"),
    ],
)
def test_it_uses_the_agreed_chinese_medical_terms(key: str, zh: str) -> None:
    assert label(key, "zh-hans") == zh


def test_it_writes_chinese_labels_in_chinese() -> None:
    symbols = {"unit.kg", "unit.m/s", "unit.kg/m²", "unit.m²", "test.alm_bmi", "case_finding.sarc_calf"}
    for key, text in TEXT["zh-hans"].items():
        if key not in symbols and not key.startswith("set."):
            assert CJK.search(text), key


def test_it_names_the_sets() -> None:
    assert label("set.ewgsop2", "en") == "EWGSOP2 (2019)"
    assert label("set.awgs2019", "en") == "AWGS 2019"


def test_it_labels_a_category_by_its_set() -> None:
    assert category_label("awgs2019", "possible", "zh-hans") == "可能肌少症"
    assert category_label("ewgsop2", "probable", "en") == "Probable sarcopenia"


@pytest.mark.parametrize(("code", "lang"), [("category.ewgsop2.possible", "en"), ("set.ewgsop2", "fr"), ("", "en")])
def test_it_raises_for_an_unknown_code_or_language(code: str, lang: str) -> None:
    with pytest.raises(KeyError):
        label(code, lang)
