"""On PostgreSQL, the visit's two JSON columns (every set's detail, the mechanism report: several kB a
visit, so always TOASTed) are compressed with lz4 instead of pglz: several times faster to write, which
is most of the database's share of an import or a rescreen. Other databases: nothing to do."""

from django.db import migrations

COLUMNS = ("results", "mechanisms")


def _set_compression(method: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = schema_editor.quote_name(apps.get_model("screening", "Visit")._meta.db_table)
        changes = ", ".join(f"ALTER COLUMN {schema_editor.quote_name(c)} SET COMPRESSION {method}" for c in COLUMNS)
        schema_editor.execute(f"ALTER TABLE {table} {changes}")
    return run


class Migration(migrations.Migration):

    dependencies = [
        ('screening', '0005_visit_first_latest'),
    ]

    operations = [
        migrations.RunPython(_set_compression("lz4"), _set_compression("pglz")),
    ]
