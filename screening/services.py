"""Writes: every change to visits goes through here, inside a transaction, with its results."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from screening.adapters import measurements_for_visit
from screening.clinical import RULE_SET_VERSION, evaluate_all
from screening.clinical.mechanisms import evaluate_mechanisms, likely_ids, possible_ids
from screening.importer import ParsedRow
from screening.metrics import VISITS_SAVED
from screening.models import CriteriaResult, Patient, Site, Visit


def screen(visit: Visit) -> list[CriteriaResult]:
    """Evaluate a visit under every criteria set and the mechanism rules; fill its stored results."""
    m = measurements_for_visit(visit)
    report = evaluate_mechanisms(m)
    visit.rule_set_version = RULE_SET_VERSION
    visit.mechanisms = report.to_dict()
    visit.mechanisms_likely = ";".join(likely_ids(report))
    visit.mechanisms_possible = ";".join(possible_ids(report))
    return [
        CriteriaResult(visit=visit, criteria_set=code, category=result.category,
                       rule_set_version=RULE_SET_VERSION, detail=result.to_dict())
        for code, result in evaluate_all(m).items()
    ]


class StaleVisitError(Exception):
    """Someone saved the visit after this user opened it; their changes are listed, nothing is saved."""

    def __init__(self, changes: list[tuple[str, object, object]], user: str | None):
        super().__init__("visit changed since it was opened")
        self.changes, self.user = changes, user


def _changes_since(current: Visit, version: int) -> list[tuple[str, object, object]]:
    """Field, value when this user opened the visit, value now (from the audit history)."""
    latest = current.history.order_by("-history_id").first()
    opened = current.history.filter(version=version).order_by("-history_id").first()
    if latest is None or opened is None:
        return []
    return [(c.field, c.old, c.new) for c in latest.diff_against(opened).changes if c.field != "version"]


@transaction.atomic
def visit_save(*, visit: Visit, expected_version: int | None = None, reason: str = "") -> Visit:
    """Save a visit and replace its stored results in one transaction.

    With `expected_version` (optimistic locking) the save is refused when another save came first.
    """
    results = screen(visit)
    if visit._state.adding:
        visit.save()
    else:
        current = Visit.objects.select_for_update().get(pk=visit.pk)
        if expected_version is not None and current.version != expected_version:
            last = current.history.order_by("-history_id").first()
            raise StaleVisitError(_changes_since(current, expected_version),
                                  str(last.history_user) if last and last.history_user else None)
        visit.version = current.version + 1
        if reason:
            visit._change_reason = reason
        visit.save()
        visit.results.all().delete()
    CriteriaResult.objects.bulk_create(results)
    VISITS_SAVED.inc()
    return visit


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
                                                          sex=info["sex"], date_of_birth=info["date_of_birth"])
            patient._state.fields_cache["site"] = site
        for column in ("sex", "date_of_birth"):
            if getattr(patient, column) != info[column]:
                row.errors.append(f"row {row.number}, column {column}: differs from this patient's earlier value "
                                  f"({getattr(patient, column)})")
    return known


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


def visits_import(*, site: Site, rows: list[ParsedRow], dry_run: bool = False,
                  skip_invalid: bool = False, user=None) -> ImportReport:
    """Import parsed rows into a site: all or nothing, unless skip_invalid keeps the valid rows."""
    patients = _match_patients(site, rows)
    _mark_duplicates(rows, patients)
    report = ImportReport(rows=len(rows))
    for row in rows:
        report.errors += row.errors
        report.warnings += row.warnings
    valid = [row for row in rows if not row.errors]
    report.skipped_rows = [row.number for row in rows if row.errors]
    if (report.errors and not skip_invalid) or dry_run:
        return report
    with transaction.atomic():
        new_patients = [p for p in patients.values() if p._state.adding
                        and any(r.patient["patient_id"] == p.identifier for r in valid)]
        Patient.objects.bulk_create(new_patients)
        visits = [_visit_from_row(row, patients[row.patient["patient_id"]], site, user) for row in valid]
        results = [result for visit in visits for result in screen(visit)]
        Visit.objects.bulk_create(visits, batch_size=2000)
        CriteriaResult.objects.bulk_create(results, batch_size=5000)
    report.imported, report.patients_created = len(visits), len(new_patients)
    return report


def _visit_from_row(row: ParsedRow, patient: Patient, site: Site, user) -> Visit:
    values = dict(row.values)
    values.setdefault("setting", site.default_setting)
    warnings = [w.split(": ", 1)[-1] for w in row.warnings]
    visit = Visit(patient=patient, clinician=user, warnings=warnings, warnings_confirmed=False, **values)
    return visit


def visits_rescreen(*, batch_size: int = 2000, progress=None) -> dict[str, int]:
    """Recompute every visit's stored results after a rule change; count category changes per set."""
    changed: dict[str, int] = {}
    queryset = Visit.objects.select_related("patient__site").order_by("pk")
    last_pk = None
    while True:
        page = queryset.filter(pk__gt=last_pk) if last_pk else queryset
        batch = list(page.prefetch_related("results")[:batch_size])
        if not batch:
            return changed
        _rescreen_batch(batch, changed)
        last_pk = batch[-1].pk
        if progress:
            progress(len(batch))


@transaction.atomic
def _rescreen_batch(visits: list[Visit], changed: dict[str, int]) -> None:
    fresh: list[CriteriaResult] = []
    for visit in visits:
        before = {r.criteria_set: r.category for r in visit.results.all()}
        results = screen(visit)
        for result in results:
            if before.get(result.criteria_set) != result.category:
                changed[result.criteria_set] = changed.get(result.criteria_set, 0) + 1
        fresh += results
    CriteriaResult.objects.filter(visit__in=visits).delete()
    CriteriaResult.objects.bulk_create(fresh, batch_size=5000)
    Visit.objects.bulk_update(visits, ["rule_set_version", "mechanisms", "mechanisms_likely",
                                       "mechanisms_possible"], batch_size=1000)
