"""Time the growth path: a SQLite clinic of N demo patients moves to PostgreSQL with the two commands.

Usage:
    .venv/bin/python bench/bench_move.py [--patients 100000] [--sqlite PATH] [--pg-name NAME] [--keep]

Seeds a SQLite database with `seed_demo --patients N` unless it already holds N demo patients (the
file is kept for the next run: var/bench-move/clinic.sqlite3 by default), then times, each as the
clinic would run it:
  1. `backup_db --out clinic.bak` on SQLite (file and manifest);
  2. `restore_db clinic.bak --into postgres://postgres@127.0.0.1:5432/NAME` (migrate, copy every
     table, reset sequences, check every table against the manifest);
  3. `verify_backup clinic.bak` (the nightly check of a SQLite backup).
The PostgreSQL database NAME is dropped first and, unless --keep, afterwards. Loopback only.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432"


def manage(database_url: str, *args: str) -> float:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "true", "DEMO_PASSWORD": "bench-password-2026"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


def psql(sql: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qAtc", sql], check=True)


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 # fixed table names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--sqlite", type=Path, default=ROOT / "var" / "bench-move" / "clinic.sqlite3")
    parser.add_argument("--pg-name", default="bench_move", help="PostgreSQL database to move into (dropped first)")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL copy")
    args = parser.parse_args()
    sqlite_url = f"sqlite:///{args.sqlite.resolve()}"
    args.sqlite.parent.mkdir(parents=True, exist_ok=True)
    manage(sqlite_url, "migrate", "--noinput", "-v", "0")
    if count(args.sqlite, "screening_patient") < args.patients:
        print(
            f"seed_demo --patients {args.patients}: {manage(sqlite_url, 'seed_demo', '--patients', str(args.patients)):.0f} s"
        )
    patients, visits = count(args.sqlite, "screening_patient"), count(args.sqlite, "screening_visit")
    size = args.sqlite.stat().st_size / 2**20
    print(
        f"== SQLite clinic: {patients} patients, {visits} visits, {size:.0f} MB; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    bak = args.sqlite.with_name("clinic.bak")
    psql(f"DROP DATABASE IF EXISTS {args.pg_name} WITH (FORCE)")
    try:
        timings = {"backup_db": manage(sqlite_url, "backup_db", "--out", str(bak))}
        timings["restore_db --into postgres"] = manage(
            sqlite_url, "restore_db", str(bak), "--into", f"{PG}/{args.pg_name}"
        )
        timings["verify_backup (SQLite)"] = manage(sqlite_url, "verify_backup", str(bak))
    finally:
        if not args.keep:
            psql(f"DROP DATABASE IF EXISTS {args.pg_name} WITH (FORCE)")
    print("== move (seconds)")
    for name, seconds in timings.items():
        print(f"{name:28} {seconds:8.1f}")
    moved = timings["backup_db"] + timings["restore_db --into postgres"]
    print(f"{'move, both commands':28} {moved:8.1f}  ({moved / 60:.1f} min for {patients} patients)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
