"""Strict parsing of numbers and dates, age limits and a site without a default setting (import and form)."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from screening.batch.importer import parse_file
from screening.batch.imports import visits_import
from screening.models import Patient, Site, Visit

pytestmark = pytest.mark.django_db


def _errors(header: str, cells: str) -> list[str]:
    rows, problems = parse_file(f"patient_id,sex,date_of_birth,visit_date,{header}\n{cells}\n".encode())
    assert not problems
    return rows[0].errors


@pytest.mark.parametrize(
    ("column", "raw"),
    [
        ("lymphocyte_count_per_ul", "1,000"),  # read as 1.0 before, with a soft warning only
        ("height_cm", "1_55"),  # read as 155 before
        ("height_cm", "155.0.1"),
        ("height_cm", "1e2"),
        ("height_cm", "１５５"),
        ("height_cm", "nan"),
        ("height_cm", "12,5"),
        ("sppb_score", "7.0"),
    ],
)
def test_the_import_refuses_a_number_that_is_not_plain_digits_with_row_and_column(column, raw):
    errors = _errors(column, f'P1,F,1945-02-01,2026-03-01,"{raw}"')
    assert [e for e in errors if e.startswith(f"row 2, column {column}:")], errors


@pytest.mark.parametrize("raw", ["2026W021", "20260301", "2026-3-1", "2026-03-01T00:00", "01/03/2026"])
def test_the_import_takes_dates_as_yyyy_mm_dd_only(raw):
    errors = _errors("height_cm", f"P1,F,1945-02-01,{raw},155")
    assert any(e.startswith("row 2, column visit_date:") and "YYYY-MM-DD" in e for e in errors), errors


def test_the_birth_date_follows_the_same_rule():
    errors = _errors("height_cm", "P1,F,19450201,2026-03-01,155")
    assert any(e.startswith("row 2, column date_of_birth:") for e in errors), errors


@pytest.mark.parametrize(
    ("raw", "value"), [("155", 155.0), ("155.5", 155.5), (" 0.75 ", 0.75), (".5", 0.5), ("-3", -3.0), ("155.", 155.0)]
)
def test_plain_numbers_still_parse(raw, value):
    from screening.catalogue.validation import parse_number

    assert parse_number(raw) == value


def test_whole_numbers_refuse_decimals_and_parse_digits():
    from screening.catalogue.validation import parse_number

    assert parse_number("7", integer=True) == 7
    with pytest.raises(ValidationError, match="whole number"):
        parse_number("7.5", integer=True)


def test_a_valid_iso_date_parses():
    from screening.catalogue.validation import parse_iso_date

    assert parse_iso_date("2026-03-01") == date(2026, 3, 1)


def test_the_visit_form_refuses_the_numbers_the_import_refuses(client_a, patient_a):
    url = reverse("screening:visit_create", args=[patient_a.pk])
    for raw in ("1_55", "1e2", "１５５"):
        response = client_a.post(url, {"visit_date": "2026-06-01", "setting": "community", "height_cm": raw})
        assert response.status_code == 200 and response.context["form"].errors.get("height_cm"), raw
    response = client_a.post(url, {"visit_date": "2026-06-01", "setting": "community", "mna_sf_score": "1_0"})
    assert response.status_code == 200 and response.context["form"].errors.get("mna_sf_score")
    assert not Visit.objects.exists()


# --- ages as the data dictionary says: 18-120 years (criteria.md §8, docs/data-dictionary.md) -----------


def _birth_for_age(years: int, *, days: int = 0) -> date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - timedelta(days=days)


@pytest.mark.parametrize(
    ("born", "ok"),
    [
        (_birth_for_age(11), False),
        (_birth_for_age(18) + timedelta(days=1), False),  # 17 years and 364 days
        (_birth_for_age(18), True),
        (_birth_for_age(120), True),
        (_birth_for_age(121), False),
    ],
)
def test_the_patient_form_refuses_ages_outside_18_to_120(client_a, site_a, born, ok):
    data = {"site": str(site_a.pk), "identifier": "P-1", "sex": "F", "date_of_birth": born.isoformat()}
    response = client_a.post(reverse("screening:patient_create"), data)
    assert (response.status_code == 302) is ok
    if not ok:
        assert "enter an age from 18 to 120" in str(response.context["form"].errors["date_of_birth"])


def test_the_import_refuses_an_age_of_11_at_the_visit():
    errors = _errors("height_cm", "P1,F,2015-01-01,2026-03-01,155")
    assert any(e.startswith("row 2, column visit_date:") and "Age 11" in e for e in errors), errors


# --- a site saved without a default setting -----------------------------------------------------------


@pytest.fixture
def bare_site(db):
    return Site.objects.create(name="Bare", code="bare", population="asian", default_setting="")


def test_the_import_names_a_missing_default_setting_instead_of_crashing(bare_site, tmp_path):
    path = tmp_path / "v.csv"
    path.write_text(
        "patient_id,sex,date_of_birth,visit_date,height_cm,grip_strength_kg\nP1,F,1945-02-01,2026-03-01,155,20\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_visits", str(path), "--site", "bare", stderr=err, stdout=io.StringIO())
    assert "row 2, column setting:" in err.getvalue() and "no default setting" in err.getvalue()
    assert not Patient.objects.exists()


def test_a_row_with_its_own_setting_imports_into_such_a_site(bare_site):
    rows, _ = parse_file(
        b"patient_id,sex,date_of_birth,visit_date,setting,grip_strength_kg\nP1,F,1945-02-01,2026-03-01,hospital,20\n"
    )
    assert visits_import(site=bare_site, rows=rows).imported == 1
    assert Visit.objects.get().setting == "hospital"


def test_the_browser_preview_names_a_missing_default_setting(client, staff, bare_site):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff)
    upload = SimpleUploadedFile(
        "v.csv", b"patient_id,sex,date_of_birth,visit_date,grip_strength_kg\nP1,F,1945-02-01,2026-03-01,20\n"
    )
    response = client.post(reverse("screening:import_visits"), {"site": bare_site.pk, "file": upload})
    assert response.status_code == 200 and "no default setting" in response.content.decode()
    assert not response.context["token"]
