"""Batch work as Celery tasks: run on workers when a broker is configured, in-process otherwise."""

from __future__ import annotations

from pathlib import Path

from celery import shared_task

from screening.catalogue.adapters import measurements_from_values
from screening.clinical import evaluate_all


@shared_task
def rescreen_all() -> dict[str, int]:
    """Recompute every visit's stored results; returns category changes per criteria set."""
    from screening.batch.rescreen import visits_rescreen

    return visits_rescreen()


@shared_task
def import_visits_file(
    path: str,
    site_code: str,
    skip_invalid: bool = False,
    user_id: int | None = None,
    reading: dict | None = None,
    source_name: str = "",
) -> dict:
    """Import a stashed file; returns the report's counts and messages. `reading` is the staged upload's
    mapping (`columns`, `encoding`, `filename`: screening.batch.import_profiles.read_pending); none for a data
    dictionary CSV. `source_name` is the uploaded file's name, recorded with each imported visit."""
    from django.contrib.auth import get_user_model

    from screening.batch.import_profiles import read_pending
    from screening.batch.imports import visits_import
    from screening.models import Site

    staged = Path(path)
    try:  # the staged file goes, whether the import succeeds or fails
        rows, problems = read_pending(staged.read_bytes(), reading or {})
        if problems:
            return {"imported": 0, "errors": problems}
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        report = visits_import(
            site=Site.objects.get(code=site_code),
            rows=rows,
            skip_invalid=skip_invalid,
            user=user,
            source_name=source_name,
        )
        return {"imported": report.imported, "errors": report.errors}
    finally:
        staged.unlink(missing_ok=True)


@shared_task
def purge_staged_imports() -> int:
    """Delete staged import files older than IMPORT_STAGING_MAX_HOURS (schedule it with Celery beat)."""
    from django.conf import settings

    from screening.batch.staging import purge_staged

    return purge_staged(max_age_hours=settings.IMPORT_STAGING_MAX_HOURS)


@shared_task
def screen_values(values: dict, sex: str, age_years: int | None, population: str) -> dict[str, str]:
    """Categories for one set of canonical values, without the database (used to check workers)."""
    m = measurements_from_values(values, sex=sex, age_years=age_years, population=population)
    return {code: result.category for code, result in evaluate_all(m).items()}
