"""A source that weighs against a rule is labelled as such beside it, on the visit page and in the PDF.

Issue 14, item 8. The visit of the report fixtures flags malnutrition (albumin 32 g/L: Clin Nutr 2007
questions the 35 g/L cut-off), vitamin D (12 ng/mL: Holick 2011 superseded by Demay 2024) and
inflammation (hs-CRP 5 mg/L: Kamper 2021 is contrary evidence on muscle mass).
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from screening.reports.context import build_context
from screening.reports.html import render_html
from tests.screening.reports.test_report_fixtures import four_visits, latest, report_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def evidence(html: str, mechanism: str) -> list[tuple[str, str]]:
    """(relation, text) of the evidence notes inside one mechanism's block (the visit page ends each note
    with its number in the page's one reference list, left out here)."""
    block = re.search(rf'data-mechanism="{mechanism}".*?</details>', html, re.S).group(0)
    return [
        (rel, re.sub(r"\s*\[\d+\]$", "", re.sub(r"<[^>]+>", "", text).strip()))
        for rel, text in re.findall(r'class="[^"]*evidence[^"]*"[^>]*data-relation="(\w+)"[^>]*>(.*?)</p>', block, re.S)
    ]


def test_the_visit_page_labels_the_caution_beside_the_albumin_rule(client_a, latest):
    html = client_a.get(reverse("screening:visit_detail", args=[latest.pk])).content.decode()
    notes = evidence(html, "malnutrition")
    assert [rel for rel, _ in notes] == ["caution"]
    assert notes[0][1].startswith("Caution Clin Nutr 2007:") and "35 g/L cut-off was questionable" in notes[0][1]


def test_the_visit_page_labels_contrary_and_superseded_sources(client_a, latest):
    html = client_a.get(reverse("screening:visit_detail", args=[latest.pk])).content.decode()
    assert (
        "contrary",
        "Contrary evidence Kamper 2021: In 1160 healthy adults, hs-CRP and TNF-α rose with age "
        "and frailty, but only hs-CRP was weakly associated with low muscle mass; the authors concluded "
        "that chronic low-grade inflammation is not the main driver of age-related muscle loss.",
    ) in evidence(html, "inflammation")
    assert [rel for rel, _ in evidence(html, "vitamin_d")] == ["superseded", "caution"]
    listed = re.search(r'<li data-ref="holick2011" data-relation="superseded">(.*?)</li>', html, re.S).group(1)
    assert "Superseded</span>" in listed and "Superseded by Demay 2024." in listed
    supporting = re.search(r'<li data-ref="bollen2022" data-relation="supports">(.*?)</li>', html, re.S).group(1)
    assert "Supports</span>" in supporting and "doi:10.1016/j.cellsig.2022.110355" in supporting


def test_the_visit_page_labels_them_in_chinese(client, clinician_a, latest):
    client.force_login(clinician_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    html = client.get(reverse("screening:visit_detail", args=[latest.pk])).content.decode()
    assert evidence(html, "inflammation")[0][1].startswith("相反证据 Kamper 2021：")
    assert any(text.startswith("已被取代 Holick 2011：") for _, text in evidence(html, "vitamin_d"))


def test_the_background_page_shows_granic_2020_as_contrary_evidence(client_a):
    html = client_a.get(reverse("screening:mechanisms_background")).content.decode()
    assert re.search(
        r'<li data-ref="granic2020" data-relation="contrary"><span [^>]*>Contrary evidence</span> '
        r"Granic A, Martin-Ruiz C",
        html,
    )
    assert 'data-ref="belfrail2015" data-relation="caution"' in html
    assert "a CD4:CD8 ratio above 5 (not an inverted ratio)" in html


@pytest.mark.parametrize(("lang", "label", "colon"), [("en", "Caution", ": "), ("zh-hans", "注意", "：")])
def test_the_pdf_labels_the_caution_beside_the_mechanism_with_its_reference_number(latest, lang, label, colon):
    ctx = build_context(latest, lang)
    items = {item["id"]: item for group in ctx.mechanisms for item in group["items"]}
    (note,) = items["malnutrition"]["evidence"]
    assert (note["relation"], note["label"]) == ("caution", label)
    assert ctx.references[note["ref"] - 1].startswith("Is serum albumin a good marker for malnutrition")
    html = render_html(ctx)
    assert re.search(
        rf'<span data-relation="caution"><strong>{label}</strong> '
        rf'<sup class="refs">\[{note["ref"]}\]</sup>{colon}{re.escape(note["text"])}</span>',
        html,
    )
    assert note["text"].startswith(
        {"en": "In older people with low ADL function", "zh-hans": "在日常生活活动能力"}[lang]
    )


def test_the_pdf_reference_list_says_holick_2011_is_superseded(latest):
    ctx = build_context(latest, "en")
    holick = next(ref for ref in ctx.references if ref.startswith("Holick MF"))
    assert holick == (
        "Holick MF, Binkley NC, Bischoff-Ferrari HA, et al. Evaluation, treatment, and prevention "
        "of vitamin D deficiency: an Endocrine Society clinical practice guideline. J Clin "
        "Endocrinol Metab 2011;96(7):1911–1930. doi:10.1210/jc.2011-0385 Superseded by Demay 2024."
    )
    items = {item["id"]: item for group in ctx.mechanisms for item in group["items"]}
    assert ("superseded", "Superseded") in [(e["relation"], e["label"]) for e in items["vitamin_d"]["evidence"]]


def test_the_pdf_cites_the_review_and_the_source_of_each_finding(latest):
    """The report lists the sources of what it reports; each mechanism's full list is on the visit page."""
    ctx = build_context(latest, "en")
    items = {item["id"]: item for group in ctx.mechanisms for item in group["items"]}
    cited = [ctx.references[int(n) - 1] for n in items["malnutrition"]["refs"].split(", ")]
    assert cited[0].startswith("Zheng ZL, Hu HD.")
    assert any(ref.startswith("Ignacio de Ulíbarri J") for ref in cited)  # albumin < 35 g/L (CONUT)
    assert any(ref.startswith("Rubenstein LZ") for ref in cited)  # MNA-SF <= 7
    assert any(ref.startswith("Is serum albumin a good marker") for ref in cited)  # the caution on it
