"""The admin's visit list fits a 1366 px screen without horizontal scrolling, names the patient beside the
identifier, and writes dates in ISO form (Debian's chromium)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.support import VISIT_DAY, log_in_by_cookie, saved_visit

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_admin_visit_list_fits_1366_px_with_names_and_iso_dates(
    lang, open_page, admin_user, clinician_a, site_a, live_server
):
    from screening.clinical.criteria.registry import CRITERIA_SETS
    from screening.models import Patient, Site

    long_site = Site.objects.create(
        name="Shanghai Sixth People's Hospital Geriatrics Outpatient Clinic",
        code="sh6-geri",
        population="asian",
        default_setting="hospital",
    )
    for i, site in enumerate((site_a, long_site) * 4):
        patient = Patient.objects.create(
            site=site, identifier=f"MRN-2026-{i:05d}", name=f"欧阳 明{i}", sex="F", date_of_birth=date(1942, 5, 1 + i)
        )
        saved_visit(patient, clinician_a)
    page = open_page(lang, viewport=(1366, 768))
    log_in_by_cookie(page.context, live_server.url, admin_user)
    page.goto("/admin/screening/visit/")
    expect(page.locator("#result_list tbody tr")).to_have_count(8)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    assert page.evaluate(
        "(() => { const r = document.querySelector('#changelist .results'); return r.scrollWidth <= r.clientWidth; })()"
    ), "the list scrolls sideways"
    expect(page.locator("#result_list thead th")).to_have_count(5 + len(CRITERIA_SETS))
    first = page.locator("#result_list tbody tr").first
    expect(first).to_contain_text(re.compile(r"MRN-2026-\d{5}"))
    expect(first).to_contain_text("欧阳 明")
    expect(first).to_contain_text(VISIT_DAY.isoformat())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"admin-visit-list-1366-{lang}.png", full_page=True)
