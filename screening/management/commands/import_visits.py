"""python manage.py import_visits FILE --site CODE [--profile NAME [--encoding ENC]] [--dry-run] [--skip-invalid]"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from screening.batch import import_profiles
from screening.batch.importer import ImportFileError, parse_file
from screening.batch.imports import visits_import
from screening.models import ImportProfile, Site


class Command(BaseCommand):
    help = "Import visits from a CSV of data dictionary columns (docs/data-dictionary.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--site", required=True, help="site code")
        parser.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
        parser.add_argument("--skip-invalid", action="store_true", help="import the valid rows, report the rest")
        parser.add_argument(
            "--profile", default="", help="the site's import profile mapping a device export (CSV or XLSX)"
        )
        parser.add_argument(
            "--encoding", default="", help="with --profile: the file's encoding (default: the profile's, else detected)"
        )
        parser.add_argument(
            "--jobs", type=int, default=0, help="worker processes for parsing and screening (default: CPUs)"
        )

    def handle(
        self,
        *args,
        file: Path,
        site: str,
        dry_run: bool,
        skip_invalid: bool,
        jobs: int,
        profile: str,
        encoding: str,
        **options,
    ):
        target = Site.objects.filter(code=site).first()
        if target is None:
            raise CommandError(f"no site with code {site!r}")
        jobs = jobs or os.cpu_count() or 1
        try:
            if profile:
                rows, problems = self._parse_with_profile(file, target, profile, encoding)
            else:
                rows, problems = parse_file(file.read_bytes(), jobs=jobs)
        except (OSError, ImportFileError) as exc:
            raise CommandError(str(exc)) from None
        if problems:
            raise CommandError("\n".join(problems))
        report = visits_import(
            site=target, rows=rows, dry_run=dry_run, skip_invalid=skip_invalid, jobs=jobs, source_name=file.name
        )
        for line in report.warnings:
            self.stdout.write(f"warning: {line}")
        for line in report.errors:
            self.stderr.write(line)
        summary = (
            f"{report.rows} rows: {report.imported} visits imported, {report.patients_created} new patients, "
            f"{len(report.skipped_rows)} rows invalid{' (dry run: nothing written)' if dry_run else ''}."
        )
        if report.errors and not skip_invalid:
            raise CommandError(f"{summary} Nothing was imported: fix the rows above or use --skip-invalid.")
        self.stdout.write(summary)

    def _parse_with_profile(self, file: Path, site: Site, name: str, encoding: str):
        saved = ImportProfile.objects.filter(site=site, name=name).first()
        if saved is None:
            raise CommandError(f"site {site.code!r} has no import profile {name!r}")
        table = import_profiles.read_table(file.read_bytes(), file.name, encoding or saved.encoding)
        self.stdout.write(f"encoding: {table.encoding}" + (f" (detected {table.detected})" if table.detected else ""))
        mapping, unknown = import_profiles.profile_mapping(saved.columns, table.header)
        for column in unknown:
            self.stdout.write(f"warning: column {column!r} is not in profile {name!r}: not imported")
        return import_profiles.parse_table(table, mapping)
