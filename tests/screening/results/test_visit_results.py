"""One read model per visit: a report expands each visit's stored results once; a save writes the text it
digested; one canonical JSON, one language choice, one operator table; fingerprints stay as printed."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date
from uuid import UUID

import pytest

from screening.display import content_language, operator_symbol
from screening.models import Visit
from screening.reports.service import report_prepare
from screening.reports.take_home import build_take_home
from screening.results import result_codec
from screening.results.fields import JsonText, canonical_json
from screening.results.visit_results import visit_results
from screening.visits.services import visit_save
from tests.screening.reports.test_report_fixtures import four_visits, latest, report_cache  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def expansions(monkeypatch):
    """Counts how often a visit's stored results and mechanisms are expanded from their compact form."""
    counts = {"results": 0, "mechanisms": 0}
    expand_results, expand_mechanisms = result_codec.expand_results, result_codec.expand_mechanisms

    def counted_results(stored):
        counts["results"] += 1
        return expand_results(stored)

    def counted_mechanisms(stored):
        counts["mechanisms"] += 1
        return expand_mechanisms(stored)

    monkeypatch.setattr(result_codec, "expand_results", counted_results)
    monkeypatch.setattr(result_codec, "expand_mechanisms", counted_mechanisms)
    return counts


def test_a_report_of_n_visits_expands_each_visits_results_once(latest, expansions):
    pending = report_prepare(latest, "en")  # fingerprint, cache lookup, context with four trend points, HTML
    assert pending.html is not None and "<svg" in pending.html  # the trend charts were drawn
    assert expansions == {"results": 4, "mechanisms": 1}  # four visits; mechanisms of the reported one only


def test_the_take_home_page_reads_the_same_expansions_as_the_report(latest, expansions):
    report_prepare(latest, "zh-hans")
    history = visit_results(latest)  # the caller's visit keeps its read model
    build_take_home(latest, "zh-hans")
    assert visit_results(latest) is history
    assert expansions["mechanisms"] == 1


def test_a_visit_is_read_anew_after_a_save_changes_its_results(latest):
    assert visit_results(latest).category("awgs2019") == "severe"
    latest.grip_strength_kg, latest.gait_speed_m_s = 25.0, 1.2
    visit_save(visit=latest, expected_version=latest.version)
    assert visit_results(latest).category("awgs2019") == "no_sarcopenia"
    assert visit_results(latest).measurements.grip_strength_kg == 25.0


def test_derived_values_follow_an_edited_input_before_any_save(latest):
    assert visit_results(latest).measurements.bmi_rounded == 20.81  # 50 kg / 1.55² m
    latest.weight_kg = 60.0
    assert visit_results(latest).measurements.bmi_rounded == 24.97  # 60 kg / 1.55² m


def test_an_interactive_save_writes_the_json_text_it_digested(latest):
    latest.grip_strength_kg = 20.0
    visit_save(visit=latest, expected_version=latest.version)
    assert isinstance(latest.results, JsonText) and isinstance(latest.mechanisms, JsonText)
    digest = hashlib.sha256(f"{latest.results}\n{latest.mechanisms}".encode()).hexdigest()
    assert digest == latest.results_digest
    from django.db.models import TextField
    from django.db.models.functions import Cast

    stored = (
        Visit.objects.filter(pk=latest.pk)
        .values_list(Cast("results", TextField()), Cast("mechanisms", TextField()))
        .get()
    )
    assert stored == (str(latest.results), str(latest.mechanisms))  # written as computed, byte for byte
    assert visit_results(latest).details["awgs2019"]["criteria_set"] == "awgs2019"  # still readable


# --- fingerprints printed before the read model --------------------------------------------------
# A patient with two visits whose stored results are fixed here (not computed by the engine), so the
# fingerprints below depend only on what a report states. They were computed by the code before the read
# model (stdlib json, each visit expanded as each part asked); a printed report must keep its fingerprint.
PINNED = {  # language: (the clinician's report, the take-home page)
    "en": (
        "976b9ba356e0b653c2351106790d72288b48003260a1a15575bb2980feacceed",
        "ab42f8c28f05a49bae842f23410586f18db60010b325cbe35a0cfdd73d71e4b0",
    ),
    "zh-hans": (
        "b372600c99b23861a803d21eeafc63ce63ebd95d13883ae6ad8a7fe9fc3962a4",
        "36051947776440435e06d4f98edfff8fe872b6de0a8766522af298b9452d77c5",
    ),
}
RESULTS = {
    "format": 2,
    "sources": ["criteria.md §2"],
    "sets": {
        "ewgsop2": {
            "category": "probable",
            "reason": "low_strength",
            "next_step": "confirm_mass",
            "to_complete": ["mass"],
            "notes": ["caveat_no_mass"],
            "case_finding": None,
            "components": [["strength", "low", [["grip_strength", 14.0, "kg", "<", 16.0, "low", False, False, 0]]]],
            "decisive": [[0, 0]],
        }
    },
}
MECHANISMS = {
    "format": 2,
    "mechanisms": [
        {
            "id": "inflammation",
            "status": "possible",
            "grade": "B",
            "missing": ["il6_pg_ml"],
            "rules": {"true": ["crp_raised"]},
            "true": [["crp_raised", "supportive", [["hs_crp_mg_l", ">", 5.0, 3, "mg/L", "<=", 10, None]]]],
        }
    ],
}


def pinned_patient(site_a, clinician_a) -> Visit:
    from screening.models import Patient

    patient = Patient.objects.create(
        pk=UUID(int=1), site=site_a, identifier="FP-1", name="王秀英", sex="F", date_of_birth=date(1948, 3, 9)
    )
    common = {
        "patient": patient,
        "clinician": clinician_a,
        "setting": "community",
        "height_cm": 155.0,
        "muscle_mass_method": "DXA",
        "rule_set_version": "2026.1",
        "mechanisms": MECHANISMS,
    }
    Visit.objects.create(
        pk=UUID(int=2), visit_date=date(2025, 1, 10), weight_kg=50.0, grip_strength_kg=14.0, results=RESULTS, **common
    )
    Visit.objects.create(
        pk=UUID(int=3),
        visit_date=date(2025, 6, 12),
        weight_kg=49.5,
        grip_strength_kg=13.5,
        weight_loss_pct_6mo=0.00005,
        hs_crp_mg_l=5.0,
        results=RESULTS,
        **common,
    )
    return Visit.objects.select_related("patient__site", "clinician").get(pk=UUID(int=3))


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_fingerprints_of_reports_printed_before_stay_the_same(site_a, clinician_a, lang):
    from screening.reports.context import report_fingerprint, report_visits
    from screening.reports.take_home import take_home_fingerprint

    visit = pinned_patient(site_a, clinician_a)  # a tiny float among its values: 5e-05 % weight loss
    assert (report_fingerprint(visit, lang), take_home_fingerprint(visit, lang, report_visits(visit))) == PINNED[lang]


# --- one definition of each thing ----------------------------------------------------------------


def test_canonical_json_writes_what_the_standard_library_writes_for_tiny_and_huge_floats():
    rng = random.Random(13)
    values = [rng.uniform(1, 10) * 10 ** rng.randint(-12, 20) * rng.choice((1, -1)) for _ in range(2000)]
    values += [0.00005, 1.5e-7, 1e-10, 1e16, 0.0001, 5e-324, 0.1 + 0.2]
    for value in values:
        document = {"value": value, "text": "肌少症 ≥ 4"}
        assert canonical_json(document) == json.dumps(
            document, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )


@pytest.mark.parametrize(
    ("code", "lang"),
    [
        ("zh-hans", "zh-hans"),
        ("zh-Hant-TW", "zh-hans"),
        ("zh", "zh-hans"),
        ("en", "en"),
        ("en-GB", "en"),
        ("fr", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_one_language_choice_for_pages_and_reports(code, lang):
    from screening.reports.service import report_language

    assert content_language(code) == lang
    if code:
        assert report_language(None, fallback=code) == lang


def test_operators_print_as_one_set_of_symbols_on_pages_reports_and_charts():
    from screening.clinical.results import Test
    from screening.reports.charts import Band, band_svg
    from screening.reports.context import finding_cells
    from screening.reports.text import words
    from screening.visits.presenters import _test_row

    test = Test(
        name="gait_speed",
        value=0.7,
        unit="m/s",
        operator="<=",
        cutoff=0.8,
        outcome="low",
        unable=False,
        source="criteria.md §2",
        derived=False,
    )
    assert operator_symbol("<=") == "≤" and operator_symbol(">=") == "≥" and operator_symbol("") == ""
    assert _test_row(test, set(), "en")["operator"] == "≤"
    assert finding_cells(test, words("en"), "en")["cutoff"].startswith("≤ 0.8")
    band = Band(
        value=0.7,
        unable=False,
        cutoff=0.8,
        operator="<=",
        outcome="low",
        unit="m/s",
        low_word="low",
        normal_word="normal",
        unable_word="unable",
    )
    assert "≤ 0.8 m/s" in band_svg(band)
