"""python manage.py backup_db --out FILE"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from screening.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the whole database (SQLite backup API, or pg_dump custom format for PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True)

    def handle(self, *args, out: Path, **options):
        try:
            backup(out)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Backup written to {out} ({out.stat().st_size} bytes).")
