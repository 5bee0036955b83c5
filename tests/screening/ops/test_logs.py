"""Every log line tells the time on one clock: the plain development-server lines and the JSON lines."""

from __future__ import annotations

import json
import logging
import re

from sarcopenia.logs import JsonFormatter, PlainFormatter


def test_plain_and_json_lines_show_the_same_time_in_the_sites_zone(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, '"GET / HTTP/1.1" 200 512', None, None)
    record.created = 1796601600.25  # 2026-12-07T00:00:00.250Z
    plain = PlainFormatter().format(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["time"] == "2026-12-07T08:00:00.250+08:00"
    assert plain == f'[{entry["time"]}] "GET / HTTP/1.1" 200 512'


def test_the_development_server_logger_writes_plain_lines_with_that_clock():
    from django.conf import settings

    config = settings.LOGGING
    handler = config["handlers"][config["loggers"]["django.server"]["handlers"][0]]
    assert config["formatters"][handler["formatter"]]["()"] == "sarcopenia.logs.PlainFormatter"
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d",
        json.loads(JsonFormatter().format(logging.makeLogRecord({"msg": "x"})))["time"],
    )
