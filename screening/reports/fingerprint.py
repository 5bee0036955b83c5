"""The report's content fingerprint: SHA-256 over a canonical JSON of what the report states.

It covers the patient, the visit's values, the stored results and mechanisms, the earlier visits the
trend charts draw, the rule-set version and the language; not the PDF bytes or the generation time.
So the same visit printed twice has the same fingerprint, staff can check a paper copy against the
visit as it is now (`/reports/verify`), and the PDF cache can be keyed by it.

It reads each visit through its read model (`screening.results.visit_results`), as the report's context does,
and never calls back into the context: the context asks for the fingerprint, not the other way round.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from uuid import UUID

from screening.models import Visit
from screening.results.fields import canonical_json
from screening.results.stored_results import CATEGORY_FIELDS
from screening.results.visit_results import visit_results

FORMAT = 1  # bump when the content below gains or loses a part
# Visit fields that are bookkeeping or stored separately, not values the clinician entered.
_NOT_VALUES = frozenset(
    {
        "id",
        "patient",
        "clinician",
        "created_at",
        "updated_at",
        "version",
        "notes",
        "warnings",
        "imported_by",
        "import_file",
        "imported_at",  # where the visit came from, not what it states
        "voided_at",
        "voided_by",
        "void_reason",  # a voided visit is in no report; restoring it changes nothing
        "warnings_confirmed",
        "rule_set_version",
        "mechanisms",
        "mechanisms_likely",
        "mechanisms_possible",
        "results",
        "results_digest",
        "incomplete_sets",
        "is_latest",
        "is_first",
        *CATEGORY_FIELDS.values(),
    }
)
TREND_TESTS = ("grip_strength", "gait_speed", "asmi")


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


def visit_values(visit: Visit) -> dict:
    """Every value entered for the visit, by field name, in canonical units."""
    return {f.name: _plain(getattr(visit, f.attname)) for f in visit._meta.concrete_fields if f.name not in _NOT_VALUES}


def trend_entry(visit: Visit, primary: str) -> dict:
    """What the trend charts print for one visit: its date, primary category and three values."""
    reading = visit_results(visit)
    tests = reading.tests(primary)
    return {
        "id": str(visit.pk),
        "date": visit.visit_date.isoformat(),
        "category": reading.category(primary),
        **{name: tests.get(name, {}).get("value") for name in TREND_TESTS},
    }


def clinician_name(visit: Visit) -> str:
    user = visit.clinician
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def report_content(visit: Visit, history: list[Visit], lang: str, primary: str) -> dict:
    """The canonical content of one visit's report; `history` ends with the visit itself."""
    patient = visit.patient
    return {
        "format": FORMAT,
        "language": lang,
        "rule_set_version": visit.rule_set_version,
        "site": patient.site.name,
        "patient": {
            "id": str(patient.pk),
            "identifier": patient.identifier,
            "name": patient.name,
            "sex": patient.sex,
            "date_of_birth": patient.date_of_birth.isoformat(),
        },
        "visit": {
            "id": str(visit.pk),
            "date": visit.visit_date.isoformat(),
            "clinician": clinician_name(visit),
            "values": visit_values(visit),
        },
        "results": visit_results(visit).details,
        "mechanisms": visit_results(visit).mechanism_details,
        "trend": [trend_entry(v, primary) for v in history[:-1]],
    }


def fingerprint(content: dict) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def visit_fingerprint(visit: Visit, lang: str, history: list[Visit], document: str | None = None) -> str:
    """The fingerprint of one visit's report (or, with `document`, of another document on the same content)."""
    content = report_content(visit, history, lang, visit.patient.site.primary)
    return fingerprint(content if document is None else {**content, "document": document})
