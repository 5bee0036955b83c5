"""Writes: every change to visits and patients goes through here, inside a transaction, with its results.

Every edit of an existing visit or patient names the version its user started from; an edit whose
version is missing or older than the stored one is refused (`StaleEditError`), whichever page sent it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import connection, connections, transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.lookups import Exact
from django.utils import timezone

from screening.batch.importer import ParsedRow
from screening.catalogue.adapters import INPUT_FIELDS, measurements_for_visit
from screening.clinical import RULE_SET_VERSION
from screening.clinical.measurements import age_in_years
from screening.models import SETTING_CHOICES, VISIT_NEWEST_FIRST, VISIT_OLDEST_FIRST, Patient, Site, Visit
from screening.ops.metrics import VISITS_SAVED
from screening.results import bulk, stored_results


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
        raise error(_changes_since(current, expected_version),
                    str(last.history_user) if last and last.history_user else None)


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
        visit.voided_at, visit.voided_by_id, visit.void_reason = current.voided_at, current.voided_by_id, current.void_reason
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
            batch = ids[start:start + MARK_BATCH]
            list(Patient.objects.select_for_update().filter(pk__in=batch).order_by("pk").values_list("pk"))
            latest, first = Exact(F("id"), _end_of(VISIT_NEWEST_FIRST)), Exact(F("id"), _end_of(VISIT_OLDEST_FIRST))
            stale = ~Q(Exact(F("is_latest"), latest)) | ~Q(Exact(F("is_first"), first))  # rewrite only these rows
            Visit.objects.filter(stale, patient_id__in=batch).update(is_latest=latest, is_first=first)
            (Visit.all_objects.voided().filter(Q(is_latest=True) | Q(is_first=True), patient_id__in=batch)
             .update(is_latest=False, is_first=False))


@transaction.atomic
def visits_delete(*, visits: QuerySet[Visit]) -> int:
    """Delete visits (history records each) and mark their patients' new first and latest visits."""
    patient_ids = set(visits.values_list("patient_id", flat=True))
    deleted, _by_model = visits.delete()
    visits_mark_ends(patient_ids=patient_ids)
    return deleted


@dataclass
class ImportReport:
    rows: int = 0
    imported: int = 0
    patients_created: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)


def _match_patients(site: Site, rows: list[ParsedRow]) -> dict[str, Patient]:
    """Existing patients by identifier; a row whose sex or birth date contradicts them is an error."""
    ids = {row.patient["patient_id"] for row in rows if not row.errors}
    known = {p.identifier: p for p in Patient.objects.filter(site=site, identifier__in=ids)}
    for row in rows:
        if row.errors:
            continue
        info = row.patient
        patient = known.get(info["patient_id"])
        if patient is None:
            known[info["patient_id"]] = patient = Patient(site=site, identifier=info["patient_id"],
                                                          sex=info["sex"], date_of_birth=info["date_of_birth"],
                                                          name=_patient_name(info))
            patient._state.fields_cache["site"] = site
        for column in ("sex", "date_of_birth"):
            if getattr(patient, column) != info[column]:
                row.errors.append(f"row {row.number}, column {column}: differs from this patient's earlier value "
                                  f"({getattr(patient, column)})")
    return known


def _patient_name(info: dict) -> str:
    """A new patient's name from the optional family_name and given_name columns (family name first)."""
    return " ".join(part for part in (info.get("family_name"), info.get("given_name")) if part)[:200]


def _mark_duplicates(rows: list[ParsedRow], patients: dict[str, Patient]) -> None:
    saved = set(Visit.objects.filter(patient__in=[p for p in patients.values() if not p._state.adding])
                .values_list("patient__identifier", "visit_date"))
    for row in rows:
        if row.errors:
            continue
        key = (row.patient["patient_id"], row.values.get("visit_date"))
        if key in saved:
            row.errors.append(f"row {row.number}, column visit_date: this patient already has a visit on this date")
        saved.add(key)


def _check_settings(site: Site, rows: list[ParsedRow]) -> None:
    """A row without a setting takes the site's default; a site saved without one cannot give it."""
    if site.default_setting in dict(SETTING_CHOICES):
        return
    for row in rows:
        if not row.errors and not row.values.get("setting"):
            row.errors.append(f"row {row.number}, column setting: no setting given, and site {site.code} has no "
                              f"default setting (give one in the column or in the site's admin page)")


def visits_import(*, site: Site, rows: list[ParsedRow], dry_run: bool = False,
                  skip_invalid: bool = False, user=None, jobs: int = 1, source_name: str = "") -> ImportReport:
    """Import parsed rows into a site: all or nothing, unless skip_invalid keeps the valid rows.

    Each visit records who imported it, from which file and when; it has no clinician (the importer
    did not see the patient) and its soft warnings stay unconfirmed.

    `jobs` > 1 screens the rows in that many worker processes (command line only, never in a request).
    """
    patients = _match_patients(site, rows)
    _mark_duplicates(rows, patients)
    _check_settings(site, rows)
    report = ImportReport(rows=len(rows))
    for row in rows:
        report.errors += row.errors
        report.warnings += row.warnings
    valid = [row for row in rows if not row.errors]
    report.skipped_rows = [row.number for row in rows if row.errors]
    if (report.errors and not skip_invalid) or dry_run:
        return report
    with _screener(jobs, len(valid)) as screener:
        # Every batch is sent to the workers first, from the parsed rows; the visits are built meanwhile.
        screened = [screener.submit(_screen_inputs(valid[start:start + IMPORT_BATCH], site))
                    for start in range(0, len(valid), IMPORT_BATCH)]
        source = {"imported_by_id": user.pk if user else None, "import_file": source_name[:255],
                  "imported_at": timezone.now()}
        records = [{**_visit_record(row, patients[row.patient["patient_id"]], site), **source} for row in valid]
        batches = [records[start:start + IMPORT_BATCH] for start in range(0, len(records), IMPORT_BATCH)]
        wanted = {r.patient["patient_id"] for r in valid}
        new_patients = [p for p in patients.values() if p._state.adding and p.identifier in wanted]
        unmarked = _mark_new_patients_ends(records, {p.pk: p for p in patients.values()})
        # SQLite has one writer at a time: screen everything before taking its write lock, so clinicians'
        # saves wait only for the inserts. PostgreSQL inserts batch N while the workers screen N+1.
        ready = None if connection.vendor == "postgresql" else [pending.get() for pending in screened]
        builder = bulk.RowBuilder(Visit)
        with transaction.atomic():
            Patient.objects.bulk_create(new_patients)
            for i, batch in enumerate(batches):
                results = screened[i].get() if ready is None else ready[i]
                bulk.insert_rows(Visit, [builder.row({**record, **stored.columns(serialised=True)})
                                         for record, stored in zip(batch, results)], builder.fields)
            if unmarked:
                visits_mark_ends(patient_ids=unmarked)
    if len(records) >= bulk.ANALYZE_FROM_ROWS:
        bulk.refresh_statistics(Patient, Visit)
    report.imported, report.patients_created = len(records), len(new_patients)
    return report


IMPORT_BATCH = 2000


def _mark_new_patients_ends(records: list[dict], patients: dict) -> set:
    """Set `is_latest`/`is_first` on the visits of patients this import creates; return the other patients.

    A new patient's visits are all in the import, on distinct dates (a second visit on one date is an
    import error), so their order is known before they are written: no UPDATE of fresh rows afterwards.
    Patients who already had visits are marked in the database, with the visits they had.
    `records` are visit field values by attname; `patients` the import's patients by primary key.
    """
    by_patient: dict = {}
    for record in records:
        by_patient.setdefault(record["patient_id"], []).append(record)
    unmarked = set()
    for patient_id, own in by_patient.items():
        dates = [record["visit_date"] for record in own]
        if not patients[patient_id]._state.adding or len(set(dates)) != len(dates):
            unmarked.add(patient_id)
            continue
        own.sort(key=lambda record: record["visit_date"])
        own[0]["is_first"] = own[-1]["is_latest"] = True
    return unmarked


def _visit_values(row: ParsedRow, site: Site) -> dict:
    """The visit's field values from an import row: the row's columns, the site's setting by default."""
    values = dict(row.values)
    values.setdefault("setting", site.default_setting)
    return values


def _visit_record(row: ParsedRow, patient: Patient, site: Site) -> dict:
    """The new visit's field values by attname, for `bulk.RowBuilder` (the rest take their defaults)."""
    return {**_visit_values(row, site), "patient_id": patient.pk, "clinician_id": None,
            "warnings": [w.split(": ", 1)[-1] for w in row.warnings], "warnings_confirmed": False}


def _screen_inputs(rows: list[ParsedRow], site: Site) -> list[stored_results.ScreenInput]:
    """What the workers screen for import rows: the values the row's visit will hold (a test holds
    the results to those of screening the saved visit)."""
    items = []
    for row in rows:
        values = _visit_values(row, site)
        items.append(stored_results.ScreenInput(
            stored_results.recorded(values), row.patient["sex"],
            age_in_years(row.patient["date_of_birth"], values["visit_date"]), site.population))
    return items


def _screener(jobs: int, size: int) -> stored_results.Screener:
    """Workers never touch the database and leave with os._exit, so an inherited connection is never
    used or closed by them; outside a transaction it is closed anyway (reopened on the next query),
    inside one (e.g. a caller's atomic block) it must stay open."""
    if jobs > 1 and size >= stored_results.Screener.PARALLEL_FROM and not connection.in_atomic_block:
        connections.close_all()
    return stored_results.Screener(jobs)


_SCREEN_INPUTS = ("id", "version", "visit_date", "results_digest", "patient__sex", "patient__date_of_birth",
                  "patient__site__population", *stored_results.CATEGORY_FIELDS.values(), "mechanisms_likely",
                  "mechanisms_possible")
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
    with _screener(jobs, Visit.all_objects.count() if jobs > 1 else 0) as screener:
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
    return [stored_results.ScreenInput(stored_results.recorded(row), row["patient__sex"],
                                       age_in_years(row["patient__date_of_birth"], row["visit_date"]),
                                       row["patient__site__population"], row["results_digest"],
                                       tuple(row[name] for name in _CATEGORY_NAMES))
            for row in rows]


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
        if moved or (stored.mechanisms_likely, stored.mechanisms_possible) != (row["mechanisms_likely"],
                                                                              row["mechanisms_possible"]):
            whole.append((*stored.row(), now, to_id(row["id"]), row["version"]))  # _WRITTEN, then the WHERE columns
        else:
            detail.append((*stored.detail_row(), to_id(row["id"]), row["version"]))
    with transaction.atomic():
        bulk.update_rows(Visit, _WRITTEN, ("id", "version"), whole)
        bulk.update_rows(Visit, stored_results.DETAIL_FIELDS, ("id", "version"), detail)
