"""Delete staged import files whose preview was never confirmed (run it hourly from cron or Celery beat)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from screening.batch.staging import purge_staged


class Command(BaseCommand):
    help = "Delete staged import uploads older than IMPORT_STAGING_MAX_HOURS (or --max-age-hours)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--max-age-hours",
            type=float,
            default=None,
            help="age limit in hours (default: the IMPORT_STAGING_MAX_HOURS setting)",
        )

    def handle(self, *args, max_age_hours: float | None, **options) -> None:
        hours = settings.IMPORT_STAGING_MAX_HOURS if max_age_hours is None else max_age_hours
        if hours < 0:
            raise CommandError("--max-age-hours must be 0 or more")
        removed = purge_staged(max_age_hours=hours)
        self.stdout.write(f"{removed} staged import file(s) older than {hours:g} h deleted")
