"""A backup restores into a fresh database holding every patient and visit."""

from __future__ import annotations

import sqlite3
import subprocess
import uuid
from datetime import date

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from screening.models import Patient, Visit
from screening.services import visit_save

pytestmark = pytest.mark.django_db(transaction=True)


def _fill(site) -> tuple[int, int]:
    for i in range(5):
        patient = Patient.objects.create(site=site, identifier=f"BK-{i}", name=f"备份{i}", sex="MF"[i % 2],
                                         date_of_birth=date(1945, 1, 1 + i))
        for month in (1, 6):
            visit_save(visit=Visit(patient=patient, visit_date=date(2026, month, 2), setting="community",
                                   grip_strength_kg=20.0 + i))
    return Patient.objects.count(), Visit.objects.count()


def test_it_restores_every_patient_and_visit_into_a_fresh_database(site_a, tmp_path):
    expected = _fill(site_a)
    dump = tmp_path / "backup.dump"
    call_command("backup_db", "--out", str(dump))
    if connection.vendor == "sqlite":
        target = tmp_path / "restored.sqlite3"
        call_command("restore_db", str(dump), "--into", f"sqlite:///{target}")
        with sqlite3.connect(target) as db:
            counts = tuple(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                           for t in ("screening_patient", "screening_visit"))
            names = {row[0] for row in db.execute("SELECT name FROM screening_patient")}
    else:
        params = connection.settings_dict
        fresh = f"restore_{uuid.uuid4().hex[:8]}"
        admin_url = f"host={params['HOST']} port={params['PORT'] or 5432} user={params['USER']} dbname=postgres"
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{fresh}"')
        try:
            url = f"postgres://{params['USER']}@{params['HOST']}:{params['PORT'] or 5432}/{fresh}"
            call_command("restore_db", str(dump), "--into", url)
            with psycopg.connect(admin_url.replace("dbname=postgres", f"dbname={fresh}")) as db:
                counts = tuple(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                               for t in ("screening_patient", "screening_visit"))
                names = {row[0] for row in db.execute("SELECT name FROM screening_patient")}
        finally:
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
    assert counts == expected
    assert names == {f"备份{i}" for i in range(5)}


def test_it_refuses_to_restore_over_an_existing_sqlite_file(tmp_path):
    from django.core.management.base import CommandError

    existing = tmp_path / "existing.sqlite3"
    existing.write_bytes(b"x")
    with pytest.raises(CommandError, match="new file"):
        call_command("restore_db", str(existing), "--into", f"sqlite:///{existing}")
