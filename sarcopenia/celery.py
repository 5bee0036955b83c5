"""Celery app for batch work (report ZIPs, rescreen, large imports) when CELERY_BROKER_URL is set.

Without a broker, tasks run eagerly in the calling process (CELERY_TASK_ALWAYS_EAGER), so the
embedded default needs no worker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sarcopenia.settings")

app = Celery("sarcopenia")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
