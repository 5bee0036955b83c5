"""Benchmark: import 100,000 visit rows and rescreen 100,000 visits, on SQLite and/or PostgreSQL.

Usage: .venv/bin/python bench/bench_import_rescreen.py [--rows 100000] [--postgres URL] [--sqlite]
It migrates a fresh benchmark database for each backend (SQLite in /tmp; a `sarcopenia_bench`
PostgreSQL database created and dropped here), so it never touches the app's data.
Targets (issue #3): import ≤ 60 s, rescreen ≤ 30 s. Rescreen is timed twice: when no result changed
(it reads and recomputes every visit and writes nothing), and after every visit's stored results were
invalidated, as a rule change touching every visit would (it rewrites every visit): the target is
judged on the second. Import and rescreen use every CPU (`--jobs` defaults to the CPU count).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = r"""
import io, os, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sarcopenia.settings")
django.setup()
from django.core.management import call_command
from screening.models import Site, Visit
call_command("migrate", verbosity=0)
Site.objects.get_or_create(code="bench", defaults={"name": "Bench", "population": "asian", "default_setting": "community"})
t = time.perf_counter(); call_command("import_visits", sys.argv[1], "--site", "bench", stdout=io.StringIO())
imported = time.perf_counter() - t
t = time.perf_counter(); call_command("rescreen", "--no-progress", stdout=io.StringIO())
unchanged = time.perf_counter() - t
Visit.objects.update(results_digest="", rule_set_version="old")  # as after a rule change touching every visit
t = time.perf_counter(); call_command("rescreen", "--no-progress", stdout=io.StringIO())
rewritten = time.perf_counter() - t
assert not Visit.objects.filter(results_digest="").exists()
print(f"{imported:.1f} {unchanged:.1f} {rewritten:.1f}")
"""


def make_csv(path: Path, rows: int) -> None:
    rng = random.Random(7)
    header = [
        "patient_id",
        "sex",
        "date_of_birth",
        "visit_date",
        "height_cm",
        "weight_kg",
        "grip_strength_kg",
        "chair_stand_5x_s",
        "gait_speed_m_s",
        "asm_kg",
        "muscle_mass_method",
        "calf_circumference_cm",
        "sarc_f_score",
        "vitamin_d_25oh_ng_ml",
        "hs_crp_mg_l",
        "albumin_g_l",
        "mna_sf_score",
    ]
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        for i in range(rows):
            patient = i // 3  # three visits per patient, same sex and birth date
            male = patient % 2 == 0
            writer.writerow(
                [
                    f"B{patient:06d}",
                    "M" if male else "F",
                    f"{1940 + patient % 25}-05-0{1 + patient % 9}",
                    f"2025-{1 + i % 3 * 4:02d}-10",
                    round(rng.uniform(150, 180), 1),
                    round(rng.uniform(45, 80), 1),
                    round(rng.uniform(12, 40), 1),
                    round(rng.uniform(7, 20), 1),
                    round(rng.uniform(0.5, 1.4), 2),
                    round(rng.uniform(13, 25), 1),
                    rng.choice(["DXA", "BIA"]),
                    round(rng.uniform(28, 38), 1),
                    rng.randint(0, 8),
                    round(rng.uniform(12, 40), 1),
                    round(rng.uniform(0.5, 8), 1),
                    round(rng.uniform(36, 46), 1),
                    rng.randint(6, 14),
                ]
            )


def run(env_url: str, csv_path: Path) -> tuple[float, float, float]:
    env = {
        **os.environ,
        "DATABASE_URL": env_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_SECRET_KEY": "bench-" + "x1y2z3" * 10,
    }
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(csv_path)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr[-3000:])
    imported, unchanged, rewritten = out.stdout.split()[-3:]
    return float(imported), float(unchanged), float(rewritten)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/sarcopenia_bench")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "visits.csv"
        make_csv(csv_path, args.rows)
        backends = [("SQLite", f"sqlite:///{tmp}/bench.sqlite3")]
        if not args.skip_postgres:
            subprocess.run(
                [
                    "psql",
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    "-d",
                    "test",
                    "-qc",
                    "DROP DATABASE IF EXISTS sarcopenia_bench",
                ],
                check=True,
            )
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc", "CREATE DATABASE sarcopenia_bench"],
                check=True,
            )
            backends.append(("PostgreSQL", args.postgres))
        print(f"{args.rows} rows, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before")
        print(
            "backend    | import s (target ≤ 60) | rescreen s, nothing changed | rescreen s, every visit "
            "rewritten (target ≤ 30)"
        )
        for name, url in backends:
            imported, unchanged, rewritten = run(url, csv_path)
            print(f"{name:10} | {imported:6.1f} | {unchanged:6.1f} | {rewritten:6.1f}")


if __name__ == "__main__":
    main()
