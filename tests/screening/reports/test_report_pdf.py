"""The PDF itself (WeasyPrint): extractable Chinese and English text, embedded CJK fonts, at most two
pages for a patient with four visits, a cache that serves identical bytes without rendering again,
and a URL fetcher that reads static files only."""

from __future__ import annotations

import io
import shutil
import subprocess
from unittest import mock

import pytest
from django.urls import reverse
from pypdf import PdfReader

from screening.reports import pdf
from screening.reports.service import visit_report
from tests.screening.reports.test_report_fixtures import four_visits, latest, report_cache  # noqa: F401

pytestmark = pytest.mark.django_db
needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext") or not shutil.which("pdffonts"),
    reason="poppler-utils not installed (make system-packages)",
)


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def pdf_fonts(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    return out.stdout.splitlines()[2:]


@needs_poppler
def test_the_chinese_report_has_text_fonts_and_two_pages_at_most(latest, tmp_path):
    data = visit_report(latest, "zh-hans").pdf
    text = pdf_text(data)
    for expected in (
        "王秀英",
        "肌少症筛查报告",
        "严重肌少症",
        "可能肌少症",
        "无肌少症",
        "握力",
        "这对您意味着什么",
        "AWGS 2019",
    ):
        assert expected in text, expected
    assert "第 1 页，共 2 页" in text or "第 1 页，共 1 页" in text
    assert len(PdfReader(io.BytesIO(data)).pages) <= 2
    fonts = pdf_fonts(data, tmp_path)
    cjk = [line for line in fonts if "Noto-Sans-CJK-SC" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk)  # the "emb" column
    assert all("Noto-Sans-CJK" in line for line in fonts)  # nothing fell back to another font


@needs_poppler
def test_the_english_report_reads_in_english_with_the_chinese_name(latest):
    data = visit_report(latest, "en").pdf
    text = pdf_text(data)
    for expected in (
        "王秀英",
        "Sarcopenia screening report",
        "Severe sarcopenia",
        "Possible sarcopenia",
        "Grip strength",
        "What this means",
        "Page 1 of",
    ):
        assert expected in text, expected
    # Full citations and the 2026.2 caveats made this four-visit report longer: three pages at most, and
    # page 1 is filled before page 2 starts (the contributing factors begin on it).
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) <= 3
    assert "What may be contributing" in pages[0].extract_text()


def test_a_second_download_comes_from_the_cache_byte_for_byte(client, clinician_a, latest, report_cache):
    client.force_login(clinician_a)
    url = reverse("screening:report_pdf", args=[latest.pk]) + "?lang=zh-hans"
    with mock.patch("screening.reports.pdf.HTML", wraps=pdf.HTML) as weasyprint_html:
        first = client.get(url).content
        second = client.get(url).content
    assert weasyprint_html.call_count == 1
    assert first == second and first.startswith(b"%PDF")
    assert len(list(report_cache.rglob("*.pdf"))) == 1


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://testserver/visits/",  # the app itself
        "https://example.com/static/css/report.css",  # another host, even with a static path
        "https://report.invalid/media/x.png",  # our host, outside STATIC_URL
        "https://report.invalid/static/../sarcopenia/settings.py",
        "https://report.invalid/static/css/%2e%2e/%2e%2e/manage.py",
        "https://report.invalid/static/css/missing.css",
        "data:text/css,body{}",
    ],
)
def test_the_fetcher_refuses_anything_but_a_static_file(url):
    with pytest.raises(pdf.RefusedURL):
        pdf.StaticFilesFetcher().fetch(url)


def test_the_fetcher_reads_static_files_from_disk():
    response = pdf.StaticFilesFetcher().fetch(pdf.BASE_URL + "static/css/report.css")
    assert b"Noto Sans CJK SC" in response.read() and response.content_type == "text/css"


def test_a_refused_resource_is_left_out_not_fetched():
    html = '<html><body><img src="http://127.0.0.1:9/x.png"><p>ok</p></body></html>'
    with mock.patch("urllib.request.OpenerDirector.open", side_effect=AssertionError("network")) as opened:
        data = pdf.render_pdf(html)
    assert data.startswith(b"%PDF") and not opened.called


@needs_poppler
def test_the_running_header_starts_on_page_two(latest):
    data = visit_report(latest, "zh-hans").pdf
    pages = [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode()
        for n in (1, 2)
    ]
    header = f"{latest.patient.site.name} · 肌少症筛查报告"
    assert header not in pages[0] and header in pages[1]
    assert "第 1 页，共 2 页" in pages[0] and latest.patient.identifier in pages[1]


def test_the_report_stylesheet_is_parsed_once_per_process_not_fetched_per_report(latest, monkeypatch):
    from screening.reports.context import build_context
    from screening.reports.html import render_html

    html = render_html(build_context(latest, "en"))
    assert pdf._stylesheet_link().search(html), "the print base template's stylesheet link changed"
    fetched = []
    original_fetch = pdf.StaticFilesFetcher.fetch
    monkeypatch.setattr(
        pdf.StaticFilesFetcher,
        "fetch",
        lambda self, url, headers=None: (fetched.append(url), original_fetch(self, url, headers))[1],
    )
    assert pdf.render_pdf(html).startswith(b"%PDF")
    assert not [url for url in fetched if url.endswith("report.css")]
    assert pdf.report_stylesheet() is pdf.report_stylesheet()
    assert pdf.font_config() is pdf.font_config()


def test_the_parsed_stylesheet_follows_changes_to_the_file(tmp_path, monkeypatch):
    css = tmp_path / "report.css"
    css.write_text("body { color: red; }")
    monkeypatch.setattr(pdf, "static_path", lambda url: css)
    first = pdf.report_stylesheet()
    css.write_text("body { color: blue; }  ")
    os_stat = css.stat()
    import os

    os.utime(css, ns=(os_stat.st_atime_ns, os_stat.st_mtime_ns + 1_000_000))
    assert pdf.report_stylesheet() is not first


def test_in_production_the_hashed_stylesheet_is_swapped_in_and_read_from_its_source(tmp_path, settings):
    """After collectstatic (hashed names), the report still gets report.css: nothing it links is refused."""
    import re

    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.templatetags.static import static

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    pdf._stylesheet_link.cache_clear()
    pdf._unhashed.cache_clear()
    try:
        href = static("css/report.css")
        assert re.search(r"/css/report\.[0-9a-f]{12}\.css$", href)
        assert pdf._stylesheet_link().search(f'<link rel="stylesheet" href="{href}">')
        assert pdf.static_path(pdf.BASE_URL + href.lstrip("/")) == pdf.Path(finders.find("css/report.css"))
    finally:
        pdf._stylesheet_link.cache_clear()
        pdf._unhashed.cache_clear()
