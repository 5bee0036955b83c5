"""Journeys of issue 15 in both languages: an untouched visit form saves nothing, an imported visit shows
where it came from and asks for confirmation, and the take-home page is one PDF page without references."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.support import LANGS, SAVE, log_in, saved_visit, submit_visit, ui

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang", LANGS)
def test_an_untouched_visit_form_saves_nothing(lang, open_page, clinician_a, patient_a):
    from screening.models import Visit

    page = open_page(lang, viewport=(1366, 768))
    log_in(page, clinician_a.username)
    page.goto(f"/patients/{patient_a.pk}/visits/new/")
    submit_visit(page)
    expect(page.locator("#form-summary")).to_contain_text(
        ui(
            lang,
            "Enter at least one measured value: grip "
            "strength, chair stand, muscle mass, gait speed, SPPB, "
            "TUG, 400 m walk, SARC-F or calf circumference. "
            "Nothing was saved.",
        )
    )
    expect(page.locator(SAVE)).to_be_visible()
    assert not Visit.objects.exists()


@pytest.mark.parametrize("lang", LANGS)
def test_an_imported_visit_is_confirmed_on_its_page(lang, open_page, clinician_a, patient_a, staff):
    visit = saved_visit(
        patient_a,
        None,
        warnings=["Height 134 cm is unusually low"],
        warnings_confirmed=False,
        imported_by=staff,
        import_file="ward-3.csv",
        imported_at=timezone.now() - timedelta(days=1),
    )
    page = open_page(lang, viewport=(1366, 768))
    log_in(page, clinician_a.username)
    page.goto(f"/visits/{visit.pk}/")
    expect(page.locator("[data-provenance]")).to_contain_text("ward-3.csv")
    expect(page.locator("[data-provenance]")).to_contain_text(staff.username)
    warnings = page.locator("[data-warnings]")
    expect(warnings).to_have_attribute("data-warnings", "unconfirmed")
    expect(warnings).not_to_contain_text(ui(lang, "Unusual values confirmed by the clinician"))
    with page.expect_navigation():
        warnings.get_by_role("button", name=ui(lang, "Confirm these values")).click()
    expect(page.locator("[data-warnings]")).to_have_attribute("data-warnings", "confirmed")
    visit.refresh_from_db()
    assert visit.warnings_confirmed


@pytest.mark.parametrize("lang", LANGS)
def test_the_take_home_page_is_one_page_without_references(lang, open_page, clinician_a, patient_a, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    visit = saved_visit(patient_a, clinician_a)
    page = open_page(lang, viewport=(1366, 768))
    log_in(page, clinician_a.username)
    page.goto(f"/visits/{visit.pk}/")
    link = page.locator(f"[data-take-home-lang={lang}]")
    expect(link).to_have_attribute("target", "_blank")
    with page.context.expect_page() as opened:
        link.click()
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "References" not in text and "参考文献" not in text and "doi:" not in text
    opened.value.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_form_shows_live_totals_and_a_provisional_result_before_saving(lang, open_page, clinician_a, patient_a):
    from screening.clinical import text as clinical_text
    from screening.models import Visit

    page = open_page(lang, viewport=(1366, 768))
    log_in(page, clinician_a.username)
    page.goto(f"/patients/{patient_a.pk}/visits/new/")
    panel = page.locator("#preview-panel")
    expect(panel).to_be_visible()
    for name, value in (
        ("grip_left_1", "12"),
        ("grip_right_1", "14"),
        ("gait_speed_m_s", "0.7"),
        ("height_cm", "152"),
        ("weight_kg", "48"),
        ("asm_kg", "11.6"),
    ):
        page.fill(f"#id_{name}", value)
    page.select_option("#id_muscle_mass_method", "DXA")
    # AWGS 2019 (criteria.md §3): grip 14 < 18 kg, gait 0.7 < 1.0 m/s, ASMI 5.02 < 5.4 kg/m²: severe
    severe = clinical_text.category_label("awgs2019", "severe", lang)
    expect(panel.locator("[data-preview-set=awgs2019] .badge")).to_have_text(severe)
    expect(panel).to_contain_text("20.78")  # BMI
    expect(panel).to_contain_text("5.02")  # ASMI
    expect(page.locator("#form-actions [type=submit]")).to_be_in_viewport()
    assert not Visit.objects.exists()


@pytest.mark.parametrize("lang", LANGS)
def test_a_visit_with_several_mechanisms_flagged_fits_in_about_2500_px(lang, open_page, clinician_a, patient_a):
    # SCREENED_VALUES flag vitamin D deficiency, inflammation and malnutrition; low activity flags inactivity
    visit = saved_visit(patient_a, clinician_a, mvpa_min_week=8)
    page = open_page(lang, viewport=(1366, 768))
    log_in(page, clinician_a.username)
    page.goto(f"/visits/{visit.pk}/")
    assert page.locator("[data-mechanism]").count() >= 4
    assert page.evaluate("document.documentElement.scrollHeight") <= 2500
    # what the page must keep: the verdict, the next step, the other sets' categories, every entered value
    expect(page.locator("[data-verdict-category]")).to_be_visible()
    expect(page.locator("[data-next-step]")).to_be_visible()
    expect(page.locator("[data-other-sets] .badge")).to_have_count(4)
    values = page.locator("[data-value-group]")
    for shown in ("152", "48", "31", "14", "11.6", "0.7", "14", "5", "7", "6", "8"):
        expect(values.filter(has_text=shown).first).to_be_visible()
    # the reference list is folded; following a mechanism's citation opens it at that reference
    expect(page.locator("#references li").first).to_be_hidden()
    mechanism = page.locator("[data-mechanism]").first
    mechanism.locator("summary").click()
    mechanism.locator("a[href^='#ref-']").first.click()
    expect(page.locator("#references li").first).to_be_visible()
