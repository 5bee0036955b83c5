"""render_report writes one PDF; render_reports writes a site's reports into one ZIP, rendering in
worker processes when asked."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from screening.models import ReportPrint
from tests.screening.test_report_fixtures import four_visits, latest, report_cache  # noqa: F401

pytestmark = pytest.mark.django_db
STAND_IN = b"%PDF-1.7 stand-in"


@pytest.fixture
def fake_pdf(monkeypatch):
    """A stand-in PDF where rendering is not the point (it cannot cross to a worker process)."""
    monkeypatch.setattr("screening.reports.pdf.render_pdf", lambda html: STAND_IN)


def test_render_report_writes_the_pdf_and_records_the_print(latest, tmp_path, fake_pdf):
    out = tmp_path / "report.pdf"
    stdout = io.StringIO()
    call_command("render_report", str(latest.pk), "--lang", "zh-hans", "--out", str(out), stdout=stdout)
    assert out.read_bytes() == STAND_IN and "rendered" in stdout.getvalue()
    call_command("render_report", str(latest.pk), "--lang", "zh-hans", "--out", str(out), stdout=stdout)
    assert "from cache" in stdout.getvalue()
    assert ReportPrint.objects.filter(visit=latest, language="zh-hans", printed_by=None).count() == 2


def test_render_reports_zips_every_visit_of_the_site(four_visits, site_a, tmp_path, fake_pdf):
    out = tmp_path / "reports.zip"
    call_command("render_reports", "--site", site_a.code, "--lang", "en", "--out", str(out), "--no-progress",
                 "--workers", "1", stdout=io.StringIO())
    names = zipfile.ZipFile(out).namelist()
    assert len(names) == 4 and all("A-001" not in n for n in names)
    assert sorted(names) == names  # oldest visit first
    with pytest.raises(CommandError):
        call_command("render_reports", "--site", "nowhere", "--out", str(out), stdout=io.StringIO())


def test_render_reports_renders_in_worker_processes(four_visits, site_a, tmp_path, report_cache):
    out = tmp_path / "reports.zip"
    call_command("render_reports", "--site", site_a.code, "--lang", "zh-hans", "--out", str(out),
                 "--no-progress", "--workers", "2", stdout=io.StringIO())
    archive = zipfile.ZipFile(out)
    assert len(archive.namelist()) == 4
    assert all(archive.read(name).startswith(b"%PDF") for name in archive.namelist())
    assert len(list(report_cache.rglob("*.pdf"))) == 4  # the main process cached what the workers rendered
