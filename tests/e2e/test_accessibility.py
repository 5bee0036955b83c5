"""axe-core over the main pages, in both languages: no serious or critical violations.

axe-core comes from the npm registry (package.json at the repository root, `npm ci`); every run
also writes all violations, whatever their impact, to test-artifacts/e2e/axe-<test-name>.json.
"""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import ARTIFACTS, artifact_name, require
from tests.e2e.support import (
    AXE_JS,
    BLOCKING_IMPACTS,
    LANGS,
    VISIT_DAY,
    describe,
    fill_fields,
    inject_axe,
    log_in_by_cookie,
    run_axe,
    saved_visit,
    submit_visit,
)

pytestmark = pytest.mark.e2e


def _visit_form_with_errors(page, patient, visit) -> None:
    page.goto(f"/patients/{patient.pk}/visits/new/")
    fill_fields(
        page, {"visit_date": VISIT_DAY.isoformat(), "setting": "community", "grip_right_1": 500, "height_cm": 134}
    )
    submit_visit(page)
    assert page.locator("#form-summary").is_visible()


def _void_confirmation(page, patient, visit) -> None:
    page.goto(f"/visits/{visit.pk}/")
    page.locator("#void-visit summary").click()
    page.fill("#void-reason", "duplicate")
    with page.expect_navigation():
        page.locator("#void-visit [type=submit]").click()
    assert page.locator("#void-confirm").is_visible()


def _voided_visit(page, patient, visit) -> None:
    from screening.visits.services import visit_void

    visit_void(visit=visit, user=None, reason="duplicate", expected_version=visit.version)
    page.goto(f"/visits/{visit.pk}/")
    assert page.locator("#voided-notice").is_visible()


PAGES = {
    "login": None,
    "patient_list": "/",
    "patient_new": "/patients/new/",
    "patient_detail": "/patients/{patient}/",
    "visit_form_empty": "/patients/{patient}/visits/new/",
    "visit_form_errors": _visit_form_with_errors,
    "visit_detail": "/visits/{visit}/",
    "visit_void_confirmation": _void_confirmation,
    "visit_voided": _voided_visit,
    "mechanisms_background": "/mechanisms/",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(PAGES))
def test_it_has_no_serious_accessibility_violations(
    name, lang, request, open_page, live_server, clinician_a, patient_a
):
    require(AXE_JS.exists(), "axe-core (run `npm ci` at the repository root)")
    visit = saved_visit(patient_a, clinician_a)
    page = open_page(lang, screenshot=False)  # the JSON report below is this test's artifact
    target = PAGES[name]
    if target is None:
        page.goto("/accounts/login/")
    else:
        log_in_by_cookie(page.context, live_server.url, clinician_a)
        if callable(target):
            target(page, patient_a, visit)
        else:
            page.goto(target.format(patient=patient_a.pk, visit=visit.pk))
    assert page.evaluate("document.documentElement.lang") == lang

    how = inject_axe(page)
    violations = run_axe(page)["violations"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"axe-{artifact_name(request.node.name)}.json").write_text(
        json.dumps({"url": page.url, "injected_by": how, "violations": violations}, ensure_ascii=False, indent=1)
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{name} ({lang}, {page.url}):\n{describe(blocking)}"
