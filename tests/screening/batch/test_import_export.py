"""CSV import: row-level errors with row and column, all-or-nothing, --skip-invalid, BOM; export:
every column, the categories, and a lossless round trip of the input columns."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from screening.catalogue.dictionary import COLUMNS, EXPORT_COLUMNS
from screening.clinical import RULE_SET_VERSION
from screening.models import Patient, Site, Visit
from screening.results.stored_results import details

pytestmark = pytest.mark.django_db

HEADER = "patient_id,sex,date_of_birth,visit_date,grip_strength_kg,gait_speed_m_s,asm_kg,muscle_mass_method,height_cm"


def write(tmp_path: Path, text: str, bom: bool = False) -> Path:
    path = tmp_path / "visits.csv"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def run_import(path: Path, site: str = "site-a", *flags: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_visits", str(path), "--site", site, *flags, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_a_bom_prefixed_file_and_creates_patients_by_identifier(tmp_path, site_a):
    path = write(
        tmp_path,
        f"{HEADER}\nP1,F,1945-02-01,2026-03-01,14.5,0.7,12,DXA,152\n"
        f"P1,F,1945-02-01,2026-09-01,13.9,unable,,,\nP2,M,1950-01-01,2026-03-02,30,,,,\n",
        bom=True,
    )
    out, _err = run_import(path)
    assert "3 visits imported, 2 new patients" in out
    assert Patient.objects.filter(site=site_a).count() == 2
    assert Visit.objects.get(visit_date="2026-09-01").gait_unable is True
    assert not Visit.objects.filter(ewgsop2_category="").exists()
    assert all(set(details(v)) == {"ewgsop2", "awgs2019", "awgs2025", "fnih", "sdoc"} for v in Visit.objects.all())


def test_parsing_in_worker_processes_gives_what_one_process_gives(monkeypatch):
    from screening.batch import importer

    lines = [
        f"P{i},{'FM'[i % 2]},1945-02-01,2026-03-{1 + i % 28:02d},{10 + i % 40},{'abc' if i % 97 == 0 else 0.8},"
        f"{12 + i % 9},{'DXA' if i % 5 else ''},{150 + i % 30}"
        for i in range(1200)
    ]
    data = "\n".join([HEADER, *lines, ",,,,,,,,", "Q,F,1945-02-01,2026-03-01,14.5,0.7,12,DXA,152"]).encode()
    monkeypatch.setattr(importer, "PARALLEL_FROM", 100)
    monkeypatch.setattr(importer, "CHUNK", 250)
    parallel, _ = importer.parse_file(data, jobs=2)
    single, _ = importer.parse_file(data, jobs=1)
    assert parallel == single and len(single) == 1201 and single[-1].number == 1203  # the blank line is skipped
    assert sum(bool(row.errors) for row in single) > 20 and sum(bool(row.warnings) for row in single) > 0


def test_it_reports_every_problem_with_row_and_column_and_writes_nothing(tmp_path, site_a):
    path = write(
        tmp_path,
        f"{HEADER}\nP1,F,1945-02-01,2026-03-01,14.5,0.7,12,DXA,152\nP2,X,1945-02-01,2026-03-01,500,abc,12,,152\n",
    )
    with pytest.raises(CommandError) as excinfo:
        run_import(path)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_visits", str(path), "--site", "site-a", stderr=err)
    lines = err.getvalue()
    assert "row 3, column sex:" in lines
    assert "row 3, column gait_speed_m_s: abc is not a number" in lines
    assert "Nothing was imported" in str(excinfo.value)
    assert Visit.objects.count() == 0 and Patient.objects.count() == 0


def test_it_refuses_a_hard_limit_with_the_forms_message(tmp_path, site_a):
    path = write(tmp_path, f"{HEADER}\nP1,F,1945-02-01,2026-03-01,500,,,,\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_visits", str(path), "--site", "site-a", stderr=err)
    assert "row 2, column grip_strength_kg: 500 kg is not possible" in err.getvalue()


def test_it_requires_a_method_with_muscle_mass(tmp_path, site_a):
    path = write(tmp_path, f"{HEADER}\nP1,F,1945-02-01,2026-03-01,,,15,,\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_visits", str(path), "--site", "site-a", stderr=err)
    assert "row 2, column muscle_mass_method" in err.getvalue()


def test_it_names_an_unknown_column(tmp_path, site_a):
    path = write(tmp_path, "patient_id,sex,date_of_birth,visit_date,grip_kg\nP1,F,1945-02-01,2026-03-01,20\n")
    with pytest.raises(CommandError, match="column grip_kg: unknown column"):
        run_import(path)


def test_it_names_a_missing_required_column(tmp_path, site_a):
    path = write(tmp_path, "patient_id,sex,visit_date\nP1,F,2026-03-01\n")
    with pytest.raises(CommandError, match="column date_of_birth: required column is missing"):
        run_import(path)


def test_it_refuses_a_file_that_is_not_utf8(tmp_path, site_a):
    path = tmp_path / "latin1.csv"
    path.write_bytes(f"{HEADER}\nP1,F,1945-02-01,2026-03-01,14,,,,\n".replace("P1", "Pé").encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        run_import(path)


def test_it_imports_valid_rows_and_reports_the_rest_with_skip_invalid(tmp_path, site_a):
    path = write(tmp_path, f"{HEADER}\nP1,F,1945-02-01,2026-03-01,14.5,,,,\nP2,F,1945-02-01,2026-03-01,-3,,,,\n")
    out, err = run_import(path, "site-a", "--skip-invalid")
    assert "1 visits imported" in out and "row 3, column grip_strength_kg" in err
    assert Visit.objects.count() == 1


def test_it_writes_nothing_on_a_dry_run(tmp_path, site_a):
    path = write(tmp_path, f"{HEADER}\nP1,F,1945-02-01,2026-03-01,14.5,,,,\n")
    out, _err = run_import(path, "site-a", "--dry-run")
    assert "dry run" in out and Visit.objects.count() == 0


def test_it_lists_soft_warnings_per_row_without_blocking(tmp_path, site_a):
    path = write(tmp_path, f"{HEADER}\nP1,F,1945-02-01,2026-03-01,4.0,,,,\n")
    out, _err = run_import(path)
    assert "warning: row 2, column grip_strength_kg" in out
    visit = Visit.objects.get()
    assert visit.warnings and visit.warnings_confirmed is False


def test_it_refuses_a_contradicting_birth_date_for_a_known_patient(tmp_path, site_a):
    path = write(tmp_path, f"{HEADER}\nP1,F,1945-02-01,2026-03-01,14,,,,\nP1,F,1946-02-01,2026-04-01,14,,,,\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_visits", str(path), "--site", "site-a", stderr=err)
    assert "row 3, column date_of_birth" in err.getvalue()


def test_it_refuses_the_same_visit_twice(tmp_path, site_a):
    path = write(tmp_path, f"{HEADER}\nP1,F,1945-02-01,2026-03-01,14,,,,\n")
    run_import(path)
    with pytest.raises(CommandError):
        run_import(path)
    assert Visit.objects.count() == 1


def full_row(**overrides: str) -> dict[str, str]:
    row = {name: "" for name in COLUMNS}
    row.update(
        {
            "patient_id": "RT-1",
            "sex": "M",
            "date_of_birth": "1944-07-15",
            "visit_date": "2026-02-03",
            "setting": "hospital",
            "height_cm": "171.5",
            "weight_kg": "63.25",
            "grip_strength_kg": "24.3",
            "chair_stand_5x_s": "unable",
            "gait_speed_m_s": "0.75",
            "sppb_score": "7",
            "tug_s": "14.2",
            "walk_400m_s": "unable",
            "asm_kg": "17.9",
            "asmi_kg_m2": "6.4",
            "muscle_mass_method": "BIA",
            "calf_circumference_cm": "31.5",
            "sarc_f_score": "5",
            "vitamin_d_25oh_ng_ml": "14.0",
            "hs_crp_mg_l": "5.0",
            "il6_pg_ml": "7.0",
            "tnf_alpha_pg_ml": "9.1",
            "albumin_g_l": "33.5",
            "lymphocyte_count_per_ul": "1100.0",
            "total_testosterone_ng_dl": "280.0",
            "mna_sf_score": "6",
            "mvpa_min_week": "60",
            "hypogonadal_symptoms": "true",
            "dialysis": "false",
            "mobility": "limited",
            "conditions": "copd;diabetes",
            "medications": "none",
            "hba1c_pct": "6.8",
            # AWGS 2025 (DECISIONS.md §8); an unticked box exports as "false"
            "clinical_suspicion": "false",
            "dysphagia": "true",
            "perceived_weakness": "false",
            "weight_loss_kg_6mo": "2.5",
            "finger_ring_test": "smaller",
        }
    )
    row.update(overrides)
    return row


def test_imported_visits_hold_the_results_of_screening_them_as_saved(tmp_path, site_b):
    from screening.catalogue.adapters import measurements_for_visit
    from screening.results.stored_results import compute

    rows = [
        full_row(),
        full_row(
            patient_id="RT-2",
            sex="F",
            setting="",
            chair_stand_5x_s="12.5",
            conditions="",
            medications="",
            asmi_kg_m2="",
            muscle_mass_method="DXA",
        ),
    ]
    source = tmp_path / "in.csv"
    with source.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    run_import(source, "site-b")  # a hospital ward: a row without a setting is a hospital visit
    assert Visit.objects.get(patient__identifier="RT-2").setting == "hospital"
    for visit in Visit.objects.select_related("patient__site"):
        fresh = compute(measurements_for_visit(visit))
        assert (visit.results_digest, visit.incomplete_sets) == (fresh.digest, fresh.incomplete_sets)


def test_it_round_trips_the_input_columns_through_export_and_import(tmp_path, site_a, site_b):
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerow(full_row())
        writer.writerow(
            full_row(
                visit_date="2026-08-03",
                grip_strength_kg="22.0",
                chair_stand_5x_s="13.4",
                conditions="",
                medications="",
                setting="community",
            )
        )
    run_import(source)
    first = tmp_path / "out1.csv"
    call_command("export_visits", "--out", str(first), "--site", "site-a", stdout=io.StringIO())
    exported = list(csv.DictReader(first.open(encoding="utf-8-sig")))
    assert list(exported[0].keys()) == list(EXPORT_COLUMNS)
    original = list(csv.DictReader(source.open(encoding="utf-8")))
    for before, after in zip(original, exported):
        assert {k: after[k] for k in COLUMNS} == before
        assert after["ewgsop2"] and after["awgs2019"] and after["awgs2025"] and after["rule_set_version"]
    assert [r["age_years"] for r in exported] == ["81", "82"]
    # and the export imports again into another site unchanged
    inputs_only = tmp_path / "again.csv"
    with inputs_only.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(COLUMNS), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(exported)
    run_import(inputs_only, "site-b")
    second = tmp_path / "out2.csv"
    call_command("export_visits", "--out", str(second), "--site", "site-b", stdout=io.StringIO())
    again = list(csv.DictReader(second.open(encoding="utf-8-sig")))
    assert [{k: r[k] for k in COLUMNS} for r in again] == [{k: r[k] for k in COLUMNS} for r in exported]


def test_it_escapes_formula_like_identifiers_on_export(tmp_path, site_a):
    from datetime import date

    patient = Patient.objects.create(
        site=site_a, identifier="=cmd|' /C calc'!A0", sex="F", date_of_birth=date(1940, 1, 1)
    )
    Visit.objects.create(patient=patient, visit_date=date(2026, 1, 1), setting="community")
    out = tmp_path / "x.csv"
    call_command("export_visits", "--out", str(out), stdout=io.StringIO())
    assert "'=cmd" in out.read_text(encoding="utf-8-sig")


def test_it_rescreens_every_visit_and_reports_changes(tmp_path, site_a):
    path = write(tmp_path, f"{HEADER}\nP1,F,1945-02-01,2026-03-01,14.5,0.7,12,DXA,152\n")
    run_import(path)
    Visit.objects.update(ewgsop2_category="no_sarcopenia")
    out = io.StringIO()
    call_command("rescreen", "--no-progress", stdout=out)
    assert "ewgsop2: 1 visits changed category" in out.getvalue()
    assert Visit.objects.get().ewgsop2_category != "no_sarcopenia"
    assert Site.objects.count() == 1


def test_staff_preview_an_import_in_the_browser_before_anything_is_written(client, staff, site_a):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(staff)
    upload = SimpleUploadedFile("v.csv", f"{HEADER}\nP1,F,1945-02-01,2026-03-01,14.5,0.7,12,DXA,152\n".encode())
    response = client.post(reverse("screening:import_visits"), {"site": site_a.pk, "file": upload})
    assert response.status_code == 200 and response.context["report"].rows == 1
    assert Visit.objects.count() == 0
    token = response.context["token"]
    response = client.post(reverse("screening:import_confirm"), {"token": token})
    assert response.context["done"].imported == 1 and Visit.objects.count() == 1


def test_the_browser_preview_lists_row_errors_and_offers_no_import(client, staff, site_a):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(staff)
    upload = SimpleUploadedFile("v.csv", f"{HEADER}\nP1,F,1945-02-01,2026-03-01,500,,,,\n".encode())
    response = client.post(reverse("screening:import_visits"), {"site": site_a.pk, "file": upload})
    assert "row 2, column grip_strength_kg" in response.content.decode() and not response.context["token"]


def test_clinicians_cannot_reach_import_or_export(client_a):
    from django.urls import reverse

    assert client_a.get(reverse("screening:import_visits")).status_code == 403
    assert client_a.get(reverse("screening:export_visits")).status_code == 403


def test_staff_download_the_export_csv(client, staff, tmp_path, site_a):
    from django.urls import reverse

    path = write(tmp_path, f"{HEADER}\nP1,F,1945-02-01,2026-03-01,14.5,0.7,12,DXA,152\n")
    run_import(path)
    client.force_login(staff)
    response = client.get(reverse("screening:export_visits"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert (
        len(rows) == 1 and rows[0]["patient_id"] == "P1" and rows[0]["ewgsop2"] == "severe"
    )  # grip 14.5 < 16, ASMI 5.19 < 5.5, gait 0.7 ≤ 0.8


def test_the_upgrade_to_2026_2_moves_unmeasured_performance_out_of_no_sarcopenia(tmp_path, site_a):
    """DECISIONS.md §4 rule 4 (rule-set 2026.2): normal grip without a performance test was no_sarcopenia
    under 2026.1 and is insufficient_data now; rescreen reports it per set."""
    path = write(tmp_path, "patient_id,sex,date_of_birth,visit_date,grip_strength_kg\nP1,F,1945-02-01,2026-03-01,25\n")
    run_import(path)
    assert Visit.objects.get().awgs2019_category == "insufficient_data"
    Visit.objects.update(awgs2019_category="no_sarcopenia", rule_set_version="2026.1")  # as stored before
    out = io.StringIO()
    call_command("rescreen", "--no-progress", stdout=out)
    assert f"under rule set {RULE_SET_VERSION}" in out.getvalue()
    assert "awgs2019: 1 visits changed category" in out.getvalue()
    visit = Visit.objects.get()
    assert (visit.awgs2019_category, visit.rule_set_version) == ("insufficient_data", RULE_SET_VERSION)


def test_the_gait_course_travels_through_import_and_export(tmp_path, site_a):
    """DECISIONS.md §1: the course is recorded with a directly entered speed; 4 or 6 m only."""
    path = write(
        tmp_path,
        "patient_id,sex,date_of_birth,visit_date,gait_speed_m_s,gait_course_m\n"
        "P1,F,1945-02-01,2026-03-01,0.9,6\nP2,M,1945-02-01,2026-03-01,1.1,4\n",
    )
    run_import(path)
    assert sorted(Visit.objects.values_list("gait_course_m", flat=True)) == [4.0, 6.0]
    out = tmp_path / "x.csv"
    call_command("export_visits", "--out", str(out), stdout=io.StringIO())
    rows = {r["patient_id"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))}
    assert (rows["P1"]["gait_course_m"], rows["P1"]["gait_speed_m_s"]) == ("6.0", "0.9")


def test_it_refuses_a_gait_course_other_than_4_or_6_metres_with_its_row(tmp_path, site_a):
    path = write(
        tmp_path,
        "patient_id,sex,date_of_birth,visit_date,gait_speed_m_s,gait_course_m\nP1,F,1945-02-01,2026-03-01,0.9,5\n",
    )
    with pytest.raises(CommandError):
        run_import(path)
    assert Visit.objects.count() == 0


def test_the_export_lists_the_caveats_of_each_set(tmp_path, site_a):
    """DECISIONS.md §7: a 55-year-old with BIA mass: under-60 caveat under every set, FNIH's BIA caveat."""
    path = write(tmp_path, f"{HEADER}\nP1,F,1971-02-01,2026-03-01,14.5,0.7,12,BIA,152\n")
    run_import(path)
    out = tmp_path / "x.csv"
    call_command("export_visits", "--out", str(out), stdout=io.StringIO())
    (row,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    assert row["caveats"].split(";") == [
        "awgs2019:age_under_60_awgs",
        "ewgsop2:age_under_60_older_adults",
        "fnih:age_under_60_older_adults",
        "fnih:fnih_mass_by_bia",
        "sdoc:age_under_60_older_adults",
    ]
