"""Journey of issue 15, in both languages: a clinician voids a visit entered in error (reason, confirmation),
it leaves the patient's history, the clinician sees it marked as voided, and staff restore it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.support import LANGS, VISIT_DAY, log_in, saved_visit, ui

pytestmark = pytest.mark.e2e

REASON = {"zh-hans": "录入到了错误的患者", "en": "entered for the wrong patient"}


def _shot(page, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=full_page)


@pytest.mark.parametrize("lang", LANGS)
def test_a_clinician_voids_a_visit_and_staff_restore_it(lang, open_page, clinician_a, patient_a, staff):
    from screening.models import Visit
    from screening.visits.services import visit_save

    kept = visit_save(
        visit=Visit(
            patient=patient_a,
            clinician=clinician_a,
            visit_date=VISIT_DAY - timedelta(days=200),
            setting="community",
            grip_strength_kg=16.0,
        )
    )
    wrong = saved_visit(patient_a, clinician_a)
    day = wrong.visit_date.isoformat()
    page = open_page(lang, viewport=(1366, 768))
    log_in(page, clinician_a.username)
    page.goto(f"/visits/{wrong.pk}/")
    page.locator("#void-visit summary").click()
    page.fill("#void-reason", REASON[lang])
    page.locator("#void-visit [type=submit]").scroll_into_view_if_needed()
    _shot(page, f"void-visit-page-{lang}", full_page=False)
    with page.expect_navigation():
        page.locator("#void-visit [type=submit]").click()
    expect(page.locator("#void-confirm")).to_contain_text(REASON[lang])
    _shot(page, f"void-confirm-{lang}")
    assert Visit.objects.filter(pk=wrong.pk).exists()  # the first post only asks
    with page.expect_navigation():
        page.locator("#void-confirm-button").click()
    assert page.url.endswith(f"/patients/{patient_a.pk}/")
    expect(page.locator("main")).to_contain_text(
        ui(lang, "The visit of %(date)s was voided. Staff can restore it.") % {"date": day}
    )
    expect(page.locator("main table")).not_to_contain_text(day)
    expect(page.locator("main table")).to_contain_text(kept.visit_date.isoformat())
    _shot(page, f"void-patient-after-{lang}")
    page.goto(f"/visits/{wrong.pk}/")
    notice = page.locator("#voided-notice")
    expect(notice).to_contain_text(ui(lang, "This visit is voided."))
    expect(notice).to_contain_text(REASON[lang])
    expect(page.locator("#restore-visit")).to_have_count(0)  # a clinician cannot restore

    admin = open_page(lang, viewport=(1366, 768))
    log_in(admin, staff.username)
    admin.goto(f"/patients/{patient_a.pk}/")
    with admin.expect_navigation():
        admin.locator("#voided-visits a").first.click()
    expect(admin.locator("#voided-notice")).to_contain_text(REASON[lang])
    expect(admin.locator("#voided-notice")).to_contain_text(clinician_a.username)
    _shot(admin, f"void-voided-as-staff-{lang}")
    with admin.expect_navigation():
        admin.locator("#restore-visit").click()
    expect(admin.locator("main")).to_contain_text(
        ui(lang, "Visit restored: it is back in the patient's history and the statistics.")
    )
    expect(admin.locator("#void-visit")).to_be_attached()  # the ordinary visit page again
    assert Visit.objects.filter(pk=wrong.pk, is_latest=True).exists()
