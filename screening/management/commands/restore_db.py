"""python manage.py restore_db FILE --into DATABASE_URL (a new, empty database of either engine)"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from screening.ops.backup import BackupError, pending_migrations, restore


class Command(BaseCommand):
    help = (
        "Restore a backup into a new, empty database, SQLite or PostgreSQL whatever engine made it, and "
        "check every table against the backup's manifest; then point DATABASE_URL at it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--into",
            required=True,
            help="DATABASE_URL of the new database "
            "(sqlite:///PATH, or postgres://USER@HOST:PORT/NAME, created if absent)",
        )

    def handle(self, *args, file: Path, into: str, **options):
        try:
            manifest = restore(file, into, progress=sys.stderr if sys.stderr.isatty() else None)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            f"Restored {file} ({manifest['engine']} backup made {manifest['created_at']} by "
            f"{manifest['created_by']}) into the new database: {len(manifest['tables'])} tables, "
            f"{rows} rows, each matching the backup's manifest. Point DATABASE_URL at it."
        )
        pending = pending_migrations(manifest)
        if pending:
            self.stdout.write(
                f"The backup's schema is {pending} migrations behind this code: run "
                "`manage.py migrate` with DATABASE_URL pointing at the new database."
            )
