"""python manage.py verify_backup FILE: prove that a backup restores (nightly, from cron or Celery beat)"""

import sys
from pathlib import Path

import dj_database_url
from django.core.management.base import BaseCommand, CommandError

from screening.ops.backup import BackupError, verify_backup


class Command(BaseCommand):
    help = (
        "Restore a backup into a throwaway database of its engine (a temporary SQLite file, or a temporary "
        "PostgreSQL database on the configured server), check every table against its manifest, and "
        "drop it again. Exits non-zero, naming the table, on any difference."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--server", help="postgres://USER@HOST:PORT/ for a PostgreSQL backup (default: the server in DATABASE_URL)"
        )
        parser.add_argument("--prefix", default="verify_backup_", help="name prefix of the temporary database")

    def handle(self, *args, file: Path, server: str | None, prefix: str, **options):
        params = dj_database_url.parse(server) if server else None
        try:
            manifest = verify_backup(file, params, prefix, progress=sys.stderr if sys.stderr.isatty() else None)
        except BackupError as exc:
            raise CommandError(f"{file} FAILED verification: {exc}") from None
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            f"{file} restores: {len(manifest['tables'])} tables, {rows} rows match its manifest "
            f"({manifest['engine']} backup made {manifest['created_at']} by {manifest['created_by']})."
        )
