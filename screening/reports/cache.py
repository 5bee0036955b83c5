"""PDFs on disk keyed by content fingerprint, language and layout, so an unchanged visit renders once.

The key also hashes the report's templates, stylesheet and wording modules (once per process): a
deploy that changes how reports look cannot serve a PDF laid out by the old code. Files are written
to a temporary name and renamed, so a concurrent reader never sees half a PDF.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import get_template

# What decides the PDF's look besides its content: templates, stylesheet, wording and drawing code.
_TEMPLATES = ("report/base_print.html", "report/visit_report.html")
_STATIC = ("css/report.css",)
_MODULES = ("screening.reports.text", "screening.reports.charts", "screening.reports.context",
            "screening.reports.html", "screening.clinical.text", "screening.clinical.mechanisms.text_mechanisms",
            "screening.clinical.mechanisms.text_triggers")


def cache_dir() -> Path:
    return Path(settings.VAR_DIR) / "reports-cache"


@lru_cache(maxsize=1)
def layout_digest() -> str:
    """A hash of everything besides the content that shapes the PDF."""
    digest = hashlib.sha256()
    for name in _TEMPLATES:
        digest.update(Path(get_template(name).origin.name).read_bytes())
    for name in _STATIC:
        digest.update(Path(finders.find(name)).read_bytes())
    for module in _MODULES:
        digest.update(Path(importlib.import_module(module).__file__).read_bytes())
    return digest.hexdigest()


def cache_path(fingerprint: str, lang: str) -> Path:
    key = hashlib.sha256(f"{fingerprint}:{lang}:{layout_digest()}".encode()).hexdigest()
    return cache_dir() / key[:2] / f"{key}.pdf"


def cached_pdf(fingerprint: str, lang: str) -> bytes | None:
    try:
        return cache_path(fingerprint, lang).read_bytes()
    except FileNotFoundError:
        return None


def store_pdf(fingerprint: str, lang: str, pdf: bytes) -> None:
    path = cache_path(fingerprint, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(pdf)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
