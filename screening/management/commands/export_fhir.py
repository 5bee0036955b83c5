"""python manage.py export_fhir --visit UUID | --patient UUID | --site CODE --out FILE.json"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from screening.interop.fhir_out import BUNDLE_TYPES, bundle_chunks, bundle_resources
from screening.models import Visit


class Command(BaseCommand):
    help = "Export visits as a FHIR R4 Bundle (JSON), written entry by entry."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--visit", help="one visit (UUID)")
        which.add_argument("--patient", help="every visit of one patient (UUID)")
        which.add_argument("--site", help="every visit of a site (code)")
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--type", default="collection", choices=BUNDLE_TYPES, dest="bundle_type")
        parser.add_argument("--pseudonymise", action="store_true", help="codes instead of identifiers, year of birth")
        parser.add_argument(
            "--pdf", action="store_true", help="the clinician reports (zh-Hans, en) in each DiagnosticReport"
        )

    def handle(self, *args, out: Path, bundle_type: str, pseudonymise: bool, pdf: bool, **options):
        visits = self._visits(options["visit"], options["patient"], options["site"])
        total = visits.count()
        if not total:
            raise CommandError("no visits match")
        resources = bundle_resources(visits, pseudonymise=pseudonymise, with_pdf=pdf)
        with out.open("wb") as stream, tqdm(total=total, unit="visit", disable=None, file=sys.stderr) as bar:
            for chunk in bundle_chunks(_counting(resources, bar), kind=bundle_type):
                stream.write(chunk)
        self.stdout.write(f"{total} visits written to {out}.")

    @staticmethod
    def _visits(visit: str | None, patient: str | None, site: str | None):
        try:
            if visit:
                return Visit.objects.filter(pk=visit)
            if patient:
                return Visit.objects.filter(patient_id=patient)
        except ValidationError as exc:
            raise CommandError("not a UUID") from exc
        return Visit.objects.filter(patient__site__code=site)


def _counting(resources, bar):
    for resource in resources:
        if resource["resourceType"] == "Encounter":
            bar.update(1)
        yield resource
