"""AWGS 2025 on the visit page and in the report, in both languages, at a site whose primary set it is.

The pages are screenshotted (test-artifacts/e2e/) and the PDF pages rendered to PNG beside them, so
they can be looked at.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.support import log_in_by_cookie

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WORDS = {  # category, the AWGS 2019 / 2025 sentence, a risk factor
    "en": ("AWGS 2025", "Sarcopenia", "is low under AWGS 2025", "R3 Dysphagia or swallowing dysfunction"),
    "zh-hans": ("AWGS 2025（亚洲）", "肌少症", "按 AWGS 2025 该年龄组切点（< 34）为低", "R3 吞咽困难或吞咽功能障碍"),
}


@pytest.fixture
def visit_58(site_a, clinician_a):
    """58, grip 30 kg (normal under AWGS 2019, low under 2025's 50–64 cut-off), ASMI 6.92 (DXA)."""
    from screening.models import Patient, Visit
    from screening.visits.services import visit_save

    site_a.primary_set = "awgs2025"
    site_a.save()
    patient = Patient.objects.create(
        site=site_a, identifier="A-58", name="李建国", sex="M", date_of_birth=date(1968, 1, 10)
    )
    return visit_save(
        visit=Visit(
            patient=patient,
            clinician=clinician_a,
            visit_date=date(2026, 3, 2),
            setting="community",
            height_cm=170.0,
            weight_kg=70.0,
            grip_strength_kg=30.0,
            asm_kg=20.0,
            muscle_mass_method="DXA",
            gait_speed_m_s=1.1,
            chair_stand_5x_s=11.0,
            dysphagia=True,
            perceived_weakness=False,
            finger_ring_test="smaller",
            sarc_f_score=3,
            calf_circumference_cm=33.0,
        )
    )


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_visit_page_shows_awgs2025_first_with_the_difference_from_2019(
    lang, open_page, clinician_a, visit_58, live_server
):
    page = open_page(lang, viewport=(1366, 768))
    log_in_by_cookie(page.context, live_server.url, clinician_a)
    page.goto(f"/visits/{visit_58.pk}/")
    first = page.locator("[data-criteria-set]").first
    assert first.get_attribute("data-criteria-set") == "awgs2025"
    text = page.inner_text("main")
    for word in WORDS[lang]:
        assert word in text, word


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_report_names_awgs2025_as_the_criteria_used(lang, visit_58, tmp_path, settings):
    from pypdf import PdfReader

    from screening.models import Visit
    from screening.reports.service import visit_report

    settings.VAR_DIR = tmp_path
    visit = Visit.objects.select_related("patient__site", "clinician").get(pk=visit_58.pk)
    data = visit_report(visit, lang).pdf
    text = "".join(page.extract_text() for page in PdfReader(__import__("io").BytesIO(data)).pages)
    assert "AWGS 2025" in text and ("Sarcopenia" in text if lang == "en" else "肌少症" in text)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"awgs2025-report-{lang}.pdf"
    path.write_bytes(data)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(path), str(path.with_suffix(""))], check=True)
