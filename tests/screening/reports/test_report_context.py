"""The report's context and HTML, without WeasyPrint: every section, empty ones left out, both languages."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from django.utils import translation

from screening.clinical.criteria import awgs2019
from screening.reports.charts import FONT_FAMILY
from screening.reports.context import build_context
from screening.reports.html import css_string, render_html
from tests.screening.reports.test_report_fixtures import four_visits, latest, report_cache, single_visit  # noqa: F401

pytestmark = pytest.mark.django_db

SECTIONS = (
    "patient",
    "summary",
    "measurements",
    "bands",
    "sets",
    "trends",
    "mechanisms",
    "what-this-means",
    "disclaimer",
    "signature",
    "references",
)


def sections(html: str) -> set[str]:
    return set(re.findall(r'<(?:section|table)[^>]* id="([^"]+)"', html))


def test_it_builds_every_part_of_the_chinese_report(latest):
    ctx = build_context(latest, "zh-hans")
    assert ctx.header["name"] == "王秀英" and ctx.header["identifier"] == "A-001"
    assert ctx.header["sex"] == "女" and ctx.header["age"] == "78 岁"
    assert ctx.header["clinician"] == "clin-a" and ctx.header["site"] == "Site A"
    assert ctx.primary["category"] == "severe" and ctx.primary["category_label"] == "严重肌少症"
    assert [s["code"] for s in ctx.sets][0] == "awgs2019" and ctx.sets[0]["primary"]
    assert [b["name"] for b in ctx.bands] == ["grip_strength", "gait_speed", "asmi"]
    assert [c["name"] for c in ctx.trends["charts"]] == ["grip_strength", "gait_speed", "asmi"]
    assert {g["status"] for g in ctx.mechanisms} == {"likely", "possible"}
    assert ctx.references and ctx.what_this_means
    assert len(ctx.fingerprint) == 64 and ctx.rule_set_version == latest.rule_set_version


def test_it_takes_cutoffs_and_flags_from_the_primary_sets_stored_tests(latest):
    rows = {row["label"]: row for row in build_context(latest, "en").measurements}
    grip = rows["Grip strength"]
    assert grip["cutoff"] == f"< {awgs2019.GRIP_LOW_WOMEN_KG:g} kg"  # AWGS 2019, women (Chen 2020)
    assert grip["outcome"] == "low" and grip["outcome_label"] == "Low"
    assert rows["Gait speed"]["cutoff"] == f"< {awgs2019.GAIT_LOW_M_S:g} m/s"
    assert rows["Height"]["cutoff"] == "" and rows["Height"]["value"] == "155"


def test_it_draws_bands_and_trends_at_the_engines_cutoffs_naming_the_cjk_font(latest):
    ctx = build_context(latest, "zh-hans")
    grip_band = ctx.bands[0]["svg"]
    assert f"{awgs2019.GRIP_LOW_WOMEN_KG:g} kg" in grip_band
    for svg in [b["svg"] for b in ctx.bands] + [c["svg"] for c in ctx.trends["charts"]]:
        texts = re.findall(r"<text [^>]*>", svg)
        assert texts and all(f'font-family="{FONT_FAMILY}"' in t for t in texts)
    grip_trend = ctx.trends["charts"][0]["svg"]
    assert grip_trend.count('class="point"') == 4
    assert grip_trend.count('class="change"') == 3  # no sarcopenia -> possible -> sarcopenia -> severe
    assert 'class="cutoff"' in grip_trend
    assert [c["changed"] for c in ctx.trends["categories"]] == [False, True, True, True]


def test_it_explains_mechanisms_in_patient_words_with_numbered_references(latest):
    ctx = build_context(latest, "en")
    items = [item for group in ctx.mechanisms for item in group["items"]]
    assert {"malnutrition", "vitamin_d", "inflammation"} <= {item["id"] for item in items}
    vitamin_d = next(item for item in items if item["id"] == "vitamin_d")
    assert vitamin_d["text"].startswith("Your vitamin D result")
    numbers = {int(n) for item in items for n in item["refs"].split(", ")}
    assert numbers == set(range(1, len(ctx.references) + 1))


def test_it_renders_every_section_in_chinese_with_page_numbers_and_fingerprint(latest):
    ctx = build_context(latest, "zh-hans")
    html = render_html(ctx)
    assert sections(html) == set(SECTIONS)
    assert '<html lang="zh-Hans">' in html
    assert "counter(page)" in html and "counter(pages)" in html and '"第 "' in html
    assert ctx.fingerprint in html and f"规则版本 {ctx.rule_set_version}" in html
    assert "王秀英" in html and "严重肌少症" in html and "这对您意味着什么" in html
    assert "/static/css/report.css" in html


def test_it_renders_english_independently_of_the_interface_language(latest):
    with translation.override("zh-hans"):
        html = render_html(build_context(latest, "en"))
        assert translation.get_language() == "zh-hans"  # the interface language is left as it was
    assert '<html lang="en">' in html
    assert "Severe sarcopenia" in html and "What this means" in html and '"Page "' in html
    assert "严重肌少症" not in html


def test_it_leaves_out_empty_sections(single_visit):
    ctx = build_context(single_visit, "en")
    assert ctx.trends is None  # one visit: nothing to trend
    assert [b["name"] for b in ctx.bands] == ["grip_strength"]  # gait and mass not measured
    html = render_html(ctx)
    assert "trends" not in sections(html)
    assert 'data-test="gait_speed"' not in html
    if not ctx.mechanisms:
        assert not {"mechanisms", "references"} & sections(html)


def test_it_keeps_the_generation_time_out_of_the_fingerprint(latest):
    early = build_context(latest, "en", now=datetime(2026, 5, 1, 8, 0, tzinfo=timezone.utc))
    late = build_context(latest, "en", now=datetime(2026, 6, 1, 8, 0, tzinfo=timezone.utc))
    assert early.generated_at != late.generated_at and early.fingerprint == late.fingerprint


def test_it_escapes_user_text_in_the_page_margins(latest):
    latest.patient.name = 'A "quoted" name </style><script>'
    html = render_html(build_context(latest, "en"))
    assert "</style><script>" not in html
    assert css_string('a"b\\c</style>') == '"a\\"b\\\\c\\3C /style\\3E "'


def test_references_are_split_in_two_columns_of_about_equal_height_numbering_on():
    from screening.reports.html import reference_columns

    refs = ["short"] * 3 + ["x" * 200] + ["short"] * 4  # one long reference of three lines
    columns = reference_columns(refs)
    assert columns["left"] + columns["right"] == refs
    assert (len(columns["left"]), columns["right_start"]) == (4, 5)  # 6 lines beside 4
    assert reference_columns(["a"]) == {"left": ["a"], "right": [], "right_start": 2}
    assert reference_columns([]) == {"left": [], "right": [], "right_start": 1}


def test_the_second_reference_column_numbers_on_from_the_first(latest):
    html = render_html(build_context(latest, "en"))
    start = int(re.search(r'<ol start="(\d+)" style="counter-reset: list-item (\d+)">', html).group(1))
    assert re.search(rf'<ol start="{start}" style="counter-reset: list-item {start - 1}">', html)
