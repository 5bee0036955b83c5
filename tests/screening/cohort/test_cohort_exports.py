"""Cohort exports: CSV and XLSX of the filtered visits, formula-safe, optionally pseudonymised."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from screening.catalogue.dictionary import EXPORT_COLUMNS
from tests.screening.cohort.cohort_support import patient, reviewer, visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(site_a):
    evil = patient(site_a, '=HYPERLINK("http://x")', name="Eve Evil", sex="M", born=date(1944, 8, 9))
    visit(evil, date(2025, 1, 1), {"ewgsop2": "severe"}, grip_strength_kg=14.0)
    visit(evil, date(2025, 5, 1), grip_strength_kg=15.0)
    plain = patient(site_a, "A-2", name="Ann Plain", born=date(1950, 2, 3))
    visit(plain, date(2025, 2, 1), grip_strength_kg=22.0)
    return {"evil": evil, "plain": plain}


@pytest.fixture
def staff_client(client):
    client.force_login(reviewer("root", superuser=True))
    return client


def _csv(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_it_exports_the_filtered_visits_as_csv_with_the_export_columns(staff_client, cohort):
    response = staff_client.get(reverse("cohort:export_csv"), {"sex": "F"})
    assert response["Content-Disposition"].startswith('attachment; filename="cohort-visits-')
    rows = _csv(response)
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert [(r["patient_id"], r["visit_date"], r["grip_strength_kg"]) for r in rows] == [("A-2", "2025-02-01", "22.0")]


def test_it_escapes_formula_like_text_in_csv(staff_client, cohort):
    rows = _csv(staff_client.get(reverse("cohort:export_csv"), {"sex": "M"}))
    assert {r["patient_id"] for r in rows} == {'\'=HYPERLINK("http://x")'}
    assert [r["ewgsop2"] for r in rows] == ["severe", "no_sarcopenia"]


def _workbook(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    return load_workbook(io.BytesIO(response.content))


def test_it_exports_xlsx_with_the_rows_and_a_data_dictionary_sheet(staff_client, cohort):
    book = _workbook(staff_client.get(reverse("cohort:export_xlsx")))
    assert book.sheetnames == ["visits", "data dictionary"]
    rows = list(book["visits"].iter_rows(values_only=True))
    assert list(rows[0]) == list(EXPORT_COLUMNS) and len(rows) == 4
    grip = EXPORT_COLUMNS.index("grip_strength_kg")
    assert sorted(r[grip] for r in rows[1:]) == [14.0, 15.0, 22.0]  # numbers, not text
    dictionary = {r[0]: r for r in book["data dictionary"].iter_rows(values_only=True)}
    assert dictionary["grip_strength_kg"][2] == "kg" and "best grip trial" in dictionary["grip_strength_kg"][1]
    assert set(EXPORT_COLUMNS) <= set(dictionary)  # every exported column is explained


def test_it_stores_formula_like_text_as_text_in_xlsx(staff_client, cohort):
    sheet = _workbook(staff_client.get(reverse("cohort:export_xlsx"), {"sex": "M"}))["visits"]
    cell = sheet.cell(row=2, column=EXPORT_COLUMNS.index("patient_id") + 1)
    assert cell.data_type == "s" and cell.value == '\'=HYPERLINK("http://x")'


def test_it_pseudonymises_on_request(staff_client, cohort):
    response = staff_client.get(reverse("cohort:export_csv"), {"pseudonymise": "on"})
    text_rows = _csv(response)
    assert "pseudonymised" in response["Content-Disposition"]
    # Rows come ordered by identifier: "=HYPERLINK…" sorts before "A-2", so it is P0001.
    assert [r["patient_id"] for r in text_rows] == ["P0001", "P0001", "P0002"]
    assert [r["date_of_birth"] for r in text_rows] == ["1944", "1944", "1950"]
    assert [r["visit_id"] for r in text_rows] == ["V000001", "V000002", "V000003"]
    raw = "".join(",".join(r.values()) for r in text_rows)
    assert "HYPERLINK" not in raw and "A-2" not in raw and "Eve" not in raw and str(cohort["plain"].pk) not in raw


def test_it_pseudonymises_xlsx_the_same_way(staff_client, cohort):
    sheet = _workbook(staff_client.get(reverse("cohort:export_xlsx"), {"pseudonymise": "on"}))["visits"]
    column = EXPORT_COLUMNS.index("patient_id")
    assert [r[column] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["P0001", "P0001", "P0002"]


def test_it_refuses_an_export_with_invalid_filters_rather_than_exporting_everything(staff_client, cohort):
    response = staff_client.get(reverse("cohort:export_csv"), {"date_from": "2025-05-01", "date_to": "2025-01-01"})
    assert response.status_code == 400
