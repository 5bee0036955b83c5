"""python manage.py backup_db --out FILE (and FILE.manifest.json beside it)"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from screening.ops.backup import BackupError, backup
from screening.ops.backup_manifest import manifest_path


class Command(BaseCommand):
    help = (
        "Back up the whole database (SQLite backup API, or pg_dump custom format for PostgreSQL) and write "
        "its manifest (engine, migrations, rule-set version, rows and checksum per table) beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True)

    def handle(self, *args, out: Path, **options):
        try:
            manifest = backup(out)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            f"Backup written to {out} ({out.stat().st_size} bytes; {len(manifest['tables'])} tables, "
            f"{rows} rows) with its manifest {manifest_path(out).name}: keep and copy them together."
        )
