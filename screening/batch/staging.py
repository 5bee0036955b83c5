"""Uploaded import files kept between the preview and the confirmation, under var/imports/.

A staged file holds patient data, so it lives no longer than needed: it is private to the app's user,
deleted once the import it was staged for ran (or failed), when a newer preview replaces it, and by
`purge_staged_imports` once older than IMPORT_STAGING_MAX_HOURS (a preview never confirmed).
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from django.conf import settings

from screening.ops.private_files import write_private


def staging_dir() -> Path:
    return Path(settings.VAR_DIR) / "imports"


def stage(data: bytes) -> str:
    """Keep an upload for its confirmation; returns the token that names it."""
    token = uuid.uuid4().hex
    write_private(staging_dir() / f"{token}.csv", data)
    return token


def staged_path(token: str) -> Path | None:
    """The staged file of a token, if the token is well-formed and the file still exists."""
    if not (isinstance(token, str) and len(token) == 32 and token.isalnum()):
        return None
    path = staging_dir() / f"{token}.csv"
    return path if path.exists() else None


def discard(token: str | None) -> None:
    """Delete a staged file (a replaced preview, a finished or failed import); a missing one is fine."""
    path = staged_path(token or "")
    if path is not None:
        path.unlink(missing_ok=True)


def purge_staged(*, max_age_hours: float, now: float | None = None) -> int:
    """Delete staged files older than `max_age_hours`; returns how many were deleted."""
    folder = staging_dir()
    if not folder.exists():
        return 0
    limit = (now if now is not None else time.time()) - max_age_hours * 3600
    removed = 0
    for path in folder.glob("*.csv"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # confirmed (and deleted) meanwhile
            continue
    return removed
