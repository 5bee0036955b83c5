"""Each visit says whether it is its patient's latest and first visit, so cohort review reads those with
partial covering indexes instead of ranking every visit; existing visits are marked here
(services.visits_mark_ends keeps the marks from now on). `updated_at` gets an index for the cohort
figures' cache stamp (MAX(updated_at) was a full scan)."""

from django.db import migrations, models
from django.db.models import F, Window
from django.db.models.functions import RowNumber

NEWEST_FIRST = (F("visit_date").desc(), F("created_at").desc(), F("id").desc())
OLDEST_FIRST = (F("visit_date").asc(), F("created_at").asc(), F("id").asc())


def mark_ends(apps, schema_editor):
    """One window pass per mark: the first row per patient in each order gets the flag."""
    Visit = apps.get_model("screening", "Visit")
    for flag, order in (("is_latest", NEWEST_FIRST), ("is_first", OLDEST_FIRST)):
        ends = Visit.objects.annotate(rank=Window(RowNumber(), partition_by=F("patient_id"), order_by=order))
        Visit.objects.filter(id__in=ends.filter(rank=1).values("id")).update(**{flag: True})


class Migration(migrations.Migration):

    dependencies = [
        ('screening', '0004_results_on_visit'),
    ]

    operations = [
        migrations.AddField(
            model_name='visit',
            name='is_first',
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name='visit',
            name='is_latest',
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddIndex(
            model_name='visit',
            index=models.Index(condition=models.Q(('is_latest', True)), fields=['patient', 'visit_date', 'ewgsop2_category', 'awgs2019_category', 'fnih_category', 'sdoc_category', 'mechanisms_likely', 'mechanisms_possible', 'grip_strength_kg', 'gait_speed_m_s', 'gait_course_m', 'gait_time_s', 'asmi_kg_m2', 'asm_kg', 'height_cm', 'is_first'], name='visit_latest'),
        ),
        migrations.AddIndex(
            model_name='visit',
            index=models.Index(fields=['updated_at'], name='visit_updated_at'),
        ),
        migrations.AddIndex(
            model_name='visit',
            index=models.Index(condition=models.Q(('is_first', True)), fields=['patient', 'ewgsop2_category', 'awgs2019_category', 'fnih_category', 'sdoc_category'], name='visit_first'),
        ),
        # after the indexes: PostgreSQL refuses CREATE INDEX on a table with updates pending FK checks
        migrations.RunPython(mark_ends, migrations.RunPython.noop),
    ]
