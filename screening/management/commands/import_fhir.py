"""python manage.py import_fhir FILE.json --site CODE [--dry-run]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from screening.interop.fhir_in import FhirImportError, fhir_import
from screening.models import Site


class Command(BaseCommand):
    help = (
        "Create or complete visits from a FHIR R4 Bundle of Observations (same validation as the form); "
        "unknown codes are listed, never guessed; any error writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--site", required=True, help="site code")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")

    def handle(self, *args, file: Path, site: str, dry_run: bool, **options):
        target = Site.objects.filter(code=site).first()
        if target is None:
            raise CommandError(f"no site {site!r}")
        try:
            report = fhir_import(site=target, data=file.read_bytes(), dry_run=dry_run)
        except (OSError, FhirImportError) as exc:
            raise CommandError(str(exc)) from None
        for line in report.unknown:
            self.stdout.write(f"not imported: {line}")
        for line in report.warnings:
            self.stdout.write(f"warning: {line}")
        if report.errors:
            for line in report.errors:
                self.stderr.write(line)
            raise CommandError(f"{len(report.errors)} errors: nothing imported")
        if dry_run:
            self.stdout.write(f"Dry run: no errors, nothing written ({len(report.unknown)} entries not read).")
        else:
            self.stdout.write(
                f"{report.created} visits created, {report.completed} completed, "
                f"{report.patients_created} patients created."
            )
