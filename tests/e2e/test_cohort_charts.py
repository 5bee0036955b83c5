"""The cohort dashboard's charts are legible at common desktop widths: every label of a histogram lies
inside its drawing, the axes are named, the cut-off legend's entries do not overlap, and the mechanism
table lists every mechanism of the knowledge base (background ones as never flagged)."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.support import log_in, saved_visit

pytestmark = pytest.mark.e2e

LABELS_OUTSIDE = """() => {
  const bad = [];
  for (const svg of document.querySelectorAll('svg.cohort-hist')) {
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
        bad.push(t.textContent);
    }
    const legend = [...svg.querySelectorAll('text.hist-cut-label')].map(t => t.getBoundingClientRect());
    for (let i = 1; i < legend.length; i++) if (legend[i].top < legend[i - 1].bottom - 0.5) bad.push('legend overlap');
  }
  return bad;
}"""


@pytest.mark.parametrize("viewport", [(1366, 768), (1920, 1080)])
def test_cohort_histograms_keep_every_label_inside_and_name_their_axes(viewport, open_page, staff, clinician_a, site_a):
    from screening.clinical.mechanisms import KNOWLEDGE
    from screening.models import Patient

    for i in range(12):
        sex = "F" if i % 2 else "M"
        patient = Patient.objects.create(
            site=site_a, identifier=f"C{i:02d}", sex=sex, date_of_birth=date(1940 + i, 1, 1)
        )
        saved_visit(
            patient,
            clinician_a,
            grip_left_1=12 + 3 * i,
            gait_speed_m_s=0.4 + 0.08 * i,
            asmi_kg_m2=4.6 + 0.25 * i,
            asm_kg=None,
        )
    page = open_page("en", viewport=viewport)
    log_in(page, staff.username)
    page.goto("/staff/cohort/")
    charts = page.locator("svg.cohort-hist")
    expect(charts).to_have_count(6)
    expect(charts.first.locator("text.hist-axis-label")).to_have_count(2)
    expect(charts.first.locator("text.hist-axis-label").first).to_contain_text("(kg)")
    expect(charts.first.locator("text.hist-axis-label").last).to_have_text("Patients")
    assert page.evaluate(LABELS_OUTSIDE) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    rows = page.locator("#mechanisms-heading ~ table tbody tr")
    expect(rows).to_have_count(len(KNOWLEDGE.mechanisms))
    background = [m for m in KNOWLEDGE.mechanisms if m.background]
    expect(page.locator("#mechanisms-heading ~ table")).to_contain_text("never flagged")
    assert page.locator("#mechanisms-heading ~ table td", has_text="never flagged").count() == len(background)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("#distributions-heading").scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / f"cohort-charts-{viewport[0]}.png", full_page=True)
