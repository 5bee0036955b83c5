"""A visit's stored results become compact JSON text (screening.results.result_codec, screening.results.fields).

`results` and `mechanisms` change from JSON columns (jsonb on PostgreSQL) to text holding canonical
JSON in the compact form; each stored result is converted here, without screening again: the compact
form holds the same values, and `expand_*` gives back the previous shape (the reverse step uses it).
The digest is recomputed on the new text, so a later rescreen still rewrites only real changes, and
`incomplete_sets` is filled from each set's "to complete" list. On PostgreSQL the columns stay lz4.

This step uses the app's codec and the engine's record classes rather than frozen copies: it converts
between two shapes of the same records, both of which those classes read.
"""

import hashlib

from django.db import migrations, models

import screening.results.fields
from screening.results.fields import canonical_json

BATCH = 1000
COLUMNS = ("results", "mechanisms")


def _compact(results: dict, mechanisms: dict, version: str) -> dict:
    from screening.clinical.criteria.registry import CRITERIA_SETS
    from screening.clinical.mechanisms import MechanismReport
    from screening.clinical.results import CriteriaResult
    from screening.results.result_codec import compact_mechanisms, compact_results

    # In the registry's order, as screening writes them (jsonb gave the keys back sorted by length)
    engine = {code: CriteriaResult.from_dict({**results[code], "rule_set_version": version})
              for code in CRITERIA_SETS if code in results}
    results_json = canonical_json(compact_results(engine)) if results else "{}"
    mechanisms_json = canonical_json(compact_mechanisms(MechanismReport.from_dict(mechanisms))) if mechanisms else "{}"
    return {"results": screening.results.fields.JsonText(results_json), "mechanisms": screening.results.fields.JsonText(mechanisms_json),
            "results_digest": hashlib.sha256(f"{results_json}\n{mechanisms_json}".encode()).hexdigest(),
            "incomplete_sets": ";".join(code for code, r in engine.items() if r.to_complete)}


def _expand(results: dict, mechanisms: dict, version: str) -> dict:
    from screening.results.result_codec import expand_mechanisms, expand_results

    results, mechanisms = expand_results(results), expand_mechanisms(mechanisms)
    digest = hashlib.sha256(f"{canonical_json(results)}\n{canonical_json(mechanisms)}".encode()).hexdigest()
    return {"results": results, "mechanisms": mechanisms, "results_digest": digest, "incomplete_sets": ""}


def _convert(change):
    def run(apps, schema_editor):
        Visit = apps.get_model("screening", "Visit")
        screened = Visit.objects.exclude(results={}).order_by("pk").only("pk", "rule_set_version", *COLUMNS)
        last = None
        while True:
            page = list((screened.filter(pk__gt=last) if last else screened)[:BATCH])
            if not page:
                return
            for visit in page:
                for name, value in change(visit.results, visit.mechanisms, visit.rule_set_version).items():
                    setattr(visit, name, value)
            Visit.objects.bulk_update(page, [*COLUMNS, "results_digest", "incomplete_sets"])
            last = page[-1].pk
    return run


def _lz4(apps, schema_editor):
    """The type change keeps no compression setting: set lz4 again (migration 0006 says why)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("screening", "Visit")._meta.db_table)
    schema_editor.execute(f"ALTER TABLE {table} " + ", ".join(
        f"ALTER COLUMN {schema_editor.quote_name(c)} SET COMPRESSION lz4" for c in COLUMNS))


class Migration(migrations.Migration):

    dependencies = [
        ('screening', '0007_patient_search_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='visit',
            name='incomplete_sets',
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AlterField(
            model_name='visit',
            name='mechanisms',
            field=screening.results.fields.JSONTextField(blank=True, default=dict),
        ),
        migrations.AlterField(
            model_name='visit',
            name='results',
            field=screening.results.fields.JSONTextField(blank=True, default=dict),
        ),
        migrations.RunPython(_lz4, migrations.RunPython.noop),
        migrations.RunPython(_convert(_compact), _convert(_expand)),
    ]
