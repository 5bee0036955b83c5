"""Patient data stays private: never in logs, files private to the app, staged imports short-lived,
no browser caching of patient pages, and invalid searches or filters show nothing."""

from __future__ import annotations

import io
import json
import logging
import os
import stat
import time
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from screening.models import Visit
from screening.visits.services import visit_save

pytestmark = pytest.mark.django_db

CSV = b"patient_id,sex,date_of_birth,visit_date,grip_strength_kg\nP1,F,1945-02-01,2026-03-01,14.5\n"


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# --- logs ------------------------------------------------------------------------------------------------


@pytest.fixture
def json_log():
    """The configured console handler (JSON, with the PHI filter), writing into a string."""
    handler = next(h for h in logging.getLogger().handlers if h.formatter.__class__.__name__ == "JsonFormatter")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_a_missing_glyph_of_a_patients_name_never_reaches_the_log(json_log, patient_a, monkeypatch):
    from screening.reports.pdf import render_pdf

    render_pdf("<html><body><p>王秀英\ue000\U000f0001</p></body></html>")
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    glyphs = [line for line in lines if line["logger"].startswith("weasyprint")]
    assert glyphs, "the renderer warned about the missing glyphs"
    text = json_log.getvalue()
    assert "\ue000" not in text and "E000" not in text and "F0001" not in text and "\\ue000" not in text
    assert all("text withheld" in line["message"] for line in glyphs)


def test_font_warnings_keep_their_wording_without_arguments(json_log):
    logging.getLogger("weasyprint").warning("Font-face %r cannot be loaded", "王秀英")
    logging.getLogger("fontTools.subset").warning("Missing glyphs for requested Unicodes: %s", [0x738B])
    entries = [json.loads(line) for line in json_log.getvalue().splitlines()]
    assert [e["message"] for e in entries] == [
        "weasyprint: Font-face %r cannot be loaded (arguments withheld)",
        "fontTools.subset: a character no font has was drawn as a box (text withheld)",
    ]


def test_other_loggers_keep_their_arguments(json_log):
    logging.getLogger("screening.cohort.views").warning("cohort export %s", "csv")
    assert json.loads(json_log.getvalue())["message"] == "cohort export csv"


# --- files under var/ ------------------------------------------------------------------------------------


@pytest.fixture
def var(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _preview(client, site, data: bytes = CSV):
    response = client.post(
        reverse("screening:import_visits"), {"site": site.pk, "file": SimpleUploadedFile("v.csv", data)}
    )
    return response.context["token"]


def test_a_staged_import_is_private_and_deleted_after_the_confirmation(staff_client, site_a, var):
    old = os.umask(0o022)
    try:
        token = _preview(staff_client, site_a)
    finally:
        os.umask(old)
    staged = var / "imports" / f"{token}.csv"
    assert (mode(staged), mode(staged.parent)) == (0o600, 0o700)
    staff_client.post(reverse("screening:import_confirm"), {"token": token})
    assert Visit.objects.count() == 1 and not staged.exists()


def test_a_new_preview_deletes_the_file_of_the_one_it_replaces(staff_client, site_a, var):
    first = _preview(staff_client, site_a)
    second = _preview(staff_client, site_a)
    assert [p.name for p in (var / "imports").iterdir()] == [f"{second}.csv"] and first != second


def test_a_failed_import_deletes_its_staged_file(staff_client, site_a, var, monkeypatch):
    from screening.batch import views as staff_views

    token = _preview(staff_client, site_a)

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(staff_views, "visits_import", broken)
    staff_client.raise_request_exception = False
    response = staff_client.post(reverse("screening:import_confirm"), {"token": token})
    assert response.status_code == 500
    assert not list((var / "imports").iterdir())


def test_the_purge_command_deletes_unconfirmed_previews_older_than_the_limit(
    staff_client, staff, site_a, var, settings
):
    from django.test import Client

    settings.IMPORT_STAGING_MAX_HOURS = 24
    other = Client()
    other.force_login(staff)  # a second session: its preview replaces nothing of the first
    old, new = _preview(staff_client, site_a), _preview(other, site_a)
    stale = var / "imports" / f"{old}.csv"
    day_ago = time.time() - 25 * 3600
    os.utime(stale, (day_ago, day_ago))
    out = io.StringIO()
    call_command("purge_staged_imports", stdout=out)
    assert not stale.exists() and (var / "imports" / f"{new}.csv").exists()
    assert out.getvalue().startswith("1 staged import file(s)")
    call_command("purge_staged_imports", "--max-age-hours", "0", stdout=out)
    assert not list((var / "imports").iterdir())


def test_cached_reports_are_private(var, patient_a):
    from screening.reports.cache import cache_dir, store_pdf

    old = os.umask(0o022)
    try:
        store_pdf("f" * 64, "en", b"%PDF-1.7 test")
    finally:
        os.umask(old)
    files = list(cache_dir().rglob("*.pdf"))
    assert files and {mode(f) for f in files} == {0o600}
    assert {mode(d) for d in [cache_dir(), *(f.parent for f in files)]} == {0o700}


@pytest.mark.django_db(transaction=True)  # the SQLite backup API waits for open transactions
def test_a_backup_is_private(tmp_path, patient_a):
    from django.db import connection

    from screening.ops.backup import backup

    if connection.vendor != "sqlite":
        pytest.skip("pg_dump is checked by the backup tests")
    out = tmp_path / "backup.sqlite3"
    old = os.umask(0o022)
    try:
        backup(out)
    finally:
        os.umask(old)
    assert mode(out) == 0o600 and out.stat().st_size > 0


def test_the_sqlite_database_and_its_journals_are_made_private(tmp_path):
    from screening.ops.private_files import tighten_sqlite

    db = tmp_path / "db.sqlite3"
    for path in (db, tmp_path / "db.sqlite3-wal"):
        path.write_bytes(b"")
        path.chmod(0o644)
    tighten_sqlite(db)
    assert (mode(db), mode(tmp_path / "db.sqlite3-wal")) == (0o600, 0o600)


def test_var_is_private_when_the_app_uses_it(settings):
    if settings.VAR_DIR.exists():
        assert mode(settings.VAR_DIR) == 0o700


# --- no browser caching of patient data -----------------------------------------------------------------


def test_every_page_and_download_with_patient_data_says_no_store(client, staff, clinician_a, patient_a):
    visit = visit_save(
        visit=Visit(
            patient=patient_a,
            visit_date=date(2026, 5, 1),
            setting="community",
            grip_right_1=15.0,
            grip_strength_kg=15.0,
        )
    )
    client.force_login(clinician_a)
    for url in (
        reverse("screening:patient_list"),
        reverse("screening:patient_detail", args=[patient_a.pk]),
        reverse("screening:patient_edit", args=[patient_a.pk]),
        reverse("screening:visit_detail", args=[visit.pk]),
        reverse("screening:visit_edit", args=[visit.pk]),
    ):
        assert "no-store" in client.get(url)["Cache-Control"], url
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    for url in (
        reverse("screening:export_visits"),
        reverse("cohort:export_csv"),
        reverse("cohort:export_xlsx"),
        reverse("cohort:dashboard"),
        reverse("admin:screening_patient_changelist"),
        reverse("admin:screening_visit_change", args=[visit.pk]),
    ):
        assert "no-store" in client.get(url)["Cache-Control"], url


# --- invalid searches and filters show nothing ----------------------------------------------------------


def test_an_over_long_search_says_so_and_lists_no_patient(client_a, patient_a):
    response = client_a.get(reverse("screening:patient_list"), {"q": "x" * 101})
    page = response.content.decode()
    assert "The search was not run" in page and "at most 100 characters" in page
    assert "A-001" not in page and list(response.context["page"]) == []


def test_a_search_of_100_characters_runs(client_a, patient_a):
    response = client_a.get(reverse("screening:patient_list"), {"q": "A" + "x" * 99})
    assert "The search was not run" not in response.content.decode()


def test_a_search_for_a_site_the_user_cannot_see_lists_no_patient(client_a, patient_a, site_b):
    response = client_a.get(reverse("screening:patient_list"), {"site": str(site_b.pk)})
    assert list(response.context["page"]) == [] and "The search was not run" in response.content.decode()


@pytest.fixture
def root_client(client):
    from tests.screening.cohort.cohort_support import reviewer

    client.force_login(reviewer("root", superuser=True))
    return client


@pytest.mark.parametrize(
    "params",
    [
        {"site": "no-such-site"},
        {"date_from": "2026-13-45"},
        {"date_from": "2026-06-01", "date_to": "2026-01-01"},
        {"sex": "X"},
    ],
)
def test_invalid_cohort_filters_say_so_and_show_nothing(root_client, params):
    from screening.models import Site
    from tests.screening.cohort.cohort_support import patient, visit

    site = Site.objects.create(name="S", code="s", population="asian", default_setting="community")
    visit(patient(site, "A-1"), date(2025, 1, 1), warnings=["unusual"], warnings_confirmed=False)
    dashboard = root_client.get(reverse("cohort:dashboard"), params)
    assert "These filters are not valid" in dashboard.content.decode()
    assert dashboard.context["counts"]["visits"] == 0
    worklist = root_client.get(reverse("cohort:worklist", args=["warnings"]), params)
    assert "These filters are not valid" in worklist.content.decode()
    assert list(worklist.context["page"]) == []
    valid = root_client.get(reverse("cohort:worklist", args=["warnings"]))
    assert len(list(valid.context["page"])) == 1
