"""Bulk inserts and updates for imports, rescreens and demo data: `COPY` on PostgreSQL, else `executemany`.

Django's `bulk_create` and `bulk_update` prepare every value through the field API and, for updates,
build one CASE expression per field; at 100,000 visits of some 80 columns that overhead, not the
database, sets the pace. Here plain numbers, text and booleans go to the driver as they are, JSON that
was already serialised is passed as text, and everything else (UUIDs, dates, foreign keys) is converted
by Django exactly as `bulk_create` would. Like `bulk_create`, nothing here writes history rows or
sends signals: callers run inside a transaction and say so in their docstrings.

On PostgreSQL rows are streamed with `COPY ... FROM STDIN` (one statement, values dumped by psycopg's C
code): `executemany` sent one statement per row with its ~9 kB of JSON quoted into the SQL text, and
took three times as long as the server's own work. Updates go the same way into a temporary table,
then one `UPDATE ... FROM` it, with the same WHERE conditions as the row-by-row form.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from django.db import connection, models, transaction
from django.utils import timezone

from screening.results.fields import JsonText, JSONTextField

_PLAIN = (models.FloatField, models.CharField, models.TextField, models.BooleanField, models.IntegerField)


def insert_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]


def _converter(field: models.Field):
    """None when the attribute goes to the driver unchanged, else a function of (field, object)."""
    convert = _value_converter(field)
    if convert is _identity:
        return None
    if isinstance(field, (models.JSONField, JSONTextField)):
        return lambda f, obj: convert(getattr(obj, f.attname))
    return lambda f, obj: f.get_db_prep_save(f.pre_save(obj, True), connection)


def _json(value) -> str | None:
    if value is None:
        return None
    return str(value) if isinstance(value, JsonText) else json.dumps(value)


def row_params(
    model: type[models.Model], objs: Iterable[models.Model], fields: Sequence[models.Field] | None = None
) -> list[tuple]:
    """Each object's column values as the database driver takes them."""
    plan = [(f, _converter(f)) for f in (fields if fields is not None else insert_fields(model))]
    return [tuple(getattr(obj, f.attname) if conv is None else conv(f, obj) for f, conv in plan) for obj in objs]


class RowBuilder:
    """Insert rows straight from dicts of field values (by attname), without building model instances.

    An import of 100,000 visits spent a quarter of its time constructing `Visit` objects (Django's
    `__init__` looks up ~100 fields one by one) and reading them back out. Here each field's default
    and driver conversion are worked out once: a missing value takes the field's default (called for
    each row when it is callable, e.g. a new UUID), `auto_now`/`auto_now_add` fields take the moment
    the builder was made, and values are converted as `row_params` converts them. Like `bulk_create`,
    no `save()`, signal or history row.
    """

    def __init__(self, model: type[models.Model], fields: Sequence[models.Field] | None = None) -> None:
        self.fields = list(fields if fields is not None else insert_fields(model))
        now = timezone.now()
        self._plan = [self._field_plan(f, now) for f in self.fields]

    @staticmethod
    def _field_plan(field: models.Field, now) -> tuple:
        """(attname, converter, default in driver form or None, default function or None)."""
        convert = _value_converter(field)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return field.attname, convert, convert(now), None
        if field.has_default() and callable(field.default):
            return field.attname, convert, None, field.default
        return field.attname, convert, convert(field.get_default()), None

    def row(self, values: dict) -> tuple:
        """One row in driver form; `values` are by attname (`patient_id`), in the model's Python types."""
        return tuple(
            convert(values[attname]) if attname in values else (default if make is None else convert(make()))
            for attname, convert, default, make in self._plan
        )


def _identity(value):
    return value


def _value_converter(field: models.Field):
    """A function of one Python value giving what the driver takes for this field."""
    if isinstance(field, models.JSONField):
        return _json
    if isinstance(field, JSONTextField):
        return field.get_prep_value
    if isinstance(field, _PLAIN) and not field.is_relation:
        return _identity
    return lambda value: field.get_db_prep_save(value, connection)


def insert_rows(model: type[models.Model], rows: Sequence[tuple], fields: Sequence[models.Field] | None = None) -> None:
    """INSERT prepared rows (from `row_params`): one COPY on PostgreSQL, one executemany elsewhere."""
    if not rows:
        return
    fields = fields if fields is not None else insert_fields(model)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy(cursor, f"COPY {table} ({columns}) FROM STDIN", rows)
            return
        marks = ", ".join(["%s"] * len(fields))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # nosec B608 # names quoted from model metadata, values bound


def _copy(cursor, statement: str, rows: Iterable[tuple]) -> None:
    """Stream rows into `COPY ... FROM STDIN` (psycopg 3), bypassing Django's cursor wrapper."""
    with cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def update_rows(
    model: type[models.Model], set_fields: Sequence[str], where_fields: Sequence[str], rows: Sequence[tuple]
) -> int:
    """UPDATE rows; each row is the new values of `set_fields`, then `where_fields`. Returns rows updated.

    A row whose WHERE conditions no longer match (e.g. a version that moved on) is left alone. The values
    must already be in driver form (see `JsonText`, and `prepare` for other types).
    """
    if not rows:
        return 0
    quote = connection.ops.quote_name
    meta = model._meta
    set_columns = [quote(meta.get_field(name).column) for name in set_fields]
    large = {
        f"c{i}": meta.get_field(name).column
        for i, name in enumerate(set_fields)
        if isinstance(meta.get_field(name), (models.JSONField, JSONTextField))
    }
    where_columns = [quote(meta.get_field(name).column) for name in where_fields]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with transaction.atomic():
                return _update_from_copy(cursor, meta.db_table, set_columns, where_columns, rows, large)
        assignments = ", ".join(f"{column} = %s" for column in set_columns)
        conditions = " AND ".join(f"{column} = %s" for column in where_columns)
        # B608 accepted: table and column names come from model metadata through quote_name; values are bound
        cursor.executemany(f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {conditions}", rows)  # nosec B608
        return cursor.rowcount


def _update_from_copy(
    cursor,
    db_table: str,
    set_columns: list[str],
    where_columns: list[str],
    rows: Sequence[tuple],
    large: dict[str, str],
) -> int:
    """COPY the rows into a temporary table shaped like the target's columns, then one UPDATE ... FROM.

    Like the row-by-row UPDATE, each target row is matched (and under concurrent writes re-checked by
    PostgreSQL) on every WHERE column, so a row changed meanwhile is not overwritten. Must run in a
    transaction: the table is dropped at its end (on commit, or with a rollback). The `large` (JSON)
    columns, alias -> target column, are compressed there with the target's method, as PostgreSQL
    copies a compressed value as it is: the visit's JSON stays lz4, compressed once, not pglz.
    """
    table, temp = connection.ops.quote_name(db_table), "bulk_update_rows"
    aliases = [f"c{i}" for i in range(len(set_columns) + len(where_columns))]
    sources = ", ".join(f"{column} AS {alias}" for column, alias in zip([*set_columns, *where_columns], aliases))
    assignments = ", ".join(f"{column} = t.{alias}" for column, alias in zip(set_columns, aliases))
    conditions = " AND ".join(
        f"v.{column} = t.{alias}" for column, alias in zip(where_columns, aliases[len(set_columns) :])
    )
    cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{temp}")
    # B608 accepted: every name here comes from model metadata through quote_name, or is a constant
    cursor.execute(f"CREATE TEMPORARY TABLE {temp} ON COMMIT DROP AS SELECT {sources} FROM {table} WITH NO DATA")  # nosec B608
    cursor.execute(
        "SELECT attname, attcompression FROM pg_attribute WHERE attrelid = %s::regclass "
        "AND attname = ANY(%s) AND attcompression <> ''",
        [table, list(large.values())],
    )
    method = {column: {"l": "lz4", "p": "pglz"}[code] for column, code in cursor.fetchall()}
    changes = [
        f"ALTER COLUMN {alias} SET COMPRESSION {method[column]}" for alias, column in large.items() if column in method
    ]
    if changes:  # else the target uses the default method, as the temporary table does
        cursor.execute(f"ALTER TABLE {temp} {', '.join(changes)}")
    _copy(cursor, f"COPY {temp} FROM STDIN", rows)
    cursor.execute(f"UPDATE {table} AS v SET {assignments} FROM {temp} AS t WHERE {conditions}")  # nosec B608
    updated = cursor.rowcount
    cursor.execute(f"DROP TABLE {temp}")
    return updated


def prepare(model: type[models.Model], name: str, value):
    """One value in driver form, converted by its field (e.g. a UUID primary key for a WHERE clause)."""
    return preparer(model, name)(value)


def preparer(model: type[models.Model], name: str):
    """`prepare` for one field, looked up once: a function of the value, for many rows."""
    field = model._meta.get_field(name)
    if isinstance(field, models.JSONField):
        return _json
    if isinstance(field, JSONTextField):
        return field.get_prep_value
    return lambda value: field.get_db_prep_value(value, connection, prepared=False)


ANALYZE_FROM_ROWS = 10_000


def refresh_statistics(*models_: type[models.Model]) -> None:
    """ANALYZE tables after a bulk write, so the query planner sees their new size and values.

    Without it, PostgreSQL plans with the statistics of the empty tables until autovacuum comes by,
    and a search of 100,000 fresh patients scans them instead of using its indexes.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")
