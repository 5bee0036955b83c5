"""Model fields of our own: JSON kept by the database as the exact text the app wrote.

A visit's stored results are documents the app writes, digests and shows again; nothing queries
inside them in SQL. Django's JSONField makes PostgreSQL parse each into `jsonb` (and SQLite check it
with JSON_VALID) on every write: for an import or a rescreen of 100,000 visits that parsing was a third
of the database's work. `JSONTextField` stores the text as written (canonical JSON: sorted keys, no
spaces), so what is stored is byte for byte what was digested. To query it in SQL, cast: `results::jsonb`.
"""

from __future__ import annotations

import json
import re

import orjson
from django.db import models


class JsonText(str):
    """JSON already serialised (the canonical text a digest was computed on): written as it is."""


# The only floats orjson spells differently from the standard library are below 1e-4 in size: "0.00001"
# and "1.5e-7" where it writes "1e-05" and "1.5e-07". Text that may hold one matches this.
_SMALL_FLOAT = re.compile(r"0\.0000|e-\d(?!\d)")


def canonical_json(value) -> str:
    """Compact UTF-8 JSON with sorted keys: the same value always gives the same text, hence digest.

    The one canonical text of the app (stored results, their digest, a report's fingerprint): exactly
    what `json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` writes. orjson
    writes it six times faster; for the rare text that may hold a float below 1e-4, which orjson spells
    differently, the standard library writes it instead (a test holds both to that).
    """
    text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    if _SMALL_FLOAT.search(text):
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text


class JSONTextField(models.TextField):
    """A JSON value in a text column: read as Python values, written as canonical JSON (or a JsonText as is)."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else orjson.loads(value)

    def get_prep_value(self, value):
        if value is None or isinstance(value, JsonText):
            return value
        return canonical_json(value)

    def to_python(self, value):
        if isinstance(value, str) and not isinstance(value, JsonText):
            return orjson.loads(value)
        return value

    def value_to_string(self, obj) -> str:
        return self.get_prep_value(self.value_from_object(obj))
