"""Restore targets and the copy of a backup from one engine into the other.

A target is a new SQLite file or an empty PostgreSQL database (created when it does not exist). A SQLite
file is built under a temporary name and renamed only once it has been verified; a PostgreSQL database
that fails is dropped (or, if it existed empty before, emptied again), so a refused or failed restore
leaves nothing behind. Across engines the target is migrated to the backup's migration state, then
every table is copied in foreign-key order in one transaction (COPY on PostgreSQL, batched inserts on
SQLite) with its primary keys, and PostgreSQL's sequences are moved past the copied keys.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess  # nosec B404 # pg_restore only, argument lists, never a shell
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timezone as dt_timezone
from pathlib import Path

import dj_database_url
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from screening.ops.backup_manifest import SKIPPED_TABLES, Reader, as_utc, column_kinds, pg_connect, sqlite_reader

BATCH = 2000


class RestoreError(Exception):
    pass


def engine_of(params: dict) -> str:
    engine = params.get("ENGINE", "")
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise RestoreError(f"no restore into {engine or 'this database URL'}: use sqlite:///FILE or postgres://…")


# --- targets -----------------------------------------------------------------------------------------


class Target:
    """Where a restore goes; `check()` refuses a non-empty one before anything is written."""

    def __init__(self, url: str):
        self.params = dj_database_url.parse(url)
        self.engine = engine_of(self.params)
        self.name = self.params["NAME"]

    @property
    def work_params(self) -> dict:
        return self.params

    def check(self) -> None: ...
    def prepare(self) -> None: ...
    def reader(self) -> Reader: ...
    def commit(self) -> None: ...
    def discard(self) -> None: ...


class SqliteTarget(Target):
    def __init__(self, url: str):
        super().__init__(url)
        self.path = Path(self.name)
        self.work = self.path.with_name(f".{self.path.name}.restoring")

    @property
    def work_params(self) -> dict:
        return {**self.params, "NAME": str(self.work)}

    def check(self) -> None:
        if not self.path.parent.is_dir():
            raise RestoreError(f"{self.path.parent} does not exist: create the folder first.")
        if self.path.exists() and self.path.stat().st_size > 0:
            raise RestoreError(f"{self.path} exists and is not empty: restore into a new file, never over a database.")

    def prepare(self) -> None:
        self.work.unlink(missing_ok=True)

    def reader(self) -> Reader:
        return sqlite_reader(self.work)

    def commit(self) -> None:
        self.work.replace(self.path)

    def discard(self) -> None:
        self.work.unlink(missing_ok=True)


class PostgresTarget(Target):
    created = False

    def _exists(self) -> bool:
        with pg_connect(self.params, dbname="postgres", autocommit=True) as admin:
            return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (self.name,)).fetchone() is not None

    def check(self) -> None:
        try:
            exists = self._exists()
        except Exception as exc:  # psycopg.OperationalError and friends: say where it failed
            raise RestoreError(
                f"cannot reach PostgreSQL at {self.params.get('HOST')}:{self.params.get('PORT')}: "
                f"{str(exc).strip()[:300]}"
            ) from None
        if exists:
            with pg_connect(self.params) as conn:
                tables = Reader(conn, "postgresql").tables()
            if tables:
                raise RestoreError(
                    f"database {self.name} is not empty ({len(tables)} tables): restore into a new, "
                    "empty database (it is created if it does not exist), never over one in use."
                )

    def prepare(self) -> None:
        if not self._exists():
            with pg_connect(self.params, dbname="postgres", autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{_ident(self.name)}"')
            self.created = True

    def reader(self) -> Reader:
        return Reader(pg_connect(self.params), "postgresql")

    def discard(self) -> None:
        if self.created:
            drop_pg_database(self.params, self.name)
            return
        with pg_connect(self.params, autocommit=True) as conn:  # it was empty before the restore began
            for table in Reader(conn, "postgresql").tables():
                conn.execute(f'DROP TABLE IF EXISTS "{_ident(table)}" CASCADE')


def _ident(name: str) -> str:
    return name.replace('"', '""')


def drop_pg_database(params: dict, name: str) -> None:
    with pg_connect(params, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{_ident(name)}" WITH (FORCE)')


def target_for(url: str) -> Target:
    params = dj_database_url.parse(url)
    return SqliteTarget(url) if engine_of(params) == "sqlite" else PostgresTarget(url)


@contextmanager
def django_connection(params: dict) -> Iterator:
    """A Django connection to `params` under a temporary alias (for the migration executor and the copy)."""
    alias = f"restore_{uuid.uuid4().hex[:8]}"
    connections.settings[alias] = {**params, "CONN_MAX_AGE": 0}
    connections.configure_settings(connections.settings)
    try:
        connections[alias].connect()  # at once: a test case allows lazy connections only to its own aliases
        yield connections[alias]
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


# --- schema ------------------------------------------------------------------------------------------


def unknown_migrations(applied: dict[str, list[str]]) -> list[str]:
    """Migrations the backup has and this code does not: the backup is from a newer schema."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [f"{app}.{name}" for app, names in sorted(applied.items()) for name in names if (app, name) not in known]


def migrate_to(connection, applied: dict[str, list[str]]) -> None:
    """Migrate the empty target to exactly the backup's migration state (no post-migrate rows)."""
    executor = MigrationExecutor(connection)
    graph, targets = executor.loader.graph, []
    for app in sorted(executor.loader.migrated_apps):
        done = {(app, name) for name in applied.get(app, [])}
        leaves = [node for node in done if not any(child.key in done for child in graph.node_map[node].children)]
        targets.extend(sorted(leaves) or [(app, None)])
    default = connections[DEFAULT_DB_ALIAS]
    connections[DEFAULT_DB_ALIAS] = connection  # data migrations read through the default manager
    try:
        executor.migrate(targets, plan=executor.migration_plan(targets))
    finally:
        connections[DEFAULT_DB_ALIAS] = default


def dependency_order(connection, tables: list[str]) -> list[str]:
    """Tables with those they reference first (Kahn's algorithm; a cycle keeps its name order)."""
    with connection.cursor() as cursor:
        refs = {t: {ref for _, ref in connection.introspection.get_relations(cursor, t).values()} - {t} for t in tables}
    ordered, left = [], sorted(tables)
    while left:
        ready = [t for t in left if not (refs[t] & set(left))] or left[:1]
        ordered.extend(ready)
        left = [t for t in left if t not in ready]
    return ordered


# --- reading a backup --------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))", re.S)
_SIMPLE = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _unescape(field: str) -> str | None:
    """One field of PostgreSQL's COPY text format."""
    if field == "\\N":
        return None
    if "\\" not in field:
        return field
    return _ESCAPE.sub(
        lambda m: chr(int(m[1], 8)) if m[1] else chr(int(m[2], 16)) if m[2] else _SIMPLE.get(m[3], m[3]), field
    )


def pg_dump_table(source: Path, table: str, env: dict) -> tuple[list[str], Iterator[list]]:
    """The columns and rows of one table of a pg_dump custom-format file, read by pg_restore (no server)."""
    command = ["pg_restore", "--data-only", f"--table={table}", "--file=-", str(source)]
    # B603 accepted: a fixed pg_restore command, the backup's path and a table name from its manifest
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)  # nosec B603
    lines = (raw.decode("utf-8").rstrip("\n") for raw in process.stdout)
    columns: list[str] = []
    for line in lines:
        match = re.match(r"COPY \S+ \((.*)\) FROM stdin;$", line)
        if match:
            columns = [c.strip().strip('"').replace('""', '"') for c in match[1].split(", ")]
            break

    def rows() -> Iterator[list]:
        for line in lines:
            if line == "\\.":
                break
            yield [_unescape(field) for field in line.split("\t")]
        process.stdout.close()
        if process.wait() != 0:
            raise RestoreError(f"pg_restore failed on {table}: {process.stderr.read().decode()[:300]}")

    if not columns:
        process.kill()
        process.wait()
        return [], iter(())
    return columns, rows()


# --- converting values between engines ---------------------------------------------------------------


def _to_pg_datetime(value: str) -> str:
    return value if "+" in value[10:] or value.endswith("Z") else value + "+00:00"  # SQLite keeps naive UTC


def _to_sqlite_datetime(value: str) -> str:
    return str(as_utc(value).astimezone(dt_timezone.utc).replace(tzinfo=None))  # Django's SQLite format


TO_POSTGRES: dict[str, Callable] = {"datetime": _to_pg_datetime}
TO_SQLITE: dict[str, Callable] = {
    "uuid": lambda v: v.replace("-", ""),
    "bool": lambda v: 1 if v == "t" else 0,
    "datetime": _to_sqlite_datetime,
    "int": int,
    "float": float,
}


def copy_tables(
    connection, source: Callable[[str], tuple[list[str], Iterator]], tables: list[str], progress: Callable[[int], None]
) -> None:
    """Copy every table from `source(table) -> (columns, rows)` into the migrated target, in one transaction."""
    kinds = column_kinds()
    into_pg = connection.vendor == "postgresql"
    convert = TO_POSTGRES if into_pg else TO_SQLITE
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for table in dependency_order(connection, tables):
            columns, rows = source(table)
            wanted = {c.name for c in connection.introspection.get_table_description(cursor, table)}
            if set(columns) != wanted:
                raise RestoreError(
                    f"table {table}: the backup's columns differ from its migration state's "
                    f"({sorted(set(columns) ^ wanted)})."
                )
            plan = [convert.get(kinds.get(table, {}).get(c, "other")) for c in columns]
            names = ", ".join(quote(c) for c in columns)
            cursor.execute(f"DELETE FROM {quote(table)}")  # nosec B608 # name from the migrated target
            if into_pg:
                _copy_pg(cursor, f"COPY {quote(table)} ({names}) FROM STDIN", rows, plan, progress)
            else:
                insert = f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(['?'] * len(columns))})"  # nosec B608
                _insert_sqlite(cursor.cursor, insert, rows, plan, progress)
        if into_pg:
            reset_sequences(cursor)


def _converted(rows: Iterator, plan: list) -> Iterator[tuple]:
    for row in rows:
        yield tuple(v if f is None or v is None else f(v) for f, v in zip(plan, row))


def _copy_pg(cursor, statement: str, rows: Iterator, plan: list, progress: Callable[[int], None]) -> None:
    done = 0
    with cursor.cursor.copy(statement) as copy:
        for row in _converted(rows, plan):
            copy.write_row(row)
            done += 1
            if done % BATCH == 0:
                progress(BATCH)
    progress(done % BATCH)


def _insert_sqlite(
    cursor: sqlite3.Cursor, statement: str, rows: Iterator, plan: list, progress: Callable[[int], None]
) -> None:
    batch: list[tuple] = []
    for row in _converted(rows, plan):
        batch.append(row)
        if len(batch) == BATCH:
            cursor.executemany(statement, batch)
            progress(len(batch))
            batch = []
    if batch:
        cursor.executemany(statement, batch)
        progress(len(batch))


def reset_sequences(cursor) -> None:
    """Every identity or serial column's sequence continues after the largest copied key."""
    cursor.execute(
        "SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) "
        "FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND (is_identity = 'YES' OR starts_with(column_default, 'nextval('))"
    )
    for table, column, sequence in cursor.fetchall():
        if sequence:
            cursor.execute(
                f'SELECT setval(%s, COALESCE(MAX("{_ident(column)}"), 1), MAX("{_ident(column)}") '  # nosec B608
                f'IS NOT NULL) FROM "{_ident(table)}"',  # catalogue names
                [sequence],
            )


def backup_tables(manifest: dict) -> list[str]:
    return [t for t in manifest["tables"] if t not in SKIPPED_TABLES]
