"""The patient's take-home page: one A4 page in plain words, in the report pipeline (context -> HTML -> PDF).

It says the verdict under the site's primary set only, each measurement against its cut-off as a band, what
it means and what to do next, the trend when there are earlier visits, the clinician and the date. No other
criteria set, no references, no pathways: those are in the clinician's report. Its fingerprint covers the
same content as the clinician's report plus the document kind, so the two never share a cache entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from screening.clinical import text as clinical_text
from screening.display import HTML_LANG
from screening.models import Visit
from screening.reports import cache, pdf
from screening.reports.context import _bands, _tests, _trends, finding_cells, report_visits
from screening.reports.fingerprint import clinician_name, visit_fingerprint
from screening.reports.html import margin_boxes
from screening.reports.text import _index, words
from screening.results.visit_results import visit_results
from screening.visits import presenters

KIND = "take_home"
TEMPLATE = "report/take_home.html"

_WORDS: dict[str, tuple[str, str]] = {  # key: (English, Simplified Chinese)
    "title": ("Your muscle health check", "您的肌肉健康检查"),
    "subtitle": ("Results of your visit, to keep", "本次就诊结果（请保存）"),
    "result_heading": ("Your result", "您的结果"),
    "means_heading": ("What this means", "这意味着什么"),
    "next_heading": ("What to do next", "下一步怎么做"),
    "values_heading": ("Your measurements", "您的测量结果"),
    "values_note": (
        "Each bar shows your value and the limit below which it counts as low.",
        "每个条形图显示您的数值，以及低于多少算偏低。",
    ),
    "low_if": ("Low if", "偏低标准"),
    "trend_heading": ("Since your earlier visits", "与以前的就诊相比"),
    "checked_with": ("Checked with the {set} criteria used by this clinic.", "按本机构采用的 {set} 标准判断。"),
    "general": (
        "Being active, doing exercises that strengthen your muscles and eating enough protein help "
        "your muscles at any age. Ask your clinician which exercises are safe for you.",
        "无论年龄大小，多活动、做增强肌肉的锻炼、吃足够的蛋白质，都对肌肉有益。请向医生了解哪些锻炼适合您。",
    ),
    "questions": (
        "Bring this page to your next visit. If you have questions, ask your clinician.",
        "下次就诊时请带上本页。如有疑问，请咨询医生。",
    ),
}

# The verdict in plain words, by the tone the visit page shows it in (presenters.tone).
_MEANS: dict[str, tuple[str, str]] = {
    "severe": (
        "Your muscles are weaker and smaller than expected for your age, and this affects how you move. "
        "This is called severe sarcopenia (age-related muscle loss).",
        "您的肌肉比同龄人预期的更弱、更少，并已影响活动能力。这称为严重肌少症（与年龄相关的肌肉流失）。",
    ),
    "sarcopenia": (
        "Your muscles are weaker or smaller than expected for your age. This is called sarcopenia "
        "(age-related muscle loss). It is common and can often be improved.",
        "您的肌肉比同龄人预期的更弱或更少，这称为肌少症（与年龄相关的肌肉流失）。这很常见，通常可以改善。",
    ),
    "possible": (
        "Some of your results are low. Sarcopenia (age-related muscle loss) is possible; more "
        "checks are needed to be sure.",
        "您有部分结果偏低，可能存在肌少症（与年龄相关的肌肉流失），需要进一步检查才能确定。",
    ),
    "no_sarcopenia": (
        "Your results do not show sarcopenia (age-related muscle loss).",
        "您的结果未显示肌少症（与年龄相关的肌肉流失）。",
    ),
    "no_sarcopenia_low": (
        "Your results do not show sarcopenia (age-related muscle loss), but one measurement "
        "is low and your clinician will look at it.",
        "您的结果未显示肌少症（与年龄相关的肌肉流失），但有一项测量偏低，医生会进一步查看。",
    ),
    "at_risk": (
        "Your muscle strength is normal, but you have things that raise the risk of losing muscle "
        "(such as your age, weight or health). This is called being at risk for sarcopenia "
        "(age-related muscle loss).",
        "您的肌肉力量正常，但存在增加肌肉流失风险的因素（例如年龄、体重或健康状况），这称为肌少症风险"
        "（与年龄相关的肌肉流失）。",
    ),
    "not_applicable": (
        "These criteria are for people aged 50 and over, so no result is given.",
        "本标准适用于50岁及以上人群，因此不给出结论。",
    ),
    "insufficient_data": (
        "Not enough measurements were taken to give a result yet.",
        "目前测量项目不足，暂时无法得出结论。",
    ),
}
_NEXT: dict[str, tuple[str, str]] = {
    "severe": (
        "Your clinician will talk with you about exercise, food and possible causes, and how to stay safe from falls.",
        "医生会与您讨论锻炼、饮食和可能的原因，以及如何预防跌倒。",
    ),
    "sarcopenia": (
        "Your clinician will talk with you about exercise, food and possible causes.",
        "医生会与您讨论锻炼、饮食和可能的原因。",
    ),
    "possible": ("Your clinician may arrange another measurement to be sure.", "医生可能会安排进一步测量以确定。"),
    "no_sarcopenia": (
        "Stay active and eat well. Your clinician will tell you when to come back for a new check.",
        "保持活动、合理饮食。医生会告诉您何时回来复查。",
    ),
    "no_sarcopenia_low": (
        "Your clinician will look at the low measurement with you.",
        "医生会与您一起查看偏低的项目。",
    ),
    "at_risk": (
        "Your clinician will talk with you about the risk factors and when to check your muscles again.",
        "医生会与您讨论这些风险因素，以及何时再次检查肌肉。",
    ),
    "not_applicable": (
        "Your clinician will tell you whether another check is useful.",
        "医生会告诉您是否需要其他检查。",
    ),
    "insufficient_data": ("Your clinician will complete the missing measurements.", "医生会补充尚缺的测量项目。"),
}
_PLAIN = {
    "severe": "severe",
    "confirmed": "sarcopenia",
    "sarcopenia": "sarcopenia",
    "probable": "possible",
    "possible": "possible",
    "no_sarcopenia": "no_sarcopenia",
    "no_sarcopenia_low": "no_sarcopenia_low",
    "at_risk": "at_risk",
    "not_applicable": "not_applicable",
    "insufficient_data": "insufficient_data",
}


@dataclass
class TakeHome:
    lang: str
    html_lang: str
    words: dict[str, str]
    fingerprint: str
    rule_set_version: str
    generated_at: str
    header: dict
    verdict: dict | None
    values: list[dict]
    bands: list[dict]
    trends: dict | None


def take_home_words(lang: str) -> dict[str, str]:
    i = _index(lang)
    return {**words(lang), **{key: pair[i] for key, pair in _WORDS.items()}}


def take_home_fingerprint(visit: Visit, lang: str, history: list[Visit]) -> str:
    return visit_fingerprint(visit, lang, history, document=KIND)


def _verdict(result, lang: str) -> dict:
    i = _index(lang)
    plain = _PLAIN.get(presenters.tone(result), "insufficient_data")
    code = result.criteria_set
    return {
        "category": result.category,
        "tone": presenters.tone(result),
        "category_label": clinical_text.category_label(code, result.category, lang),
        "means": _MEANS[plain][i],
        "next": _NEXT[plain][i],
    }


def build_take_home(
    visit: Visit, lang: str, history: list[Visit] | None = None, fingerprint: str | None = None
) -> TakeHome:
    from django.utils import timezone

    history = history if history is not None else report_visits(visit)
    w = take_home_words(lang)
    primary = visit.patient.site.primary
    result = visit_results(visit).engine.get(primary)
    tests = _tests(result) if result else {}
    set_name = clinical_text.label(f"set.{primary}", lang)
    patient = visit.patient
    return TakeHome(
        lang=lang,
        html_lang=HTML_LANG[lang],
        words=w,
        fingerprint=fingerprint or take_home_fingerprint(visit, lang, history),
        rule_set_version=visit.rule_set_version,
        generated_at=timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        header={
            "site": patient.site.name,
            "name": patient.name,
            "identifier": patient.identifier,
            "visit_date": visit.visit_date.isoformat(),
            "clinician": clinician_name(visit) or "—",
            "checked_with": w["checked_with"].format(set=set_name),
        },
        verdict=_verdict(result, lang) if result else None,
        values=[finding_cells(t, w, lang) for t in tests.values() if t.value is not None or t.unable],
        bands=_bands(tests, w, lang),
        trends=_trends(history, primary, tests, w, lang),
    )


def render_take_home(ctx: TakeHome) -> str:
    with translation.override(ctx.lang):
        return render_to_string(TEMPLATE, {"r": ctx, "w": ctx.words, "margins": margin_boxes(ctx)})


def take_home_pdf(visit: Visit, lang: str) -> tuple[str, bytes]:
    """(fingerprint, PDF) of the visit's take-home page, from the report cache when unchanged."""
    history = report_visits(visit)
    fingerprint = take_home_fingerprint(visit, lang, history)
    cached = cache.cached_pdf(fingerprint, lang)
    if cached is not None:
        return fingerprint, cached
    rendered = pdf.render_pdf(render_take_home(build_take_home(visit, lang, history, fingerprint)))
    cache.store_pdf(fingerprint, lang, rendered)
    return fingerprint, rendered
