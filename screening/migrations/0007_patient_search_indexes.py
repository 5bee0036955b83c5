"""On PostgreSQL, patient search uses indexes at 100,000 patients: an identifier prefix (`LIKE 'x%'`,
which a plain btree serves only under the C collation) and a name fragment (`UPPER(name) LIKE '%x%'`,
Django's icontains) through a pg_trgm trigram index. pg_trgm is a trusted extension (PostgreSQL 13+);
where it cannot be created, the name index is skipped and search still works, by a scan. SQLite: nothing."""

from django.db import migrations

INDEXES = {
    "patient_identifier_prefix": "CREATE INDEX IF NOT EXISTS patient_identifier_prefix "
                                 "ON screening_patient (identifier varchar_pattern_ops)",
    "patient_name_trigram": "CREATE INDEX IF NOT EXISTS patient_name_trigram "
                            "ON screening_patient USING gin ((UPPER(name::text)) gin_trgm_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(INDEXES["patient_identifier_prefix"])
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SAVEPOINT trigram")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # not allowed here: keep searching names by a scan  # noqa: BLE001
            cursor.execute("ROLLBACK TO SAVEPOINT trigram")
            return
        cursor.execute("RELEASE SAVEPOINT trigram")
    schema_editor.execute(INDEXES["patient_name_trigram"])


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('screening', '0006_visit_json_lz4'),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
