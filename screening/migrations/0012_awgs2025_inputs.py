"""AWGS 2025 (DECISIONS.md §8): its inputs, its category column, and each site's primary set.

Existing sites are given, explicitly, the primary set they had (AWGS 2019 for Asian sites, EWGSOP2
otherwise), so adding AWGS 2025 changes nothing for them until staff choose it; new Asian sites default
to AWGS 2025. Existing visits get their AWGS 2025 category from `rescreen`.
"""

import screening.models
from django.conf import settings
from django.db import migrations, models


# The primary set each population had before AWGS 2025 was shipped (DECISIONS.md §3, §4)
PRIMARY_BEFORE = {"asian": "awgs2019"}


def keep_existing_primary(apps, schema_editor):
    Site = apps.get_model("screening", "Site")
    for population in Site.objects.values_list("population", flat=True).distinct():
        Site.objects.filter(population=population, primary_set="").update(
            primary_set=PRIMARY_BEFORE.get(population, "ewgsop2"))


class Migration(migrations.Migration):

    dependencies = [
        ('screening', '0011_patient_version'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='visit',
            name='visit_latest',
        ),
        migrations.RemoveIndex(
            model_name='visit',
            name='visit_first',
        ),
        migrations.AddField(
            model_name='historicalvisit',
            name='awgs2025_category',
            field=models.CharField(blank=True, max_length=30, verbose_name='AWGS 2025 category'),
        ),
        migrations.AddField(
            model_name='historicalvisit',
            name='dysphagia',
            field=models.BooleanField(blank=True, null=True, verbose_name='dysphagia or swallowing difficulty'),
        ),
        migrations.AddField(
            model_name='historicalvisit',
            name='finger_ring_test',
            field=models.CharField(blank=True, choices=[('bigger', 'Calf bigger than the ring'), ('just_fits', 'Ring just fits'), ('smaller', 'Calf smaller than the ring (a gap)')], help_text='Encircle the thickest part of the calf with both thumbs and index fingers: bigger, just fits, or smaller than the ring.', max_length=10, verbose_name='finger-ring test'),
        ),
        migrations.AddField(
            model_name='historicalvisit',
            name='perceived_weakness',
            field=models.BooleanField(blank=True, help_text='Self-perceived or clinician-observed weakness or low physical performance.', null=True, verbose_name='perceived weakness'),
        ),
        migrations.AddField(
            model_name='historicalvisit',
            name='weight_loss_kg_6mo',
            field=models.FloatField(blank=True, null=True, verbose_name='Weight loss within 6 months (kg)'),
        ),
        migrations.AddField(
            model_name='site',
            name='primary_set',
            field=models.CharField(blank=True, choices=screening.models.primary_set_choices, help_text="Shown first on the visit page, the reports and the take-home page. Blank: the population's default.", max_length=20, verbose_name='primary criteria set'),
        ),
        migrations.AddField(
            model_name='visit',
            name='awgs2025_category',
            field=models.CharField(blank=True, max_length=30, verbose_name='AWGS 2025 category'),
        ),
        migrations.AddField(
            model_name='visit',
            name='dysphagia',
            field=models.BooleanField(blank=True, null=True, verbose_name='dysphagia or swallowing difficulty'),
        ),
        migrations.AddField(
            model_name='visit',
            name='finger_ring_test',
            field=models.CharField(blank=True, choices=[('bigger', 'Calf bigger than the ring'), ('just_fits', 'Ring just fits'), ('smaller', 'Calf smaller than the ring (a gap)')], help_text='Encircle the thickest part of the calf with both thumbs and index fingers: bigger, just fits, or smaller than the ring.', max_length=10, verbose_name='finger-ring test'),
        ),
        migrations.AddField(
            model_name='visit',
            name='perceived_weakness',
            field=models.BooleanField(blank=True, help_text='Self-perceived or clinician-observed weakness or low physical performance.', null=True, verbose_name='perceived weakness'),
        ),
        migrations.AddField(
            model_name='visit',
            name='weight_loss_kg_6mo',
            field=models.FloatField(blank=True, null=True, verbose_name='Weight loss within 6 months (kg)'),
        ),
        migrations.AlterField(
            model_name='site',
            name='population',
            field=models.CharField(choices=[('asian', 'Asian (AWGS 2025 primary)'), ('other', 'Other (EWGSOP2 primary)')], max_length=10, verbose_name='population default'),
        ),
        migrations.AddIndex(
            model_name='visit',
            index=models.Index(fields=['awgs2025_category'], name='visit_awgs2025_category'),
        ),
        migrations.AddIndex(
            model_name='visit',
            index=models.Index(condition=models.Q(('is_latest', True)), fields=['patient', 'visit_date', 'ewgsop2_category', 'awgs2019_category', 'awgs2025_category', 'fnih_category', 'sdoc_category', 'mechanisms_likely', 'mechanisms_possible', 'grip_strength_kg', 'gait_speed_m_s', 'gait_course_m', 'gait_time_s', 'asmi_kg_m2', 'asm_kg', 'height_cm', 'is_first'], name='visit_latest'),
        ),
        migrations.AddIndex(
            model_name='visit',
            index=models.Index(condition=models.Q(('is_first', True)), fields=['patient', 'ewgsop2_category', 'awgs2019_category', 'awgs2025_category', 'fnih_category', 'sdoc_category'], name='visit_first'),
        ),
        migrations.AddConstraint(
            model_name='visit',
            constraint=models.CheckConstraint(condition=models.Q(('weight_loss_kg_6mo__isnull', True), models.Q(('weight_loss_kg_6mo__gte', 0), ('weight_loss_kg_6mo__lte', 100)), _connector='OR'), name='visit_weight_loss_kg_6mo_hard_limit'),
        ),
        migrations.AddConstraint(
            model_name='visit',
            constraint=models.CheckConstraint(condition=models.Q(('finger_ring_test__in', ['', 'bigger', 'just_fits', 'smaller'])), name='visit_finger_ring_valid'),
        ),
        migrations.RunPython(keep_existing_primary, migrations.RunPython.noop),
    ]
