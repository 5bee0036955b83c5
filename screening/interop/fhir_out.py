"""FHIR R4 resources of visits, and Bundles streamed entry by entry (bounded memory at any size).

A visit becomes an Encounter, one Observation per measured value of the data dictionary (UCUM
quantity; "unable to perform" as dataAbsentReason, so it is never confused with not measured, which
has no Observation), one Observation per criteria set (category + rule-set version), a Condition
(ICD-10-CM M62.84) when the primary set finds sarcopenia, and a DiagnosticReport referencing them,
optionally carrying the PDFs (inline in Bundles, as links to `Binary` from the API). Values come from
the export rows (`screening.batch.exporter`), so FHIR, CSV and the statistical files say the same thing.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import orjson
from django.conf import settings

from screening.batch.exporter import export_queryset, visit_row
from screening.catalogue import fields as catalogue
from screening.clinical import text
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.interop.codes import (
    ICD10CM,
    MEASUREMENTS,
    MUSCLE_MASS_COLUMNS,
    SARCOPENIA_ICD10CM,
    TEST_COLUMNS,
    UCUM,
    codings,
    local_system,
)
from screening.models import Visit
from screening.results.stored_results import category_of, details

DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
UNABLE_TEXT = "unable to perform"
ENCOUNTER_CLASS = {"community": ("AMB", "ambulatory"), "hospital": ("IMP", "inpatient encounter")}
LABORATORY = {f.name for f in catalogue.FIELDS if f.section == "laboratory" and f.kind == "number"}
BUNDLE_TYPES = ("collection", "transaction")
PdfUrl = Callable[[str, str], str]  # (document, language) -> where the API serves that PDF


@dataclass(frozen=True)
class Refs:
    """How resources point at each other: `urn:uuid:` inside a Bundle, `Type/id` from the API."""

    bundle: bool = True

    def __call__(self, kind: str, rid: str) -> dict[str, str]:
        return {"reference": f"urn:uuid:{rid}" if self.bundle else f"{kind}/{rid}"}


def resource_id(visit_id: str, part: str) -> str:
    """A stable id for a resource of a visit (UUIDs, as `urn:uuid:` full URLs need)."""
    return str(uuid.uuid5(uuid.UUID(visit_id), part))


def _cc(system: str, code: str, display: str | None = None) -> dict:
    coding = {"system": system, "code": code, **({"display": display} if display else {})}
    return {"coding": [coding]}


def patient_resource(visit: Visit, row: dict[str, str], pid: str, *, pseudonymised: bool) -> dict:
    system = f"{settings.FHIR_IDENTIFIER_SYSTEM}/{'pseudonym' if pseudonymised else visit.patient.site.code}"
    return {
        "resourceType": "Patient",
        "id": pid,
        "identifier": [{"system": system, "value": row["patient_id"]}],
        "gender": {"M": "male", "F": "female"}[visit.patient.sex],
        "birthDate": row["date_of_birth"],
    }


def encounter_resource(visit: Visit, vid: str, pid: str, refs: Refs) -> dict:
    code, display = ENCOUNTER_CLASS.get(visit.setting, ("AMB", "ambulatory"))
    return {
        "resourceType": "Encounter",
        "id": vid,
        "status": "finished",
        "class": {"system": ACT_CODE, "code": code, "display": display},
        "subject": refs("Patient", pid),
        "period": {"start": visit.visit_date.isoformat()},
    }


def _interpretations(visit: Visit) -> dict[str, str]:
    """Column -> L/N from the primary set's tests (the engine's verdict, never recomputed here)."""
    detail = details(visit).get(visit.patient.site.primary) or {}
    found: dict[str, str] = {}
    for component in detail.get("components") or ():
        for test in component.get("tests") or ():
            column = TEST_COLUMNS.get(test.get("name"))
            if column and test.get("outcome") in ("low", "normal") and not test.get("derived"):
                found.setdefault(column, "L" if test["outcome"] == "low" else "N")
    return found


def _category(column: str) -> str:
    if column in LABORATORY:
        return "laboratory"
    if MEASUREMENTS[column].unit == "{score}":
        return "survey"
    return "vital-signs" if column in ("height_cm", "weight_kg") else "exam"


def measurement_observation(column: str, cell: str, row: dict[str, str], ctx: dict) -> dict:
    field = MEASUREMENTS[column]
    course = float(row["gait_course_m"]) if column == "gait_speed_m_s" and row.get("gait_course_m") else None
    obs = {
        "resourceType": "Observation",
        "id": resource_id(ctx["vid"], column),
        "status": "final",
        "category": [_cc(OBS_CATEGORY, _category(column))],
        "code": {"coding": codings(column, gait_course_m=course)},
        "subject": ctx["refs"]("Patient", ctx["pid"]),
        "encounter": ctx["refs"]("Encounter", ctx["vid"]),
        "effectiveDateTime": row["visit_date"],
    }
    if cell == "unable":
        obs["dataAbsentReason"] = {**_cc(DATA_ABSENT, "not-performed"), "text": UNABLE_TEXT}
    else:
        value = float(cell)
        obs["valueQuantity"] = {
            "value": int(value) if field.integer else value,
            "unit": field.unit,
            "system": UCUM,
            "code": field.unit,
        }
    if column in ctx["flags"]:
        obs["interpretation"] = [_cc(INTERPRETATION, ctx["flags"][column])]
    if column in MUSCLE_MASS_COLUMNS and row.get("muscle_mass_method"):
        obs["method"] = {"text": row["muscle_mass_method"]}
    if course is not None:
        obs["component"] = [
            {
                "code": {"coding": [{"system": local_system(), "code": "gait_course_m"}]},
                "valueQuantity": {"value": course, "unit": "m", "system": UCUM, "code": "m"},
            }
        ]
    return obs


def criteria_observation(code: str, category: str, row: dict[str, str], ctx: dict) -> dict:
    return {
        "resourceType": "Observation",
        "id": resource_id(ctx["vid"], f"set:{code}"),
        "status": "final",
        "code": {"coding": [{"system": local_system(), "code": code, "display": text.label(f"set.{code}", "en")}]},
        "subject": ctx["refs"]("Patient", ctx["pid"]),
        "encounter": ctx["refs"]("Encounter", ctx["vid"]),
        "effectiveDateTime": row["visit_date"],
        "valueCodeableConcept": _cc(local_system(), category, text.category_label(code, category, "en")),
        "method": {"text": f"rule set {row['rule_set_version']}"},
        "note": [{"text": f"rule set version {row['rule_set_version']}"}],
    }


def condition_resource(row: dict[str, str], ctx: dict) -> dict:
    return {
        "resourceType": "Condition",
        "id": resource_id(ctx["vid"], "condition"),
        "clinicalStatus": _cc(CONDITION_CLINICAL, "active"),
        "verificationStatus": _cc(CONDITION_VERIFICATION, "confirmed"),
        "code": _cc(ICD10CM, SARCOPENIA_ICD10CM, "Sarcopenia"),
        "subject": ctx["refs"]("Patient", ctx["pid"]),
        "encounter": ctx["refs"]("Encounter", ctx["vid"]),
        "recordedDate": row["visit_date"],
    }


PDF_DOCUMENTS = ("report", "take-home")  # the clinician's report, the patient's take-home page
PRINT_LOG_DOCUMENTS = {"report": "report", "take-home": "take_home"}  # as ReportPrint.DOCUMENTS names them
PDF_LANGS = ("zh-hans", "en")


def attachment_language(lang: str) -> str:
    return "zh-Hans" if lang == "zh-hans" else "en"


def pdf_documents(visit: Visit) -> list[tuple[str, str, str]]:
    """(document, language, file name) of the visit's four PDFs, without rendering any: both documents
    in both languages, the clinician's report first."""
    from screening.reports.service import report_filename, take_home_filename

    names = {"report": report_filename, "take-home": take_home_filename}
    return [(document, lang, names[document](visit, lang)) for document in PDF_DOCUMENTS for lang in PDF_LANGS]


def pdf_bytes(visit: Visit, document: str, lang: str) -> bytes:
    """One of the visit's PDFs, from the PDF cache (WeasyPrint only when the cache lacks it)."""
    return pdf_document(visit, document, lang)[1]


def pdf_document(visit: Visit, document: str, lang: str) -> tuple[str, bytes]:
    """(fingerprint, PDF) of one of the visit's documents (`report` or `take-home`)."""
    from screening.reports.service import visit_report
    from screening.reports.take_home import take_home_pdf

    if document == "report":
        report = visit_report(visit, lang)
        return report.fingerprint, report.pdf
    if document == "take-home":
        return take_home_pdf(visit, lang)
    raise ValueError(f"unknown document {document!r}")


def _pdfs(visit: Visit, pdf_url: PdfUrl | None) -> list[dict]:
    """presentedForm: each PDF inline (Bundles), or as a link to where it is served (`pdf_url`, the API)."""
    forms = []
    for document, lang, title in pdf_documents(visit):
        form = {"contentType": "application/pdf", "language": attachment_language(lang), "title": title}
        if pdf_url is None:
            form["data"] = base64.b64encode(pdf_bytes(visit, document, lang)).decode("ascii")
        else:
            form["url"] = pdf_url(document, lang)
        forms.append(form)
    return forms


def visit_resources(
    visit: Visit,
    row: dict[str, str],
    pid: str,
    *,
    refs: Refs,
    with_pdf: bool = False,
    vid: str | None = None,
    pdf_url: PdfUrl | None = None,
) -> list[dict]:
    """Encounter, Observations, Condition (if any) and DiagnosticReport of one visit, in that order.
    `with_pdf` puts the PDFs in the report; `pdf_url` links to them instead."""
    vid = vid or str(visit.pk)
    ctx = {"vid": vid, "pid": pid, "refs": refs, "flags": _interpretations(visit)}
    resources: list[dict] = [encounter_resource(visit, vid, pid, refs)]
    for column in MEASUREMENTS:
        if row.get(column):
            resources.append(measurement_observation(column, row[column], row, ctx))
    categories = {code: category_of(visit, code) for code in CRITERIA_SETS}  # every set of the registry
    for code, category in categories.items():
        if category:
            resources.append(criteria_observation(code, category, row, ctx))
    primary = visit.patient.site.primary
    positive = categories[primary] in CRITERIA_SETS[primary].positive
    if positive:
        resources.append(condition_resource(row, ctx))
    report = {
        "resourceType": "DiagnosticReport",
        "id": resource_id(vid, "report"),
        "status": "final",
        "code": {"text": "Sarcopenia screening"},
        "subject": refs("Patient", pid),
        "encounter": refs("Encounter", vid),
        "effectiveDateTime": row["visit_date"],
        "result": [refs("Observation", r["id"]) for r in resources if r["resourceType"] == "Observation"],
        "conclusion": f"{text.label(f'set.{primary}', 'en')}: "
        f"{text.category_label(primary, categories[primary], 'en') if categories[primary] else 'no result'}",
    }
    if positive:
        report["conclusionCode"] = [_cc(ICD10CM, SARCOPENIA_ICD10CM, "Sarcopenia")]
    if with_pdf or pdf_url is not None:
        report["presentedForm"] = _pdfs(visit, pdf_url)
    return [*resources, report]


def bundle_resources(visits, *, pseudonymise: bool = False, with_pdf: bool = False) -> Iterator[dict]:
    """Every resource of the visits (ordered by site, patient, date), each Patient once, before its visits."""
    from screening.cohort.exports import Pseudonymiser

    secret = uuid.uuid4()  # pseudonymised ids: valid in this bundle only
    transform = Pseudonymiser() if pseudonymise else None
    refs, last_patient = Refs(bundle=True), None
    for visit in export_queryset(visits):
        row = visit_row(visit)
        if transform:
            row = transform(visit, row)
            pid, vid = str(uuid.uuid5(secret, row["patient_id"])), str(uuid.uuid5(secret, row["visit_id"]))
        else:
            pid, vid = str(visit.patient_id), str(visit.pk)
        if visit.patient_id != last_patient:
            last_patient = visit.patient_id
            yield patient_resource(visit, row, pid, pseudonymised=pseudonymise)
        yield from visit_resources(visit, row, pid, refs=refs, with_pdf=with_pdf, vid=vid)


def bundle_chunks(resources: Iterable[dict], *, kind: str = "collection") -> Iterator[bytes]:
    """A Bundle as JSON bytes, one entry at a time (a file or a streaming response of any size)."""
    if kind not in BUNDLE_TYPES:
        raise ValueError(f"bundle type must be one of {BUNDLE_TYPES}")
    yield b'{"resourceType":"Bundle","type":"%s","entry":[' % kind.encode()
    for number, resource in enumerate(resources):
        entry = {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}
        if kind == "transaction":
            entry["request"] = {"method": "PUT", "url": f"{resource['resourceType']}/{resource['id']}"}
        yield (b"," if number else b"") + orjson.dumps(entry)
    yield b"]}"
