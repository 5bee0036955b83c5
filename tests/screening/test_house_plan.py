"""The house plan holds: few loose modules in screening/, and every package says what it holds."""

from __future__ import annotations

import ast
from pathlib import Path

SCREENING = Path(__file__).resolve().parents[2] / "screening"
MAX_TOP_LEVEL_MODULES = 12  # issue #13: the rest lives in packages named after their jobs


def test_screening_keeps_at_most_twelve_top_level_modules():
    modules = sorted(p.name for p in SCREENING.glob("*.py"))
    assert len(modules) <= MAX_TOP_LEVEL_MODULES, modules


def test_every_job_package_has_a_docstring_saying_what_it_holds():
    packages = [p for p in SCREENING.iterdir() if (p / "__init__.py").exists() and p.name != "migrations"]
    assert len(packages) >= 10
    missing = [p.name for p in packages if not ast.get_docstring(ast.parse((p / "__init__.py").read_text()))]
    assert missing == []


def test_tests_mirror_the_job_packages():
    tests = Path(__file__).resolve().parent
    for job in ("catalogue", "visits", "results", "batch", "reports", "cohort", "interop", "accounts", "ops"):
        assert (SCREENING / job).is_dir() and list((tests / job).glob("test_*.py")), job
