"""Refresh the zh-hans catalog: extract (makemessages), apply scripts/i18n/zh_hans.py, compile.

    .venv/bin/python scripts/i18n/update.py            # extract, translate, compile; exit 1 if a msgid lacks Chinese
    .venv/bin/python scripts/i18n/update.py extract    # only makemessages (used by tests on a temporary copy)
    .venv/bin/python scripts/i18n/update.py apply      # only apply the dictionary and compile

Plain `manage.py makemessages` does not know this project's `gettext_lazy as _l` alias and would drop
every `_l("…")` string (SARC-F items, help texts); this wrapper adds the alias as an xgettext keyword.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCALE = "zh_Hans"
PO = ROOT / "locale" / LOCALE / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# Aliases of Django's translation functions used in this project, with their xgettext keyword spec.
EXTRA_KEYWORDS = {"_l": "_l"}
IGNORE = [".venv", "node_modules", "tests", "bench", "staticfiles", "var", "test-artifacts", "scripts"]
# Template code inside Python strings (crispy `HTML("{% translate '…' %}")`): xgettext reads .py files as
# Python and makemessages templatizes only .html/.txt, so neither sees these; extract() adds them.
TEMPLATE_TAG_IN_PY = re.compile(r"""\{%\s*(?:translate|trans)\s+(["'])(.+?)\1\s*%\}""")


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sarcopenia.settings")
    os.environ.setdefault("DJANGO_DEBUG", "true")
    import django

    django.setup()


def extract() -> None:
    """`manage.py makemessages -l zh_Hans --no-location …` plus the project's keyword aliases."""
    _setup_django()
    from django.core.management import call_command
    from django.core.management.commands import makemessages

    class Command(makemessages.Command):
        xgettext_options = makemessages.Command.xgettext_options + [
            f"--keyword={spec}" for spec in EXTRA_KEYWORDS.values()
        ]

    before = _msgids_and_date()
    os.chdir(ROOT)
    call_command(Command(), locale=[LOCALE], no_location=True, no_wrap=True, ignore_patterns=IGNORE, verbosity=0)
    _add_template_tags_in_python(keep_date_if_unchanged=before)


def _msgids_and_date() -> tuple[set, str] | None:
    import polib

    if not PO.exists():
        return None
    po = polib.pofile(str(PO))
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in po}, po.metadata.get("POT-Creation-Date", "")


def template_tags_in_python(root: Path = ROOT) -> dict[str, str]:
    """msgid -> relative path, for every `{% translate "…" %}` written inside a .py file of the project."""
    found: dict[str, str] = {}
    for path in python_files(root):
        for match in TEMPLATE_TAG_IN_PY.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(2), str(path.relative_to(root)))
    return found


def python_files(root: Path = ROOT) -> list[Path]:
    """The project's .py files that makemessages reads (not the ignored trees, not migrations)."""
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d for d in dirnames if d not in IGNORE and d not in ("migrations", "__pycache__") and not d.startswith(".")
        )
        files += [Path(dirpath) / name for name in sorted(filenames) if name.endswith(".py")]
    return files


def _add_template_tags_in_python(keep_date_if_unchanged: tuple[set, str] | None) -> None:
    """Add the template strings found in .py files; keep the old POT-Creation-Date if no msgid changed."""
    import polib

    po = polib.pofile(str(PO), wrapwidth=0)
    for msgid, where in template_tags_in_python().items():
        entry = po.find(msgid, include_obsolete_entries=True)
        if entry is None:
            entry = polib.POEntry(msgid=msgid, msgstr="")
            po.append(entry)
        entry.obsolete = False
        entry.comment = f"Template code in {where} (added by scripts/i18n/update.py)"
    if keep_date_if_unchanged and {(e.msgctxt, e.msgid, e.msgid_plural) for e in po} == keep_date_if_unchanged[0]:
        po.metadata["POT-Creation-Date"] = keep_date_if_unchanged[1]
    po.save(str(PO))


def apply_and_compile() -> list[str]:
    """Write the dictionary into the .po, compile the .mo with msgfmt; return msgids still untranslated."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import zh_hans

    missing = zh_hans.apply(PO)
    subprocess.run(["msgfmt", "--check-format", "-o", str(MO), str(PO)], check=True)
    return missing


def main(argv: list[str]) -> int:
    step = argv[1] if len(argv) > 1 else "all"
    if step not in ("extract", "apply", "all"):
        print(__doc__, file=sys.stderr)
        return 2
    if step in ("extract", "all"):
        extract()
    if step in ("apply", "all"):
        missing = apply_and_compile()
        for msgid in missing:
            print(f"untranslated: {msgid!r}", file=sys.stderr)
        return 1 if missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
