"""What a backup holds, described so that any engine can check it: the manifest beside every backup.

A manifest names the engine, the applied migrations, the rule-set version, when and by whom the backup
was made, the backup file's size and SHA-256, and for every table its row count and a checksum. The
checksum is engine-neutral: each value is first put in one canonical form (a UUID as 32 hex digits, a
timestamp in UTC with microseconds, a boolean as true/false, a JSON column as canonical JSON, text as
it is, so a visit's stored results count byte for byte), each row is hashed with its columns in name
order, and the row hashes are added up modulo 2**256, so row order and column order do not matter.
A SQLite database and its PostgreSQL copy therefore have the same checksums, table by table.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import socket
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time
from datetime import timezone as dt_timezone
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time

from screening.clinical import RULE_SET_VERSION

FORMAT = "sarcopenia-backup"
FORMAT_VERSION = 1
SKIPPED_TABLES = {"django_migrations"}  # written by `migrate` on the target; compared as migration state
MODULUS = 2**256
FETCH = 2000


class ManifestError(Exception):
    pass


def manifest_path(backup_file: Path) -> Path:
    return backup_file.with_name(backup_file.name + ".manifest.json")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- column kinds: how a value is put in canonical form ----------------------------------------------


def column_kinds() -> dict[str, dict[str, str]]:
    """table -> column -> kind (uuid, bool, datetime, date, time, json, ip, decimal, int, float, other)."""
    kinds: dict[str, dict[str, str]] = {}
    for model in apps.get_models(include_auto_created=True):
        columns = kinds.setdefault(model._meta.db_table, {})
        for field in model._meta.concrete_fields:
            target = field
            while target.is_relation:
                target = target.target_field
            columns[field.column] = _KIND.get(target.get_internal_type(), "other")
    return kinds


_KIND = {
    "UUIDField": "uuid",
    "BooleanField": "bool",
    "NullBooleanField": "bool",
    "DateTimeField": "datetime",
    "DateField": "date",
    "TimeField": "time",
    "JSONField": "json",
    "GenericIPAddressField": "ip",
    "DecimalField": "decimal",
    "FloatField": "float",
    "AutoField": "int",
    "BigAutoField": "int",
    "SmallAutoField": "int",
    "IntegerField": "int",
    "BigIntegerField": "int",
    "SmallIntegerField": "int",
    "PositiveIntegerField": "int",
    "PositiveBigIntegerField": "int",
    "PositiveSmallIntegerField": "int",
}


def _uuid(value) -> str:
    return value.hex if isinstance(value, uuid.UUID) else uuid.UUID(str(value)).hex


def _bool(value) -> bool:
    if isinstance(value, str):
        return value.lower() in ("t", "true", "1")
    return bool(value)


def as_utc(value) -> datetime:
    """A stored timestamp as an aware UTC datetime (SQLite keeps naive UTC text, PostgreSQL an offset)."""
    moment = parse_datetime(value) if isinstance(value, str) else value
    if moment is None:
        raise ValueError(f"not a timestamp: {value!r}")
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=dt_timezone.utc)
    return moment.astimezone(dt_timezone.utc)


def _datetime(value) -> str:
    return as_utc(value).strftime("%Y-%m-%dT%H:%M:%S.%f")


def _date(value) -> str:
    return (parse_date(value) if isinstance(value, str) else value).isoformat()


def _time(value) -> str:
    return (parse_time(value) if isinstance(value, str) else value).strftime("%H:%M:%S.%f")


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _json(value) -> str:
    return canonical(json.loads(value) if isinstance(value, (str, bytes)) else value)


def _other(value):
    """Columns the models do not describe (an older schema): plain values as they are."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (Decimal, uuid.UUID)) or not isinstance(value, (str, int, float, type(None))):
        return str(value)
    return value


NORMALISERS: dict[str, Callable] = {
    "uuid": _uuid,
    "bool": _bool,
    "datetime": _datetime,
    "date": _date,
    "time": _time,
    "json": _json,
    "ip": str,
    "decimal": lambda v: str(Decimal(str(v))),
}


def table_checksum(rows: Iterable[tuple], kinds: list[str]) -> tuple[int, str]:
    """(row count, checksum) of rows whose columns are in name order with the given kinds."""
    plan = [NORMALISERS.get(kind, _other) for kind in kinds]
    total, count = 0, 0
    for row in rows:
        values = [None if value is None else normalise(value) for normalise, value in zip(plan, row)]
        digest = hashlib.sha256(canonical(values).encode()).digest()
        total = (total + int.from_bytes(digest, "big")) % MODULUS
        count += 1
    return count, f"{total:064x}"


# --- reading a database of either engine -------------------------------------------------------------


class Reader:
    """Tables, columns, rows and applied migrations of one database, through a plain DB-API connection."""

    def __init__(self, connection, vendor: str):
        self.connection, self.vendor = connection, vendor

    def quote(self, name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    def tables(self) -> list[str]:
        if self.vendor == "sqlite":
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"
        else:
            sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        return [row[0] for row in self._fetch(sql)]

    def columns(self, table: str) -> list[str]:
        if self.vendor == "sqlite":
            return [row[1] for row in self._fetch(f"PRAGMA table_info({self.quote(table)})")]
        return [
            row[0]
            for row in self._fetch(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = %s ORDER BY ordinal_position",
                (table,),
            )
        ]

    def rows(self, table: str, columns: list[str]) -> Iterator[tuple]:
        """Streamed: on PostgreSQL through a server-side cursor, never the whole table in memory."""
        cursor = self.connection.cursor() if self.vendor == "sqlite" else self.connection.cursor(name="backup_rows")
        # B608 accepted: table and column names come from the database's own catalogue, quoted
        cursor.execute(f"SELECT {', '.join(map(self.quote, columns))} FROM {self.quote(table)}")  # nosec B608
        while batch := cursor.fetchmany(FETCH):
            yield from batch
        cursor.close()

    def migrations(self) -> dict[str, list[str]]:
        if "django_migrations" not in self.tables():
            return {}
        applied: dict[str, list[str]] = {}
        for app, name in self._fetch("SELECT app, name FROM django_migrations ORDER BY app, name"):
            applied.setdefault(app, []).append(name)
        return applied

    def is_empty(self) -> bool:
        return not self.tables()

    def _fetch(self, sql: str, params: tuple = ()) -> list[tuple]:
        cursor = self.connection.cursor()
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        cursor.close()
        return rows


def sqlite_reader(path: Path) -> Reader:
    """Read-only: a backup file is never changed by reading it."""
    return Reader(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True), "sqlite")


def pg_connect(params: dict, dbname: str | None = None, autocommit: bool = False):
    """A psycopg connection from Django-style params; JSON read as text, timestamps in UTC."""
    import psycopg
    from psycopg.types.string import TextLoader

    connection = psycopg.connect(
        dbname=dbname or params["NAME"],
        user=params.get("USER") or None,
        password=params.get("PASSWORD") or None,
        host=params.get("HOST") or None,
        port=params.get("PORT") or None,
        autocommit=autocommit,
    )
    for name in ("json", "jsonb"):
        connection.adapters.register_loader(name, TextLoader)
    return connection


def describe(reader: Reader, progress: Callable[[int], None] | None = None) -> dict:
    """Applied migrations and, per table, row count and checksum."""
    kinds = column_kinds()
    tables = {}
    for table in reader.tables():
        if table in SKIPPED_TABLES:
            continue
        columns = sorted(reader.columns(table))
        known = kinds.get(table, {})
        count, checksum = table_checksum(reader.rows(table, columns), [known.get(c, "other") for c in columns])
        tables[table] = {"rows": count, "checksum": checksum}
        if progress:
            progress(count)
    return {"migrations": reader.migrations(), "tables": tables}


def build(engine: str, backup_file: Path, contents: dict) -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "engine": engine,
        "created_at": timezone.now().astimezone(dt_timezone.utc).isoformat(timespec="seconds"),
        "created_by": f"{getpass.getuser()}@{socket.gethostname()}",
        "rule_set_version": RULE_SET_VERSION,
        "file": {"name": backup_file.name, "bytes": backup_file.stat().st_size, "sha256": file_sha256(backup_file)},
        **contents,
    }


def write(backup_file: Path, manifest: dict) -> Path:
    path = manifest_path(backup_file)
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def load(backup_file: Path) -> dict:
    """The manifest beside `backup_file`, or a ManifestError saying what is wrong."""
    if not backup_file.is_file():
        raise ManifestError(f"{backup_file} does not exist.")
    path = manifest_path(backup_file)
    if not path.is_file():
        raise ManifestError(
            f"{backup_file} has no manifest beside it ({path.name}): it is not a backup made by "
            "backup_db, or its manifest was not copied with it. Copy both files together (a backup made before "
            "manifests: restore it by hand with sqlite3 or pg_restore, then run backup_db again)."
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path} is not a readable manifest ({exc}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ManifestError(f"{path} is not a backup manifest of this app.")
    if manifest.get("format_version") != FORMAT_VERSION or manifest.get("engine") not in ("sqlite", "postgresql"):
        raise ManifestError(f"{path} has a manifest format this version cannot read; upgrade the app first.")
    return manifest


def differences(manifest: dict, found: dict) -> list[str]:
    """What the restored database (`found`, from describe) does not have as the manifest says; [] if none."""
    problems = []
    if found["migrations"] != manifest["migrations"]:
        problems.append("migration state differs from the backup's")
    expected, actual = manifest["tables"], found["tables"]
    for table in sorted(set(expected) | set(actual)):
        if table not in actual:
            problems.append(f"table {table}: missing")
        elif table not in expected:
            problems.append(f"table {table}: not in the backup ({actual[table]['rows']} rows)")
        elif actual[table]["rows"] != expected[table]["rows"]:
            problems.append(f"table {table}: {actual[table]['rows']} rows, the backup has {expected[table]['rows']}")
        elif actual[table]["checksum"] != expected[table]["checksum"]:
            problems.append(f"table {table}: checksum differs ({expected[table]['rows']} rows)")
    return problems
