"""Benchmark: the patient list in each order on 100,000 demo patients, SQLite and PostgreSQL.

Usage: .venv/bin/python bench/bench_patient_list.py [--patients 100000] [--runs 7] [--skip-sqlite]
       [--skip-postgres] [--sqlite-path PATH] [--pg-name NAME]
Each database (SQLite file /tmp/sarcopenia_list_bench.sqlite3 or --sqlite-path; PostgreSQL database
`sarcopenia_list_bench` or --pg-name, created if absent) is migrated (and `collectstatic` run) and seeded with `seed_demo --patients N`
unless it holds them already, and kept for the next run. After ANALYZE, each list page is requested through
Django's test client as a site's clinician (clinician-a, one site) and as the admin (every site): one warm-up,
then the median of --runs requests, for the default order, each sort key both ways, page 40 and a name search.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path("/tmp/sarcopenia_list_bench.sqlite3")
PG_NAME = "sarcopenia_list_bench"
PG_ADMIN = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc"]

CHILD = r"""
import json, os, statistics, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sarcopenia.settings")
django.setup()
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from screening.models import Patient, Visit

patients, runs = int(sys.argv[1]), int(sys.argv[2])
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)  # pages link the hashed static names
if Patient.objects.filter(identifier__startswith="DEMO-").count() < patients:
    call_command("seed_demo", patients=patients, verbosity=0)
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
sorts = ["", "name", "-name", "age", "-age", "-last_visit", "last_visit", "due", "-due"]
pages = {f"sort={s or '(default)'}": {"sort": s} for s in sorts}
pages["sort=due, page 40"] = {"sort": "due", "page": "40"}
pages["sort=-last_visit, name search '王'"] = {"sort": "-last_visit", "q": "王"}
result = {"patients": Patient.objects.count(), "visits": Visit.objects.count(), "pages": {}}
for username in ("clinician-a", "admin"):
    client = Client()
    client.force_login(User.objects.get(username=username))
    for name, params in pages.items():
        assert client.get("/", params).status_code == 200  # warm-up
        times = []
        for _ in range(runs):
            t = time.perf_counter(); response = client.get("/", params); times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200 and b"data-patient-row" in response.content, (username, name)
        result["pages"][f"{username:11s} {name}"] = {"median_ms": statistics.median(times), "max_ms": max(times)}
print("RESULT " + json.dumps(result))
"""


def run(url: str, patients: int, runs: int) -> dict:
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
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(patients), str(runs)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode:
        sys.exit(out.stderr[-3000:])
    line = next(line for line in out.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def report(backend: str, result: dict) -> None:
    print(f"\n{backend}: {result['patients']} patients, {result['visits']} visits")
    for name, t in result["pages"].items():
        print(f"  {name:52s} median {t['median_ms']:6.0f} ms  (max {t['max_ms']:.0f})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--sqlite-path", type=Path, default=SQLITE_PATH)
    parser.add_argument("--pg-name", default=PG_NAME, help="PostgreSQL database (letters, digits, _)")
    args = parser.parse_args()
    if not args.pg_name.replace("_", "").isalnum():
        parser.error("--pg-name: letters, digits and _ only")
    print(f"load average {os.getloadavg()[0]:.1f}")
    if not args.skip_sqlite:
        report("SQLite", run(f"sqlite:///{args.sqlite_path}", args.patients, args.runs))
    if not args.skip_postgres:
        subprocess.run([*PG_ADMIN, f"CREATE DATABASE {args.pg_name}"], capture_output=True)  # exists on re-runs
        report("PostgreSQL", run(f"postgres://postgres@127.0.0.1:5432/{args.pg_name}", args.patients, args.runs))
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
