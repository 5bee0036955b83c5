"""PDFs on disk keyed by content fingerprint, language and layout, so an unchanged visit renders once.

The key also hashes the report's templates, stylesheet and wording modules (once per process): a
deploy that changes how reports look cannot serve a PDF laid out by the old code. Files are written
to a temporary name and renamed, so a concurrent reader never sees half a PDF.

The cache is pruned every few stores (`prune_cache`): PDFs not read for REPORT_CACHE_MAX_DAYS go, then
the least recently used ones until it holds at most REPORT_CACHE_MAX_MB. A hit refreshes the file's
modification time, which is what "recently used" means here. A PDF pruned while another process reads
it is only rendered again; nothing else depends on a file being there.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import get_template

from screening.ops.private_files import private_dir

# What decides the PDF's look besides its content: templates, stylesheet, wording and drawing code.
_TEMPLATES = ("report/base_print.html", "report/visit_report.html", "report/take_home.html")
_STATIC = ("css/report.css",)
# The references and their relations are read from the knowledge base at render time, not stored with
# the visit, so their modules are part of the layout: a corrected citation re-renders cached PDFs.
_MODULES = (
    "screening.reports.text",
    "screening.reports.charts",
    "screening.reports.context",
    "screening.reports.html",
    "screening.clinical.text",
    "screening.clinical.mechanisms.text_mechanisms",
    "screening.clinical.mechanisms.text_triggers",
    "screening.clinical.mechanisms.text_references",
    "screening.clinical.mechanisms.kb_references",
    "screening.visits.mechanism_presenter",
    "screening.reports.take_home",
    "screening.visits.presenters",
)


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
    path = cache_path(fingerprint, lang)
    try:
        data = path.read_bytes()
    except FileNotFoundError:  # never rendered, or pruned
        return None
    try:
        os.utime(path)  # used now: pruning goes by last use
    except OSError:  # pruned meanwhile, or another user's file: it then ages from its writing
        pass
    return data


def store_pdf(fingerprint: str, lang: str, pdf: bytes) -> None:
    path = cache_path(fingerprint, lang)
    private_dir(path.parent)  # mkstemp's file is 0600 already
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(pdf)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _prune_now_and_then()


logger = logging.getLogger(__name__)
PRUNE_EVERY = 50  # stores per process between two prunings: a walk of the cache is not free
STALE_TMP_SECONDS = 3600  # a temporary file this old belongs to a writer that died
_stores = 0


@dataclass(frozen=True)
class Pruned:
    removed: int
    freed_bytes: int
    kept: int
    kept_bytes: int


def _prune_now_and_then() -> None:
    global _stores
    _stores += 1
    if _stores % PRUNE_EVERY == 0:
        prune_cache()


def prune_cache(
    *, max_bytes: int | None = None, max_age_seconds: float | None = None, now: float | None = None
) -> Pruned:
    """Remove PDFs unused for longer than the age cap, then the least recently used over the size cap.

    Caps default to settings.REPORT_CACHE_MAX_MB and REPORT_CACHE_MAX_DAYS; 0 turns a cap off.
    """
    max_bytes = settings.REPORT_CACHE_MAX_MB * 1024 * 1024 if max_bytes is None else max_bytes
    max_age_seconds = settings.REPORT_CACHE_MAX_DAYS * 86400 if max_age_seconds is None else max_age_seconds
    now = time.time() if now is None else now
    files, removed, freed = [], 0, 0
    for path in cache_dir().glob("*/*"):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        stale_tmp = path.suffix == ".tmp" and now - stat.st_mtime > STALE_TMP_SECONDS
        too_old = path.suffix == ".pdf" and max_age_seconds and now - stat.st_mtime > max_age_seconds
        if stale_tmp or too_old:
            removed, freed = removed + _unlink(path), freed + stat.st_size
        elif path.suffix == ".pdf":
            files.append((stat.st_mtime, stat.st_size, path))
    total = sum(size for _mtime, size, _path in files)
    files.sort(key=lambda entry: entry[0])  # least recently used first
    while max_bytes and total > max_bytes and files:
        _mtime, size, path = files.pop(0)
        removed, freed, total = removed + _unlink(path), freed + size, total - size
    if removed:
        logger.info("report cache pruned: %d files, %d bytes", removed, freed)
    return Pruned(removed=removed, freed_bytes=freed, kept=len(files), kept_bytes=total)


def _unlink(path: Path) -> int:
    try:
        path.unlink()
    except FileNotFoundError:  # another process pruned it first
        return 0
    return 1
