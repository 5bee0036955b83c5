"""Bulk writes: COPY (PostgreSQL) or executemany (SQLite) give the same rows, and updates keep their guard."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from screening.batch import rescreen
from screening.batch.rescreen import visits_rescreen
from screening.models import Patient, Site, Visit
from screening.results import bulk
from screening.results.stored_results import JsonText
from screening.visits.services import visit_save

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="the COPY path is PostgreSQL's")


@pytest.fixture
def patient():
    site = Site.objects.create(name="S", code="s", population="asian", default_setting="community")
    return Patient.objects.create(site=site, identifier="P-1", sex="F", date_of_birth=date(1945, 2, 1))


def visits(patient, n: int) -> list[Visit]:
    return [
        visit_save(
            visit=Visit(
                patient=patient, visit_date=date(2026, 1, 1 + i), setting="community", grip_strength_kg=20.0 + i
            )
        )
        for i in range(n)
    ]


def test_it_inserts_prepared_rows_with_their_json_and_nulls(patient):
    new = [
        Visit(
            patient=patient,
            visit_date=date(2025, 1, 1 + i),
            setting="community",
            grip_strength_kg=None,
            notes="步速 0.7\ttab \\ back\nline",
            results=JsonText('{"a":[1,"é"]}'),
            conditions=[],
        )
        for i in range(3)
    ]
    bulk.insert_rows(Visit, bulk.row_params(Visit, new))
    stored = Visit.objects.get(pk=new[0].pk)
    assert (stored.notes, stored.results, stored.conditions, stored.grip_strength_kg) == (
        "步速 0.7\ttab \\ back\nline",
        {"a": [1, "é"]},
        [],
        None,
    )
    assert Visit.objects.filter(patient=patient).count() == 3


def test_rows_built_from_values_are_the_rows_of_the_same_visit_built_as_an_object(patient):
    import uuid

    values = {
        "id": uuid.uuid4(),
        "patient_id": patient.pk,
        "visit_date": date(2025, 3, 1),
        "setting": "hospital",
        "grip_strength_kg": 14.5,
        "gait_unable": True,
        "conditions": ["copd"],
        "warnings": ["w"],
        "results": JsonText('{"a":1}'),
        "notes": "步速",
    }
    builder = bulk.RowBuilder(Visit)
    built = builder.row(values)
    as_object = bulk.row_params(Visit, [Visit(**values)], builder.fields)[0]
    stamps = {i for i, f in enumerate(builder.fields) if f.name in ("created_at", "updated_at")}
    assert [v for i, v in enumerate(built) if i not in stamps] == [
        v for i, v in enumerate(as_object) if i not in stamps
    ]
    assert builder.row({**values, "id": uuid.uuid4()}) != built  # callable defaults and given values are per row
    bulk.insert_rows(
        Visit, [built, builder.row({**values, "id": uuid.uuid4(), "visit_date": date(2025, 4, 1)})], builder.fields
    )
    stored = Visit.objects.get(pk=values["id"])
    assert (
        stored.setting,
        stored.gait_unable,
        stored.conditions,
        stored.results,
        stored.sppb_score,
        stored.warnings_confirmed,
        stored.mechanisms,
    ) == ("hospital", True, ["copd"], {"a": 1}, None, False, {})
    assert stored.created_at is not None and stored.created_at == stored.updated_at


def test_an_update_skips_rows_whose_version_moved_on(patient):
    a, b = visits(patient, 2)
    rows = [
        ("x" * 64, JsonText('{"new":1}'), bulk.prepare(Visit, "id", a.pk), a.version),
        ("y" * 64, JsonText('{"new":2}'), bulk.prepare(Visit, "id", b.pk), b.version + 1),
    ]  # b edited meanwhile
    assert bulk.update_rows(Visit, ("results_digest", "results"), ("id", "version"), rows) == 1
    a.refresh_from_db(), b.refresh_from_db()
    assert (a.results_digest, a.results) == ("x" * 64, {"new": 1})
    assert b.results_digest != "y" * 64 and b.results != {"new": 2}


@on_postgres
def test_a_rescreen_on_postgres_rewrites_through_the_temporary_table_and_honours_the_version_guard(
    patient, monkeypatch
):
    kept, edited = visits(patient, 2)
    Visit.objects.update(results_digest="old", awgs2019_category="severe")
    copied = []
    real_copy, real_batch = bulk._update_from_copy, rescreen._rescreen_batch

    def spy(cursor, *args):
        copied.append(len(args[3]))
        return real_copy(cursor, *args)

    def edit_meanwhile(rows, screened, changed):
        current = Visit.objects.get(pk=edited.pk)
        current.grip_strength_kg = 10.0
        visit_save(visit=current, expected_version=current.version)  # screens it again, version 2
        real_batch(rows, screened, changed)

    monkeypatch.setattr(bulk, "_update_from_copy", spy)
    monkeypatch.setattr(rescreen, "_rescreen_batch", edit_meanwhile)
    visits_rescreen()
    assert copied == [2]  # both rows went through COPY; the guard left the edited one alone
    kept.refresh_from_db(), edited.refresh_from_db()
    assert kept.results_digest != "old" and kept.awgs2019_category != "severe"
    assert edited.version == 2 and edited.grip_strength_kg == 10.0 and edited.awgs2019_category == "possible"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_compression(results), to_regclass('pg_temp.bulk_update_rows') "
            "FROM screening_visit WHERE id = %s",
            [kept.pk],
        )
        assert cursor.fetchone() == ("lz4", None)  # compressed like the column; the temporary table is gone


@on_postgres
def test_a_visits_json_documents_are_kept_out_of_its_row_compressed(patient):
    from screening.clinical import Measurements
    from screening.results.stored_results import compute

    stored = compute(Measurements(sex="F", age_years=80, grip_strength_kg=12.0, vitamin_d_25oh_ng_ml=14.0))
    builder = bulk.RowBuilder(Visit)  # one insert, so exactly one version of each document
    bulk.insert_rows(
        Visit,
        [
            builder.row(
                {
                    "patient_id": patient.pk,
                    "visit_date": date(2025, 1, 1),
                    "setting": "community",
                    **stored.columns(serialised=True),
                }
            )
        ],
        builder.fields,
    )
    # its documents compress to ~2 kB together: without the setting they would stay in the row
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions, reltoastrelid::regclass::text FROM pg_class WHERE oid = 'screening_visit'::regclass"
        )
        options, toast = cursor.fetchone()
        cursor.execute(f"SELECT count(DISTINCT chunk_id) FROM {toast}")  # noqa: S608 # a relation name from pg_class
        assert "toast_tuple_target=1024" in options and cursor.fetchone()[0] == 2  # results and mechanisms


@pytest.mark.django_db
def test_statistics_are_refreshed_after_a_bulk_write(site_a):
    from screening.results.bulk import refresh_statistics

    Patient.objects.create(site=site_a, identifier="S-1", sex="F", date_of_birth=date(1950, 1, 1))
    refresh_statistics(Patient, Visit)  # runs on either database
    if connection.vendor == "postgresql":  # the planner's row estimate now counts the new patient
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'screening_patient'")
            assert cursor.fetchone()[0] == 1
