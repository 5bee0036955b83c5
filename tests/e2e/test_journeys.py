"""End-to-end journeys of a clinician, in both languages, in Debian's chromium.

Chinese assertions use texts that are Chinese whatever the .po files hold (engine labels, mechanism
names, the language menu, <html lang>); UI chrome goes through support.ui() so it follows the catalogue.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import require
from tests.e2e.support import (
    HAN,
    LANGS,
    OTHER,
    SAVE,
    SCREENED_VALUES,
    category_labels,
    check_message,
    describe,
    fill_fields,
    inject_axe,
    log_in,
    mechanism_name,
    mechanism_statuses,
    run_axe,
    saved_visit,
    submit_visit,
    switch_language,
    ui,
)

pytestmark = pytest.mark.e2e

CRITERIA_SETS = ("ewgsop2", "awgs2019", "awgs2025", "fnih", "sdoc")
LIKELY_MECHANISMS = ("vitamin_d", "inflammation", "malnutrition")
UUID_PATH = r"/visits/[0-9a-f-]{36}/(#main)?$"  # a redirect keeps the skip link's fragment
# Entered by hand as a clinician would when changing them.
VISIT_HEADER = {"visit_date": date.today().isoformat(), "setting": "community"}


def create_patient(page, lang: str, site_name: str) -> None:
    page.locator("main a[href$='/patients/new/']").click()
    expect(page.locator("h1")).to_contain_text(ui(lang, "New patient"))
    page.select_option("#id_site", label=site_name)
    page.fill("#id_identifier", "E2E-0001")
    page.fill("#id_name", "李桂英")
    page.select_option("#id_sex", "F")
    page.fill("#id_date_of_birth", "1945-07-19")
    with page.expect_navigation():
        page.click(SAVE)
    expect(page.locator("h1")).to_have_text("李桂英")


def expect_field_message(page, field: str, message: str) -> None:
    """The message sits next to the field (in its wrapper) and in the summary at the top."""
    expect(page.locator(f"#div_id_{field}")).to_contain_text(message)
    expect(page.locator(f"#id_{field}")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#form-summary")).to_contain_text(message)
    expect(page.locator(f"#form-summary a[href='#id_{field}']")).to_be_visible()


def enter_visit_with_refusal_then_warning(page, lang: str) -> None:
    page.locator("main a[href$='/visits/new/']").click()
    values = {k: v for k, v in SCREENED_VALUES.items() if k != "height_cm"}
    fill_fields(page, {**VISIT_HEADER, **values, "height_cm": 152, "grip_right_1": 500})
    submit_visit(page)
    refusal = check_message(lang, "grip_right_1", 500, "F")
    if lang == "en":
        assert "is not possible" in refusal
    expect(page.locator("#form-summary")).to_have_class(re.compile(r"\balert-danger\b"))
    expect(page.locator("#form-summary")).to_be_focused()  # screen readers start at the summary
    expect_field_message(page, "grip_right_1", refusal)
    expect(page.locator("#id_confirm_warnings")).to_have_count(0)  # a refusal cannot be confirmed away

    fill_fields(page, {"grip_right_1": 13, "height_cm": 134})
    submit_visit(page)
    warning = check_message(lang, "height_cm", 134, "F")
    if lang == "en":
        assert "unusually low" in warning
    expect(page.locator("#form-summary")).to_have_class(re.compile(r"\balert-warning\b"))
    expect_field_message(page, "height_cm", warning)
    expect(page.locator("#div_id_grip_right_1 .invalid-feedback")).to_have_count(0)
    page.check("#id_confirm_warnings")
    submit_visit(page)
    expect(page).to_have_url(re.compile(UUID_PATH))
    expect(page.locator(".alert-warning")).to_contain_text(warning)


def expect_results(page, visit, lang: str) -> None:
    labels = category_labels(visit, lang)
    assert sorted(labels) == sorted(CRITERIA_SETS)
    expect(page.locator("[data-criteria-set]")).to_have_count(len(CRITERIA_SETS))
    for code, label in labels.items():
        expect(page.locator(f"[data-criteria-set={code}] .badge[class*='cat-']")).to_have_text(label)
    if lang == "zh-hans":
        assert all("肌少症" in label for label in labels.values()), labels
    else:
        assert not any(HAN.search(label) for label in labels.values()), labels


def expect_mechanisms(page, lang: str) -> None:
    section = page.locator("#mechanisms")
    expect(section).to_be_visible()
    for mech in LIKELY_MECHANISMS:
        details = section.locator(f"details[data-mechanism={mech}]")
        expect(details.locator("summary")).to_contain_text(mechanism_name(mech, lang))
        heading = details.locator("xpath=ancestor::ul[1]/preceding-sibling::h3[1]")
        expect(heading).to_have_text(ui(lang, "Likely involved"))


def open_and_close_a_mechanism(page) -> None:
    """Each mechanism is one line (trigger -> what to consider); a click opens its explanation and pathways."""
    section = page.locator("#mechanisms")
    vitamin_d = section.locator("details[data-mechanism=vitamin_d]")
    expect(vitamin_d).not_to_have_attribute("open", "")
    expect(vitamin_d.locator("summary [data-consider]")).to_be_visible()
    pathways = vitamin_d.locator("ul").first
    expect(pathways).to_be_hidden()
    vitamin_d.locator("summary").click()
    expect(pathways).to_be_visible()
    vitamin_d.locator("summary").click()
    expect(pathways).to_be_hidden()


@pytest.mark.parametrize("lang", LANGS)
def test_it_runs_a_screening_visit_from_login_to_mechanisms_and_switches_language(lang, open_page, clinician_a):
    page = open_page(lang)
    log_in(page, clinician_a.username)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("#language-select option[value=zh-hans]")).to_have_text("简体中文")
    expect(page.locator("#language-select option[value=en]")).to_have_text("English")  # each in its own language
    expect(page.locator("h1")).to_have_text(ui(lang, "Patients"))

    create_patient(page, lang, clinician_a.memberships.get().site.name)
    enter_visit_with_refusal_then_warning(page, lang)

    from screening.models import Visit

    visit = Visit.objects.get(pk=page.url.rstrip("/").rsplit("/", 1)[1])
    assert visit.height_cm == 134 and visit.grip_strength_kg == 14 and visit.warnings_confirmed
    expect_results(page, visit, lang)
    statuses = mechanism_statuses(visit)
    assert all(statuses[m] == "likely" for m in LIKELY_MECHANISMS), statuses
    expect_mechanisms(page, lang)
    open_and_close_a_mechanism(page)

    other = OTHER[lang]
    url = page.url
    switch_language(page, other)
    assert page.url == url
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect_results(page, visit, other)
    expect_mechanisms(page, other)


FOCUSED = """() => {
    const e = document.activeElement;
    const named = e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')
        || [...(e.labels || [])].some(l => l.textContent.trim());
    const style = getComputedStyle(e);
    return {id: e.id, tag: e.tagName, type: e.type || '', value: e.value, labelled: !!named,
            ring: style.boxShadow !== 'none' || style.outlineStyle !== 'none',
            save: e.type === 'submit' && !!e.closest('main form')};
}"""
FIELDS = ("INPUT", "SELECT", "TEXTAREA")
KEYBOARD_VALUES = {"id_height_cm": "158", "id_weight_kg": "51", "id_grip_left_1": "15", "id_gait_speed_m_s": "1.1"}


def tab_through_visit_form(page) -> tuple[list[dict], list[str]]:
    """Tab from the first field to Save, typing values on the way; returns the controls focused."""
    typed, controls = [], []
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] in FIELDS and not focused["save"] and (not controls or controls[-1]["id"] != focused["id"]):
            controls.append(focused)
        if focused["id"] in KEYBOARD_VALUES and focused["id"] not in typed:
            page.keyboard.type(KEYBOARD_VALUES[focused["id"]])
            typed.append(focused["id"])
        elif focused["id"] == "id_visit_date" and not focused["value"]:
            page.keyboard.press("ArrowUp")  # an empty date segment steps to this year / January / 1st
        elif focused["id"] == "id_setting" and not focused["value"]:
            page.keyboard.press("ArrowDown")  # the first setting: community
        elif focused["id"].startswith("id_conditions_") and focused["value"] == "none":
            page.keyboard.press("Space")
        elif focused["save"]:
            return controls, typed
    raise AssertionError(f"Tab never reached the Save button; last focus: {controls[-3:]}")


@pytest.mark.parametrize("lang", LANGS)
def test_it_fills_and_saves_a_visit_with_the_keyboard_alone(lang, open_page, clinician_a, patient_a):
    page = open_page(lang)
    log_in(page, clinician_a.username)
    page.goto(f"/patients/{patient_a.pk}/visits/new/")

    page.keyboard.press("Tab")
    skip = page.evaluate("() => [document.activeElement.getAttribute('href'), document.activeElement.textContent]")
    assert skip == ["#main", ui(lang, "Skip to content")], skip
    page.keyboard.press("Enter")
    controls, typed = tab_through_visit_form(page)

    assert controls[0]["id"] == "id_visit_date", f"after the skip link, focus went to {controls[0]}"
    assert sorted(typed) == sorted(KEYBOARD_VALUES)
    unlabelled = [c["id"] for c in controls if not c["labelled"]]
    assert not unlabelled, f"focus reached inputs without a label: {unlabelled}"
    no_ring = [c["id"] for c in controls if not c["ring"]]
    assert not no_ring, f"focused inputs without a visible focus indicator: {no_ring}"
    expect(page.locator("#div_id_conditions input[value=none]")).to_be_checked()

    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(UUID_PATH))
    from screening.models import Visit

    visit = Visit.objects.get(patient=patient_a)
    assert (visit.height_cm, visit.weight_kg, visit.grip_strength_kg, visit.gait_speed_m_s) == (158, 51, 15, 1.1)
    assert visit.visit_date in (date.today(), date(date.today().year, 1, 1)), visit.visit_date
    assert visit.setting == "community" and visit.conditions == []
    awgs = category_labels(visit, lang)["awgs2019"]
    assert awgs == {"zh-hans": "可能肌少症", "en": "Possible sarcopenia"}[lang]
    expect(page.locator("[data-criteria-set=awgs2019] .badge[class*='cat-']")).to_have_text(awgs)


@pytest.mark.parametrize("lang", LANGS)
def test_it_fits_the_visit_form_on_a_tablet_without_horizontal_scrolling(lang, open_page, clinician_a, patient_a):
    page = open_page(lang, viewport=(1024, 768))
    log_in(page, clinician_a.username)
    page.goto(f"/patients/{patient_a.pk}/visits/new/")
    width = "document.scrollingElement.scrollWidth"
    assert page.evaluate(width) <= 1024, "the empty visit form scrolls sideways at 1024×768"
    fill_fields(page, {**VISIT_HEADER, "grip_right_1": 500, "height_cm": 134})
    submit_visit(page)
    expect(page.locator("#form-summary")).to_be_visible()
    assert page.evaluate(width) <= 1024, "the visit form with errors scrolls sideways at 1024×768"


# --- report and cohort journeys ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_it_downloads_the_visit_report_as_a_pdf_naming_the_patient(lang, open_page, clinician_a, patient_a, tmp_path):
    visit = saved_visit(patient_a, clinician_a)
    page = open_page(lang)
    log_in(page, clinician_a.username)
    page.goto(f"/visits/{visit.pk}/")

    link = page.locator(f"main a[href*='/visits/{visit.pk}/report.pdf'][href*='lang={lang}']")
    expect(link).to_be_visible()
    response = page.request.get(link.get_attribute("href"))
    assert response.ok, response.status
    assert response.headers["content-type"].startswith("application/pdf")
    body = response.body()
    assert body.startswith(b"%PDF"), body[:20]

    require(shutil.which("pdftotext") is not None, "pdftotext (Debian package poppler-utils)")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(body)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    assert patient_a.name in flat, text[:500]
    assert category_labels(visit, lang)["awgs2019"].replace(" ", "") in flat, text[:500]


@pytest.mark.parametrize("lang", LANGS)
def test_it_shows_staff_the_cohort_dashboard_across_sites(
    lang, open_page, staff, clinician_a, clinician_b, patient_a, site_b
):
    from screening.clinical import text
    from screening.models import Patient

    saved_visit(patient_a, clinician_a)
    patient_b = Patient.objects.create(
        site=site_b, identifier="B-001", name="张建国", sex="M", date_of_birth=patient_a.date_of_birth
    )
    saved_visit(patient_b, clinician_b, grip_left_1=24, asm_kg=15.2, asmi_kg_m2=6.6)

    page = open_page(lang)
    log_in(page, staff.username)

    response = page.goto("/staff/cohort/")
    assert response.status == 200, response.status
    expect(page.locator("html")).to_have_attribute("lang", lang)
    main = page.locator("main")
    expect(main.locator("h1")).to_be_visible()
    for site in (patient_a.site, site_b):
        expect(main).to_contain_text(site.name)
    for code in CRITERIA_SETS:
        expect(main).to_contain_text(text.label(f"set.{code}", lang))
    assert inject_axe(page) != "missing"
    blocking = [v for v in run_axe(page)["violations"] if v["impact"] in ("serious", "critical")]
    assert not blocking, "cohort dashboard:\n" + describe(blocking)

    clinician_page = open_page(lang)
    log_in(clinician_page, clinician_a.username)
    assert clinician_page.goto("/staff/cohort/").status == 403


@pytest.mark.parametrize("lang", LANGS)
def test_the_verdict_and_next_step_are_in_the_first_screen(lang, open_page, clinician_a, patient_a):
    """At 1366x768 the primary set's category, the next step and the other sets' line need no scrolling."""
    visit = saved_visit(patient_a, clinician_a)
    page = open_page(lang, viewport=(1366, 768))
    log_in(page, clinician_a.username)
    page.goto(f"/visits/{visit.pk}/")
    labels = category_labels(visit, lang)
    expect(page.locator("[data-verdict-category]")).to_have_text(labels["awgs2019"])
    for selector in ("[data-verdict-category]", "[data-next-step]", "[data-other-sets]"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] + box["height"] <= 768, (selector, box)
    for code in ("ewgsop2", "fnih", "sdoc"):
        expect(page.locator("[data-other-sets]")).to_contain_text(labels[code])
