"""Benchmark: cohort review on 100,000 demo patients (about 250,000 visits), SQLite and PostgreSQL.

Usage: .venv/bin/python bench/bench_cohort.py [--patients 100000] [--runs 7] [--skip-sqlite] [--skip-postgres]
       [--keep] [--pg-name NAME] [--sqlite-path PATH]
It seeds a separate benchmark database per backend with `seed_demo` (SQLite in /tmp; PostgreSQL
`sarcopenia_cohort_bench` or --pg-name, created here and dropped at the end unless --keep), runs
ANALYZE, then times each page through Django's test client as the demo superuser: one warm-up, then
the median of --runs requests; the dashboard is timed twice, with its figure cache cleared before each
of --cold-runs requests (figures recomputed in the database) and with the figures cached. The
worklists are timed too (no target). Target (issue #6): each page ≤ 500 ms on PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path("/tmp/sarcopenia_cohort_bench.sqlite3")
PG_ADMIN = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc"]
PG_NAME = "sarcopenia_cohort_bench"

CHILD = r"""
import json, os, statistics, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sarcopenia.settings")
django.setup()
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from screening.models import Site, Visit

patients, runs, cold_runs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
call_command("migrate", verbosity=0)
t = time.perf_counter(); call_command("seed_demo", patients=patients, verbosity=0); seeded = time.perf_counter() - t
with connection.cursor() as cursor:
    if connection.vendor == "postgresql":
        cursor.execute("VACUUM ANALYZE")
    else:
        cursor.execute("ANALYZE")
client = Client()
client.force_login(User.objects.get(username="admin"))
site = Site.objects.get(code="bj-community")
pages = {
    "admin visit changelist": "/admin/screening/visit/",
    "admin changelist, women 80+ one site": f"/admin/screening/visit/?patient__sex__exact=F&age_band=80%2B&site={site.pk}",
    "cohort dashboard": "/staff/cohort/",
    "cohort dashboard, women 80+ one site": f"/staff/cohort/?sex=F&age_band=80%2B&site={site.code}",
    **{f"worklist {kind}": f"/staff/cohort/worklists/{kind}/"
       for kind in ("overdue", "warnings", "incomplete", "implausible")},
}
result = {"seed_s": seeded, "visits": Visit.objects.count(), "pages": {}}


def timed(url, n, clear):
    times = []
    for _ in range(n):
        if clear:
            cache.clear()  # the dashboard's figures are cached: "cold" recomputes them every time
        t = time.perf_counter(); response = client.get(url); times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, url
    return {"median_ms": statistics.median(times), "min_ms": min(times), "max_ms": max(times), "n": n}


for name, url in pages.items():
    assert client.get(url).status_code == 200, url  # warm-up: imports, connections, caches
    if "dashboard" in name:
        result["pages"][name + " (cold: figures recomputed)"] = timed(url, cold_runs, True)
        client.get(url)
        result["pages"][name + " (figures cached)"] = timed(url, runs, False)
    else:
        result["pages"][name] = timed(url, runs, False)
print("RESULT " + json.dumps(result))
"""


def run(url: str, patients: int, runs: int, cold_runs: int) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DEMO_PASSWORD": "bench-demo-password-2026",
        "DJANGO_SECRET_KEY": "bench-" + "x1y2z3" * 10,
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    args = [sys.executable, "-c", CHILD, str(patients), str(runs), str(cold_runs)]
    out = subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    line = next(line for line in out.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def report(backend: str, result: dict) -> None:
    print(f"\n{backend}: {result['visits']} visits; seed_demo {result['seed_s']:.0f} s")
    for name, t in result["pages"].items():
        print(
            f"  {name:66s} median {t['median_ms']:7.0f} ms  (min {t['min_ms']:.0f}, max {t['max_ms']:.0f}, "
            f"{t['n']} runs)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cold-runs", type=int, default=3, help="dashboard runs with the figure cache cleared")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases (re-runs skip seeding)")
    parser.add_argument("--pg-name", default=PG_NAME, help="PostgreSQL benchmark database (letters, digits, _)")
    parser.add_argument("--sqlite-path", type=Path, default=SQLITE_PATH)
    args = parser.parse_args()
    if not args.pg_name.replace("_", "").isalnum():
        parser.error("--pg-name: letters, digits and _ only")
    started = time.perf_counter()
    if not args.skip_sqlite:
        report("SQLite", run(f"sqlite:///{args.sqlite_path}", args.patients, args.runs, args.cold_runs))
        if not args.keep:
            args.sqlite_path.unlink(missing_ok=True)
    if not args.skip_postgres:
        subprocess.run([*PG_ADMIN, f"CREATE DATABASE {args.pg_name}"], capture_output=True)  # exists if --keep
        try:
            url = f"postgres://postgres@127.0.0.1:5432/{args.pg_name}"
            report("PostgreSQL", run(url, args.patients, args.runs, args.cold_runs))
        finally:
            if not args.keep:
                subprocess.run([*PG_ADMIN, f"DROP DATABASE IF EXISTS {args.pg_name}"], check=True)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
