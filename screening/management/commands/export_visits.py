"""python manage.py export_visits --out FILE.csv [--site CODE]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from screening.exporter import export_queryset, write_csv
from screening.models import Visit


class Command(BaseCommand):
    help = "Export visits with their stored results as CSV (one row per visit)."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--site", help="site code (default: every site)")

    def handle(self, *args, out: Path, site: str | None, **options):
        visits = Visit.objects.all()
        if site:
            visits = visits.filter(patient__site__code=site)
            if not visits.exists():
                raise CommandError(f"no visits for site {site!r}")
        with out.open("w", encoding="utf-8-sig", newline="") as stream:
            count = write_csv(stream, export_queryset(visits))
        self.stdout.write(f"{count} visits written to {out}.")
