"""The visit's own index on `patient` goes: `visit_patient_newest` (patient, visit date, entry time, id)
starts with the same column and serves every lookup by patient, so it was one more index to write on
every import, save and rescreen for nothing."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('screening', '0008_visit_results_compact_text'),
    ]

    operations = [
        migrations.AlterField(
            model_name='visit',
            name='patient',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='visits', to='screening.patient'),
        ),
    ]
