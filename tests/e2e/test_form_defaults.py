"""Forms show what is already known: today's date and the site's setting for a new visit, the only
site for a new patient, and stored dates when editing, in both languages (a date input only takes
YYYY-MM-DD; Chinese formats dates as YYYY/MM/DD, which the browser shows as an empty field).

These pin bugs found in the browser: UUID primary keys are set before saving, and date inputs need ISO values.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.support import SAVE, VISIT_DAY, log_in_by_cookie, saved_visit

pytestmark = pytest.mark.e2e


def _page(open_page, live_server, user, lang):
    page = open_page(lang)
    log_in_by_cookie(page.context, live_server.url, user)
    return page


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_it_prefills_a_new_visit_with_today_and_the_site_setting(lang, open_page, live_server, clinician_a, patient_a):
    page = _page(open_page, live_server, clinician_a, lang)
    page.goto(f"/patients/{patient_a.pk}/visits/new/")
    expect(page.locator("#id_setting")).to_have_value(patient_a.site.default_setting, timeout=1000)
    expect(page.locator("#id_visit_date")).to_have_value(date.today().isoformat(), timeout=1000)


def test_it_preselects_the_only_site_for_a_new_patient(open_page, live_server, clinician_a, site_a):
    page = _page(open_page, live_server, clinician_a, "en")
    page.goto("/patients/new/")
    expect(page.locator("#id_site")).to_have_value(str(site_a.pk), timeout=1000)


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_it_keeps_the_date_of_birth_when_a_patient_is_edited(lang, open_page, live_server, clinician_a, patient_a):
    page = _page(open_page, live_server, clinician_a, lang)
    page.goto(f"/patients/{patient_a.pk}/edit/")
    expect(page.locator("#id_date_of_birth")).to_have_value("1948-03-02", timeout=1000)
    page.fill("#id_notes", "复诊 follow-up")
    with page.expect_navigation():
        page.click(SAVE)
    expect(page).to_have_url(re.compile(rf"/patients/{patient_a.pk}/$"))
    patient_a.refresh_from_db()
    assert (patient_a.date_of_birth, patient_a.notes) == (date(1948, 3, 2), "复诊 follow-up")


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_it_keeps_the_visit_date_when_a_visit_is_edited(lang, open_page, live_server, clinician_a, patient_a):
    visit = saved_visit(patient_a, clinician_a)
    page = _page(open_page, live_server, clinician_a, lang)
    page.goto(f"/visits/{visit.pk}/edit/")
    expect(page.locator("#id_visit_date")).to_have_value(visit.visit_date.isoformat(), timeout=1000)
    page.fill("#id_weight_kg", "47.5")
    with page.expect_navigation():
        page.click(SAVE)
    expect(page).to_have_url(re.compile(rf"/visits/{visit.pk}/$"))
    visit.refresh_from_db()
    assert (visit.visit_date, visit.weight_kg) == (VISIT_DAY, 47.5)
