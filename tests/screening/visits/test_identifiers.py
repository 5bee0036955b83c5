"""One identifier rule for the form, the admin and the import; exports safe for anything already stored."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from screening.batch.importer import parse_file
from screening.batch.imports import visits_import
from screening.models import Patient, Visit
from tests.screening.cohort.cohort_support import patient, reviewer, visit

pytestmark = pytest.mark.django_db

HEADER = "patient_id,sex,date_of_birth,visit_date,grip_strength_kg"
REFUSED = ["", "   ", "\u200b", "A\x01B", "A\x00", "A\nB", "A\u200dB", "\ufeffA", "x" * 65, "x" * 300]
ACCEPTED = [("A-001", "A-001"), ("  A-001 ", "A-001"), ("住院号 123", "住院号 123"), ("x" * 64, "x" * 64)]


@pytest.mark.parametrize("raw", REFUSED)
def test_the_rule_refuses_empty_long_control_and_invisible_identifiers(raw):
    from screening.catalogue.validation import clean_identifier

    with pytest.raises(ValidationError):
        clean_identifier(raw)


@pytest.mark.parametrize(("raw", "stored"), ACCEPTED)
def test_the_rule_trims_and_keeps_printable_identifiers(raw, stored):
    from screening.catalogue.validation import clean_identifier

    assert clean_identifier(raw) == stored


def _patient_form(identifier: str, site) -> dict:
    return {"site": str(site.pk), "identifier": identifier, "sex": "F", "date_of_birth": "1950-01-02"}


@pytest.mark.parametrize("raw", ["A\x01B", "\u200b", "x" * 65])
def test_the_patient_form_refuses_what_the_rule_refuses(client_a, site_a, raw):
    response = client_a.post(reverse("screening:patient_create"), _patient_form(raw, site_a))
    assert response.status_code == 200 and response.context["form"].errors.get("identifier")
    assert not Patient.objects.exists()


def test_the_patient_form_stores_the_trimmed_identifier(client_a, site_a):
    assert client_a.post(reverse("screening:patient_create"), _patient_form("  A-9 ", site_a)).status_code == 302
    assert Patient.objects.get().identifier == "A-9"


@pytest.mark.parametrize("raw", ["A\x01B", "\u200b"])
def test_the_admin_refuses_what_the_rule_refuses(admin_client, site_a, raw):
    response = admin_client.post(reverse("admin:screening_patient_add"), _patient_form(raw, site_a))
    assert response.status_code == 200 and response.context["adminform"].form.errors.get("identifier")
    assert not Patient.objects.exists()


@pytest.mark.parametrize("raw", ["x" * 300, "A\x00B", "\u200b", "A\x01"])
def test_the_import_refuses_what_the_rule_refuses_with_row_and_column(site_a, raw):
    rows, problems = parse_file(f"{HEADER}\n{raw},F,1945-02-01,2026-03-01,14.5\n".encode())
    assert not problems
    assert any(e.startswith("row 2, column patient_id:") for e in rows[0].errors), rows[0].errors
    report = visits_import(site=site_a, rows=rows)
    assert report.errors and not Patient.objects.exists() and not Visit.objects.exists()


def test_the_browser_import_of_a_300_character_identifier_stages_nothing(client, staff, site_a, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.VAR_DIR = tmp_path
    client.force_login(staff)
    upload = SimpleUploadedFile("v.csv", f"{HEADER}\n{'x' * 300},F,1945-02-01,2026-03-01,14.5\n".encode())
    response = client.post(reverse("screening:import_visits"), {"site": site_a.pk, "file": upload})
    assert "row 2, column patient_id" in response.content.decode() and not response.context["token"]
    assert not list(tmp_path.glob("imports/*"))


@pytest.fixture
def stored_with_control_characters(site_a):
    """Identifiers saved before the rule existed (or outside every form); NUL only where the database
    stores it (SQLite; PostgreSQL refuses it in text)."""
    from django.db import connection

    nul = "C\x00D" if connection.vendor == "sqlite" else "C\x08D"
    for identifier in ("A\x01B", nul, "=E\x1fF"):
        visit(patient(site_a, identifier), date(2025, 1, 1), grip_strength_kg=20.0)


@pytest.fixture
def root(client):
    client.force_login(reviewer("root", superuser=True))
    return client


def test_the_xlsx_export_survives_stored_control_characters(root, stored_with_control_characters):
    response = root.get(reverse("cohort:export_xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["visits"]
    ids = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert ids == ["'=E\ufffdF", "A\ufffdB", "C\ufffdD"]


def test_the_csv_exports_survive_stored_control_characters(root, stored_with_control_characters):
    for url in (reverse("cohort:export_csv"), reverse("screening:export_visits")):
        response = root.get(url)
        text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
        ids = sorted(row["patient_id"] for row in csv.DictReader(io.StringIO(text)))
        assert ids == ["'=E\ufffdF", "A\ufffdB", "C\ufffdD"], url
