"""Batch work runs on a real Celery worker over Redis (127.0.0.1:6379) when a broker is set."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
BROKER = "redis://127.0.0.1:6379/15"


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not _redis_up(), reason="Redis is not running on 127.0.0.1:6379")


@pytest.fixture
def worker_app(settings):
    """A worker process on the test database, and the Celery app pointed at the same broker."""
    from sarcopenia.celery import app

    params = connection.settings_dict
    env = {**os.environ, "CELERY_BROKER_URL": BROKER, "CELERY_RESULT_BACKEND": BROKER}
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = f"postgres://{params['USER']}@{params['HOST']}:{params['PORT'] or 5432}/{params['NAME']}"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "sarcopenia",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    app.conf.update(broker_url=BROKER, result_backend=BROKER, task_always_eager=False)
    try:
        yield app
    finally:
        app.conf.update(task_always_eager=True)
        worker.terminate()
        worker.wait(timeout=30)


def test_a_real_worker_evaluates_a_visit(worker_app):
    from screening.tasks import screen_values

    result = screen_values.delay({"grip_strength_kg": 20.0, "gait_speed_m_s": 0.7}, "M", 75, "asian")
    categories = result.get(timeout=60)
    assert categories["sdoc"] == "sarcopenia" and categories["awgs2019"] == "possible"


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_rescreens_the_database(worker_app, patient_a):
    if connection.vendor != "postgresql":
        pytest.skip("the worker shares the test database only on PostgreSQL (SQLite's test database is in memory)")
    from screening.models import Visit
    from screening.tasks import rescreen_all
    from screening.visits.services import visit_save

    visit_save(visit=Visit(patient=patient_a, visit_date=date(2026, 1, 2), setting="community", grip_strength_kg=12.0))
    Visit.objects.update(ewgsop2_category="no_sarcopenia")
    changed = rescreen_all.delay().get(timeout=120)
    assert changed == {"ewgsop2": 1}
    assert Visit.objects.get().ewgsop2_category == "probable"


def test_without_a_broker_tasks_run_in_process(settings):
    from screening.tasks import screen_values

    assert settings.CELERY_TASK_ALWAYS_EAGER or os.environ.get("CELERY_BROKER_URL")
    assert screen_values.delay({}, "F", 80, "other").get()["ewgsop2"] == "insufficient_data"
