"""Stored results move from one CriteriaResult row per set onto the visit: a category column per set
and every set's detail in one JSON column (lists, filters and the dashboard no longer join four rows per
visit, and imports write one row per visit instead of five). Existing results are copied, both ways."""

from django.conf import settings
import django.db.models.deletion
from django.db import migrations, models


SETS = ("ewgsop2", "awgs2019", "fnih", "sdoc")


def copy_results_to_visits(apps, schema_editor):
    Visit, CriteriaResult = apps.get_model("screening", "Visit"), apps.get_model("screening", "CriteriaResult")
    visits = {}
    for row in CriteriaResult.objects.order_by("visit_id").iterator(chunk_size=2000):
        visit = visits.get(row.visit_id)
        if visit is None:
            if len(visits) >= 2000:
                _save(Visit, visits.values())
                visits = {}
            visit = visits[row.visit_id] = Visit.objects.get(pk=row.visit_id)
            visit.results = {}
        if row.criteria_set in SETS:
            setattr(visit, f"{row.criteria_set}_category", row.category)
            detail = dict(row.detail)
            detail.pop("rule_set_version", None)
            visit.results[row.criteria_set] = detail
    _save(Visit, visits.values())
    # results_digest stays empty: the next `rescreen` recomputes and fills it


def _save(Visit, visits):
    Visit.objects.bulk_update(list(visits), [*(f"{code}_category" for code in SETS), "results"], batch_size=500)


def copy_results_to_rows(apps, schema_editor):
    Visit, CriteriaResult = apps.get_model("screening", "Visit"), apps.get_model("screening", "CriteriaResult")
    rows = []
    for visit in Visit.objects.exclude(results={}).iterator(chunk_size=2000):
        for code, detail in visit.results.items():
            rows.append(CriteriaResult(visit=visit, criteria_set=code, category=getattr(visit, f"{code}_category"),
                                       rule_set_version=visit.rule_set_version,
                                       detail={**detail, "rule_set_version": visit.rule_set_version}))
    CriteriaResult.objects.bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ('screening', '0003_patient_identifier_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # frees the name `results` on Visit for the new JSON column (no database change)
        migrations.AlterField(
            model_name='criteriaresult',
            name='visit',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='old_results',
                                    to='screening.visit'),
        ),
        migrations.RemoveIndex(
            model_name='visit',
            name='screening_v_patient_3c6f0b_idx',
        ),
        migrations.AddField(
            model_name='historicalvisit',
            name='awgs2019_category',
            field=models.CharField(blank=True, max_length=30, verbose_name='AWGS 2019 category'),
        ),
        migrations.AddField(
            model_name='historicalvisit',
            name='ewgsop2_category',
            field=models.CharField(blank=True, max_length=30, verbose_name='EWGSOP2 category'),
        ),
        migrations.AddField(
            model_name='historicalvisit',
            name='fnih_category',
            field=models.CharField(blank=True, max_length=30, verbose_name='FNIH category'),
        ),
        migrations.AddField(
            model_name='historicalvisit',
            name='sdoc_category',
            field=models.CharField(blank=True, max_length=30, verbose_name='SDOC category'),
        ),
        migrations.AddField(
            model_name='visit',
            name='awgs2019_category',
            field=models.CharField(blank=True, max_length=30, verbose_name='AWGS 2019 category'),
        ),
        migrations.AddField(
            model_name='visit',
            name='ewgsop2_category',
            field=models.CharField(blank=True, max_length=30, verbose_name='EWGSOP2 category'),
        ),
        migrations.AddField(
            model_name='visit',
            name='fnih_category',
            field=models.CharField(blank=True, max_length=30, verbose_name='FNIH category'),
        ),
        migrations.AddField(
            model_name='visit',
            name='results',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name='visit',
            name='results_digest',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name='visit',
            name='sdoc_category',
            field=models.CharField(blank=True, max_length=30, verbose_name='SDOC category'),
        ),
        migrations.RunPython(copy_results_to_visits, copy_results_to_rows),
        migrations.AddIndex(
            model_name='visit',
            index=models.Index(fields=['patient', 'visit_date', 'created_at', 'id'], name='visit_patient_newest'),
        ),
        migrations.AddIndex(
            model_name='visit',
            index=models.Index(fields=['ewgsop2_category'], name='visit_ewgsop2_category'),
        ),
        migrations.AddIndex(
            model_name='visit',
            index=models.Index(fields=['awgs2019_category'], name='visit_awgs2019_category'),
        ),
        migrations.AddIndex(
            model_name='visit',
            index=models.Index(fields=['fnih_category'], name='visit_fnih_category'),
        ),
        migrations.AddIndex(
            model_name='visit',
            index=models.Index(fields=['sdoc_category'], name='visit_sdoc_category'),
        ),
        migrations.DeleteModel(
            name='CriteriaResult',
        ),
    ]
