"""Backups restore into either engine, prove it against their manifest, and refuse what they cannot do.

Runs on the suite's own engine; the other engine is SQLite (a temporary file) or PostgreSQL
(throwaway databases on the local server, named with BACKUP_TEST_DB_PREFIX or the DATABASE_URL
database's name; skipped when no PostgreSQL answers, failed instead under CI).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import uuid
from datetime import date

import dj_database_url
import psycopg
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from screening.models import AccessEvent, Patient, ReportPrint, Visit
from screening.ops.backup import backup, pg_url
from screening.ops.backup_copy import django_connection, drop_pg_database
from screening.ops.backup_manifest import load, manifest_path, pg_connect
from screening.visits.services import visit_save
from tests.e2e.conftest import in_ci

pytestmark = pytest.mark.django_db(transaction=True)

ENGINE = "postgresql" if connection.vendor == "postgresql" else "sqlite"


# --- PostgreSQL server and throwaway databases ---------------------------------------------------------


def _server() -> dict:
    if connection.vendor == "postgresql":
        return {**connection.settings_dict}
    return dj_database_url.parse(
        os.environ.get("BACKUP_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )


def _prefix() -> str:
    if os.environ.get("BACKUP_TEST_DB_PREFIX"):
        return os.environ["BACKUP_TEST_DB_PREFIX"]
    url = os.environ.get("DATABASE_URL", "")
    return f"{dj_database_url.parse(url)['NAME']}_" if url.startswith("postgres") else "backup_test_"


class Scratch:
    """Names of throwaway PostgreSQL databases, each dropped when the test ends."""

    def __init__(self, server: dict):
        self.server, self.names = server, []
        self.prefix = _prefix()

    def name(self, what: str) -> str:
        self.names.append(f"{self.prefix}{what}_{uuid.uuid4().hex[:8]}")
        return self.names[-1]

    def url(self, what: str) -> str:
        return pg_url(self.server, self.name(what))


@pytest.fixture
def pg():
    server = _server()
    try:
        with pg_connect(server, dbname="postgres", autocommit=True):
            pass
    except psycopg.OperationalError as exc:
        if in_ci():
            pytest.fail(f"PostgreSQL is not reachable under CI: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL reachable for the cross-engine parts: {exc}")
    scratch = Scratch(server)
    yield scratch
    for name in scratch.names:
        drop_pg_database(server, name)


@pytest.fixture
def other_engine_url(tmp_path, request):
    """A URL of a new database of the engine the suite does not run on."""
    if ENGINE == "postgresql":
        return lambda what: f"sqlite:///{tmp_path / (what + '.sqlite3')}"
    scratch = request.getfixturevalue("pg")
    return scratch.url


@pytest.fixture
def same_engine_url(tmp_path, request):
    if ENGINE == "sqlite":
        return lambda what: f"sqlite:///{tmp_path / (what + '.sqlite3')}"
    return request.getfixturevalue("pg").url


# --- the demo cohort with edits, prints and an access log ----------------------------------------------


@pytest.fixture
def cohort(monkeypatch, client):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    call_command("seed_demo", "--patients", "6", stdout=open(os.devnull, "w"))
    for visit in Visit.objects.order_by("id")[:3]:  # edits: the audit history gets changed rows
        visit.grip_right_1 = (visit.grip_right_1 or 20) + 1.5
        visit_save(visit=visit, expected_version=visit.version, reason="corrected grip")
    patient = Patient.objects.order_by("identifier").first()
    patient.notes = "回访：握力复测 · recheck grip"
    patient.save()
    Patient.objects.create(
        site=patient.site, identifier="BK-0001", name="备份\t测试\n“引号”\\", sex="F", date_of_birth=date(1944, 2, 29)
    )
    admin = User.objects.get(username="admin")
    client.force_login(admin)  # a login in the access log
    visit = Visit.objects.order_by("id").first()
    assert client.get(f"/visits/{visit.pk}/report.pdf?lang=zh-hans").status_code == 200  # a printed report
    assert ReportPrint.objects.count() == 1 and AccessEvent.objects.exists()
    assert Patient.history.filter(history_type="~").exists() and Visit.history.filter(history_type="~").exists()


def _snapshot(alias: str = "default") -> dict:
    """What the app shows: patients, visits with every set's category, and the stored results text."""
    patients = list(Patient.objects.using(alias).order_by("id").values_list("id", "identifier", "name", "notes"))
    visits = list(
        Visit.objects.using(alias)
        .order_by("id")
        .values_list(
            "id",
            "patient_id",
            "visit_date",
            "ewgsop2_category",
            "awgs2019_category",
            "fnih_category",
            "sdoc_category",
            "results",
            "mechanisms",
            "updated_at",
            "version",
        )
    )
    return {
        "patients": patients,
        "visits": visits,
        "prints": list(ReportPrint.objects.using(alias).values_list("fingerprint", "printed_at")),
        "history": Visit.history.using(alias).count(),
    }


# --- moving between engines -----------------------------------------------------------------------------


def test_it_moves_the_demo_cohort_to_the_other_engine_and_back(cohort, tmp_path, other_engine_url, same_engine_url):
    first = tmp_path / "first.bak"
    call_command("backup_db", "--out", str(first), stdout=open(os.devnull, "w"))
    there = other_engine_url("moved")
    call_command("restore_db", str(first), "--into", there, stdout=open(os.devnull, "w"))
    second = tmp_path / "second.bak"
    with django_connection(dj_database_url.parse(there)) as moved:
        assert moved.vendor != connection.vendor
        assert _snapshot(moved.alias) == _snapshot()  # the app on the target shows the same
        backup(second, using=moved.alias)
        newest = AccessEvent.objects.using(moved.alias).order_by("-id").first().id  # sequences moved on:
        assert AccessEvent.objects.using(moved.alias).create(username="after", action="login").id > newest
    back = same_engine_url("back")
    call_command("restore_db", str(second), "--into", back, stdout=open(os.devnull, "w"))
    third = tmp_path / "third.bak"
    with django_connection(dj_database_url.parse(back)) as returned:
        assert _snapshot(returned.alias) == _snapshot()
        backup(third, using=returned.alias)
    manifests = [load(path) for path in (first, second, third)]
    assert [m["engine"] for m in manifests] == [ENGINE, "sqlite" if ENGINE == "postgresql" else "postgresql", ENGINE]
    assert manifests[0]["tables"] == manifests[1]["tables"] == manifests[2]["tables"]
    assert manifests[0]["migrations"] == manifests[2]["migrations"]
    tables = manifests[0]["tables"]
    for table in (
        "screening_patient",
        "screening_visit",
        "screening_historicalvisit",
        "screening_historicalpatient",
        "screening_reportprint",
        "screening_accessevent",
        "auth_user",
        "django_content_type",
    ):
        assert tables[table]["rows"] > 0, table


def test_the_manifest_describes_the_backup(cohort, tmp_path):
    out = tmp_path / "clinic.bak"
    call_command("backup_db", "--out", str(out), stdout=open(os.devnull, "w"))
    manifest = json.loads(manifest_path(out).read_text())
    assert manifest["engine"] == ENGINE and manifest["rule_set_version"]
    assert manifest["file"]["bytes"] == out.stat().st_size and len(manifest["file"]["sha256"]) == 64
    assert "0001_initial" in manifest["migrations"]["screening"] and manifest["created_by"] and manifest["created_at"]
    assert manifest["tables"]["screening_patient"]["rows"] == Patient.objects.count()
    assert manifest["tables"]["screening_visit"]["rows"] == Visit.objects.count()
    assert "django_migrations" not in manifest["tables"]


def test_it_restores_into_a_fresh_database_of_the_same_engine(cohort, tmp_path, same_engine_url):
    out = tmp_path / "clinic.bak"
    call_command("backup_db", "--out", str(out), stdout=open(os.devnull, "w"))
    url = same_engine_url("same")
    call_command("restore_db", str(out), "--into", url, stdout=open(os.devnull, "w"))
    with django_connection(dj_database_url.parse(url)) as restored:
        assert _snapshot(restored.alias) == _snapshot()


# --- refusals: nothing written --------------------------------------------------------------------------


@pytest.fixture
def small_clinic(site_a):
    """A few patients and visits: enough for the refusals, quicker than the demo cohort."""
    for i in range(3):
        patient = Patient.objects.create(
            site=site_a, identifier=f"BK-{i:04d}", name=f"备份{i}", sex="MF"[i % 2], date_of_birth=date(1945, 1, 1 + i)
        )
        visit_save(
            visit=Visit(patient=patient, visit_date=date(2026, 1, 2), setting="community", grip_strength_kg=20.0 + i)
        )


@pytest.fixture
def fresh_backup(small_clinic, tmp_path):
    out = tmp_path / "clinic.bak"
    call_command("backup_db", "--out", str(out), stdout=open(os.devnull, "w"))
    return out


def test_it_refuses_a_file_without_a_manifest(tmp_path):
    stray = tmp_path / "notes.txt"
    stray.write_text("not a backup")
    target = tmp_path / "new.sqlite3"
    with pytest.raises(CommandError, match="no manifest beside it"):
        call_command("restore_db", str(stray), "--into", f"sqlite:///{target}")
    assert not target.exists()


def test_it_refuses_a_truncated_backup(fresh_backup, tmp_path):
    data = fresh_backup.read_bytes()
    fresh_backup.write_bytes(data[: len(data) // 2])
    target = tmp_path / "new.sqlite3"
    with pytest.raises(CommandError, match=rf"truncated: {len(data) // 2} of {len(data)} bytes"):
        call_command("restore_db", str(fresh_backup), "--into", f"sqlite:///{target}")
    assert not target.exists() and not list(tmp_path.glob(".*restoring"))


def test_it_refuses_the_wrong_file_under_a_backups_name(fresh_backup, tmp_path):
    fresh_backup.write_bytes(b"x" * fresh_backup.stat().st_size)
    target = tmp_path / "new.sqlite3"
    with pytest.raises(CommandError, match=f"is not a {ENGINE} backup as its manifest says"):
        call_command("restore_db", str(fresh_backup), "--into", f"sqlite:///{target}")
    assert not target.exists()


def test_it_refuses_a_backup_from_a_newer_schema(fresh_backup, tmp_path):
    path = manifest_path(fresh_backup)
    manifest = json.loads(path.read_text())
    manifest["migrations"]["screening"].append("9999_from_a_later_version")
    path.write_text(json.dumps(manifest))
    target = tmp_path / "new.sqlite3"
    with pytest.raises(
        CommandError,
        match=r"newer schema than this code \(screening.9999_from_a_later_version\): "
        "upgrade the app",
    ):
        call_command("restore_db", str(fresh_backup), "--into", f"sqlite:///{target}")
    assert not target.exists()


def test_it_refuses_a_sqlite_target_that_is_not_empty(fresh_backup, tmp_path):
    target = tmp_path / "in-use.sqlite3"
    with sqlite3.connect(target) as db:
        db.execute("CREATE TABLE clinic (id integer)")
    before = target.read_bytes()
    with pytest.raises(CommandError, match="exists and is not empty: restore into a new file"):
        call_command("restore_db", str(fresh_backup), "--into", f"sqlite:///{target}")
    assert target.read_bytes() == before


def test_it_refuses_a_postgresql_target_that_is_not_empty(fresh_backup, pg):
    name = pg.name("in_use")
    with pg_connect(pg.server, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    with pg_connect(pg.server, dbname=name, autocommit=True) as db:
        db.execute("CREATE TABLE clinic (id integer)")
    with pytest.raises(CommandError, match=f"database {name} is not empty \\(1 tables\\)"):
        call_command("restore_db", str(fresh_backup), "--into", pg_url(pg.server, name))
    with pg_connect(pg.server, dbname=name) as db:
        assert db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall() == [("clinic",)]


def _left_behind(url: str, folder) -> list[str]:
    params = dj_database_url.parse(url)
    if params["ENGINE"].endswith("sqlite3"):
        return [p.name for p in folder.iterdir() if p.suffix in (".sqlite3", ".restoring")]
    with pg_connect(params, dbname="postgres") as admin:
        return [r[0] for r in admin.execute("SELECT datname FROM pg_database WHERE datname = %s", (params["NAME"],))]


def test_a_restore_that_does_not_match_its_manifest_fails_naming_the_table_and_leaves_nothing(
    fresh_backup, tmp_path, same_engine_url, other_engine_url
):
    path = manifest_path(fresh_backup)
    manifest = json.loads(path.read_text())
    manifest["tables"]["screening_visit"]["checksum"] = "0" * 64
    path.write_text(json.dumps(manifest))
    for url in (same_engine_url("mismatch"), other_engine_url("mismatch_across")):
        with pytest.raises(CommandError, match="table screening_visit: checksum differs"):
            call_command("restore_db", str(fresh_backup), "--into", url)
        assert _left_behind(url, tmp_path) == []


# --- verify_backup --------------------------------------------------------------------------------------


def _verify(path, out=None) -> None:
    call_command("verify_backup", str(path), "--prefix", f"{_prefix()}verify_", stdout=out or open(os.devnull, "w"))


def test_verify_backup_passes_on_a_fresh_backup(fresh_backup, request, capsys):
    if ENGINE == "postgresql":
        request.getfixturevalue("pg")
    call_command("verify_backup", str(fresh_backup), "--prefix", f"{_prefix()}verify_")
    assert "restores:" in capsys.readouterr().out


def test_verify_backup_fails_on_a_tampered_backup(fresh_backup, tmp_path, request):
    if ENGINE == "postgresql":
        request.getfixturevalue("pg")
    tampered = tmp_path / "tampered.bak"
    shutil.copy(fresh_backup, tampered)
    manifest = json.loads(manifest_path(fresh_backup).read_text())
    manifest["tables"]["screening_patient"]["rows"] += 1
    manifest_path(tampered).write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="FAILED verification: .*table screening_patient: "):
        _verify(tampered)
    data = bytearray(fresh_backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(bytes(data))
    shutil.copy(manifest_path(fresh_backup), manifest_path(tampered))
    with pytest.raises(CommandError, match="FAILED verification: .*does not match its manifest"):
        _verify(tampered)


def test_verify_backup_finds_a_changed_row_even_when_the_file_checksum_was_updated(fresh_backup, tmp_path):
    """A SQLite backup edited in place, its file checksum recomputed: the table checksums still catch it."""
    if ENGINE != "sqlite":
        pytest.skip("edits a SQLite backup file in place")
    from screening.ops.backup_manifest import file_sha256

    tampered = tmp_path / "edited.bak"
    shutil.copy(fresh_backup, tampered)
    with sqlite3.connect(tampered) as db:
        db.execute("UPDATE screening_patient SET name = 'changed' WHERE identifier = 'BK-0001'")
        assert db.total_changes == 1
    db.close()
    manifest = json.loads(manifest_path(fresh_backup).read_text())
    manifest["file"].update(bytes=tampered.stat().st_size, sha256=file_sha256(tampered))
    manifest_path(tampered).write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="FAILED verification: .*table screening_patient: checksum differs"):
        _verify(tampered)
