# FHIR API tokens of a site, stored hashed (screening.interop.api).

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('screening', '0012_awgs2025_inputs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='FhirToken',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('name', models.CharField(help_text='Which system uses it, e.g. the hospital record.', max_length=100, verbose_name='name')),
                ('prefix', models.CharField(editable=False, max_length=8, verbose_name='prefix')),
                ('token_hash', models.CharField(editable=False, max_length=64, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('last_used_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='last used')),
                ('revoked_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='revoked')),
            ],
            options={
                'verbose_name': 'FHIR API token',
                'verbose_name_plural': 'FHIR API tokens',
                'ordering': ['site', 'name'],
            },
        ),
        migrations.AddField(
            model_name='fhirtoken',
            name='created_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='fhirtoken',
            name='site',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='fhir_tokens', to='screening.site', verbose_name='site'),
        ),
    ]
