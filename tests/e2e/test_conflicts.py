"""In the browser: a second edit of a patient is refused and says why; an over-long search lists nothing."""

from __future__ import annotations

import pytest

from tests.e2e.support import SAVE, log_in_by_cookie, ui

pytestmark = pytest.mark.django_db(transaction=True)
VIEWPORT = (1366, 768)


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_a_second_patient_edit_is_refused_with_the_reason(open_page, live_server, clinician_a, patient_a, lang):
    first, second = open_page(lang, VIEWPORT, screenshot=False), open_page(lang, VIEWPORT)
    for page in (first, second):
        log_in_by_cookie(page.context, live_server.url, clinician_a)
        page.goto(f"/patients/{patient_a.pk}/edit/")
    first.fill("#id_notes", "lives alone")
    with first.expect_navigation():
        first.click(SAVE)
    second.fill("#id_notes", "daughter visits")
    with second.expect_navigation():
        second.click(SAVE)
    alert = second.locator("#conflict").inner_text()
    assert ui(lang, "Not saved: this patient was changed by someone else after you opened it.") in alert
    assert "lives alone" in alert
    patient_a.refresh_from_db()
    assert patient_a.notes == "lives alone"


def test_an_over_long_search_says_so(open_page, live_server, clinician_a, patient_a):
    page = open_page("en", VIEWPORT)
    log_in_by_cookie(page.context, live_server.url, clinician_a)
    page.goto("/?q=" + "x" * 120)
    assert "The search was not run" in page.locator("#search-errors").inner_text()
    assert "A-001" not in page.locator("table").inner_text()
