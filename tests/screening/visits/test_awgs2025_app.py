"""AWGS 2025 in the app (DECISIONS.md §8): its inputs through import and export, its stored category,
rescreen counts, each site's primary set, the visit page and the cohort agreement tables."""

from __future__ import annotations

import csv
import importlib
import io
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from screening.cohort.dashboard import CROSS_PAIRS, agreements
from screening.models import Patient, Site, Visit
from screening.visits.services import visit_save

pytestmark = pytest.mark.django_db

HEADER = (
    "patient_id,sex,date_of_birth,visit_date,grip_strength_kg,asmi_kg_m2,muscle_mass_method,height_cm,"
    "weight_kg,clinical_suspicion,mobility,dysphagia,perceived_weakness,weight_loss_kg_6mo,"
    "weight_loss_pct_6mo,conditions,hospitalised_last_90d,finger_ring_test"
)
# identifier -> (row after the header, AWGS 2025 category it must get); ages at 2026-03-01
ROWS = {
    "S1": ("F,1956-01-01,2026-03-01,15,5.0,DXA,,,,,,,,,,,smaller", "sarcopenia"),  # 70: grip < 18, ASMI < 5.4
    "S2": ("F,1956-01-01,2026-03-01,15,,,,,,,,,,,,,", "possible"),
    "S3": ("F,1956-01-01,2026-03-01,25,,,,,,,,,,,,,bigger", "at_risk"),  # R1: 65 or over
    "S4": ("M,1968-01-01,2026-03-01,40,,,170,70,false,independent,no,no,0,,none,false,", "no_sarcopenia"),  # 58
    "S5": ("M,1968-01-01,2026-03-01,40,,,170,70,false,independent,,no,,1.0,none,false,", "insufficient_data"),
    "S6": ("M,1968-01-01,2026-03-01,40,,,170,70,,independent,no,yes,,,none,false,just_fits", "at_risk"),  # R6
    "S7": ("M,1968-01-01,2026-03-01,40,,,170,70,false,independent,no,no,,2.8,none,false,", "at_risk"),  # R4 %
    "S8": ("M,1981-01-01,2026-03-01,40,,,,,,,,,,,,,", "not_applicable"),  # 45
}


def _csv(tmp_path: Path, rows: dict, name: str = "visits.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "\n" + "".join(f"{key},{row}\n" for key, (row, _c) in rows.items()), encoding="utf-8")
    return path


def _import(path: Path, site: str) -> str:
    out = io.StringIO()
    call_command("import_visits", str(path), "--site", site, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _categories(site: Site) -> dict[str, str]:
    return dict(Visit.objects.filter(patient__site=site).values_list("patient__identifier", "awgs2025_category"))


def test_an_import_with_the_new_columns_gives_every_awgs2025_category(tmp_path, site_a):
    _import(_csv(tmp_path, ROWS), "site-a")
    assert _categories(site_a) == {key: category for key, (_row, category) in ROWS.items()}
    s6 = Visit.objects.get(patient__identifier="S6")
    assert (s6.dysphagia, s6.perceived_weakness, s6.finger_ring_test, s6.clinical_suspicion) == (
        False,
        True,
        "just_fits",
        False,
    )  # an empty tick box imports as not ticked
    s5 = Visit.objects.get(patient__identifier="S5")
    assert s5.dysphagia is None  # blank = not answered, never "no"


def test_an_export_round_trip_keeps_every_awgs2025_category(tmp_path, site_a, site_b):
    _import(_csv(tmp_path, ROWS), "site-a")
    exported = tmp_path / "export.csv"
    call_command("export_visits", "--out", str(exported), "--site", "site-a", stdout=io.StringIO())
    rows = list(csv.DictReader(exported.open(encoding="utf-8-sig")))
    assert {r["patient_id"]: r["awgs2025"] for r in rows} == _categories(site_a)
    assert {r["patient_id"]: r["finger_ring_test"] for r in rows}["S1"] == "smaller"
    inputs = tmp_path / "again.csv"
    from screening.catalogue.dictionary import COLUMNS

    with inputs.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(COLUMNS), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    _import(inputs, "site-b")
    assert _categories(site_b) == _categories(site_a)


def test_an_impossible_weight_loss_is_refused_with_its_row_and_column(tmp_path, site_a):
    path = _csv(tmp_path, {"X1": ("M,1968-01-01,2026-03-01,40,,,,,,,,,150,,,,", "")})
    with pytest.raises(Exception):
        _import(path, "site-a")
    from screening.batch.importer import parse_file

    rows, problems = parse_file(path.read_bytes())
    assert not problems and any("row 2, column weight_loss_kg_6mo" in e for e in rows[0].errors)


def test_an_unknown_finger_ring_answer_is_refused(tmp_path, site_a):
    from screening.batch.importer import parse_file

    rows, _problems = parse_file(
        _csv(tmp_path, {"X2": ("M,1968-01-01,2026-03-01,40,,,,,,,,,,,,,loose", "")}).read_bytes()
    )
    assert any("row 2, column finger_ring_test" in e for e in rows[0].errors)


def test_rescreen_fills_the_new_column_and_reports_counts_per_category(tmp_path, site_a):
    _import(_csv(tmp_path, ROWS), "site-a")
    Visit.objects.update(awgs2025_category="", results_digest="")  # as visits stored before AWGS 2025
    out = io.StringIO()
    call_command("rescreen", "--no-progress", "--jobs", "1", stdout=out)
    assert _categories(site_a) == {key: category for key, (_row, category) in ROWS.items()}
    text = out.getvalue()
    assert "awgs2025: 8 visits changed category" in text
    assert (
        "awgs2025: at_risk 3, insufficient_data 1, no_sarcopenia 1, not_applicable 1, possible 1, sarcopenia 1"
    ) in text


# --- the primary set of each site ---------------------------------------------------------------


@pytest.mark.parametrize(("population", "primary"), [("asian", "awgs2025"), ("other", "ewgsop2")])
def test_a_new_site_defaults_to_its_population_s_primary_set(population: str, primary: str):
    site = Site.objects.create(name="New", code="new", population=population, default_setting="community")
    assert site.primary_set == primary == site.primary


def test_the_migration_keeps_the_primary_set_existing_sites_had(site_b):
    asian = Site.objects.create(name="Old", code="old", population="asian", default_setting="community")
    Site.objects.update(primary_set="")  # as every site was before migration 0012
    migration = importlib.import_module("screening.migrations.0012_awgs2025_inputs")
    migration.keep_existing_primary(apps, None)
    assert dict(Site.objects.values_list("code", "primary_set")) == {"old": "awgs2019", "site-b": "ewgsop2"}
    asian.refresh_from_db()
    assert asian.primary == "awgs2019"


def test_staff_switch_a_site_s_primary_set_in_the_admin(client, site_a):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("root", password="a-long-test-password-1"))
    url = reverse("admin:screening_site_change", args=[site_a.pk])
    form = client.get(url).content.decode()
    assert 'value="awgs2025"' in form and 'value="sdoc"' in form  # every set of the registry
    response = client.post(
        url,
        {
            "name": site_a.name,
            "code": site_a.code,
            "population": "asian",
            "primary_set": "awgs2025",
            "default_setting": "community",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    site_a.refresh_from_db()
    assert site_a.primary_set == "awgs2025"


# --- the visit page and the cohort dashboard -----------------------------------------------------


def _visit(site: Site, **values) -> Visit:
    patient = Patient.objects.create(site=site, identifier="V-58", sex="M", date_of_birth=date(1968, 1, 1))
    return visit_save(visit=Visit(patient=patient, visit_date=date(2026, 3, 1), setting="community", **values))


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ("AWGS 2025", "Possible sarcopenia", "is low under AWGS 2025", "R3 Dysphagia")),
        ("zh-hans", ("AWGS 2025（亚洲）", "可能肌少症", "按 AWGS 2025 该年龄组切点（&lt; 34）为低", "R3 吞咽困难")),
    ],
)
def test_the_visit_page_shows_awgs2025_and_explains_the_difference_from_2019(client, clinician_a, site_a, lang, words):
    visit = _visit(
        site_a, grip_strength_kg=30.0, sppb_score=12
    )  # 58: normal under 2019 (< 28), low under 2025's 50–64 (< 34)
    client.force_login(clinician_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    page = client.get(reverse("screening:visit_detail", args=[visit.pk])).content.decode()
    for word in words:
        assert word in page, word
    assert 'data-criteria-set="awgs2025"' in page and "data-awgs-versions" in page


def test_the_site_s_primary_set_comes_first_on_the_visit_page(client, clinician_a, site_a):
    site_a.primary_set = "awgs2025"
    site_a.save()
    visit = _visit(site_a, grip_strength_kg=30.0)
    client.force_login(clinician_a)
    page = client.get(reverse("screening:visit_detail", args=[visit.pk])).content.decode()
    assert page.index('data-criteria-set="awgs2025"') < page.index('data-criteria-set="awgs2019"')


def test_the_dashboard_compares_awgs2025_with_awgs2019_and_ewgsop2_with_kappa():
    cube = [  # two patients: both sets agree on one (sarcopenia), disagree on the other
        {"ewgsop2_category": "confirmed", "awgs2019_category": "sarcopenia", "awgs2025_category": "sarcopenia", "n": 3},
        {"ewgsop2_category": "no_sarcopenia", "awgs2019_category": "possible", "awgs2025_category": "at_risk", "n": 2},
        {
            "ewgsop2_category": "no_sarcopenia",
            "awgs2019_category": "no_sarcopenia",
            "awgs2025_category": "not_applicable",
            "n": 4,
        },  # under 50: not classifiable under AWGS 2025
    ]
    shown = {(a["labels"]): a for a in agreements(cube)}
    assert len(shown) == len(CROSS_PAIRS) == 3
    pair = shown[("AWGS 2019", "AWGS 2025")]
    assert pair["collapsed"] == [[3, 0], [0, 2]] and pair["kappa"].kappa == pytest.approx(1.0)
    assert shown[("EWGSOP2 (2019)", "AWGS 2025")]["kappa"].n == 5
