"""The data manager's import of a device export in the browser: the column mapping, the preview of the
rows as they will be stored, and the link to the imported patients (Debian's chromium)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.support import describe, inject_axe, log_in, run_axe

pytestmark = pytest.mark.e2e

EXPORT = (
    "InBody 770 导出\n"
    "编号,姓,名,性别,出生日期,检测日期,身高(m),体重(kg),握力(lb),四肢骨骼肌量(kg),测量方法,备注\n"
    "A01,王,芳,女,1950/03/04,2026/11/02,1.55,52.3,40,14.2,BIA,复查\n"
    "A02,李,伟,男,1948-05-06,2026/11/03,1.70,68,61.5,20.1,BIA,\n"
)


def no_blocking_violations(page, what: str) -> None:
    assert inject_axe(page) != "missing"
    blocking = [v for v in run_axe(page)["violations"] if v["impact"] in ("serious", "critical")]
    assert not blocking, f"{what}:\n" + describe(blocking)


def upload(page, site, name: str, data: bytes) -> None:
    page.goto("/staff/import/")
    page.select_option("#id_site", str(site.pk))
    page.set_input_files("#id_file", {"name": name, "mimeType": "text/csv", "buffer": data})
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()


def test_a_gbk_device_export_is_mapped_previewed_imported_and_its_patients_linked(open_page, staff, site_a):
    from screening.models import ImportProfile, Patient

    page = open_page("en", viewport=(1366, 768))
    log_in(page, staff.username)
    upload(page, site_a, "inbody.csv", EXPORT.encode("gb18030"))

    # The mapping: encoding detected and shown, each column proposed with its unit, the unknown one listed.
    expect(page).to_have_url(re.compile(r"/staff/import/mapping/$"))
    expect(page.locator("#encoding-detected")).to_contain_text("gb18030")
    expect(page.locator("#id_encoding")).to_have_value("gb18030")
    rows = page.locator("#mapping-table tbody tr")
    expect(rows).to_have_count(12)
    expect(page.locator("#id_field_6")).to_have_value("height_cm")
    expect(page.locator("#id_unit_6")).to_have_value("m")
    expect(page.locator("#id_unit_8")).to_have_value("lb")
    expect(page.locator("#id_field_11")).to_have_value("")
    expect(page.locator("main")).to_contain_text("备注")
    no_blocking_violations(page, "mapping page")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "import-mapping-1366.png", full_page=True)
    page.fill("#id_profile_name", "InBody 770")
    with page.expect_navigation():
        page.locator("button[name=map]").click()

    # The preview: the rows as stored (metres shown as centimetres beside "1.55"), counts of patients.
    table = page.locator("#preview-table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).to_contain_text("155")
    expect(table).to_contain_text("1.55")
    expect(page.locator("#preview-counts")).to_contain_text("2 visits, for 2 new patients and 0 existing")
    expect(page.locator("main")).to_contain_text("Columns not imported: 备注")
    no_blocking_violations(page, "import preview")
    page.screenshot(path=ARTIFACTS / "import-preview-1366.png", full_page=True)
    assert ImportProfile.objects.filter(site=site_a, name="InBody 770").exists()
    with page.expect_navigation():
        page.get_by_role("button", name="Import now").click()

    # After the import: a link to each imported patient, by identifier and name.
    expect(page.locator("[role=status]")).to_contain_text("2 visits imported")
    link = page.locator("#imported-patients a", has_text="A01")
    expect(link).to_contain_text("王 芳")
    with page.expect_navigation():
        link.click()
    expect(page.locator("main")).to_contain_text("A01")
    assert page.url.endswith(f"/patients/{Patient.objects.get(identifier='A01').pk}/")

    # The next file with the same header is recognised: straight to the preview, with the profile named.
    upload(page, site_a, "inbody-2.csv", EXPORT.replace("A01", "A03").replace("A02", "A04").encode("gb18030"))
    expect(page.locator("main")).to_contain_text("InBody 770")
    expect(page.locator("#preview-counts")).to_contain_text("2 new patients")


def test_the_preview_offers_to_skip_invalid_rows_in_one_wording(open_page, staff, site_a):
    from screening.models import Visit

    page = open_page("en", viewport=(1366, 768))
    log_in(page, staff.username)
    text = (
        "patient_id,sex,date_of_birth,visit_date,grip_strength_kg\n"
        "P1,F,1945-02-01,2026-03-01,14.5\nP2,F,1945-02-01,2026-03-01,500\n"
    )
    upload(page, site_a, "v.csv", text.encode())
    row = page.locator("#preview-table tbody tr.table-danger")
    expect(row).to_contain_text("row 3, column grip_strength_kg")
    with page.expect_navigation():
        page.get_by_role("button", name="Import the valid rows and skip the invalid ones").click()
    expect(page.locator("[role=status]")).to_contain_text("1 visits imported")
    assert Visit.objects.count() == 1
