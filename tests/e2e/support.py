"""Helpers shared by the end-to-end tests: logging in, arranging data, expected texts, axe-core."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from django.utils import translation

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LANGS = ["zh-hans", "en"]
OTHER = {"zh-hans": "en", "en": "zh-hans"}
HAN = re.compile(r"[\u4e00-\u9fff]")
BLOCKING_IMPACTS = ("serious", "critical")

# Flip to True once locale/zh_Hans/LC_MESSAGES/django.mo is compiled: every ui() lookup for zh-hans
# must then find a Chinese translation, so untranslated UI chrome fails the journeys.
ZH_UI_TRANSLATED = True


# --- expected texts -------------------------------------------------------------------------------


def ui(lang: str, msgid: str) -> str:
    """The UI chrome text for `msgid` in `lang`, from the same catalogue the live server uses.

    Assertions written with it pass today (an untranslated page shows the msgid) and start checking
    Chinese as soon as the .po/.mo lands; ZH_UI_TRANSLATED makes a missing translation an error.
    """
    with translation.override(lang):
        text = translation.gettext(msgid)
    if lang == "zh-hans" and ZH_UI_TRANSLATED:
        assert HAN.search(text), f"no Chinese translation for UI text {msgid!r}"
    return text


def check_message(lang: str, field: str, value: float, sex: str) -> str:
    """The refusal or warning the visit form gives for one value, worded as the server words it."""
    from screening.catalogue.validation import Findings, check_range

    findings = Findings()
    with translation.override(lang):
        check_range(findings, field, value, sex)
    messages = findings.errors.get(field) or findings.warnings.get(field)
    assert messages, f"{field}={value} raises neither an error nor a warning"
    return str(messages[0])


def category_labels(visit, lang: str) -> dict[str, str]:
    """criteria set -> the engine's category label stored for this visit, in `lang`."""
    from screening.clinical import text
    from screening.results.stored_results import details

    return {code: text.category_label(code, r["category"], lang) for code, r in details(visit).items()}


def mechanism_name(mechanism_id: str, lang: str) -> str:
    from screening.clinical.mechanisms import KNOWLEDGE

    return KNOWLEDGE.mechanism(mechanism_id).name[lang]


def mechanism_statuses(visit) -> dict[str, str]:
    from screening.clinical.mechanisms import MechanismReport
    from screening.results.stored_results import mechanism_details

    return {r.id: r.status for r in MechanismReport.from_dict(mechanism_details(visit)).mechanisms}


# --- arranging data -------------------------------------------------------------------------------

# A woman of about 80 with weak grip, low muscle mass and slow gait, and labs that make vitamin D
# deficiency, chronic inflammation and malnutrition likely (mechanisms.md §4.2; DECISIONS.md §6).
SCREENED_VALUES = {
    "height_cm": 152,
    "weight_kg": 48,
    "calf_circumference_cm": 31,
    "grip_left_1": 14,
    "muscle_mass_method": "DXA",
    "asm_kg": 11.6,
    "asmi_kg_m2": 5.0,
    "gait_speed_m_s": 0.7,
    "vitamin_d_25oh_ng_ml": 14,
    "hs_crp_mg_l": 5,
    "il6_pg_ml": 7,
    "mna_sf_score": 6,
}


VISIT_DAY = date.today() - timedelta(days=14)  # a past day, so the form accepts it when edited


def saved_visit(patient, clinician, **values):
    """A visit saved through the service, with its stored results, as the form would save it."""
    from screening.models import Visit
    from screening.visits.services import visit_save

    fields = {**SCREENED_VALUES, **values}
    fields["grip_strength_kg"] = max(fields.get(f) or 0 for f in ("grip_left_1", "grip_right_1")) or None
    visit = Visit(
        patient=patient, clinician=clinician, visit_date=VISIT_DAY, setting=patient.site.default_setting, **fields
    )
    return visit_save(visit=visit)


# --- browser steps --------------------------------------------------------------------------------


def log_in(page, username: str, password: str = PASSWORD) -> None:
    """Through the login form, as a clinician does."""
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert "/accounts/login/" not in page.url, f"login as {username} failed: {page.inner_text('main')[:300]}"


def log_in_by_cookie(context, live_server_url: str, user) -> None:
    """A session cookie made server-side: for tests whose subject is a page, not the login."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server_url}])


def switch_language(page, lang: str) -> None:
    """With the switcher in the navigation bar: choose, then press "Switch"."""
    page.select_option("#language-select", lang)
    with page.expect_navigation():
        page.locator("form:has(#language-select) [type=submit]").click()


SAVE = "main form [type=submit]"  # the page's one form; the language switcher sits in the nav


def submit_visit(page) -> None:
    with page.expect_navigation():
        page.click(SAVE)


SELECTS = {
    "setting",
    "sex",
    "site",
    "muscle_mass_method",
    "gait_course_m",
    "mobility",
    "grip_unit",
    "vitamin_d_unit",
    "albumin_unit",
    "testosterone_unit",
    "hba1c_unit",
}


def fill_fields(page, values: dict) -> None:
    for name, value in values.items():
        if name in SELECTS:
            page.select_option(f"#id_{name}", str(value))
        else:
            page.fill(f"#id_{name}", str(value))


# --- axe-core -------------------------------------------------------------------------------------


def inject_axe(page) -> str:
    """Load axe-core into the page; returns how it got in.

    add_script_tag puts the file's text in an inline <script>, which a CSP without 'unsafe-inline'
    blocks; page.evaluate runs through the DevTools protocol, which the page's CSP does not govern.
    """
    if not AXE_JS.exists():
        return "missing"
    from playwright.sync_api import Error

    try:
        page.add_script_tag(path=str(AXE_JS))
    except Error as exc:  # "Executing inline script violates the following Content Security Policy…"
        if "Content Security Policy" not in str(exc):
            raise
    if page.evaluate("typeof window.axe") == "object":
        return "add_script_tag"
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;void 0")
    assert page.evaluate("typeof window.axe") == "object", "axe-core could not be injected"
    return "evaluate"


def run_axe(page) -> dict:
    """axe.run over the whole document: WCAG 2.x A/AA rules plus axe's best practices."""
    return page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations'],
                                           runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',
                                                                           'wcag21aa', 'wcag22aa', 'best-practice']}});
        return {violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.map(n => n.target.join(' ')), summary: v.nodes.map(n => n.failureSummary)}))};
    }""")


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {t}" for t in v["targets"][:10])
        if len(v["targets"]) > 10:
            lines.append(f"    … and {len(v['targets']) - 10} more")
    return "\n".join(lines)
