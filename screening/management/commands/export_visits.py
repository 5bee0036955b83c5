"""python manage.py export_visits --out FILE.csv|FILE.sav|FILE.dta [--site CODE] [--pseudonymise]"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from screening.batch.exporter import export_queryset, write_csv
from screening.models import Visit


class Command(BaseCommand):
    help = (
        "Export visits with their stored results, one row per visit: CSV, or labelled SPSS (.sav) / "
        "Stata (.dta) with a codebook beside it; the format follows the extension."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--site", help="site code (default: every site)")
        parser.add_argument("--pseudonymise", action="store_true", help="(.sav/.dta) codes instead of identifiers")

    def handle(self, *args, out: Path, site: str | None, pseudonymise: bool = False, **options):
        visits = Visit.objects.all()
        if site:
            visits = visits.filter(patient__site__code=site)
            if not visits.exists():
                raise CommandError(f"no visits for site {site!r}")
        fmt = out.suffix.lower().lstrip(".")
        if fmt in ("sav", "dta"):
            count = self._statistical(visits, out, fmt, pseudonymise)
        else:
            with out.open("w", encoding="utf-8-sig", newline="") as stream:
                count = write_csv(stream, export_queryset(visits))
        self.stdout.write(f"{count} visits written to {out}.")

    def _statistical(self, visits, out: Path, fmt: str, pseudonymise: bool) -> int:
        from screening.cohort.exports import export_rows
        from screening.interop import stats

        total = visits.count()
        bar = {"unit": "visit", "total": total, "disable": None, "file": sys.stderr}
        rows = tqdm(export_rows(visits, pseudonymise=pseudonymise), desc="read", **bar)
        with tqdm(desc=f"write .{fmt}", delay=0.5, **bar) as writing:  # the second pass (stats.write)
            count = stats.write(rows, out, fmt=fmt, pseudonymised=pseudonymise, written=writing.update)
        codebook = out.with_suffix(".codebook.html")
        codebook.write_text(stats.codebook_html(pseudonymised=pseudonymise), encoding="utf-8")
        self.stdout.write(f"Codebook written to {codebook}.")
        return count
