"""Bounded load test: gunicorn + PostgreSQL + seed_demo, N concurrent clinicians for a fixed time.

Loopback only; stops by itself. Usage:
    .venv/bin/python bench/load.py [--patients 100000] [--users 20] [--seconds 60] [--reuse-db]

It creates (or reuses) the PostgreSQL database `sarcopenia_load`, migrates it, seeds the demo cohort,
starts gunicorn on 127.0.0.1:8765 with persistent database connections, then runs:
  1. the floor: the same number of clients calling /health/ for --floor-seconds;
  2. the patient list alone, as many clients for as long;
  3. the mix: each client logs in as a demo clinician and repeats patient search, patient page,
     visit page, visit save and (one in ten) a PDF report download.
It prints throughput, p50/p95/p99 per page and the errors. Targets (issue #8): 0 errors, page p95 ≤
300 ms (report p95 ≤ 2 s), patient list throughput ≥ 1/15 of the health-check throughput.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
DB = "sarcopenia_load"
PASSWORD = "load-test-password-2026"
ENV = {
    **os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}", "DJANGO_DEBUG": "false",
    "DJANGO_HTTPS": "false", "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "DEMO_PASSWORD": PASSWORD,
    "DJANGO_SECRET_KEY": "load-test-only-" + "k3y" * 20, "DATABASE_CONN_MAX_AGE": "600",
    "LOGIN_FAILURE_LIMIT": "1000", "DJANGO_LOG_LEVEL": "WARNING",
}


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def prepare(patients: int, reuse: bool) -> None:
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qAtc"]
    exists = subprocess.run([*psql, f"SELECT 1 FROM pg_database WHERE datname='{DB}'"],
                            capture_output=True, text=True, check=True).stdout.strip() == "1"
    if exists and not reuse:
        subprocess.run([*psql, f"DROP DATABASE {DB}"], check=True)
    if not exists or not reuse:
        subprocess.run([*psql, f"CREATE DATABASE {DB}"], check=True)
    manage("migrate", "--noinput", "-v", "0")
    t = time.perf_counter()
    manage("seed_demo", "--patients", str(patients))
    print(f"seed_demo --patients {patients}: {time.perf_counter() - t:.0f} s")


class Client:
    """A browser-like session: cookies, CSRF token, and timings of every request it makes."""

    def __init__(self, timings: dict, errors: dict, lock: threading.Lock):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.timings, self.errors, self.lock = timings, errors, lock

    def request(self, name: str, path: str, data: dict | None = None) -> str:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(BASE + path, data=body, headers={"Referer": BASE + path})
        start = time.perf_counter()
        try:
            with self.opener.open(req, timeout=30) as response:
                payload = response.read()
                status = response.status
        except urllib.error.HTTPError as exc:
            payload, status = exc.read(), exc.code
        except OSError as exc:
            payload, status = str(exc).encode(), 0
        elapsed = time.perf_counter() - start
        with self.lock:
            self.timings[name].append(elapsed)
            if status >= 400 or status == 0:
                self.errors[f"{name} {status}"] += 1
        return payload.decode("utf-8", "replace") if not payload.startswith(b"%PDF") else "%PDF"

    def csrf(self, html: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1) if match else ""

    def login(self, username: str) -> None:
        page = self.request("login page", "/accounts/login/")
        self.request("login", "/accounts/login/", {"csrfmiddlewaretoken": self.csrf(page), "username": username,
                                                   "password": PASSWORD})


def clinician_loop(client: Client, username: str, stop: float, rng: random.Random) -> None:
    client.login(username)
    while time.perf_counter() < stop:
        number = rng.randint(1, 50_000) * 2 - (1 if username.endswith("a") else 0)
        listing = client.request("patient search", f"/?q=DEMO-{number:06d}")
        match = re.search(r'href="/patients/([0-9a-f-]{36})/"', listing)
        if not match:
            continue
        patient = client.request("patient page", f"/patients/{match.group(1)}/")
        visits = re.findall(r'href="/visits/([0-9a-f-]{36})/"', patient)
        if not visits:
            continue
        visit = visits[-1]
        client.request("visit page", f"/visits/{visit}/")
        edit = client.request("visit edit page", f"/visits/{visit}/edit/")
        version = re.search(r'name="loaded_version" value="(\d+)"', edit)
        date = re.search(r'name="visit_date" value="([0-9-]+)"', edit)
        if version and date:
            client.request("visit save", f"/visits/{visit}/edit/", {
                "csrfmiddlewaretoken": client.csrf(edit), "loaded_version": version.group(1),
                "visit_date": date.group(1), "setting": "community", "grip_right_1": f"{rng.uniform(15, 35):.1f}",
                "confirm_warnings": "on", "change_reason": "load test"})
        if rng.random() < 0.1:
            client.request("report download", f"/visits/{visit}/report.pdf?lang=zh-hans")


def health_loop(client: Client, stop: float) -> None:
    while time.perf_counter() < stop:
        client.request("health", "/health/")


def list_loop(client: Client, username: str, stop: float, rng: random.Random) -> None:
    client.login(username)
    while time.perf_counter() < stop:
        client.request("patient list", f"/?q=DEMO-{rng.randint(1, 9999):04d}")


def run(users: int, seconds: float, target) -> tuple[dict, dict]:
    timings, errors, lock = defaultdict(list), defaultdict(int), threading.Lock()
    stop = time.perf_counter() + seconds
    threads = [threading.Thread(target=target, args=(Client(timings, errors, lock), i, stop)) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return timings, errors


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) > 1 else values[0] * 1000


def report(timings: dict, errors: dict, seconds: float) -> None:
    print(f"{'page':18} {'n':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name in sorted(timings):
        values = timings[name]
        print(f"{name:18} {len(values):6d} {len(values) / seconds:7.1f} {pct(values, 50):8.0f} "
              f"{pct(values, 95):8.0f} {pct(values, 99):8.0f}")
    print("errors:", dict(errors) or 0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--floor-seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--reuse-db", action="store_true", help="keep an already seeded database")
    args = parser.parse_args()
    prepare(args.patients, args.reuse_db)
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "sarcopenia.wsgi", "-b", f"127.0.0.1:{PORT}",
                               "-w", str(args.workers), "--timeout", "60", "--log-level", "warning"],
                              cwd=ROOT, env=ENV)
    try:
        time.sleep(4)
        floor, floor_errors = run(args.users, args.floor_seconds, lambda c, i, stop: health_loop(c, stop))
        print(f"== floor: /health/ with {args.users} clients for {args.floor_seconds:.0f} s")
        report(floor, floor_errors, args.floor_seconds)
        rngs = [random.Random(i) for i in range(args.users)]
        listing, list_errors = run(args.users, args.floor_seconds, lambda c, i, stop: list_loop(
            c, "clinician-a" if i % 2 == 0 else "clinician-b", stop, rngs[i]))
        print(f"== patient list alone, {args.users} clients for {args.floor_seconds:.0f} s")
        report(listing, list_errors, args.floor_seconds)
        mix, errors = run(args.users, args.seconds, lambda c, i, stop: clinician_loop(
            c, "clinician-a" if i % 2 == 0 else "clinician-b", stop, rngs[i]))
        print(f"== mix: {args.users} clinicians for {args.seconds:.0f} s on {args.patients} patients")
        report(mix, errors, args.seconds)
        health_rate = len(floor["health"]) / args.floor_seconds
        list_rate = len(listing["patient list"]) / args.floor_seconds
        print(f"patient list throughput / health throughput = {list_rate / health_rate:.3f} (target ≥ {1/15:.3f})")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
