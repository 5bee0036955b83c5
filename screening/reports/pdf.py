"""Step 3 of the report pipeline: HTML -> PDF with WeasyPrint, reading nothing but our static files.

The report HTML is rendered against a base URL on a reserved `.invalid` host. The fetcher maps that
host's STATIC_URL paths to files found by the staticfiles finders and reads them from disk; every other
URL (the app itself, the network, `file:` paths, `data:`) is refused. So a report can never make an
HTTP request, not even to the app, nor read a file outside the static directories.

Per process (per thread), WeasyPrint's font configuration and the parsed report stylesheet are built
once and shared by every report (parsing report.css and loading the CJK font again for each report is time
spent on identical work); the stylesheet is parsed again only when its file changes.
"""

from __future__ import annotations

import logging
import mimetypes
import posixpath
import re
import threading
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.templatetags.static import static
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

BASE_URL = "https://report.invalid/"
STYLESHEET = "css/report.css"
# WeasyPrint logs every rendering step at INFO: eight lines per report in the JSON log, and time spent.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class RefusedURL(ValueError):
    """A URL the report may not load; WeasyPrint logs it and renders without the resource."""


def _static_prefix() -> tuple[str, str, str]:
    """(scheme, host, path prefix) of static files as seen from the report's base URL."""
    parts = urlsplit(urljoin(BASE_URL, settings.STATIC_URL))
    return parts.scheme, parts.netloc, parts.path if parts.path.endswith("/") else parts.path + "/"


def static_path(url: str) -> Path:
    """The file on disk a static URL names; RefusedURL for anything else."""
    parts = urlsplit(url)
    scheme, host, prefix = _static_prefix()
    if (parts.scheme, parts.netloc) != (scheme, host) or not parts.path.startswith(prefix):
        raise RefusedURL(f"not a static file of this app: {url}")
    relative = unquote(parts.path[len(prefix) :])
    if not relative or ".." in relative.split("/") or posixpath.normpath(relative) != relative:
        raise RefusedURL(f"not a plain static path: {url}")
    try:
        found = finders.find(relative) or finders.find(_unhashed().get(relative, relative))
    except SuspiciousFileOperation as exc:
        raise RefusedURL(f"outside the static directories: {url}") from exc
    if not found or not Path(found).is_file():
        raise RefusedURL(f"no such static file: {url}")
    return Path(found)


@lru_cache(maxsize=1)
def _unhashed() -> dict[str, str]:
    """Content-hashed name -> source name, from collectstatic's manifest (production), else empty.

    With WhiteNoise's manifest storage `{% static %}` links `css/report.3f2a….css`; the file read is
    the source file that name was made from, found as before by the staticfiles finders.
    """
    hashed = getattr(staticfiles_storage, "hashed_files", None) or {}
    return {value: key for key, value in hashed.items()}


class StaticFilesFetcher(URLFetcher):
    """WeasyPrint's fetcher, narrowed to reading static files from disk."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = static_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})


_per_thread = threading.local()  # Pango's font map is not thread-safe: a threaded server renders in several


def font_config() -> FontConfiguration:
    """One per process (per thread): Pango keeps the fonts it has loaded, so the CJK font is opened once."""
    config = getattr(_per_thread, "font_config", None)
    if config is None:
        config = _per_thread.font_config = FontConfiguration()
    return config


def report_stylesheet() -> CSS:
    """report.css, parsed once per process (per thread) and again only after the file changed on disk."""
    url = urljoin(BASE_URL, settings.STATIC_URL + STYLESHEET)
    path = static_path(url)
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    cached = getattr(_per_thread, "stylesheet", None)
    if cached is None or cached[0] != key:
        sheet = CSS(
            string=path.read_text(encoding="utf-8"),
            base_url=url,
            url_fetcher=StaticFilesFetcher(),
            font_config=font_config(),
        )
        cached = _per_thread.stylesheet = (key, sheet)
    return cached[1]


@lru_cache(maxsize=1)
def _stylesheet_link() -> re.Pattern:
    href = re.escape(static(STYLESHEET))  # as the template links it: a hashed name in production
    return re.compile(rf'<link rel="stylesheet" href="{href}">')


def render_pdf(html: str) -> bytes:
    """The PDF of a report's HTML. The document is dropped as soon as it is written.

    The report stylesheet's <link> is swapped for the process's parsed copy of the same file. WeasyPrint
    applies it as a user stylesheet, which outranks only its user-agent defaults, as the linked author
    sheet did (the print base template's own <style> sets nothing report.css also sets).
    """
    html, linked = _stylesheet_link().subn("", html, count=1)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher())
    return document.write_pdf(stylesheets=[report_stylesheet()] if linked else None, font_config=font_config())


def setup_worker(storages: dict | None = None) -> None:
    """Start of a spawned rendering process (batch.py): Django's settings, for the static-file fetcher,
    with the parent's storages (a test's plain storage, or production's manifest) so that both name
    static files alike.

    It lives here, not in batch.py, because a worker must import it before Django is set up.
    """
    import django
    from django.conf import settings

    django.setup()
    if storages is not None:
        settings.STORAGES = storages
