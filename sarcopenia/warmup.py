"""Warm a server process before it takes its first request.

Django compiles a template the first time a page asks for it, the form renderer compiles each widget's
templates on first use, and WeasyPrint loads its fonts and parses report.css on the first report. In a
fresh gunicorn worker that made the first visit form about 100 ms slower and the first report slower
still, once per worker and page: with five workers, enough cold requests to set a page's 95th
percentile under the load test (README, "Load"). `sarcopenia/wsgi.py` calls `warm_up` as each worker
loads the app, before it accepts a connection. It touches no database: a connection opened here would
be one the worker never uses.

Then `freeze_startup_objects` moves everything loaded so far (modules, compiled templates, the catalogue)
out of the garbage collector's sight: they live as long as the process. Without it every full
collection rescanned some 200,000 of them, a pause of about 100 ms that landed on whichever request
was running (Python's `gc.freeze`, the same remedy as for the engine's memos in screening batches).
"""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

from django.conf import settings
from django.template import engines


def project_templates() -> list[str]:
    """Every template of the project's own templates directories, by the name pages use for it."""
    names = []
    for directory in settings.TEMPLATES[0]["DIRS"]:
        root = Path(directory)
        names += sorted(str(path.relative_to(root)) for path in root.rglob("*.html"))
    return names


def compile_templates() -> None:
    """Compile and cache the project's templates (the cached loader keeps them for the process)."""
    engine = engines["django"]
    for name in project_templates():
        engine.get_template(name)


def render_visit_form() -> None:
    """Lay out an empty visit form once: compiles the form renderer's widget templates."""
    from screening.models import Patient, Site, Visit
    from screening.visits.forms.visit import VisitForm

    patient = Patient(sex="F", date_of_birth=date(1950, 1, 1), site=Site(default_setting="community"))
    VisitForm(instance=Visit(patient=patient), patient=patient).layout()


def load_report_fonts() -> None:
    """WeasyPrint's font configuration and the parsed report stylesheet, kept per process."""
    from screening.reports import pdf

    pdf.font_config()
    pdf.report_stylesheet()


def warm_up() -> None:
    compile_templates()
    render_visit_form()
    load_report_fonts()


def freeze_startup_objects() -> None:
    """Collect once, then exempt every surviving object from later collections (gc.freeze)."""
    gc.collect()
    gc.freeze()
