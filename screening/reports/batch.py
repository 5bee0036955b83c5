"""Many reports as one ZIP, produced as a stream: the web response, the command and an admin action
can start sending before the last report is rendered, and memory holds a few PDFs at a time.

With `workers` > 1 the PDFs are rendered in spawned worker processes (WeasyPrint is CPU-bound and
single-threaded) while this process keeps the database work; each worker is replaced after a
hundred renders, so no process grows over a long batch. Cached PDFs are taken from the disk cache
without a worker, and the processes start only at the first report missing from it. Memory stays
bounded: at most two reports per worker are in flight. Entry names carry the visit date and a short
visit id, never a patient name or identifier.
"""

from __future__ import annotations

import multiprocessing
import os
import zipfile
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from django.conf import settings
from django.db.models import QuerySet

from screening.models import Visit
from screening.reports import pdf
from screening.reports.service import (
    Pending,
    Report,
    report_filename,
    report_finish,
    report_prepare,
    report_print_record,
    visit_report,
)

RENDERS_PER_WORKER = 100  # a fresh process now and then: no slow growth over a long batch
MAX_WORKERS = 4  # each rendering process holds the CJK font and up to ~300 MB
VISITS_PER_WORKER = 4  # starting a process (Django, WeasyPrint, fonts) costs about as much as 3 renders


def default_workers(visits: int | None = None) -> int:
    """Rendering processes for a batch: settings.REPORT_BATCH_WORKERS, else one per usable CPU (at most
    four); fewer for a handful of visits, which one process renders sooner than several can start."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    workers = settings.REPORT_BATCH_WORKERS or min(cpus, MAX_WORKERS)
    if visits is not None:
        workers = min(workers, visits // VISITS_PER_WORKER)
    return max(1, workers)


class _Chunks:
    """A write-only file for ZipFile that hands back what was written since the last `take()`."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def report_visits_queryset(visits: QuerySet[Visit]) -> QuerySet[Visit]:
    """What `visit_report` needs per visit, loaded with the visits rather than one query each."""
    return visits.select_related("patient__site", "clinician").order_by(
        "patient__identifier", "visit_date", "created_at"
    )


def visits_in_chunks(visits: QuerySet[Visit], size: int = 100) -> Iterator[Visit]:
    """The visits in order, loaded a hundred at a time, so a site's whole history never sits in memory."""
    pks = list(visits.values_list("pk", flat=True))
    for start in range(0, len(pks), size):
        batch = pks[start : start + size]
        loaded = {visit.pk: visit for visit in visits.filter(pk__in=batch)}
        yield from (loaded[pk] for pk in batch)


def _finish(pending: Pending, future: Future | None) -> Report:
    return report_finish(pending, None if future is None else future.result())


def _reports(visits: Iterable[Visit], lang: str, workers: int) -> Iterator[Report]:
    """The visits' reports in order; cache misses are rendered by `workers` processes ahead of time."""
    if workers <= 1:
        yield from (visit_report(visit, lang) for visit in visits)
        return
    context = multiprocessing.get_context("spawn")  # fork would share the database connections
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=pdf.setup_worker,
        initargs=(settings.STORAGES,),
        max_tasks_per_child=RENDERS_PER_WORKER,
    )  # processes start at the first submit
    try:
        window: deque[tuple[Pending, Future | None]] = deque()
        for visit in visits:
            pending = report_prepare(visit, lang)
            future = None if pending.html is None else pool.submit(pdf.render_pdf, pending.html)
            window.append((pending, future))
            if len(window) >= 2 * workers:
                yield _finish(*window.popleft())
        while window:
            yield _finish(*window.popleft())
    finally:  # also when the download is abandoned: drop what is queued, wait only for what is running
        pool.shutdown(wait=True, cancel_futures=True)


def reports_zip_stream(visits: Iterable[Visit], lang: str, *, printed_by=None, workers: int = 1) -> Iterator[bytes]:
    """ZIP bytes of one PDF per visit (in `lang`), yielded after each report; records each print.

    `visits` may be a queryset (its patient, site and clinician are then loaded with it, a hundred
    at a time) or any iterable of visits already carrying them, such as a tqdm-wrapped generator.
    """
    if isinstance(visits, QuerySet):
        visits = visits_in_chunks(report_visits_queryset(visits))
    sink = _Chunks()
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for report in _reports(visits, lang, workers):
            stamp = (*report.visit.visit_date.timetuple()[:3], 0, 0, 0)
            entry = zipfile.ZipInfo(report_filename(report.visit, lang), date_time=stamp)
            archive.writestr(entry, report.pdf)
            report_print_record(report=report, user=printed_by)
            del report
            yield sink.take()
    yield sink.take()
