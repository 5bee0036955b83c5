"""python manage.py rescreen: recompute every visit's stored results after a rule change."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand
from django.db.models import Count
from tqdm import tqdm

from screening.batch.rescreen import visits_rescreen
from screening.clinical import RULE_SET_VERSION
from screening.models import Visit
from screening.results.stored_results import CATEGORY_FIELDS


class Command(BaseCommand):
    help = (
        "Re-evaluate all visits under the current rule set; report category changes per set and the "
        "visits in each category of each set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--jobs", type=int, default=0, help="worker processes for screening (default: CPUs)")

    def handle(self, *args, no_progress: bool, jobs: int, **options):
        total = Visit.all_objects.count()  # voided visits are rescreened too (and left out of the counts below)
        with tqdm(total=total, unit="visit", disable=no_progress, file=self.stderr) as bar:
            changed = visits_rescreen(progress=bar.update, jobs=jobs or os.cpu_count() or 1)
        self.stdout.write(f"Rescreened {total} visits under rule set {RULE_SET_VERSION}.")
        for code, count in sorted(changed.items()):
            self.stdout.write(f"  {code}: {count} visits changed category")
        if not changed:
            self.stdout.write("  no category changed")
        self.stdout.write("Visits per category:")
        for code, field in CATEGORY_FIELDS.items():
            counts = Visit.objects.values_list(field).annotate(n=Count("pk")).order_by(field)
            shown = ", ".join(f"{category or '(none)'} {n}" for category, n in counts)
            self.stdout.write(f"  {code}: {shown or 'no visits'}")
