"""python manage.py render_reports --site CODE [--lang zh-hans|en] --out FILE.zip [--workers N] [--no-progress]"""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from screening.models import Visit
from screening.reports.batch import default_workers, report_visits_queryset, reports_zip_stream, visits_in_chunks
from screening.reports.text import LANGS


class Command(BaseCommand):
    help = "Write the take-home reports of every visit of a site into one ZIP, with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("--site", required=True, help="site code")
        parser.add_argument("--lang", choices=LANGS, default=settings.LANGUAGE_CODE)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes rendering PDFs (default: REPORT_BATCH_WORKERS, else one per CPU, "
            "at most 4; 1 renders in this process)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (for logs and cron)")

    def handle(self, *args, site: str, lang: str, out: Path, workers: int | None, no_progress: bool, **options):
        visits = report_visits_queryset(Visit.objects.filter(patient__site__code=site))
        total = visits.count()
        if not total:
            raise CommandError(f"no visits for site {site!r}")
        if workers is None:
            workers = default_workers(total)
        elif workers < 1:
            raise CommandError("--workers must be 1 or more")
        progress = tqdm(visits_in_chunks(visits), total=total, unit="report", disable=no_progress, file=sys.stderr)
        with out.open("wb") as stream:
            for chunk in reports_zip_stream(progress, lang, workers=workers):
                stream.write(chunk)
        self.stdout.write(f"{total} reports written to {out}.")
