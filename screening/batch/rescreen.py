"""The rescreen pipeline: every visit evaluated again under the current rule-set, in pages, in workers;
only visits whose results changed are written (detail columns only when the categories stayed)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone

from screening.batch.imports import screening_pool
from screening.catalogue.adapters import INPUT_FIELDS
from screening.clinical import RULE_SET_VERSION
from screening.clinical.measurements import age_in_years
from screening.models import Visit
from screening.results import bulk, stored_results

_SCREEN_INPUTS = (
    "id",
    "version",
    "visit_date",
    "results_digest",
    "patient__sex",
    "patient__date_of_birth",
    "patient__site__population",
    *stored_results.CATEGORY_FIELDS.values(),
    "mechanisms_likely",
    "mechanisms_possible",
)
_WRITTEN = (*stored_results.RESULT_FIELDS, "updated_at")


def visits_rescreen(*, batch_size: int = 2000, progress=None, jobs: int = 1) -> dict[str, int]:
    """Recompute every visit's stored results after a rule change; count category changes per set.

    Visits are read as plain values in primary-key order, a batch at a time; the next batch is read and
    sent to the workers before the previous one is written, so reading, screening and writing overlap.
    Only visits whose results digest or categories changed are rewritten, each guarded by its edit
    version so a clinician's save made meanwhile is never overwritten with results computed from older
    values (that save screened it). Finally every visit is stamped with the current rule-set version in
    one statement. Voided visits are rescreened too. `jobs` > 1 screens in worker processes (command line only).
    """
    changed: dict[str, int] = {}
    with screening_pool(jobs, Visit.all_objects.count() if jobs > 1 else 0) as screener:
        pending = None
        for batch in _pages(batch_size):
            submitted = (batch, screener.submit(_rescreen_inputs(batch)))
            if pending:
                _rescreen_batch(*pending, changed)
                if progress:
                    progress(len(pending[0]))
            pending = submitted
        if pending:
            _rescreen_batch(*pending, changed)
            if progress:
                progress(len(pending[0]))
    Visit.all_objects.exclude(rule_set_version=RULE_SET_VERSION).update(rule_set_version=RULE_SET_VERSION)
    return changed


def _pages(batch_size: int) -> Iterator[list[dict]]:
    """Every visit's screening inputs as plain values, `batch_size` at a time in primary-key order."""
    names = (*INPUT_FIELDS, *_SCREEN_INPUTS)
    last_pk = None
    while True:
        page = Visit.all_objects.order_by("pk")  # voided visits too: one restored comes back current
        if last_pk is not None:
            page = page.filter(pk__gt=last_pk)
        batch = list(page.values(*names)[:batch_size])
        if not batch:
            return
        yield batch
        last_pk = batch[-1]["id"]


_CATEGORY_NAMES = tuple(stored_results.CATEGORY_FIELDS.values())


def _rescreen_inputs(rows: list[dict]) -> list[stored_results.ScreenInput]:
    return [
        stored_results.ScreenInput(
            stored_results.recorded(row),
            row["patient__sex"],
            age_in_years(row["patient__date_of_birth"], row["visit_date"]),
            row["patient__site__population"],
            row["results_digest"],
            tuple(row[name] for name in _CATEGORY_NAMES),
        )
        for row in rows
    ]


def _rescreen_batch(rows: list[dict], screened: stored_results.Pending, changed: dict[str, int]) -> None:
    """Write one batch's changed results (waiting for its screening), guarded by each row's version.

    A visit whose categories or flagged mechanisms changed is rewritten whole, and its `updated_at`
    moves the cohort figures' cache stamp; one whose detail alone changed (a cut-off's citation, a
    test's wording) gets its detail columns only: no index and no cohort figure depends on them.
    """
    now, to_id = bulk.prepare(Visit, "updated_at", timezone.now()), bulk.preparer(Visit, "id")
    whole, detail = [], []
    for row, stored in zip(rows, screened.get()):
        if stored is None:
            continue
        moved = False
        for code, name in stored_results.CATEGORY_FIELDS.items():
            if stored.categories[code] != row[name]:
                changed[code] = changed.get(code, 0) + 1
                moved = True
        if moved or (stored.mechanisms_likely, stored.mechanisms_possible) != (
            row["mechanisms_likely"],
            row["mechanisms_possible"],
        ):
            whole.append((*stored.row(), now, to_id(row["id"]), row["version"]))  # _WRITTEN, then the WHERE columns
        else:
            detail.append((*stored.detail_row(), to_id(row["id"]), row["version"]))
    with transaction.atomic():
        bulk.update_rows(Visit, _WRITTEN, ("id", "version"), whole)
        bulk.update_rows(Visit, stored_results.DETAIL_FIELDS, ("id", "version"), detail)
