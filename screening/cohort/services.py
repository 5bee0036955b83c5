"""Writes of cohort review: adding patients to a cohort and removing them, in bulk (admin actions)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from screening.models import Cohort, Patient


@transaction.atomic
def cohort_add_patients(*, cohort: Cohort, patients: QuerySet[Patient]) -> int:
    """Add patients (already in the cohort: skipped); returns how many were new.

    Works from ids in batches, so "select all 40,000 matching patients" does not load 40,000 objects.
    """
    through = Cohort.patients.through
    members = through.objects.filter(cohort=cohort)
    before = members.count()
    links = (through(cohort_id=cohort.pk, patient_id=pk) for pk in patients.values_list("pk", flat=True).iterator())
    through.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
    return members.count() - before


@transaction.atomic
def cohort_remove_patients(*, cohort: Cohort, patients: QuerySet[Patient]) -> int:
    """Remove these patients from the cohort (the patients themselves stay); returns how many left it."""
    deleted, _by_model = Cohort.patients.through.objects.filter(cohort=cohort, patient__in=patients).delete()
    return deleted
