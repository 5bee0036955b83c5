"""DECISIONS.md §7 (rule-set 2026.2): caveats travel with a result to the screen, the PDF and exports,
and a no_sarcopenia verdict with a low component is never shown in the reassuring colour."""

from __future__ import annotations

import csv
import html
import io
from datetime import date

import pytest
from django.urls import reverse

from screening.batch.exporter import write_csv
from screening.clinical import RULE_SET_VERSION
from screening.models import Patient, Visit
from screening.reports.service import visit_report
from tests.screening.reports.test_report_fixtures import make_visit, report_cache  # noqa: F401 (autouse)
from tests.screening.reports.test_report_pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def young_bia_visit(site_a, clinician_a):
    """A 56-year-old woman, muscle mass by BIA: the under-60 caveat under every set, FNIH's BIA caveat."""
    patient = Patient.objects.create(
        site=site_a, identifier="Y-056", name="李敏", sex="F", date_of_birth=date(1970, 1, 5)
    )
    return make_visit(
        patient,
        clinician_a,
        date(2026, 6, 1),
        grip_strength_kg=14.0,
        gait_speed_m_s=0.7,
        asm_kg=11.0,
        muscle_mass_method="BIA",
    )


def test_the_visit_page_shows_both_caveats(client, clinician_a, young_bia_visit):
    client.force_login(clinician_a)
    page = html.unescape(
        client.get(
            reverse("screening:visit_detail", args=[young_bia_visit.pk]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    )
    assert "AWGS 2019 was derived in people aged 60 or older" in page
    assert "these criteria were derived in older adults" in page
    assert "FNIH's ALM/BMI cut-offs come from DXA" in page


@pytest.mark.parametrize(
    "lang, phrase", [("en", "FNIH's ALM/BMI cut-offs come from DXA"), ("zh-hans", "FNIH 的 ALM/BMI 切点来自 DXA")]
)
def test_the_report_carries_the_caveats_in_both_languages(young_bia_visit, lang, phrase):
    visit = Visit.objects.select_related("patient__site", "clinician").get(pk=young_bia_visit.pk)
    text = pdf_text(visit_report(visit, lang).pdf).replace("\n", "")
    assert phrase.replace(" ", "") in text.replace(" ", "")


def test_the_export_has_a_caveats_column(young_bia_visit):
    stream = io.StringIO()
    write_csv(stream, Visit.objects.filter(pk=young_bia_visit.pk))
    (row,) = csv.DictReader(io.StringIO(stream.getvalue()))
    caveats = set(row["caveats"].split(";"))
    assert {
        "awgs2019:age_under_60_awgs",
        "ewgsop2:age_under_60_older_adults",
        "fnih:fnih_mass_by_bia",
        "sdoc:age_under_60_older_adults",
    } <= caveats
    assert row["rule_set_version"] == RULE_SET_VERSION


def test_a_no_sarcopenia_with_a_low_component_is_amber_and_names_it(client, clinician_a, patient_a):
    """EWGSOP2: normal grip (≥ 16 kg, women) with low ASMI (< 5.5 kg/m²): no sarcopenia, mass named."""
    visit = make_visit(
        patient_a, clinician_a, date(2026, 6, 1), grip_strength_kg=20.0, asmi_kg_m2=5.0, gait_speed_m_s=1.2
    )
    client.force_login(clinician_a)
    page = html.unescape(
        client.get(reverse("screening:visit_detail", args=[visit.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert "cat-no_sarcopenia_low" in page
    assert "Not sarcopenia by this set's rules, but a component is low: Muscle quantity" in page
    assert "Evaluate the low component" in page
