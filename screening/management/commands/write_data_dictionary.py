"""python manage.py write_data_dictionary [--check]: docs/data-dictionary.md from the field catalogue."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from screening.catalogue.dictionary import markdown

PATH = Path(settings.BASE_DIR) / "docs" / "data-dictionary.md"


class Command(BaseCommand):
    help = "Write docs/data-dictionary.md from screening/catalogue/fields.py and the limits (--check: only compare)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="exit non-zero if the file differs; write nothing")

    def handle(self, *args, check: bool, **options):
        text = markdown()
        current = PATH.read_text(encoding="utf-8") if PATH.exists() else ""
        if check:
            if current != text:
                raise CommandError(f"{PATH} differs from the catalogue: run `python manage.py write_data_dictionary`")
            self.stdout.write(f"{PATH} is up to date")
            return
        PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"{PATH} {'unchanged' if current == text else 'written'}")
