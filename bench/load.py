"""Bounded load test: gunicorn + PostgreSQL + seed_demo, N concurrent clinicians for a fixed time.

Loopback only; stops by itself. Usage:
    .venv/bin/python bench/load.py [--patients 100000] [--users 20] [--seconds 60] [--fresh]
                                   [--database sarcopenia_load] [--refetch-static]

It creates the PostgreSQL database `sarcopenia_load` if absent (--fresh drops it first), migrates
it, runs `collectstatic` (as a deployment does: WhiteNoise serves the hashed files), seeds the demo cohort with `seed_demo --patients N` unless it already holds N demo patients,
starts gunicorn on 127.0.0.1:8765 (5 sync workers for 2 cores, persistent database connections via
DATABASE_CONN_MAX_AGE), waits for /health/, then runs:
  1. the floor: the same number of clients calling /health/ for --floor-seconds;
  then every client logs in as a demo clinician (timed apart: password hashing is slow on purpose);
  2. the patient list alone (identifier-prefix searches), as many clients for as long;
  3. the mix for --seconds: each clinician repeats patient search, patient page, visit page, visit
     edit page, the form's live preview (the whole form with its CSRF token posted to
     /patients/<uuid>/visits/preview/ as static/js/visit-preview.js does: once when the form opens and
     after each of three pauses in typing, a grip value changed each time), visit save (the form posted
     back) and (one in ten) a PDF report download. Every page's stylesheets and scripts are fetched too, once per clinician
     as a browser with its cache does (they carry a far-future cache header; `--refetch-static`
     fetches them with every page instead), and each must answer 200 with that header. Like a person, each clinician reads a page before the next click (random
     pause, mean --think seconds, default 2) and fills in the form before saving (mean --typing,
     default 10); `--think 0 --typing 0` removes every pause: a stress test of capacity. Each clinician
     arrives after a first pause and leaves when a pause would outlast the run, so no request is timed
     in a stampede of all clinicians at the start or the end that no clinic would make.
It stops gunicorn and prints throughput, p50/p95/p99 per page, errors and the targets of issue #8:
0 errors, page p95 ≤ 300 ms (reports excluded), report p95 ≤ 2 s, patient list throughput ≥ 1/15
of the health-check throughput; and the live preview's p95 ≤ 100 ms. A redirect to the login page, a refused save and any status other
than the expected one (200, or 302 after a POST) count as errors. The load generator runs on the
same cores as the server; its CPU time is printed with each run.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = "sarcopenia_load"
PASSWORD = "load-test-password-2026"
ENV = {
    **os.environ,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "DJANGO_DEBUG": "false",
    "DJANGO_HTTPS": "false",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DEMO_PASSWORD": PASSWORD,
    "DJANGO_SECRET_KEY": "load-test-only-" + "k3y" * 20,
    "DATABASE_CONN_MAX_AGE": "600",
    "LOGIN_FAILURE_LIMIT": "1000",
    "DJANGO_LOG_LEVEL": "WARNING",
    "SESSION_IDLE_MINUTES": "120",
}
REPORT = "report download"
PREVIEW = "visit preview"
PREVIEWS = 3  # live-panel requests while typing the form (one more when it opens)
STATIC = "static file"
STATIC_LINK = re.compile(r'<(?:link[^>]*\shref|script[^>]*\ssrc|img[^>]*\ssrc)="(/static/[^"]+)"')
YEAR = 365 * 24 * 3600
REFETCH_STATIC = False  # set by main() from --refetch-static
TARGET_P95_MS, TARGET_REPORT_P95_MS, TARGET_LIST_RATIO = 300, 2000, 1 / 15
TARGET_PREVIEW_P95_MS = 100  # the live panel follows typing: well under the pages' target
BASE = ""  # set by main() from --port


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def psql(sql: str, database: str = "postgres") -> str:
    """One statement through psql on the local server (the `postgres` database always exists)."""
    command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qAtc", sql]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def prepare(patients: int, fresh: bool, jobs: int) -> None:
    """The database exists, is migrated and holds at least `patients` demo patients."""
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname='{DB}'") == "1"
    if exists and fresh:
        psql(f"DROP DATABASE {DB} WITH (FORCE)")
        exists = False
    if not exists:
        psql(f"CREATE DATABASE {DB}")
    manage("migrate", "--noinput", "-v", "0")
    manage("collectstatic", "--noinput", "-v", "0")
    have = int(psql("SELECT count(*) FROM screening_patient WHERE identifier LIKE 'DEMO-%'", DB))
    if have >= patients:
        print(f"{DB} already holds {have} demo patients: no seeding")
        return
    start = time.perf_counter()
    manage("seed_demo", "--patients", str(patients), *(["--jobs", str(jobs)] if jobs else []))
    print(f"seed_demo --patients {patients}: {time.perf_counter() - start:.0f} s")


class FormFields(HTMLParser):
    """The fields a browser would submit for each <form method="post"> of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self.fields: list[tuple[str, str]] = []
        self.in_form = False
        self.select: str | None = None
        self.select_first: str | None = None
        self.select_chosen = False
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self.in_form, self.fields = True, []
            self.forms.append(self.fields)
        if not self.in_form or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type", "text") not in ("submit", "button", "reset", "file"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.fields.append((name, a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self.select, self.select_first, self.select_chosen = name, None, False
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if self.select_first is None:
                self.select_first = value
            if "selected" in a and not self.select_chosen:
                self.fields.append((self.select, value))
                self.select_chosen = True
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_endtag(self, tag):
        if tag == "select" and self.select:
            if not self.select_chosen and self.select_first is not None:
                self.fields.append((self.select, self.select_first))
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, "".join(self.text).removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.in_form = False

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)


def form_fields(html: str, containing: str) -> dict[str, list[str]]:
    """The fields of the page's post form that has a field named `containing` (e.g. not the language form)."""
    parser = FormFields()
    parser.feed(html)
    fields: dict[str, list[str]] = defaultdict(list)
    for form in parser.forms:
        if any(name == containing for name, _ in form):
            for name, value in form:
                fields[name].append(value)
            break
    return fields


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answers, not hops: a save answers 302, a page that sends you to login fails."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Client:
    """A browser-like session: cookies, CSRF token, and timings of every request it makes."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.timings: dict = defaultdict(list)  # name -> seconds; shared by the clients of one run
        self.errors: dict = defaultdict(int)
        self.lock = threading.Lock()
        self.last_status, self.last_body = 0, ""
        self.static_cache: set[str] = set()  # static paths this browser already holds

    def request(self, name: str, path: str, data: dict | None = None, expect: int = 200) -> str | None:
        """The page's text (or "%PDF"), or None (counted as an error) unless the status is `expect`."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(BASE + path, data=body, headers={"Referer": BASE + path})
        start = time.perf_counter()
        try:
            with self.opener.open(req, timeout=30) as response:
                payload, status, headers = response.read(), response.status, response.headers
        except urllib.error.HTTPError as exc:
            payload, status, headers = exc.read(), exc.code, exc.headers
        except OSError as exc:
            payload, status, headers = str(exc).encode(), 0, {}
        elapsed = time.perf_counter() - start
        self.last_status = status
        self.last_body = "%PDF" if payload.startswith(b"%PDF") else payload.decode("utf-8", "replace")
        cached = re.search(r"max-age=(\d+)", headers.get("Cache-Control", "") if headers else "")
        uncached = name == STATIC and status == expect and (cached is None or int(cached[1]) < YEAR)
        with self.lock:
            self.timings[name].append(elapsed)
            if status != expect:
                self.errors[f"{name} {status}"] += 1
            elif uncached:
                self.errors[f"{name} without a far-future Cache-Control"] += 1
        if status != expect:
            return None
        body = self.last_body
        if name != STATIC and status == 200 and body != "%PDF":
            self.fetch_static(body)
            self.last_status, self.last_body = status, body  # the page's answer, not its last static file
        return body

    def fetch_static(self, html: str) -> None:
        """The page's stylesheets, scripts and images, as a browser fetches them (once, unless refetching)."""
        for path in dict.fromkeys(STATIC_LINK.findall(html)):
            if path in self.static_cache and not REFETCH_STATIC:
                continue
            self.static_cache.add(path)
            self.request(STATIC, path)

    def csrf(self, html: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1) if match else ""

    def login(self, username: str) -> bool:
        page = self.request("login page", "/accounts/login/")
        return (
            page is not None
            and self.request(
                "login",
                "/accounts/login/",
                {"csrfmiddlewaretoken": self.csrf(page), "username": username, "password": PASSWORD},
                expect=302,
            )
            is not None
        )


class TimeUp(Exception):
    """A clinician's next pause would end after the run: they leave instead of clicking."""


def save_visit(client: Client, visit: str, rng: random.Random, outcomes: dict, pause: Callable) -> None:
    """Post the edit form back as a browser would, one grip value changed; 302 means saved."""
    edit = client.request("visit edit page", f"/visits/{visit}/edit/")
    if edit is None:
        return
    fields = form_fields(edit, containing="loaded_version")
    preview = re.search(r'data-preview-url="([^"]+)"', edit)
    for keystrokes in range(PREVIEWS + 1):  # the live panel: once on load, then after each pause in typing
        if keystrokes:
            pause("typing", PREVIEWS)
            fields["grip_right_1"] = [f"{rng.uniform(15, 35):.1f}"]
        if preview:  # the whole form with its CSRF token, as static/js/visit-preview.js posts it
            client.request(PREVIEW, preview.group(1), fields)
    fields.update({"confirm_warnings": ["on"], "change_reason": ["load test"]})
    answer = client.request("visit save", f"/visits/{visit}/edit/", fields, expect=302)
    if answer is not None:
        outcome = "saved"
    elif client.last_status == 200 and 'id="conflict"' in client.last_body:
        outcome = "version conflict (another clinician saved first)"
    elif client.last_status == 200:
        errors = re.findall(r'class="invalid-feedback[^"]*"[^>]*>\s*(?:<strong>)?([^<]+)', client.last_body)
        outcome = "form refused: " + ("; ".join(sorted(set(e.strip() for e in errors)))[:200] or "no message")
    else:
        outcome = f"HTTP {client.last_status}"
    with client.lock:
        outcomes[outcome] += 1


def clinician_loop(
    client: Client,
    username: str,
    stop: float,
    rng: random.Random,
    patients: int,
    outcomes: dict,
    means: dict[str, float],
) -> None:
    """Patient search, patient page, visit page, edit page, save and (1 in 10) report, until `stop`.

    A clinician reads each page before the next click (random pause, mean `means["think"]` seconds)
    and fills in the edit form before saving (mean `means["typing"]`); both 0 is a stress test.
    Clinicians arrive as people do, each after a pause of their own, and a clinician whose pause
    runs past `stop` leaves then: cutting every pause short at `stop` (as this test once did) sent all
    twenty clinicians' next requests in the same few milliseconds, a stampede no clinic makes, and
    with the one at the start it set most of the slowest 5 % of the run.
    """

    def pause(kind: str, parts: int = 1) -> None:
        if means[kind] > 0:
            seconds = rng.expovariate(parts / means[kind])
            if time.perf_counter() + seconds >= stop:
                time.sleep(max(0.0, stop - time.perf_counter()))
                raise TimeUp
            time.sleep(seconds)

    try:
        pause("think")  # arriving: the first look at the page
        clinician_visits(client, username, stop, rng, patients, outcomes, pause)
    except TimeUp:
        pass


def clinician_visits(
    client: Client, username: str, stop: float, rng: random.Random, patients: int, outcomes: dict, pause: Callable
) -> None:
    """One clinician's rounds until `stop` (see clinician_loop)."""
    pairs = max(1, patients // 2)  # site A holds the odd identifiers, site B the even ones
    while time.perf_counter() < stop:
        number = rng.randint(1, pairs) * 2 - (1 if username.endswith("a") else 0)
        listing = client.request("patient search", f"/?q=DEMO-{min(number, patients):06d}")
        pause("think")
        match = re.search(r'href="/patients/([0-9a-f-]{36})/"', listing or "")
        if not match:
            continue
        patient = client.request("patient page", f"/patients/{match.group(1)}/")
        pause("think")
        visits = re.findall(r'href="/visits/([0-9a-f-]{36})/"', patient or "")
        if not visits:
            continue
        visit = rng.choice(visits)
        client.request("visit page", f"/visits/{visit}/")
        pause("think")
        save_visit(client, visit, rng, outcomes, pause)
        pause("think")
        if rng.random() < 0.1:
            client.request(REPORT, f"/visits/{visit}/report.pdf?lang=zh-hans")


def health_loop(client: Client, stop: float) -> None:
    while time.perf_counter() < stop:
        client.request("health", "/health/")


def list_loop(client: Client, stop: float, rng: random.Random, patients: int) -> None:
    """Identifier-prefix searches ("DEMO-0123" lists DEMO-012300..012399), each a page of results."""
    while time.perf_counter() < stop:
        client.request("patient list", f"/?q=DEMO-{rng.randint(0, (patients - 1) // 100):04d}")


def run(clients: list[Client], seconds: float, target: Callable) -> tuple[dict, dict, float]:
    """target(client, index, stop) in one thread per client; this run's timings, errors and client CPU."""
    timings, errors, lock = defaultdict(list), defaultdict(int), threading.Lock()
    for client in clients:
        client.timings, client.errors, client.lock = timings, errors, lock
    cpu, stop = time.process_time(), time.perf_counter() + seconds
    threads = [threading.Thread(target=target, args=(client, i, stop), daemon=True) for i, client in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, stop - time.perf_counter()) + 60)
    with lock:
        return {k: list(v) for k, v in timings.items()}, dict(errors), time.process_time() - cpu


def pct(values: list[float], q: int) -> float:
    """The q-th percentile in milliseconds."""
    if len(values) == 1:
        return values[0] * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


def report(timings: dict, errors: dict, seconds: float, cpu: float) -> None:
    print(f"{'page':18} {'n':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name in sorted(timings):
        values = timings[name]
        print(
            f"{name:18} {len(values):6d} {len(values) / seconds:7.1f} {pct(values, 50):8.0f} "
            f"{pct(values, 95):8.0f} {pct(values, 99):8.0f}"
        )
    print("errors:", errors or 0, f"· load generator CPU {cpu:.1f} s (same cores as the server)")


def verdict(floor: dict, listing: dict, mix: dict, errors: int) -> None:
    """One line per target of issue #8."""
    pages = {name: pct(v, 95) for name, v in mix.items() if name not in (REPORT, "login page", "login")}
    worst = max(pages.items(), key=lambda item: item[1], default=("-", 0.0))
    report_p95 = pct(mix[REPORT], 95) if mix.get(REPORT) else None
    ratio = len(listing.get("patient list", [])) / max(len(floor.get("health", [])), 1)  # same duration
    print("== targets")
    print(f"errors: {errors} (target 0) {'met' if errors == 0 else 'NOT MET'}")
    print(
        f"page p95: worst {worst[0]} {worst[1]:.0f} ms (target ≤ {TARGET_P95_MS}) "
        f"{'met' if worst[1] <= TARGET_P95_MS else 'NOT MET'}"
    )
    if report_p95 is not None:
        print(
            f"report p95: {report_p95:.0f} ms (target ≤ {TARGET_REPORT_P95_MS}) "
            f"{'met' if report_p95 <= TARGET_REPORT_P95_MS else 'NOT MET'}"
        )
    if mix.get(PREVIEW):
        preview_p95 = pct(mix[PREVIEW], 95)
        print(
            f"preview p95: {preview_p95:.0f} ms (target ≤ {TARGET_PREVIEW_P95_MS}) "
            f"{'met' if preview_p95 <= TARGET_PREVIEW_P95_MS else 'NOT MET'}"
        )
    print(
        f"patient list / health throughput: {ratio:.3f} (target ≥ {TARGET_LIST_RATIO:.3f}) "
        f"{'met' if ratio >= TARGET_LIST_RATIO else 'NOT MET'}"
    )


def start_server(port: int, workers: int) -> subprocess.Popen:
    """gunicorn on loopback; returns once /health/ answers 200 (or exits if it never does)."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            sys.exit(f"port {port} is already in use on 127.0.0.1: pass --port")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sarcopenia.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=ENV,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{BASE}/health/", timeout=5) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    sys.exit("gunicorn did not answer /health/ within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def main() -> None:
    global BASE, REFETCH_STATIC, DB
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=100_000, help="demo patients to seed (skipped if present)")
    parser.add_argument("--users", type=int, default=20, help="concurrent clinicians")
    parser.add_argument("--seconds", type=float, default=60, help="duration of the mix")
    parser.add_argument("--floor-seconds", type=float, default=15, help="duration of the health and list runs")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn sync workers (2 x cores + 1)")
    parser.add_argument("--port", type=int, default=8765, help="loopback port for gunicorn (not 8000)")
    parser.add_argument("--jobs", type=int, default=0, help="seed_demo worker processes (default: its own)")
    parser.add_argument("--think", type=float, default=2, help="mean pause (s) to read a page; 0: none")
    parser.add_argument("--typing", type=float, default=10, help="mean time (s) to fill in the edit form; 0: none")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database first")
    parser.add_argument("--database", default=DB, help="PostgreSQL database to seed and serve from")
    parser.add_argument(
        "--refetch-static",
        action="store_true",
        help="fetch every page's static files with every page (a browser without a cache)",
    )
    args = parser.parse_args()
    REFETCH_STATIC = args.refetch_static
    DB = args.database
    ENV["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB}"
    BASE = f"http://127.0.0.1:{args.port}"
    prepare(args.patients, args.fresh, args.jobs)
    print(
        f"== gunicorn: {args.workers} workers on {BASE}, DATABASE_CONN_MAX_AGE={ENV['DATABASE_CONN_MAX_AGE']}; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    server = start_server(args.port, args.workers)
    try:
        clients = [Client() for _ in range(args.users)]
        floor, floor_errors, cpu = run(clients, args.floor_seconds, lambda c, i, stop: health_loop(c, stop))
        print(f"== floor: /health/ with {args.users} clients for {args.floor_seconds:.0f} s")
        report(floor, floor_errors, args.floor_seconds, cpu)
        user = ["clinician-a", "clinician-b"]
        start = time.perf_counter()  # logins (PBKDF2, deliberately slow) stay out of the timed runs
        logins, login_errors, cpu = run(clients, 0, lambda c, i, stop: c.login(user[i % 2]))
        print(f"== {args.users} logins at once (not part of the targets)")
        report(logins, login_errors, time.perf_counter() - start, cpu)
        rngs = [random.Random(i) for i in range(args.users)]
        listing, list_errors, cpu = run(
            clients, args.floor_seconds, lambda c, i, stop: list_loop(c, stop, rngs[i], args.patients)
        )
        print(f"== patient list alone, {args.users} clients for {args.floor_seconds:.0f} s")
        report(listing, list_errors, args.floor_seconds, cpu)
        outcomes: dict = defaultdict(int)
        mix, errors, cpu = run(
            clients,
            args.seconds,
            lambda c, i, stop: clinician_loop(
                c, user[i % 2], stop, rngs[i], args.patients, outcomes, {"think": args.think, "typing": args.typing}
            ),
        )
        print(
            f"== mix: {args.users} clinicians for {args.seconds:.0f} s on {args.patients} patients, "
            f"reading {args.think:g} s, typing {args.typing:g} s (means)"
        )
        report(mix, errors, args.seconds, cpu)
        print("visit saves:", dict(outcomes))
    finally:
        stop_server(server)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    verdict(
        floor,
        listing,
        mix,
        sum(e for run_errors in (floor_errors, login_errors, list_errors, errors) for e in run_errors.values()),
    )


if __name__ == "__main__":
    main()
