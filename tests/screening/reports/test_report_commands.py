"""render_report writes one PDF; render_reports writes a site's reports into one ZIP, rendering in
worker processes when asked."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from screening.models import ReportPrint
from tests.screening.reports.test_report_fixtures import four_visits, latest, report_cache  # noqa: F401

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
    call_command(
        "render_reports",
        "--site",
        site_a.code,
        "--lang",
        "en",
        "--out",
        str(out),
        "--no-progress",
        "--workers",
        "1",
        stdout=io.StringIO(),
    )
    names = zipfile.ZipFile(out).namelist()
    assert len(names) == 4 and all("A-001" not in n for n in names)
    assert sorted(names) == names  # oldest visit first
    with pytest.raises(CommandError):
        call_command("render_reports", "--site", "nowhere", "--out", str(out), stdout=io.StringIO())


def test_render_reports_renders_in_worker_processes(four_visits, site_a, tmp_path, report_cache):
    out = tmp_path / "reports.zip"
    call_command(
        "render_reports",
        "--site",
        site_a.code,
        "--lang",
        "zh-hans",
        "--out",
        str(out),
        "--no-progress",
        "--workers",
        "2",
        stdout=io.StringIO(),
    )
    archive = zipfile.ZipFile(out)
    assert len(archive.namelist()) == 4
    assert all(archive.read(name).startswith(b"%PDF") for name in archive.namelist())
    assert len(list(report_cache.rglob("*.pdf"))) == 4  # the main process cached what the workers rendered


def test_batches_default_to_one_process_per_cpu_at_most_four_and_fewer_for_a_few_visits(settings, monkeypatch):
    from screening.reports import batch

    settings.REPORT_BATCH_WORKERS = 0
    monkeypatch.setattr(batch.os, "sched_getaffinity", lambda pid: set(range(16)), raising=False)
    assert batch.default_workers() == 4 and batch.default_workers(100) == 4
    assert batch.default_workers(9) == 2 and batch.default_workers(3) == 1 and batch.default_workers(0) == 1
    monkeypatch.setattr(batch.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert batch.default_workers(100) == 2
    settings.REPORT_BATCH_WORKERS = 3
    assert batch.default_workers(100) == 3


def test_render_reports_uses_the_default_number_of_processes(four_visits, site_a, tmp_path, fake_pdf, monkeypatch):
    from screening.reports import batch

    asked = []
    monkeypatch.setattr(
        "screening.management.commands.render_reports.default_workers", lambda visits: asked.append(visits) or 1
    )
    call_command(
        "render_reports", "--site", site_a.code, "--out", str(tmp_path / "r.zip"), "--no-progress", stdout=io.StringIO()
    )
    assert asked == [4]
    with pytest.raises(CommandError):
        call_command(
            "render_reports",
            "--site",
            site_a.code,
            "--out",
            str(tmp_path / "r.zip"),
            "--workers",
            "0",
            stdout=io.StringIO(),
        )
    assert batch.default_workers(4) == 1


def test_a_batch_of_cached_reports_starts_no_rendering_process(four_visits, tmp_path, fake_pdf, monkeypatch):
    from screening.models import Visit
    from screening.reports.batch import reports_zip_stream

    visits = Visit.objects.filter(pk__in=[v.pk for v in four_visits])
    first = b"".join(reports_zip_stream(visits, "en", workers=1))  # renders and caches all four
    monkeypatch.setattr(
        "concurrent.futures.ProcessPoolExecutor.submit",
        lambda *a, **k: pytest.fail("a cached report was rendered again"),
    )
    again = b"".join(reports_zip_stream(visits, "en", workers=2))
    assert zipfile.ZipFile(io.BytesIO(again)).namelist() == zipfile.ZipFile(io.BytesIO(first)).namelist()
