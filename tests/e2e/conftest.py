"""Browser fixtures: Debian's chromium driven by Playwright (sync API) against pytest-django's live server.

One browser for the e2e package, a fresh context (cookies, language, viewport) per test, and a
full-page screenshot of every page a test opened in test-artifacts/e2e/<test-name>.png.
Without chromium the tests skip locally and fail under CI (CI must never skip them).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = (1280, 900)
LOCALES = {"zh-hans": "zh-CN", "en": "en-US"}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require(ok: bool, what: str) -> None:
    """Skip a test whose tool is missing, except under CI, where a missing tool fails the run."""
    if ok:
        return
    if in_ci():
        pytest.fail(
            f"{what} is missing, and CI must run the end-to-end tests (they never skip under CI). "
            "`make test` installs it on Debian (target system-packages).",
            pytrace=False,
        )
    pytest.skip(f"{what} is missing: end-to-end tests skipped (`make test` installs it; under CI they fail).")


@pytest.fixture(scope="package")
def browser() -> Iterator:
    """Package scope, not session: the Playwright event loop stops before tests/screening runs."""
    executable = shutil.which("chromium")
    require(executable is not None, "Debian's chromium (`chromium` on PATH)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread; Django's ORM (used by the
    # tests to arrange data) refuses to run beside a running loop unless told it is safe here.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="package", autouse=True)
def fast_password_hashing() -> Iterator[None]:
    """Each test creates and logs in users: a deliberately slow hasher would dominate the run."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def artifact_name(node_name: str) -> str:
    """test_x[zh-hans] -> test_x-zh-hans: a file name without brackets."""
    return re.sub(r"[^\w.-]+", "-", node_name).strip("-")


@pytest.fixture
def open_page(request, browser, live_server, transactional_db) -> Iterator[Callable]:
    """open_page(lang, viewport=(w, h), screenshot=True) -> a Page in a new context in `lang`.

    The language is set the way a returning browser has it: the `django_language` cookie (and a
    matching Accept-Language). Pages are screenshotted, full page, when the test ends.
    """
    from django.conf import settings

    contexts, pages = [], []

    def _open(lang: str = "en", viewport: tuple[int, int] = DESKTOP, screenshot: bool = True):
        context = browser.new_context(
            base_url=live_server.url, locale=LOCALES[lang], viewport={"width": viewport[0], "height": viewport[1]}
        )
        context.set_default_timeout(10_000)
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        if screenshot:
            pages.append(page)
        return page

    yield _open
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base = artifact_name(request.node.name)
    for i, page in enumerate(pages):
        suffix = "" if i == 0 else f"-{i + 1}"
        try:
            page.screenshot(path=ARTIFACTS / f"{base}{suffix}.png", full_page=True)
        except Exception as exc:  # a screenshot must never hide the test's own outcome
            print(f"screenshot of {base}{suffix} failed: {exc}")
    for context in contexts:
        context.close()
