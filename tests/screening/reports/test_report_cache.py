"""The PDF cache is pruned: PDFs unused for too long go first, then the least recently used ones over the
size cap; a hit counts as a use, half-written files of dead writers go, and a pruned PDF is rendered again."""

from __future__ import annotations

import os
import time

import pytest

from screening.reports import cache
from screening.reports.service import visit_report
from tests.screening.reports.test_report_fixtures import four_visits, latest, report_cache  # noqa: F401

DAY = 86400


def put(name: str, size: int, age_days: float, now: float, suffix: str = ".pdf"):
    path = cache.cache_dir() / name[:2] / f"{name}{suffix}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    os.utime(path, (now - age_days * DAY, now - age_days * DAY))
    return path


def test_it_removes_pdfs_unused_for_longer_than_the_age_cap(report_cache):
    now = time.time()
    old, recent = put("aa01", 10, age_days=91, now=now), put("bb01", 10, age_days=89, now=now)
    pruned = cache.prune_cache(max_bytes=0, max_age_seconds=90 * DAY, now=now)
    assert not old.exists() and recent.exists()
    assert (pruned.removed, pruned.freed_bytes, pruned.kept, pruned.kept_bytes) == (1, 10, 1, 10)


def test_it_removes_the_least_recently_used_pdfs_down_to_the_size_cap(report_cache):
    now = time.time()
    paths = [put(f"{i:02d}ff", 100, age_days=10 - i, now=now) for i in range(5)]  # paths[0] is the oldest
    pruned = cache.prune_cache(max_bytes=250, max_age_seconds=0, now=now)
    assert [p.exists() for p in paths] == [False, False, False, True, True]
    assert pruned.kept_bytes == 200


def test_a_cache_hit_counts_as_a_use(settings, report_cache):
    now = time.time()
    cache.store_pdf("f" * 64, "en", b"%PDF-1.7 a")
    path = cache.cache_path("f" * 64, "en")
    os.utime(path, (now - 100 * DAY, now - 100 * DAY))
    assert cache.cached_pdf("f" * 64, "en") == b"%PDF-1.7 a"
    cache.prune_cache(max_bytes=0, max_age_seconds=90 * DAY)
    assert path.exists()


def test_it_removes_stale_temporary_files_but_not_a_write_in_progress(report_cache):
    now = time.time()
    stale = put("cc01", 5, age_days=1, now=now, suffix=".tmp")
    fresh = put("cc02", 5, age_days=0, now=now, suffix=".tmp")
    cache.prune_cache(max_bytes=0, max_age_seconds=0, now=now)
    assert not stale.exists() and fresh.exists()


def test_the_caps_come_from_settings_and_zero_turns_them_off(settings, report_cache):
    now = time.time()
    path = put("dd01", 2 * 1024 * 1024, age_days=400, now=now)
    settings.REPORT_CACHE_MAX_MB, settings.REPORT_CACHE_MAX_DAYS = 0, 0
    assert cache.prune_cache().removed == 0 and path.exists()
    settings.REPORT_CACHE_MAX_MB = 1
    assert cache.prune_cache().removed == 1 and not path.exists()


def test_storing_prunes_every_few_writes(settings, report_cache, monkeypatch):
    monkeypatch.setattr(cache, "PRUNE_EVERY", 3)
    monkeypatch.setattr(cache, "_stores", 0)
    settings.REPORT_CACHE_MAX_MB = 0
    calls = []
    monkeypatch.setattr(cache, "prune_cache", lambda: calls.append(1))
    for i in range(7):
        cache.store_pdf(f"{i:064d}", "en", b"%PDF")
    assert len(calls) == 2


@pytest.mark.django_db
def test_a_pruned_report_is_rendered_again(latest, report_cache, monkeypatch):
    monkeypatch.setattr("screening.reports.pdf.render_pdf", lambda html: b"%PDF-1.7 stand-in")
    assert visit_report(latest, "en").rendered
    assert not visit_report(latest, "en").rendered
    cache.prune_cache(max_bytes=1, max_age_seconds=0)
    assert visit_report(latest, "en").rendered


def test_settings_default_to_bounded_caps():
    from django.conf import settings

    assert 0 < settings.REPORT_CACHE_MAX_MB and 0 < settings.REPORT_CACHE_MAX_DAYS
