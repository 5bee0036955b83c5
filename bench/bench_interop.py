"""Benchmark: export N visits as SPSS (.sav), Stata (.dta) and a FHIR Bundle; time and peak memory.

Usage: .venv/bin/python bench/bench_interop.py [--rows 100000] [--database-url URL | --keep FILE] [--only KIND]
Without --database-url it imports the rows of bench_import_rescreen.make_csv into a fresh SQLite
database in /tmp (never the app's data). Each export runs in its own process, which reports its wall
time and its peak resident memory above what it had before the export started (ru_maxrss).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import_rescreen import make_csv  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SETUP = r"""
import io, os, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sarcopenia.settings")
django.setup()
from django.core.management import call_command
from screening.models import Site
call_command("migrate", verbosity=0)
Site.objects.get_or_create(code="bench", defaults={"name": "Bench", "population": "asian", "default_setting": "community"})
call_command("import_visits", sys.argv[1], "--site", "bench", "--jobs", "2", stdout=io.StringIO())
"""
EXPORT = r"""
import io, os, resource, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sarcopenia.settings")
django.setup()
from django.core.management import call_command
from screening.interop import fhir_out, stats  # loaded before the baseline
from screening.models import Visit
visits = Visit.objects.count()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kind, out = sys.argv[1], sys.argv[2]
t = time.perf_counter()
if kind == "fhir":
    call_command("export_fhir", "--site", "bench", "--out", out, stdout=io.StringIO(), stderr=io.StringIO())
else:
    call_command("export_visits", "--out", out, stdout=io.StringIO())
seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(visits, f"{seconds:.1f}", (peak - before) // 1024, os.path.getsize(out) // (1024 * 1024))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", help="an existing database to export (default: a fresh SQLite one)")
    parser.add_argument("--keep", type=Path, help="SQLite file to keep (and reuse when it exists) instead of /tmp's")
    parser.add_argument("--only", choices=("sav", "dta", "fhir"), action="append", help="run only these exports")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{args.keep or Path(tmp) / 'bench.sqlite3'}"
        reuse = args.database_url or (args.keep and args.keep.exists())
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_DEBUG": "false",
            "DJANGO_HTTPS": "false",
            "DJANGO_SECRET_KEY": "bench-" + "x1y2z3" * 10,
        }
        if not reuse:
            csv_path = Path(tmp) / "visits.csv"
            make_csv(csv_path, args.rows)
            subprocess.run([sys.executable, "-c", SETUP, str(csv_path)], cwd=ROOT, env=env, check=True)
        print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before")
        print("export | visits | seconds | peak MB above baseline | file MB")
        for kind, name in (("sav", "visits.sav"), ("dta", "visits.dta"), ("fhir", "bundle.json")):
            if args.only and kind not in args.only:
                continue
            done = subprocess.run(
                [sys.executable, "-c", EXPORT, kind, str(Path(tmp) / name)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                raise SystemExit(done.stderr[-3000:])
            visits, seconds, peak, size = done.stdout.split()[-4:]
            print(f"{kind:6} | {visits} | {seconds} | {peak} | {size}")


if __name__ == "__main__":
    main()
