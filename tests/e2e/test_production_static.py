"""Production serves its own static files: gunicorn with DJANGO_DEBUG off, after `collectstatic`.

The app runs as the README's production section says (a real `collectstatic` into a temporary
STATIC_ROOT, gunicorn, debug off); every stylesheet and script the login page links answers 200 from
a content-hashed name with a far-future, immutable cache header and a gzip copy, the browser applies
the styles (computed styles from Bootstrap and from app.css, not just a 200), and the CSP is the same.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
YEAR = 365 * 24 * 3600


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, headers: dict | None = None):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
        return response.status, dict(response.headers), response.read()


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> Iterator[str]:
    """gunicorn on a free loopback port, debug off, static files collected; yields its base URL."""
    folder = tmp_path_factory.mktemp("production")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_DEBUG": "false",
            "DJANGO_HTTPS": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECRET_KEY": "production-static-test-" + "q7Zx" * 10,
            "DJANGO_STATIC_ROOT": str(folder / "static"),
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )
    for command in (["collectstatic", "--noinput", "-v", "0"], ["migrate", "--noinput", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=300)
    base = f"http://127.0.0.1:{_free_port()}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sarcopenia.wsgi",
            "-b",
            base.removeprefix("http://"),
            "-w",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, f"gunicorn exited with {server.returncode}"
            try:
                if _get(f"{base}/health/")[0] == 200:
                    break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not answer /health/ within 60 s"
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_every_static_file_the_page_links_is_served_hashed_compressed_and_cached_for_a_year(production):
    status, headers, body = _get(f"{production}/accounts/login/")
    assert status == 200
    links = re.findall(r'<(?:link rel="stylesheet" href|script[^>]* src)="([^"]+)"', body.decode())
    assert any("bootstrap" in link and link.endswith(".css") for link in links), links
    assert any("/css/app." in link for link in links), links
    for link in links:
        assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", link), f"{link}: not a content-hashed name"
        status, headers, _ = _get(production + link, {"Accept-Encoding": "gzip"})
        assert status == 200, link
        age = int(re.search(r"max-age=(\d+)", headers["Cache-Control"])[1])
        assert age >= YEAR and "immutable" in headers["Cache-Control"], (link, headers["Cache-Control"])
        assert headers.get("Content-Encoding") == "gzip", (link, headers)


def test_the_csp_is_unchanged_under_whitenoise(production):
    _, headers, _ = _get(f"{production}/accounts/login/")
    csp = headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in csp, csp


def test_the_browser_sees_a_styled_page(production, browser):
    context = browser.new_context(base_url=production, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: failed.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        page.goto("/accounts/login/")
        page.wait_for_load_state("networkidle")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / "production-static-login.png", full_page=True)
        body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
        navbar = page.evaluate("getComputedStyle(document.querySelector('.app-navbar')).backgroundColor")
    finally:
        context.close()
    assert failed == []
    assert "system-ui" in body_font  # Bootstrap's font stack, from bootstrap.min.css
    assert navbar == "rgb(8, 66, 152)"  # .navbar.app-navbar in static/css/app.css
