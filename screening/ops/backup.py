"""Backup, restore and verification of the whole database, on SQLite and PostgreSQL and between them.

A backup is the engine's own format (the SQLite online backup API; pg_dump's custom format, taken in
the same snapshot as its manifest) plus a manifest beside it (`FILE.manifest.json`, see
screening/ops/backup_manifest.py). A restore goes into a new, empty database of either engine: the same
engine as before (SQLite backup API, pg_restore), the other engine through a migrated copy
(screening/ops/backup_copy.py). Either way the restored database is checked against the manifest, table by
table, and a restore that is refused or does not match leaves nothing behind.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess  # nosec B404 # pg_dump/pg_restore only, argument lists, never a shell
import sys
import tempfile
import uuid
from pathlib import Path
from typing import IO
from urllib.parse import quote

import psycopg
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from tqdm import tqdm

from screening.ops import backup_manifest as manifests
from screening.ops.backup_copy import (
    PostgresTarget,
    RestoreError,
    Target,
    backup_tables,
    copy_tables,
    django_connection,
    drop_pg_database,
    migrate_to,
    pg_dump_table,
    target_for,
    unknown_migrations,
)
from screening.ops.backup_manifest import ManifestError, Reader, describe, pg_connect, sqlite_reader
from screening.ops.private_files import private_file

MAGIC = {"sqlite": b"SQLite format 3\x00", "postgresql": b"PGDMP"}


class BackupError(Exception):
    pass


def _pg_env(params: dict) -> dict[str, str]:
    env = {
        **os.environ,
        "PGHOST": str(params.get("HOST") or ""),
        "PGPORT": str(params.get("PORT") or ""),
        "PGUSER": str(params.get("USER") or ""),
    }
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return env


def backup(out: Path, using: str = "default") -> dict:
    """Write a consistent copy of the database to `out` (a 0600 file: it holds patient data) and its
    manifest beside it; returns the manifest."""
    private_file(out)
    connection = connections[using]
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(out)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        reader = sqlite_reader(out)
        contents = describe(reader)
        reader.connection.close()
    elif connection.vendor == "postgresql":
        with pg_connect(params) as snapshot:  # pg_dump and the manifest read the same snapshot
            snapshot.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            snapshot.read_only = True
            name = snapshot.execute("SELECT pg_export_snapshot()").fetchone()[0]
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={name}",
                    "--file",
                    str(out),
                    params["NAME"],
                ],
                _pg_env(params),
            )
            contents = describe(Reader(snapshot, "postgresql"))
    else:
        raise BackupError(f"no backup method for {connection.vendor}")
    manifest = manifests.build(connection.vendor if connection.vendor == "sqlite" else "postgresql", out, contents)
    manifests.write(out, manifest)
    return manifest


def checked_manifest(source: Path) -> dict:
    """The backup's manifest, once the file is whole and its schema is one this code knows."""
    try:
        manifest = manifests.load(source)
    except ManifestError as exc:
        raise BackupError(str(exc)) from None
    expected, size = manifest["file"]["bytes"], source.stat().st_size
    if size < expected:
        raise BackupError(f"{source} is truncated: {size} of {expected} bytes. Copy the backup again.")
    with source.open("rb") as handle:
        head = handle.read(16)
    if not head.startswith(MAGIC[manifest["engine"]]):
        raise BackupError(f"{source} is not a {manifest['engine']} backup as its manifest says: wrong file?")
    if size != expected or manifests.file_sha256(source) != manifest["file"]["sha256"]:
        raise BackupError(
            f"{source} does not match its manifest (size or SHA-256 differs): the file is damaged "
            "or was changed after the backup. Use another backup."
        )
    newer = unknown_migrations(manifest["migrations"])
    if newer:
        raise BackupError(
            f"{source} is from a newer schema than this code ({', '.join(newer[:3])}"
            f"{' …' if len(newer) > 3 else ''}): upgrade the app to the version that made the backup "
            "(or later), then restore."
        )
    return manifest


def restore(source: Path, target_url: str, progress: IO | None = None) -> dict:
    """Load a backup into the new, empty database named by `target_url`; returns the manifest it matched."""
    manifest = checked_manifest(source)
    try:
        target = target_for(target_url)
        target.check()
    except RestoreError as exc:
        raise BackupError(str(exc)) from None
    return _restore_into(source, manifest, target, progress)


def _restore_into(source: Path, manifest: dict, target: Target, progress: IO | None) -> dict:
    target.prepare()
    try:
        if manifest["engine"] == target.engine:
            _same_engine(source, target)
        else:
            _across_engines(source, manifest, target, progress)
        problems = verify(target, manifest, progress)
        if problems:
            raise BackupError("the restored database does not match the backup's manifest: " + "; ".join(problems))
        target.commit()
    except BaseException as exc:
        target.discard()
        if isinstance(exc, RestoreError):
            raise BackupError(str(exc)) from None
        raise
    return manifest


def _same_engine(source: Path, target: Target) -> None:
    if target.engine == "sqlite":
        src, dst = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True), sqlite3.connect(target.work)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        return
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            target.name,
            str(source),
        ],
        _pg_env(target.params),
    )


def _across_engines(source: Path, manifest: dict, target: Target, progress: IO | None) -> None:
    tables = backup_tables(manifest)
    if manifest["engine"] == "sqlite":
        reader = sqlite_reader(source)

        def rows(table: str):
            columns = reader.columns(table)
            return columns, reader.rows(table, columns)
    else:
        env = dict(os.environ)

        def rows(table: str):
            return pg_dump_table(source, table, env)

    total = sum(manifest["tables"][t]["rows"] for t in tables)
    with (
        django_connection(target.work_params) as connection,
        tqdm(total=total, unit="row", desc="copy", file=progress or sys.stderr, disable=progress is None) as bar,
    ):
        migrate_to(connection, manifest["migrations"])
        copy_tables(connection, rows, tables, bar.update)


def verify(target: Target, manifest: dict, progress: IO | None = None) -> list[str]:
    """Differences between the restored database and the manifest, table by table ([] when none)."""
    reader = target.reader()
    total = sum(t["rows"] for t in manifest["tables"].values())
    try:
        with tqdm(total=total, unit="row", desc="verify", file=progress or sys.stderr, disable=progress is None) as bar:
            found = describe(reader, bar.update)
    finally:
        reader.connection.close()
    return manifests.differences(manifest, found)


def pending_migrations(manifest: dict) -> int:
    """How many of this code's migrations the backup has not applied (run `migrate` after restoring)."""
    applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    return len(set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations) - applied)


def verify_backup(
    source: Path, server: dict | None = None, prefix: str = "verify_backup_", progress: IO | None = None
) -> dict:
    """Restore into a throwaway database of the backup's engine, check the manifest, throw it away."""
    manifest = checked_manifest(source)
    if manifest["engine"] == "sqlite":
        with tempfile.TemporaryDirectory(prefix="verify_backup_") as folder:
            return _restore_into(source, manifest, target_for(f"sqlite:///{Path(folder) / 'verify.sqlite3'}"), progress)
    params = server or connections["default"].settings_dict
    if not params.get("ENGINE", "").endswith("postgresql"):
        raise BackupError("verifying a PostgreSQL backup needs a PostgreSQL server: pass --server postgres://…")
    name = f"{prefix}{uuid.uuid4().hex[:8]}"
    target = PostgresTarget(pg_url(params, name))
    try:
        target.check()
        return _restore_into(source, manifest, target, progress)
    except RestoreError as exc:
        raise BackupError(str(exc)) from None
    finally:
        if target.created:
            drop_pg_database(params, name)


def pg_url(params: dict, name: str) -> str:
    user = quote(str(params.get("USER") or ""), safe="")
    password = f":{quote(str(params['PASSWORD']), safe='')}" if params.get("PASSWORD") else ""
    credentials = f"{user}{password}@" if user else ""
    return f"postgres://{credentials}{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}/{name}"


def _run(command: list[str], env: dict[str, str]) -> None:
    # B603 accepted: argv is a fixed pg_dump/pg_restore command, file paths and the settings' database name
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")
