"""One call for a visit's PDF: fingerprint the content, serve the cached PDF or render and cache it.

Views and commands call `visit_report`; the batch ZIP calls its two halves (`report_prepare` here,
the PDF in a worker process, `report_finish` here), so all share the cache and give byte-identical
PDFs for unchanged content. `report_print_record` is the write that goes with each download.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from screening.display import content_language
from screening.models import ReportPrint, Visit
from screening.ops.metrics import REPORT_DOWNLOADS, REPORT_RENDERS
from screening.reports import cache, pdf
from screening.reports.context import build_context, report_fingerprint, report_visits
from screening.reports.html import render_html
from screening.reports.text import LANGS

RENDERS_BETWEEN_COLLECTIONS = 20


@dataclass(frozen=True)
class Report:
    visit: Visit
    lang: str
    fingerprint: str
    pdf: bytes
    rendered: bool  # False when served from the cache

    @property
    def filename(self) -> str:
        return report_filename(self.visit, self.lang)


def report_language(requested: str | None, fallback: str) -> str | None:
    """The report language from `?lang=`, else the interface language; None when `lang` is unknown."""
    if requested:
        return requested if requested in LANGS else None
    return content_language(fallback)


def report_filename(visit: Visit, lang: str) -> str:
    """No patient name or identifier: the file name ends up in download folders and browser history."""
    return f"report-{visit.visit_date.isoformat()}-{visit.pk.hex[:8]}-{lang}.pdf"


def take_home_filename(visit: Visit, lang: str) -> str:
    """The patient's take-home page, named like the report."""
    return report_filename(visit, lang).replace("report-", "take-home-")


_renders = 0


def _collect_now_and_then() -> None:
    """WeasyPrint builds large cyclic box trees; collect them every few renders to keep RSS flat."""
    global _renders
    _renders += 1
    if _renders % RENDERS_BETWEEN_COLLECTIONS == 0:
        gc.collect()


@dataclass(frozen=True)
class Pending:
    """A report between its two halves: `pdf` when the cache had it, else the `html` to render."""

    visit: Visit
    lang: str
    fingerprint: str
    pdf: bytes | None
    html: str | None


def report_prepare(visit: Visit, lang: str) -> Pending:
    """The database half (fingerprint, cache lookup, HTML), so a batch can render PDFs elsewhere."""
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r}")
    history = report_visits(visit)
    fingerprint = report_fingerprint(visit, lang, history)
    cached = cache.cached_pdf(fingerprint, lang)
    if cached is not None:
        return Pending(visit, lang, fingerprint, cached, None)
    html = render_html(build_context(visit, lang, history=history, fingerprint=fingerprint))
    return Pending(visit, lang, fingerprint, None, html)


def report_finish(pending: Pending, rendered: bytes | None = None) -> Report:
    """The cached PDF, or the freshly rendered one, which goes into the cache."""
    if pending.pdf is not None:
        return Report(pending.visit, pending.lang, pending.fingerprint, pending.pdf, rendered=False)
    if rendered is None:
        raise ValueError("a report missing from the cache needs its rendered PDF")
    cache.store_pdf(pending.fingerprint, pending.lang, rendered)
    REPORT_RENDERS.labels(language=pending.lang).inc()
    _collect_now_and_then()
    return Report(pending.visit, pending.lang, pending.fingerprint, rendered, rendered=True)


def visit_report(visit: Visit, lang: str) -> Report:
    """The PDF of one visit's report; `visit` must come with its patient, site and clinician loaded."""
    pending = report_prepare(visit, lang)
    if pending.pdf is not None:
        return report_finish(pending)
    return report_finish(pending, pdf.render_pdf(pending.html))


def report_print_record(*, report: Report, user=None) -> ReportPrint:
    """A download happened: who printed which visit, in which language, with which fingerprint."""
    REPORT_DOWNLOADS.labels(language=report.lang).inc()
    return print_record(
        visit=report.visit, document="report", lang=report.lang, fingerprint=report.fingerprint, user=user
    )


def print_record(
    *, visit: Visit, document: str, lang: str, fingerprint: str, user=None, fhir_token=None
) -> ReportPrint:
    """One row of the print log: which document of which visit, in which language, with which fingerprint,
    printed by a user or fetched through the FHIR API with a token."""
    printed_by = user if user is not None and user.is_authenticated else None
    return ReportPrint.objects.create(
        visit=visit,
        document=document,
        language=lang,
        fingerprint=fingerprint,
        rule_set_version=visit.rule_set_version,
        printed_by=printed_by,
        fhir_token=fhir_token,
    )
