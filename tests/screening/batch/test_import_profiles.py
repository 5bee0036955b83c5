"""Device exports through saved column mappings: encodings (GB18030, UTF-8 with BOM, Big5/cp950), XLSX,
synonyms in Chinese and English, units converted once, and the ordinary row checks unchanged."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from screening.batch import import_profiles
from screening.batch.importer import parse_file
from screening.clinical.measurements import LB_TO_KG
from screening.models import ImportProfile, Patient, Visit

pytestmark = pytest.mark.django_db

# A body-composition analyser's export: a title line, then its own header (simplified Chinese).
ANALYSER_ZH = (
    "InBody 770 导出 2026-11\n"
    "编号,姓,名,性别,出生日期,检测日期,身高(m),体重(kg),握力(lb),四肢骨骼肌量(kg),测量方法,备注\n"
    "A01,王,芳,女,1950/03/04,2026/11/02,1.55,52.3,40,14.2,BIA,复查\n"
    "A02,李,伟,男,1948-05-06,2026/11/03,1.70,68,61.5,20.1,BIA,\n"
)
ANALYSER_EN = (
    "Patient ID,Gender,Birth Date,Test Date,Height (cm),Weight (lb),Grip (kg),ASM (kg),Method\n"
    "E01,Female,1946-07-08,2026-10-05,158,121.3,17.5,13.9,BIA\n"
)
ANALYSER_TW = "病歷號,性別,出生日期,檢測日期,身高(cm),體重(kg),小腿圍(cm)\nT01,女,1950-01-02,2026-10-01,152,50.5,31\n"


def mapping_of(header: list[str]) -> list[tuple[str, str]]:
    return [(column.field, column.unit) for column in import_profiles.propose(header)]


def test_a_gb18030_export_is_detected_its_header_found_and_its_columns_proposed():
    table = import_profiles.read_table(ANALYSER_ZH.encode("gb18030"), "inbody.csv")
    assert table.detected == "gb18030" and table.encoding == "gb18030"
    assert table.header[0] == "编号" and [n for n, _cells in table.rows] == [3, 4]  # the title line is skipped
    assert mapping_of(table.header) == [
        ("patient_id", ""),
        ("family_name", ""),
        ("given_name", ""),
        ("sex", ""),
        ("date_of_birth", ""),
        ("visit_date", ""),
        ("height_cm", "m"),
        ("weight_kg", "kg"),
        ("grip_strength_kg", "lb"),
        ("asm_kg", "kg"),
        ("muscle_mass_method", ""),
        ("", ""),
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_units_are_converted_once_with_the_engines_factors_and_names_kept(encoding):
    table = import_profiles.read_table(ANALYSER_ZH.encode(encoding), "inbody.csv")
    rows, problems = import_profiles.parse_table(table, import_profiles.propose(table.header))
    assert problems == [] and [row.errors for row in rows] == [[], []]
    first = rows[0]
    assert first.patient == {
        "patient_id": "A01",
        "sex": "F",
        "date_of_birth": first.patient["date_of_birth"],
        "family_name": "王",
        "given_name": "芳",
    }
    assert str(first.patient["date_of_birth"]) == "1950-03-04" and str(first.values["visit_date"]) == "2026-11-02"
    assert first.values["height_cm"] == pytest.approx(155.0)
    assert first.values["grip_strength_kg"] == 40 * LB_TO_KG  # unrounded (DECISIONS.md §1)


def test_a_big5_export_from_taiwan_reads_with_cp950():
    table = import_profiles.read_table(ANALYSER_TW.encode("big5"), "tw.csv")
    assert table.detected == "cp950"
    assert mapping_of(table.header)[:4] == [("patient_id", ""), ("sex", ""), ("date_of_birth", ""), ("visit_date", "")]
    assert mapping_of(table.header)[-1] == ("calf_circumference_cm", "cm")


def test_an_overridden_encoding_that_does_not_fit_is_refused_by_name():
    with pytest.raises(import_profiles.ImportFileError, match="utf-8"):
        import_profiles.read_table(ANALYSER_ZH.encode("gb18030"), "inbody.csv", "utf-8")


def xlsx_bytes(text: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in text.strip().split("\n"):
        sheet.append([float(c) if c.replace(".", "", 1).isdigit() else c for c in line.split(",")])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_export_reads_as_the_same_rows_as_its_csv():
    from_xlsx = import_profiles.read_table(xlsx_bytes(ANALYSER_EN), "export.xlsx")
    from_csv = import_profiles.read_table(ANALYSER_EN.encode("utf-8-sig"), "export.csv")
    assert from_xlsx.encoding == "xlsx" and from_xlsx.header == from_csv.header
    assert from_xlsx.rows == from_csv.rows
    rows, problems = import_profiles.parse_table(from_xlsx, import_profiles.propose(from_xlsx.header))
    assert problems == [] and rows[0].values["weight_kg"] == 121.3 * LB_TO_KG and rows[0].patient["sex"] == "F"


def test_a_bad_row_is_refused_with_the_same_message_as_in_a_data_dictionary_csv():
    device = ANALYSER_EN + "E02,M,1940-01-01,2026-10-05,170,150,500,20,BIA\n"
    table = import_profiles.read_table(device.encode(), "x.csv")
    rows, _problems = import_profiles.parse_table(table, import_profiles.propose(table.header))
    canonical = (
        "patient_id,sex,date_of_birth,visit_date,height_cm,weight_kg,grip_strength_kg,asm_kg,"
        f"muscle_mass_method\nE02,M,1940-01-01,2026-10-05,170,{150 * LB_TO_KG!r},500,20,BIA\n"
    )
    expected, _ = parse_file(canonical.encode())
    assert rows[1].errors == [e.replace("row 2,", "row 3,") for e in expected[0].errors]
    assert any("grip_strength_kg" in e for e in rows[1].errors)


def test_a_mapping_must_name_the_required_fields_and_each_field_once():
    mapping = [
        import_profiles.ColumnMap("a", "patient_id"),
        import_profiles.ColumnMap("b", "patient_id"),
        import_profiles.ColumnMap("c", "weight_kg", "cm"),
    ]
    problems = import_profiles.mapping_problems(mapping)
    assert "columns a and b both map to patient_id" in problems
    assert "column c: cm is not a unit of weight_kg" in problems
    assert "no column maps to the required field visit_date" in problems


def save_profile(site, text: str, name: str = "InBody 770") -> ImportProfile:
    header = import_profiles.read_table(text.encode("utf-8-sig"), "x.csv").header
    return ImportProfile.objects.create(
        site=site, name=name, columns=[c.as_dict() for c in import_profiles.propose(header)]
    )


def run(path: Path, *flags: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_visits", str(path), "--site", "site-a", *flags, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_line_imports_a_gbk_export_with_a_saved_profile_and_lists_unknown_columns(tmp_path, site_a):
    save_profile(site_a, ANALYSER_ZH)
    path = tmp_path / "inbody.csv"
    path.write_bytes(
        ANALYSER_ZH.replace("备注\n", "备注,体脂率(%)\n")
        .replace("复查\n", "复查,30.1\n")
        .replace("BIA,\n", "BIA,,25.0\n")
        .encode("gbk")
    )
    out, _err = run(path, "--profile", "InBody 770")
    assert "encoding: gb18030" in out and "2 visits imported, 2 new patients" in out
    assert "warning: column '体脂率(%)' is not in profile 'InBody 770': not imported" in out
    assert Patient.objects.get(identifier="A01").name == "王 芳"
    assert Visit.objects.get(patient__identifier="A02").grip_strength_kg == pytest.approx(61.5 * LB_TO_KG)


def test_the_command_line_refuses_bad_rows_with_their_row_number_and_writes_nothing(tmp_path, site_a):
    save_profile(site_a, ANALYSER_ZH)
    path = tmp_path / "inbody.csv"
    path.write_bytes(ANALYSER_ZH.replace("1.70,68,61.5", "1.70,68,abc").encode("gb18030"))
    with pytest.raises(CommandError, match="Nothing was imported"):
        run(path, "--profile", "InBody 770")
    assert Visit.objects.count() == 0
    with pytest.raises(CommandError, match="no import profile 'Other'"):
        run(path, "--profile", "Other")


def test_the_browser_maps_an_export_saves_the_profile_and_recognises_the_next_file(client, staff, site_a, tmp_path):
    client.force_login(staff)
    data = ANALYSER_ZH.encode("gb18030")
    response = client.post(
        reverse("screening:import_visits"), {"site": site_a.pk, "file": SimpleUploadedFile("inbody.csv", data)}
    )
    assert response.status_code == 302 and response.url == reverse("screening:import_mapping")
    page = client.get(response.url)
    assert page.context["table"].detected == "gb18030" and page.context["unknown"] == ["备注"]
    form = {f"field_{i}": field for i, (field, _unit) in enumerate(mapping_of(page.context["table"].header))}
    form |= {f"unit_{i}": unit for i, (_field, unit) in enumerate(mapping_of(page.context["table"].header))}
    response = client.post(
        reverse("screening:import_mapping"), {**form, "encoding": "gb18030", "profile_name": "InBody 770", "map": "1"}
    )
    assert response.context["report"].rows == 2 and response.context["ignored"] == ["备注"]
    assert Visit.objects.count() == 0
    saved = ImportProfile.objects.get(site=site_a, name="InBody 770")
    assert saved.history.count() == 1 and saved.encoding == "gb18030"
    done = client.post(reverse("screening:import_confirm"), {"token": response.context["token"]})
    assert done.context["done"].imported == 2

    # The next file with the same header goes straight to the preview, mapped by the profile.
    again = ANALYSER_ZH.replace("A01", "A03").replace("A02", "A04").encode("gb18030")
    response = client.post(
        reverse("screening:import_visits"), {"site": site_a.pk, "file": SimpleUploadedFile("inbody2.csv", again)}
    )
    assert response.status_code == 200 and response.context["profile"] == "InBody 770"
    client.post(reverse("screening:import_confirm"), {"token": response.context["token"]})

    # The command line with the same profile gives the same visits as the browser.
    path = tmp_path / "inbody.csv"
    path.write_bytes(ANALYSER_ZH.replace("A01", "C01").replace("A02", "C02").encode("gb18030"))
    run(path, "--profile", "InBody 770")
    fields = ("height_cm", "weight_kg", "grip_strength_kg", "asm_kg", "muscle_mass_method", "ewgsop2_category")
    by_browser = list(
        Visit.objects.filter(patient__identifier__in=["A01", "A02"])
        .order_by("patient__identifier")
        .values_list(*fields)
    )
    by_command = list(
        Visit.objects.filter(patient__identifier__in=["C01", "C02"])
        .order_by("patient__identifier")
        .values_list(*fields)
    )
    assert by_browser == by_command


def test_a_data_dictionary_csv_still_needs_no_mapping(client, staff, site_a):
    client.force_login(staff)
    text = "patient_id,sex,date_of_birth,visit_date\nP1,F,1945-02-01,2026-03-01\n"
    response = client.post(
        reverse("screening:import_visits"), {"site": site_a.pk, "file": SimpleUploadedFile("v.csv", text.encode())}
    )
    assert response.status_code == 200 and response.context["report"].rows == 1 and not response.context["profile"]


def test_the_preview_shows_the_rows_in_canonical_units_beside_the_source_and_counts_patients(
    client, staff, site_a, patient_a
):
    client.force_login(staff)
    save_profile(site_a, ANALYSER_EN, name="Analyser EN")
    known = patient_a.identifier
    text = (
        ANALYSER_EN + f"{known},{'Female' if patient_a.sex == 'F' else 'Male'},{patient_a.date_of_birth},"
        "2026-10-06,160,110,18,14,BIA\nE03,Male,1940-01-01,2026-10-05,170,150,500,20,BIA\n"
    )
    response = client.post(
        reverse("screening:import_visits"),
        {"site": site_a.pk, "file": SimpleUploadedFile("x.csv", text.encode("utf-8-sig"))},
    )
    preview = response.context["preview"]
    assert (preview.visits, preview.patients_new, preview.patients_existing) == (2, 1, 1)
    assert [row.new_patient for row in preview.rows] == [True, False, None]
    weight = preview.rows[0].cells[preview.columns.index("weight_kg")]
    assert (weight.value, weight.source) == (f"{round(121.3 * LB_TO_KG, 2):g}", "121.3")
    assert preview.rows[0].cells[preview.columns.index("sex")].source == "Female"
    assert any("grip_strength_kg" in e for e in preview.rows[2].errors)
    page = response.content.decode()
    assert "Import the valid rows and skip the invalid ones" in page and 'id="preview-table"' in page
    done = client.post(reverse("screening:import_confirm"), {"token": response.context["token"], "skip_invalid": "1"})
    assert done.context["done"].imported == 2 and Visit.objects.count() == 2
    assert sorted(p.identifier for p in done.context["patients"]) == sorted(["E01", known])
    assert reverse("screening:patient_detail", args=[Patient.objects.get(identifier="E01").pk]) in done.content.decode()


def test_a_data_dictionary_csv_with_name_columns_names_the_new_patients(client, staff, site_a):
    client.force_login(staff)
    text = "patient_id,family_name,given_name,sex,date_of_birth,visit_date,grip_strength_kg\nP1,Chen,Mei,F,1945-02-01,2026-03-01,20\n"
    response = client.post(
        reverse("screening:import_visits"), {"site": site_a.pk, "file": SimpleUploadedFile("v.csv", text.encode())}
    )
    assert response.status_code == 200 and response.context["preview"].columns[:3] == [
        "patient_id",
        "family_name",
        "given_name",
    ]
    client.post(reverse("screening:import_confirm"), {"token": response.context["token"]})
    assert Patient.objects.get(identifier="P1").name == "Chen Mei"


def test_the_mapping_page_rereads_with_a_chosen_encoding_and_names_one_that_does_not_fit(client, staff, site_a):
    client.force_login(staff)
    client.post(
        reverse("screening:import_visits"),
        {"site": site_a.pk, "file": SimpleUploadedFile("tw.csv", ANALYSER_TW.encode("big5"))},
    )
    page = client.post(reverse("screening:import_mapping"), {"encoding": "utf-8", "reread": "1"})
    assert "cannot be read as utf-8" in page.content.decode() and page.context["table"].encoding == "cp950"
    page = client.post(reverse("screening:import_mapping"), {"encoding": "big5", "reread": "1"})
    assert page.context["problems"] == [] and page.context["table"].header[0] == "病歷號"
