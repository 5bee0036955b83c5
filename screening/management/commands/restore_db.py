"""python manage.py restore_db FILE --into DATABASE_URL (a new, empty database)"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from screening.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup into a new, empty database; point DATABASE_URL at it afterwards."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--into", required=True, help="DATABASE_URL of the new database")

    def handle(self, *args, file: Path, into: str, **options):
        try:
            restore(file, into)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored {file} into the new database.")
