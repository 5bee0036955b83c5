"""FHIR R4 in: a Bundle of Observations (a device gateway's grip, gait, body composition ...) creates or
completes visits through the visit form's validation and save service.

Only codes of `screening.interop.codes` are read; any other code is listed, never guessed. Criteria-set
results, Conditions and DiagnosticReports are recomputed here, not read. A value in another unit than
the column's UCUM unit is refused. All or nothing: one error and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import orjson
from django.conf import settings
from django.db import transaction

from screening.catalogue.adapters import INPUT_FIELDS
from screening.catalogue.validation import validate_visit
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.interop.codes import GAIT_4M_LOINC, LOINC, MEASUREMENTS, column_for_coding, local_system
from screening.interop.fhir_out import DATA_ABSENT
from screening.models import Patient, Site, Visit
from screening.visits.services import visit_save

MAX_BYTES = 50 * 1024 * 1024
UNIT_SYNONYMS = {"grip_strength_kg": {"kg"}}  # dynamometers label kilogram-force "kg" (codes.md)
SETTINGS_BY_CLASS = {"AMB": "community", "IMP": "hospital"}
RECOMPUTED = {"Condition", "DiagnosticReport"}


class FhirImportError(Exception):
    """The file as a whole cannot be read; nothing is imported."""


@dataclass
class FhirImportReport:
    created: int = 0
    completed: int = 0
    patients_created: int = 0
    errors: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Person:
    identifier: str
    sex: str | None
    date_of_birth: date | None


@dataclass
class _Group:
    person: str  # key of the Patient entry
    visit_date: date
    setting: str | None = None
    values: dict = field(default_factory=dict)


def read_bundle(data: bytes) -> list[dict]:
    if len(data) > MAX_BYTES:
        raise FhirImportError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        bundle = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise FhirImportError(f"not JSON: {exc}") from None
    if (
        not isinstance(bundle, dict)
        or bundle.get("resourceType") != "Bundle"
        or not isinstance(bundle.get("entry"), list)
    ):
        raise FhirImportError("not a FHIR Bundle with entries")
    return [entry for entry in bundle["entry"] if isinstance(entry, dict) and isinstance(entry.get("resource"), dict)]


def _keys(entry: dict) -> list[str]:
    resource = entry["resource"]
    return [key for key in (entry.get("fullUrl"), f"{resource.get('resourceType')}/{resource.get('id')}") if key]


def _date(raw, where: str, errors: list[str]) -> date | None:
    try:
        return date.fromisoformat(str(raw)[:10])
    except ValueError:
        errors.append(f"{where}: {str(raw)[:40]!r} is not a date")
        return None


def _person(resource: dict, site: Site, where: str, errors: list[str]) -> _Person:
    identifiers = [i for i in resource.get("identifier") or () if isinstance(i, dict) and i.get("value")]
    own = [i for i in identifiers if i.get("system") == f"{settings.FHIR_IDENTIFIER_SYSTEM}/{site.code}"]
    chosen = (own or identifiers or [{}])[0].get("value")
    if not chosen:
        errors.append(f"{where}: the Patient has no identifier")
    sex = {"male": "M", "female": "F"}.get(resource.get("gender"))
    born = _date(resource["birthDate"], where, errors) if resource.get("birthDate") else None
    return _Person(str(chosen or ""), sex, born)


class _Reader:
    """Walks the entries once: patients, encounters, then each Observation into its visit's values."""

    def __init__(self, site: Site, report: FhirImportReport) -> None:
        self.site, self.report = site, report
        self.people: dict[str, _Person] = {}
        self.encounters: dict[str, tuple[str | None, date | None, str | None]] = {}
        self.groups: dict[tuple[str, date], _Group] = {}
        self.aliases: dict[str, str] = {}

    def read(self, entries: list[dict]) -> None:
        for number, entry in enumerate(entries, start=1):
            resource, where = entry["resource"], f"entry {number}"
            kind = resource.get("resourceType")
            if kind == "Patient":
                keys = _keys(entry)
                for key in keys:
                    self.aliases[key] = keys[0]
                self.people[keys[0]] = _person(resource, self.site, where, self.report.errors)
            elif kind == "Encounter":
                start = (resource.get("period") or {}).get("start")
                code = (resource.get("class") or {}).get("code")
                for key in _keys(entry):
                    self.encounters[key] = (
                        self._subject(resource),
                        _date(start, where, []) if start else None,
                        SETTINGS_BY_CLASS.get(code),
                    )
        for number, entry in enumerate(entries, start=1):
            resource, where = entry["resource"], f"entry {number}"
            if resource.get("resourceType") == "Observation":
                self.observation(resource, f"{where} (Observation {resource.get('id', '')})".replace(" ()", ""))
            elif resource.get("resourceType") not in ("Patient", "Encounter", *RECOMPUTED):
                self.report.unknown.append(f"{where}: resource type {resource.get('resourceType')!r} is not read")

    def _subject(self, resource: dict) -> str | None:
        reference = (resource.get("subject") or {}).get("reference")
        return self.aliases.get(reference) if reference else None

    def _column(self, resource: dict, where: str) -> str | None:
        codings = [c for c in (resource.get("code") or {}).get("coding") or () if isinstance(c, dict)]
        for coding in codings:
            column = column_for_coding(str(coding.get("system")), str(coding.get("code")))
            if column:
                return column
        if any(c.get("system") == local_system() and c.get("code") in CRITERIA_SETS for c in codings):
            return None  # a criteria-set result: recomputed from the values
        shown = ", ".join(f"{c.get('system')}|{c.get('code')}" for c in codings) or "no coding"
        self.report.unknown.append(f"{where}: unknown code {shown}")
        return None

    def observation(self, resource: dict, where: str) -> None:
        column = self._column(resource, where)
        if column is None:
            return
        person = self._subject(resource)
        if person is None or person not in self.people:
            self.report.errors.append(f"{where}: its subject is not a Patient of this Bundle")
            return
        encounter = self.encounters.get((resource.get("encounter") or {}).get("reference", ""))
        day = encounter[1] if encounter and encounter[1] else None
        effective = resource.get("effectiveDateTime")
        if day is None and effective:
            day = _date(effective, where, self.report.errors)
        if day is None:
            self.report.errors.append(f"{where}: no date (effectiveDateTime or the Encounter's period)")
            return
        group = self.groups.setdefault((person, day), _Group(person, day))
        group.setting = group.setting or (encounter[2] if encounter else None)
        for name, value in self._values(resource, column, where).items():
            if name in group.values and group.values[name] != value:
                self.report.errors.append(f"{where}: {name} given twice for {day} with different values")
            group.values[name] = value

    def _values(self, resource: dict, column: str, where: str) -> dict:
        field_code = MEASUREMENTS[column]
        absent = resource.get("dataAbsentReason")
        if absent is not None:
            codes = {c.get("code") for c in absent.get("coding") or () if c.get("system") == DATA_ABSENT}
            if field_code.unable and "not-performed" in codes:
                return {field_code.unable: True}
            self.report.unknown.append(
                f"{where}: {column} absent for a reason not read here ({', '.join(map(str, codes))})"
            )
            return {}
        quantity = resource.get("valueQuantity") or {}
        unit, value = quantity.get("code") or quantity.get("unit"), quantity.get("value")
        if unit != field_code.unit and unit not in UNIT_SYNONYMS.get(column, ()):
            self.report.errors.append(f"{where}: {column} in {unit!r}; expected UCUM {field_code.unit!r}")
            return {}
        if not isinstance(value, int | float) or isinstance(value, bool):
            self.report.errors.append(f"{where}: {column} has no numeric valueQuantity")
            return {}
        if field_code.integer and value != int(value):
            self.report.errors.append(f"{where}: {column} must be a whole number")
            return {}
        values = {column: int(value) if field_code.integer else float(value)}
        method = (resource.get("method") or {}).get("text") or next(
            (c.get("code") for c in (resource.get("method") or {}).get("coding") or ()), None
        )
        if method in ("DXA", "BIA"):
            values["muscle_mass_method"] = method
        if column == "gait_speed_m_s":
            course = self._course(resource, where)
            if course is not None:
                values["gait_course_m"] = course
        return values

    def _course(self, resource: dict, where: str) -> float | None:
        for component in resource.get("component") or ():
            codings = (component.get("code") or {}).get("coding") or ()
            if any(c.get("system") == local_system() and c.get("code") == "gait_course_m" for c in codings):
                value = (component.get("valueQuantity") or {}).get("value")
                if value in (4, 6):
                    return float(value)
                self.report.errors.append(f"{where}: gait course {value!r} is not 4 or 6 m")
                return None
        codes = {c.get("code") for c in (resource.get("code") or {}).get("coding") or () if c.get("system") == LOINC}
        return 4.0 if GAIT_4M_LOINC in codes else None


def _patient(site: Site, person: _Person, where: str, errors: list[str]) -> Patient | None:
    existing = Patient.objects.filter(site=site, identifier=person.identifier).first()
    if existing is not None:
        if (person.sex and person.sex != existing.sex) or (
            person.date_of_birth and person.date_of_birth != existing.date_of_birth
        ):
            errors.append(f"{where}: sex or date of birth differ from the site's patient {person.identifier}")
        return existing
    if person.sex is None or person.date_of_birth is None:
        errors.append(f"{where}: a new patient needs gender (male/female) and a full birthDate")
        return None
    return Patient(site=site, identifier=person.identifier, sex=person.sex, date_of_birth=person.date_of_birth)


def _visit(patient: Patient, group: _Group, site: Site, where: str, errors: list[str]) -> Visit | None:
    """The visit to complete (the patient's visit on that date) or a new one; recorded values are kept.
    None when the visit already holds every value (nothing to write) or on an error."""
    found = (
        [] if patient._state.adding else list(Visit.objects.filter(patient=patient, visit_date=group.visit_date)[:2])
    )
    if len(found) > 1:
        errors.append(f"{where}: more than one visit on {group.visit_date}; complete it in the form")
        return None
    visit = (
        found[0]
        if found
        else Visit(patient=patient, visit_date=group.visit_date, setting=group.setting or site.default_setting)
    )
    if found and all(getattr(visit, name) == value for name, value in group.values.items()):
        return None  # nothing new for this visit: left as it is
    for name, value in group.values.items():
        current = getattr(visit, name)
        if current not in (None, False, "") and current != value:
            errors.append(f"{where}: {name} is already recorded as {current}, the Bundle says {value}")
        setattr(visit, name, value)
    return visit


def _validate(visit: Visit, patient: Patient, where: str, report: FhirImportReport) -> None:
    values = {name: getattr(visit, name) for name in INPUT_FIELDS}
    values["visit_date"] = visit.visit_date
    findings = validate_visit(values, sex=patient.sex, date_of_birth=patient.date_of_birth)
    report.errors += [f"{where}, {name}: {m}" for name, messages in findings.errors.items() for m in messages]
    report.warnings += [f"{where}, {name}: {m}" for name, messages in findings.warnings.items() for m in messages]
    if visit.visit_date > date.today():
        report.errors.append(f"{where}: the visit date cannot be in the future")


def fhir_import(*, site: Site, data: bytes, dry_run: bool = False, user=None) -> FhirImportReport:
    """Read a Bundle and create or complete the site's visits; nothing is written on any error."""
    report = FhirImportReport()
    reader = _Reader(site, report)
    reader.read(read_bundle(data))
    plans: list[tuple[Patient, Visit]] = []
    patients: dict[str, Patient | None] = {}
    for (key, day), group in reader.groups.items():
        person = reader.people[key]
        where = f"patient {person.identifier}, {day}"
        if key not in patients:
            patients[key] = _patient(site, person, where, report.errors)
        patient = patients[key]
        visit = _visit(patient, group, site, where, report.errors) if patient is not None else None
        if visit is not None:
            _validate(visit, patient, where, report)
            plans.append((patient, visit))
    if report.errors or dry_run:
        return report
    with transaction.atomic():
        for patient in {id(p): p for p, _v in plans}.values():
            if patient._state.adding:
                patient.save()
                report.patients_created += 1
        for patient, visit in plans:
            adding = visit._state.adding
            visit.patient = patient
            if adding and user is not None and user.is_authenticated:
                visit.clinician = user
            visit_save(
                visit=visit, expected_version=None if adding else visit.version, reason="" if adding else "FHIR import"
            )
            report.created += adding
            report.completed += not adding
    return report
