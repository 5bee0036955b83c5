"""Labelled SPSS/Stata exports: read back with pyreadstat, labels, value labels and missing codes intact."""

from __future__ import annotations

import io
from datetime import date

import pyreadstat
import pytest
from django.core.management import call_command
from django.urls import reverse

from screening.catalogue.dictionary import EXPORT_COLUMNS
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.models import AccessEvent
from tests.screening.cohort.cohort_support import patient, reviewer, visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(site_a):
    man = patient(site_a, "M-1", sex="M", born=date(1944, 8, 9))
    visit(
        man,
        date(2025, 1, 1),
        {"ewgsop2": "severe"},
        grip_strength_kg=14.5,
        chair_stand_unable=True,
        muscle_mass_method="BIA",
        asm_kg=15.0,
        hospitalised_last_90d=True,
    )
    woman = patient(site_a, "F-1", sex="F", born=date(1950, 2, 3))
    visit(woman, date(2025, 2, 1), grip_strength_kg=22.0, chair_stand_5x_s=11.2, muscle_mass_method="DXA")
    return {"man": man, "woman": woman}


def _read(path, fmt, **kwargs):
    reader = pyreadstat.read_sav if fmt == "sav" else pyreadstat.read_dta
    return reader(str(path), **kwargs)


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_it_writes_values_labels_and_distinct_missing_codes_that_read_back(cohort, tmp_path, fmt):
    out = tmp_path / f"visits.{fmt}"
    call_command("export_visits", "--out", str(out), stdout=io.StringIO())
    frame, meta = _read(out, fmt, user_missing=True)
    assert list(frame.columns) == list(EXPORT_COLUMNS)
    rows = {r["patient_id"]: r for r in frame.to_dict("records")}
    assert rows["M-1"]["grip_strength_kg"] == 14.5 and rows["F-1"]["chair_stand_5x_s"] == 11.2
    labels = dict(zip(meta.column_names, meta.column_labels))
    assert labels["grip_strength_kg"].startswith("Grip strength, best trial (kgf)")
    values = meta.variable_value_labels
    assert values["sex"][rows["M-1"]["sex"]].startswith("Male") and values["sex"][rows["F-1"]["sex"]].startswith(
        "Female"
    )
    assert values["muscle_mass_method"][rows["M-1"]["muscle_mass_method"]].startswith("BIA")
    assert values["ewgsop2"][rows["M-1"]["ewgsop2"]].startswith("Severe")
    assert values["hospitalised_last_90d"][rows["M-1"]["hospitalised_last_90d"]].startswith("yes")
    unable, not_measured = (-8.0, -9.0) if fmt == "sav" else ("b", "a")
    # "unable to perform" and "not measured" stay distinct, and both are declared missing
    assert rows["M-1"]["chair_stand_5x_s"] == unable and rows["F-1"]["asm_kg"] == not_measured
    assert values["chair_stand_5x_s"][unable] == "unable to perform"
    assert values["asm_kg"][not_measured] == "not measured"
    plain, _meta = _read(out, fmt)  # without user_missing, both read as missing
    assert plain["chair_stand_5x_s"].isna().sum() == 1 and plain["asm_kg"].isna().sum() == 1
    assert (tmp_path / "visits.codebook.html").read_text(encoding="utf-8").count("<tr id=") == len(EXPORT_COLUMNS)


def test_spss_labels_are_bilingual_and_the_missing_codes_declared(cohort, tmp_path):
    out = tmp_path / "visits.sav"
    call_command("export_visits", "--out", str(out), stdout=io.StringIO())
    _frame, meta = pyreadstat.read_sav(str(out), user_missing=True)
    labels = dict(zip(meta.column_names, meta.column_labels))
    assert labels["grip_strength_kg"] == "Grip strength, best trial (kgf) · 握力（最大值）"
    assert meta.missing_ranges["chair_stand_5x_s"] == [{"lo": -9.0, "hi": -9.0}, {"lo": -8.0, "hi": -8.0}]
    assert meta.missing_ranges["sex"] == [{"lo": -9.0, "hi": -9.0}]


def test_every_category_column_of_the_registry_gets_value_labels(cohort, tmp_path):
    out = tmp_path / "visits.dta"
    call_command("export_visits", "--out", str(out), stdout=io.StringIO())
    _frame, meta = pyreadstat.read_dta(str(out), metadataonly=True)
    for code in CRITERIA_SETS:
        if code in EXPORT_COLUMNS:
            assert {label.split(" · ")[0] for label in meta.variable_value_labels[code].values()} >= {"not measured"}
            assert len(meta.variable_value_labels[code]) == len(CRITERIA_SETS[code].categories) + 1


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_the_browser_download_follows_the_filters_pseudonymises_and_is_logged(client, cohort, tmp_path, fmt):
    client.force_login(reviewer("root", superuser=True))
    response = client.get(reverse("cohort:export_statistical", args=[fmt]), {"sex": "F", "pseudonymise": "on"})
    assert response.status_code == 200 and "pseudonymised" in response["Content-Disposition"]
    path = tmp_path / f"download.{fmt}"
    path.write_bytes(b"".join(response.streaming_content))
    frame, meta = _read(path, fmt)
    assert list(frame["patient_id"]) == ["P0001"] and list(frame["date_of_birth"]) == [1950.0]
    assert AccessEvent.objects.filter(action="export", target__startswith=f"cohort.{fmt} visits=1").exists()


def test_a_clinician_cannot_download_the_statistical_export(client, clinician_a, cohort):
    client.force_login(clinician_a)
    assert client.get(reverse("cohort:export_statistical", args=["sav"])).status_code == 403
    assert client.get(reverse("cohort:codebook")).status_code == 403


def test_an_unknown_format_is_not_found(client, cohort):
    client.force_login(reviewer("root", superuser=True))
    assert client.get(reverse("cohort:export_statistical", args=["xls"])).status_code == 404


def test_the_codebook_names_each_missing_code_and_the_fhir_codes(client):
    from screening.interop.stats import codebook_html

    html = codebook_html()
    assert "SPSS -9 / Stata .a" in html and "SPSS -8 / Stata .b" in html
    assert "-8 / .b = unable to perform" in html and "83172-7 (4 m course)" in html and "8302-2" in html


def _rows(count: int) -> list[dict[str, str]]:
    """Rows that exercise every kind of column: long and Chinese text (an SPSS string over 255 bytes), blank
    and "unable" numbers, codes, dates, and a column never measured."""
    from screening.interop.stats import variables

    rows = []
    for i in range(count):
        row = {}
        for var in variables():
            if var.kind == "text":
                row[var.name] = "肌少症" * 90 + "x" * i * 7 if var.name == "caveats" else (f"P{i}" if i % 3 else "")
            elif var.kind == "date":
                row[var.name] = "" if i == 2 else f"20{10 + i:02d}-03-04"
            elif var.codes:
                row[var.name] = "" if i % 4 == 1 else list(var.codes)[i % len(var.codes)]
            else:
                row[var.name] = "unable" if var.unable and i % 3 == 0 else ("" if i % 2 else f"{i}.5")
        rows.append({**row, "il6_pg_ml": ""})
    return rows


def _whole_frame_file(rows, out, fmt):
    """What pyreadstat writes from one data frame of all the rows (the sentinel row taken out)."""
    from screening.interop import stats

    spec = stats.variables()
    cells = [[row[var.name] for var in spec] for row in rows]
    widths = {var.name: max(len(c[i].encode()) for c in cells) for i, var in enumerate(spec) if var.kind == "text"}
    frame = stats._frame(spec, cells, fmt=fmt, widths=widths).iloc[1:].reset_index(drop=True)
    stats._write_part(frame, out, spec, fmt=fmt)


def _without_timestamp(data: bytes, fmt: str) -> bytes:
    if fmt == "sav":  # creation date and time: bytes 92-108 of the header
        return data[:92] + data[109:]
    return data[: data.index(b"<timestamp>")] + data[data.index(b"</timestamp>") :]


@pytest.mark.parametrize("fmt", ["sav", "dta"])
@pytest.mark.parametrize("count", [1, 6, 8])  # one chunk, whole chunks, a partial last chunk (3 rows a chunk)
def test_a_file_written_in_chunks_is_the_file_pyreadstat_writes_from_one_frame(monkeypatch, tmp_path, fmt, count):
    from screening.interop import stats

    rows = _rows(count)
    monkeypatch.setattr(stats, "CHUNK_ROWS", 3)
    assert stats.write(iter(rows), tmp_path / f"chunked.{fmt}", fmt=fmt) == count
    _whole_frame_file(rows, tmp_path / f"whole.{fmt}", fmt)
    chunked, whole = (_without_timestamp((tmp_path / f"{n}.{fmt}").read_bytes(), fmt) for n in ("chunked", "whole"))
    assert chunked == whole
    frame, meta = _read(tmp_path / f"chunked.{fmt}", fmt, user_missing=True)
    assert meta.number_rows == count and frame["caveats"].str.len().max() > 255
    unable = -8.0 if fmt == "sav" else "b"
    assert frame["chair_stand_5x_s"].iloc[0] == unable and frame["il6_pg_ml"].isna().sum() == 0  # all "not measured"


def test_the_second_pass_reports_each_chunk_it_writes(monkeypatch, tmp_path):
    # export_visits' "write" progress bar: 8 rows in chunks of 3 are reported as 3, 3, 2
    from screening.interop import stats

    monkeypatch.setattr(stats, "CHUNK_ROWS", 3)
    reported: list[int] = []
    assert stats.write(iter(_rows(8)), tmp_path / "progress.sav", fmt="sav", written=reported.append) == 8
    assert reported == [3, 3, 2]


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_an_empty_export_is_a_file_with_every_variable_and_no_rows(tmp_path, fmt):
    from screening.interop import stats

    assert stats.write(iter([]), tmp_path / f"empty.{fmt}", fmt=fmt) == 0
    frame, meta = _read(tmp_path / f"empty.{fmt}", fmt)
    assert len(frame) == 0 and meta.column_names == list(EXPORT_COLUMNS)
    assert meta.original_variable_types["visit_date"] in ("DATE11", "%td")  # still a date


def test_text_too_long_for_stata_stops_the_export_before_any_file_is_written(tmp_path):
    from screening.interop import stats

    rows = _rows(2)
    rows[1]["caveats"] = "x" * (stats.STATA_STR_MAX + 1)
    with pytest.raises(ValueError, match="caveats"):
        stats.write(iter(rows), tmp_path / "long.dta", fmt="dta")
    assert list(tmp_path.iterdir()) == []
    assert stats.write(iter(rows), tmp_path / "long.sav", fmt="sav") == 2  # SPSS takes long strings
    assert [p.name for p in tmp_path.iterdir()] == ["long.sav"]
