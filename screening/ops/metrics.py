"""Application counters exported at /metrics next to django-prometheus's request metrics."""

from prometheus_client import Counter

REPORT_RENDERS = Counter("sarcopenia_report_renders_total", "PDF reports rendered (cache misses)", ["language"])
REPORT_DOWNLOADS = Counter("sarcopenia_report_downloads_total", "PDF reports served", ["language"])
VISITS_SAVED = Counter("sarcopenia_visits_saved_total", "Visits saved through the app")
