"""A server process warms up as it loads the app: every project template compiled, the visit form's
widgets rendered once, the report fonts loaded, and not one database query (sarcopenia/warmup.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

from sarcopenia import warmup

ROOT = Path(settings.BASE_DIR)


def cached_templates() -> set[str]:
    loader = engines["django"].engine.template_loaders[0]  # Django's cached loader wraps the others
    return {key.split("-")[0] for key in loader.get_template_cache}


@pytest.mark.django_db
def test_it_compiles_every_project_template_without_a_query(django_assert_num_queries):
    engines["django"].engine.template_loaders[0].reset()
    with django_assert_num_queries(0):
        warmup.warm_up()
    names = warmup.project_templates()
    assert "screening/visit_form.html" in names and "report/visit_report.html" in names
    assert set(names) <= cached_templates()


def test_the_wsgi_entry_point_warms_each_process():
    # a worker that loads sarcopenia.wsgi has the visit form's template compiled before any request
    probe = (
        "import sarcopenia.wsgi\n"
        "from django.template import engines\n"
        "cache = engines['django'].engine.template_loaders[0].get_template_cache\n"
        "print(sorted(k for k in cache if k.startswith('screening/visit_form')))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sarcopenia.settings"}
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert "screening/visit_form.html" in out.stdout


def test_a_warmed_process_hides_its_startup_objects_from_the_collector():
    # in a fresh process (the suite's own must not be frozen): a worker's startup objects are frozen
    probe = "import gc, sarcopenia.wsgi\nprint(gc.get_freeze_count())\n"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sarcopenia.settings"}
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert int(out.stdout) > 100_000  # modules, templates, the catalogue: what a full collection would rescan
