"""The import pipeline: parsed rows in, patients matched or created, visits screened in workers and
written in bulk (COPY on PostgreSQL), all in one transaction; a dry run writes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, connections, transaction
from django.utils import timezone

from screening.batch.importer import ParsedRow
from screening.clinical.measurements import age_in_years
from screening.models import SETTING_CHOICES, Patient, Site, Visit
from screening.results import bulk, stored_results
from screening.visits.services import visits_mark_ends


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
            known[info["patient_id"]] = patient = Patient(
                site=site,
                identifier=info["patient_id"],
                sex=info["sex"],
                date_of_birth=info["date_of_birth"],
                name=_patient_name(info),
            )
            patient._state.fields_cache["site"] = site
        for column in ("sex", "date_of_birth"):
            if getattr(patient, column) != info[column]:
                row.errors.append(
                    f"row {row.number}, column {column}: differs from this patient's earlier value "
                    f"({getattr(patient, column)})"
                )
    return known


def _patient_name(info: dict) -> str:
    """A new patient's name from the optional family_name and given_name columns (family name first)."""
    return " ".join(part for part in (info.get("family_name"), info.get("given_name")) if part)[:200]


def _mark_duplicates(rows: list[ParsedRow], patients: dict[str, Patient]) -> None:
    saved = set(
        Visit.objects.filter(patient__in=[p for p in patients.values() if not p._state.adding]).values_list(
            "patient__identifier", "visit_date"
        )
    )
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
            row.errors.append(
                f"row {row.number}, column setting: no setting given, and site {site.code} has no "
                f"default setting (give one in the column or in the site's admin page)"
            )


def visits_import(
    *,
    site: Site,
    rows: list[ParsedRow],
    dry_run: bool = False,
    skip_invalid: bool = False,
    user=None,
    jobs: int = 1,
    source_name: str = "",
) -> ImportReport:
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
    with screening_pool(jobs, len(valid)) as screener:
        # Every batch is sent to the workers first, from the parsed rows; the visits are built meanwhile.
        screened = [
            screener.submit(_screen_inputs(valid[start : start + IMPORT_BATCH], site))
            for start in range(0, len(valid), IMPORT_BATCH)
        ]
        source = {
            "imported_by_id": user.pk if user else None,
            "import_file": source_name[:255],
            "imported_at": timezone.now(),
        }
        records = [{**_visit_record(row, patients[row.patient["patient_id"]], site), **source} for row in valid]
        batches = [records[start : start + IMPORT_BATCH] for start in range(0, len(records), IMPORT_BATCH)]
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
                bulk.insert_rows(
                    Visit,
                    [
                        builder.row({**record, **stored.columns(serialised=True)})
                        for record, stored in zip(batch, results)
                    ],
                    builder.fields,
                )
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
    return {
        **_visit_values(row, site),
        "patient_id": patient.pk,
        "clinician_id": None,
        "warnings": [w.split(": ", 1)[-1] for w in row.warnings],
        "warnings_confirmed": False,
    }


def _screen_inputs(rows: list[ParsedRow], site: Site) -> list[stored_results.ScreenInput]:
    """What the workers screen for import rows: the values the row's visit will hold (a test holds
    the results to those of screening the saved visit)."""
    items = []
    for row in rows:
        values = _visit_values(row, site)
        items.append(
            stored_results.ScreenInput(
                stored_results.recorded(values),
                row.patient["sex"],
                age_in_years(row.patient["date_of_birth"], values["visit_date"]),
                site.population,
            )
        )
    return items


def screening_pool(jobs: int, size: int) -> stored_results.Screener:
    """Workers never touch the database and leave with os._exit, so an inherited connection is never
    used or closed by them; outside a transaction it is closed anyway (reopened on the next query),
    inside one (e.g. a caller's atomic block) it must stay open."""
    if jobs > 1 and size >= stored_results.Screener.PARALLEL_FROM and not connection.in_atomic_block:
        connections.close_all()
    return stored_results.Screener(jobs)
