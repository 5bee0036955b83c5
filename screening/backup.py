"""Backup and restore of the whole database: the SQLite online backup API for the embedded default,
pg_dump/pg_restore (custom format) for PostgreSQL. A restore always goes into a fresh database."""

from __future__ import annotations

import os
import sqlite3
import subprocess  # nosec B404 # pg_dump/pg_restore only, argument lists, never a shell
from pathlib import Path

import dj_database_url
from django.db import connection

from screening.private_files import private_file


class BackupError(Exception):
    pass


def _pg_env(params: dict) -> dict[str, str]:
    env = {**os.environ, "PGHOST": str(params.get("HOST") or ""), "PGPORT": str(params.get("PORT") or ""),
           "PGUSER": str(params.get("USER") or "")}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return env


def backup(out: Path) -> None:
    """Write a consistent copy of the current database to `out` (a 0600 file: it holds patient data)."""
    private_file(out)
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(out) as target:
            connection.connection.backup(target)
        return
    if connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(out),
              params["NAME"]], _pg_env(params))
        return
    raise BackupError(f"no backup method for {connection.vendor}")


def restore(source: Path, target_url: str) -> None:
    """Load a backup into the (new, empty) database named by `target_url`."""
    params = dj_database_url.parse(target_url)
    if params["ENGINE"].endswith("sqlite3"):
        target = Path(params["NAME"])
        if target.exists() and target.stat().st_size > 0:
            raise BackupError(f"{target} exists: restore into a new file")
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        return
    if params["ENGINE"].endswith("postgresql"):
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--dbname", params["NAME"],
              str(source)], _pg_env(params))
        return
    raise BackupError(f"no restore method for {params['ENGINE']}")


def _run(command: list[str], env: dict[str, str]) -> None:
    # B603 accepted: argv is a fixed pg_dump/pg_restore command, file paths and the settings' database name
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")
