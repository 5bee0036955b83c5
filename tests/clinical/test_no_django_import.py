"""The engine is plain Python (STYLE.md): importing every criteria module must not import Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = (
    "screening.clinical",
    "screening.clinical.measurements",
    "screening.clinical.results",
    "screening.clinical.text",
    "screening.clinical.criteria",
    "screening.clinical.criteria.base",
    "screening.clinical.criteria.casefinding",
    "screening.clinical.criteria.ewgsop2",
    "screening.clinical.criteria.awgs2019",
    "screening.clinical.criteria.fnih",
    "screening.clinical.criteria.sdoc",
    "screening.clinical.criteria.registry",
    "screening.clinical.criteria.compare",
)
PROBE = f"""
import importlib, sys
for name in {MODULES!r}:
    importlib.import_module(name)
from screening.clinical import Measurements, evaluate_all
evaluate_all(Measurements(sex="F", grip_strength_kg=15.0))
leaked = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(leaked)
sys.exit(1 if leaked else 0)
"""


def test_it_imports_and_runs_the_engine_without_django() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "[]"
