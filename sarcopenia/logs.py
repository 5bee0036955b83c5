"""Structured logs: one JSON object per line, with no request body, query string or patient data."""

from __future__ import annotations

import json
import logging
from datetime import datetime

_SAFE_EXTRA = ("event", "user_id", "status", "path_name", "duration_ms", "count")


def log_time(record: logging.LogRecord) -> str:
    """The one clock of every log line: ISO 8601 in the site's TIME_ZONE, with its UTC offset."""
    from django.utils import timezone

    return datetime.fromtimestamp(record.created, timezone.get_default_timezone()).isoformat(timespec="milliseconds")


class PlainFormatter(logging.Formatter):
    """Development server lines (`make run`): "[time] message", with the JSON lines' clock."""

    def format(self, record: logging.LogRecord) -> str:
        return f"[{log_time(record)}] {record.getMessage()}"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": log_time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({key: getattr(record, key) for key in _SAFE_EXTRA if hasattr(record, key)})
        if record.exc_info and record.exc_info[2] is not None:
            tb = record.exc_info[2]
            while tb.tb_next is not None:
                tb = tb.tb_next
            # the type and where it happened, not the message: messages can carry submitted values
            entry["exception"] = getattr(record.exc_info[0], "__name__", "Exception")
            entry["where"] = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"
        return json.dumps(entry, ensure_ascii=False)


_TEXT_LOGGERS = ("weasyprint", "fontTools")  # their arguments can be characters of the printed report


class NoPatientTextFilter(logging.Filter):
    """Rendering libraries log the text they could not draw (a missing glyph of a patient's name): keep
    their message's wording, never its arguments, so a report's content never reaches a log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.split(".")[0] in _TEXT_LOGGERS and record.args:
            template = str(record.msg)
            if "glyph" in template:
                record.msg = f"{record.name}: a character no font has was drawn as a box (text withheld)"
            else:
                record.msg = f"{record.name}: {template} (arguments withheld)"
            record.args = ()
        return True
