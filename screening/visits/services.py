"""Writes: every change to visits and patients goes through here, inside a transaction, with its results.

Every edit of an existing visit or patient names the version its user started from; an edit whose
version is missing or older than the stored one is refused (`StaleEditError`), whichever page sent it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.lookups import Exact
from django.utils import timezone

from screening.catalogue.adapters import measurements_for_visit
from screening.models import VISIT_NEWEST_FIRST, VISIT_OLDEST_FIRST, Patient, Visit
from screening.ops.metrics import VISITS_SAVED
from screening.results import stored_results


def screen(visit: Visit) -> stored_results.StoredResults:
    """Evaluate a visit under every criteria set and the mechanism rules; fill its result columns.

    The JSON columns get the text the digest was computed on, written as it is (as the bulk path does);
    the visit's read model parses it if the same request reads the results again.
    """
    stored = stored_results.compute(measurements_for_visit(visit))
    stored_results.apply(visit, stored, serialised=True)
    return stored


class StaleEditError(Exception):
    """Someone saved the record after this user opened it (or the edit did not say which version it
    started from); their changes are listed, nothing is saved."""

    def __init__(self, changes: list[tuple[str, object, object]], user: str | None):
        super().__init__("record changed since it was opened")
        self.changes, self.user = changes, user


class StaleVisitError(StaleEditError):
    """A visit edit based on an older (or unknown) version."""


class StalePatientError(StaleEditError):
    """A patient edit based on an older (or unknown) version."""


def _changes_since(current, version: int | None) -> list[tuple[str, object, object]]:
    """Field, value when this user opened the record, value now (from the audit history)."""
    latest = current.history.order_by("-history_id").first()
    opened = None if version is None else current.history.filter(version=version).order_by("-history_id").first()
    if latest is None or opened is None:
        return []
    return [(c.field, c.old, c.new) for c in latest.diff_against(opened).changes if c.field != "version"]


def check_version(current, expected_version: int | None, error: type[StaleEditError]) -> None:
    """Refuse an edit whose starting version is missing or not the stored one (optimistic locking)."""
    if expected_version is None or current.version != expected_version:
        last = current.history.order_by("-history_id").first()
        raise error(
            _changes_since(current, expected_version), str(last.history_user) if last and last.history_user else None
        )


@transaction.atomic
def patient_save(*, patient: Patient, expected_version: int | None = None) -> Patient:
    """Create a patient, or save an edit of one that names the version its user started from."""
    if patient._state.adding:
        patient.version = 1
        patient.save()
        return patient
    current = Patient.objects.select_for_update().get(pk=patient.pk)
    check_version(current, expected_version, StalePatientError)
    patient.version = current.version + 1
    patient.save()
    return patient


@transaction.atomic
def visit_save(*, visit: Visit, expected_version: int | None = None, reason: str = "") -> Visit:
    """Save a visit and replace its stored results in one transaction.

    An edit of a saved visit must give `expected_version`, the version its user started from; it is
    refused (StaleVisitError) when that is missing or another save came first.
    """
    screen(visit)
    if visit._state.adding:
        visit.save()
        visits_mark_ends(patient_ids=[visit.patient_id])
    else:
        current = Visit.all_objects.select_for_update().get(pk=visit.pk)
        check_version(current, expected_version, StaleVisitError)
        visit.version = current.version + 1
        if reason:
            visit._change_reason = reason
        visit.is_latest, visit.is_first = current.is_latest, current.is_first  # never a stale copy's marks
        # Voiding and restoring are their own services: an edit (or an admin history revert) keeps the state.
        visit.voided_at, visit.voided_by_id, visit.void_reason = (
            current.voided_at,
            current.voided_by_id,
            current.void_reason,
        )
        visit.save()
        if (visit.visit_date, visit.patient_id) != (current.visit_date, current.patient_id):
            visits_mark_ends(patient_ids={visit.patient_id, current.patient_id})
    VISITS_SAVED.inc()
    return visit


@transaction.atomic
def visit_confirm_warnings(*, visit: Visit, user) -> Visit:
    """A clinician confirms a visit's unusual values (an imported visit's start unconfirmed); the audit
    history records who confirmed them and when."""
    current = Visit.objects.select_for_update().get(pk=visit.pk)
    if current.warnings and not current.warnings_confirmed:
        current.warnings_confirmed = True
        current.version += 1
        current._change_reason = "unusual values confirmed"
        current._history_user = user
        current.save(update_fields=["warnings_confirmed", "version", "updated_at"])
    return current


class VisitVoidError(Exception):
    """Voiding a visit already voided, or restoring one that is not."""


VOID_FIELDS = ["voided_at", "voided_by", "void_reason", "version", "updated_at"]


@transaction.atomic
def visit_void(*, visit: Visit, user, reason: str, expected_version: int | None) -> Visit:
    """Void a visit: it leaves the patient's history, every statistic and export; its values stay.

    The audit history records who voided it, when and why; the patient's first and latest visits are
    marked again in the same transaction. Versioned like every visit edit.
    """
    current = Visit.all_objects.select_for_update().get(pk=visit.pk)
    check_version(current, expected_version, StaleVisitError)
    if current.voided_at is not None:
        raise VisitVoidError("visit already voided")
    if not reason.strip():
        raise VisitVoidError("a reason is required")
    current.voided_at, current.voided_by, current.void_reason = timezone.now(), user, reason.strip()[:500]
    current.version += 1
    current._change_reason, current._history_user = f"voided: {current.void_reason}"[:100], user
    current.save(update_fields=VOID_FIELDS)
    visits_mark_ends(patient_ids=[current.patient_id])
    return current


@transaction.atomic
def visit_restore(*, visit: Visit, user, expected_version: int | None) -> Visit:
    """Staff restore a voided visit: back in the history and statistics, first/latest marked again.
    The audit history keeps the void (who, when, why) and records who restored it."""
    current = Visit.all_objects.select_for_update().get(pk=visit.pk)
    check_version(current, expected_version, StaleVisitError)
    if current.voided_at is None:
        raise VisitVoidError("visit not voided")
    current.voided_at, current.voided_by, current.void_reason = None, None, ""
    current.version += 1
    current._change_reason, current._history_user = "restored", user
    current.save(update_fields=VOID_FIELDS)
    visits_mark_ends(patient_ids=[current.patient_id])
    return current


MARK_BATCH = 500


def _end_of(order) -> Subquery:
    """The id of the patient's first visit in `order`, voided visits left out (an index scan of
    `visit_patient_newest`)."""
    return Subquery(Visit.objects.filter(patient_id=OuterRef("patient_id")).order_by(*order).values("id")[:1])


def visits_mark_ends(*, patient_ids: Iterable) -> None:
    """Recompute `is_latest` and `is_first` over every visit of these patients, in the database.

    This is the one definition of a patient's latest and first visit: newest and oldest by visit date,
    then entry time, then id (`VISIT_NEWEST_FIRST`), among the visits not voided; a voided visit is
    never marked. Every write that adds, removes, re-dates, voids or restores a visit calls this in its
    transaction. The patients are locked first, so two transactions adding visits to one patient mark
    it one after the other, the second seeing the first's visit (PostgreSQL; SQLite has one writer at a
    time anyway).
    """
    ids = sorted({str(pk) for pk in patient_ids})
    with transaction.atomic():
        for start in range(0, len(ids), MARK_BATCH):
            batch = ids[start : start + MARK_BATCH]
            list(Patient.objects.select_for_update().filter(pk__in=batch).order_by("pk").values_list("pk"))
            latest, first = Exact(F("id"), _end_of(VISIT_NEWEST_FIRST)), Exact(F("id"), _end_of(VISIT_OLDEST_FIRST))
            stale = ~Q(Exact(F("is_latest"), latest)) | ~Q(Exact(F("is_first"), first))  # rewrite only these rows
            Visit.objects.filter(stale, patient_id__in=batch).update(is_latest=latest, is_first=first)
            (
                Visit.all_objects.voided()
                .filter(Q(is_latest=True) | Q(is_first=True), patient_id__in=batch)
                .update(is_latest=False, is_first=False)
            )


@transaction.atomic
def visits_delete(*, visits: QuerySet[Visit]) -> int:
    """Delete visits (history records each) and mark their patients' new first and latest visits."""
    patient_ids = set(visits.values_list("patient_id", flat=True))
    deleted, _by_model = visits.delete()
    visits_mark_ends(patient_ids=patient_ids)
    return deleted
