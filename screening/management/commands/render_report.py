"""python manage.py render_report VISIT_UUID [--lang zh-hans|en] --out FILE.pdf"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from screening.models import Visit
from screening.reports.service import report_print_record, visit_report
from screening.reports.text import LANGS


class Command(BaseCommand):
    help = "Write one visit's take-home report as PDF (served from the report cache when unchanged)."

    def add_arguments(self, parser):
        parser.add_argument("visit", type=uuid.UUID, help="the visit's id (UUID)")
        parser.add_argument("--lang", choices=LANGS, default=settings.LANGUAGE_CODE)
        parser.add_argument("--out", type=Path, required=True)

    def handle(self, *args, visit: uuid.UUID, lang: str, out: Path, **options):
        found = Visit.objects.select_related("patient__site", "clinician").filter(pk=visit).first()
        if found is None:
            raise CommandError(f"no visit {visit}")
        report = visit_report(found, lang)
        out.write_bytes(report.pdf)
        report_print_record(report=report)
        state = "rendered" if report.rendered else "from cache"
        self.stdout.write(f"{out} ({len(report.pdf):,} bytes, {state}); fingerprint {report.fingerprint}")
