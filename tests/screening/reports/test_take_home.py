"""The patient's take-home page: one A4 page in each language, plain words, the site's primary set only,
no reference list and no pathways; fingerprinted apart from the clinician's report; offered on the visit
page in new tabs, behind the same access check."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from screening.clinical import text as clinical_text
from screening.reports.context import report_fingerprint, report_visits
from screening.reports.take_home import build_take_home, render_take_home, take_home_fingerprint, take_home_pdf
from tests.screening.reports.test_report_fixtures import four_visits, latest, report_cache  # noqa: F401
from tests.screening.reports.test_report_pdf import needs_poppler, pdf_text

pytestmark = pytest.mark.django_db
OTHER_SETS = ("ewgsop2", "fnih", "sdoc")  # site A is Asian: AWGS 2019 is its primary set


@needs_poppler
@pytest.mark.parametrize("lang, means", [("en", "Your muscles are"), ("zh-hans", "您的肌肉")])
def test_it_is_one_page_with_no_reference_list_and_no_other_set(latest, lang, means):
    _fingerprint, data = take_home_pdf(latest, lang)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    text = re.sub(r"\s+", "", pdf_text(data))
    assert means.replace(" ", "") in text
    assert clinical_text.label("set.awgs2019", lang).replace(" ", "") in text
    for code in OTHER_SETS:
        assert clinical_text.label(f"set.{code}", lang).replace(" ", "") not in text
    for absent in ("References", "参考文献", "doi:", "PMID", "Pathways", "NF-κB"):
        assert absent not in text


def test_the_html_has_the_verdict_next_step_bands_and_trend(latest):
    ctx = build_take_home(latest, "en")
    page = render_take_home(ctx)
    assert 'id="verdict"' in page and 'id="next"' in page and 'id="trends"' in page
    assert 'id="references"' not in page and 'id="mechanisms"' not in page
    assert {band["name"] for band in ctx.bands} <= {"grip_strength", "gait_speed", "asmi"} and ctx.bands
    assert ctx.header["clinician"] == latest.clinician.get_username()


def test_its_fingerprint_is_its_own(latest):
    history = report_visits(latest)
    assert take_home_fingerprint(latest, "en", history) != report_fingerprint(latest, "en", history)
    assert take_home_fingerprint(latest, "en", history) == take_home_fingerprint(latest, "en", history)


def test_the_visit_page_offers_both_documents_in_new_tabs(client_a, latest):
    page = client_a.get(reverse("screening:visit_detail", args=[latest.pk])).content.decode()
    for lang in ("zh-hans", "en"):
        link = re.search(rf'<a [^>]*data-take-home-lang="{lang}"[^>]*>', page).group(0)
        assert 'target="_blank"' in link and f"take-home.pdf?lang={lang}" in link
        assert re.search(rf'<a [^>]*target="_blank"[^>]*data-report-lang="{lang}"', page)


def test_only_the_sites_clinicians_get_it(client, clinician_b, client_a, latest):
    url = reverse("screening:take_home_pdf", args=[latest.pk]) + "?lang=en"
    response = client_a.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert client_a.get(url.replace("lang=en", "lang=fr")).status_code == 400
    client.force_login(clinician_b)
    assert client.get(url).status_code == 404


def test_every_category_of_every_set_has_its_own_plain_words():
    """A patient never reads "not enough measurements" for a verdict that was reached (e.g. AWGS 2025's
    "at risk"): each category of each shipped set maps to plain words of its own."""
    from screening.clinical.criteria.registry import CRITERIA_SETS
    from screening.reports.take_home import _MEANS, _NEXT, _PLAIN

    for code, criteria_set in CRITERIA_SETS.items():
        for category in criteria_set.categories:
            plain = _PLAIN[category]
            assert plain in _MEANS and plain in _NEXT, (code, category)
            if category != "insufficient_data":
                assert plain != "insufficient_data", (code, category)


@pytest.mark.django_db
def test_an_at_risk_verdict_reads_as_at_risk(client_a, patient_a, clinician_a):
    """AWGS 2025 (DECISIONS.md §8 rule 7): normal grip with a risk factor (age ≥ 65) is at risk."""
    from datetime import date

    from screening.models import Visit
    from screening.visits.services import visit_save

    patient_a.site.primary_set = "awgs2025"
    patient_a.site.save()
    visit = visit_save(
        visit=Visit(
            patient=patient_a,
            visit_date=date(2026, 5, 1),
            setting="community",
            clinician=clinician_a,
            grip_strength_kg=22.0,
        )
    )
    html = render_take_home(
        build_take_home(Visit.objects.select_related("patient__site", "clinician").get(pk=visit.pk), "en")
    )
    assert "at risk for sarcopenia" in html
    assert "Not enough measurements" not in html
