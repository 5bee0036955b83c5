"""Bulk inserts and updates with `executemany`, for imports, rescreens and demo data.

Django's `bulk_create` and `bulk_update` prepare every value through the field API and, for updates,
build one CASE expression per field; at 100,000 visits of some 80 columns that overhead, not the
database, sets the pace. Here plain numbers, text and booleans go to the driver as they are, JSON that
was already serialised is passed as text, and everything else (UUIDs, dates, foreign keys) is converted
by Django exactly as `bulk_create` would. Like `bulk_create`, nothing here writes history rows or
sends signals: callers run inside a transaction and say so in their docstrings.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from django.db import connection, models

from screening.stored_results import JsonText


_PLAIN = (models.FloatField, models.CharField, models.TextField, models.BooleanField, models.IntegerField)


def insert_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]


def _converter(field: models.Field):
    """None when the attribute goes to the driver unchanged, else a function of (field, object)."""
    if isinstance(field, models.JSONField):
        return lambda f, obj: _json(getattr(obj, f.attname))
    if isinstance(field, _PLAIN) and not field.is_relation:
        return None
    return lambda f, obj: f.get_db_prep_save(f.pre_save(obj, True), connection)


def _json(value) -> str | None:
    if value is None:
        return None
    return str(value) if isinstance(value, JsonText) else json.dumps(value)


def row_params(model: type[models.Model], objs: Iterable[models.Model],
               fields: Sequence[models.Field] | None = None) -> list[tuple]:
    """Each object's column values as the database driver takes them."""
    plan = [(f, _converter(f)) for f in (fields if fields is not None else insert_fields(model))]
    return [tuple(getattr(obj, f.attname) if conv is None else conv(f, obj) for f, conv in plan) for obj in objs]


def insert_rows(model: type[models.Model], rows: Sequence[tuple],
                fields: Sequence[models.Field] | None = None) -> None:
    """INSERT prepared rows (from `row_params`) with one executemany."""
    if not rows:
        return
    fields = fields if fields is not None else insert_fields(model)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) "
                           f"VALUES ({marks})", rows)  # nosec B608 # names quoted from model metadata, values bound


def update_rows(model: type[models.Model], set_fields: Sequence[str], where_fields: Sequence[str],
                rows: Sequence[tuple]) -> None:
    """UPDATE with one executemany; each row is the new values of `set_fields`, then `where_fields`.

    The values must already be in driver form (see `JsonText`, and `prepare` for other types).
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    meta = model._meta
    assignments = ", ".join(f"{quote(meta.get_field(name).column)} = %s" for name in set_fields)
    conditions = " AND ".join(f"{quote(meta.get_field(name).column)} = %s" for name in where_fields)
    with connection.cursor() as cursor:
        # B608 accepted: table and column names come from model metadata through quote_name; values are bound
        cursor.executemany(f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {conditions}", rows)  # nosec B608


def prepare(model: type[models.Model], name: str, value):
    """One value in driver form, converted by its field (e.g. a UUID primary key for a WHERE clause)."""
    field = model._meta.get_field(name)
    if isinstance(field, models.JSONField):
        return _json(value)
    return field.get_db_prep_value(value, connection, prepared=False)
