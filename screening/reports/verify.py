"""Which printed report does a fingerprint belong to, and does the visit still say the same?

A fingerprint is looked up among recorded prints (ReportPrint: the clinician's report and the patient's
take-home page), limited to the visits the staff user may see; each match is recomputed, as the document
it is, from the visit as it is now, so a paper report can be told apart from a visit edited after printing.
A voided visit is found too and said to be voided: a report printed from it no longer stands, which
"no report with this fingerprint" would hide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from screening.models import ReportPrint, Visit
from screening.reports import take_home
from screening.reports.context import report_fingerprint, report_visits


@dataclass(frozen=True)
class Match:
    visit: Visit
    document: str  # ReportPrint.DOCUMENTS: "report" or "take_home"
    document_label: str
    language: str
    rule_set_version: str
    first_printed_at: datetime
    prints: int
    fhir_prints: int  # of them, fetched by another system through the FHIR API
    current: bool  # the visit's content today still has this fingerprint (False once it is voided)

    @property
    def voided(self) -> bool:
        return self.visit.voided_at is not None


def current_fingerprint(visit: Visit, document: str, lang: str) -> str:
    """The fingerprint the document would carry if printed from the visit as it is now."""
    if document == take_home.KIND:
        return take_home.take_home_fingerprint(visit, lang, report_visits(visit))
    return report_fingerprint(visit, lang)


def fingerprint_matches(*, user, fingerprint: str) -> list[Match]:
    """Prints with this fingerprint, one entry per visit, document and language, newest visit first."""
    prints = (
        ReportPrint.objects.filter(fingerprint=fingerprint, visit__in=Visit.all_objects.for_user(user))
        .select_related("visit__patient__site", "visit__clinician")
        .order_by("printed_at")
    )
    grouped: dict[tuple, list[ReportPrint]] = {}
    for row in prints:
        grouped.setdefault((row.visit_id, row.document, row.language), []).append(row)
    matches = []
    for (_visit_id, document, language), rows in grouped.items():
        visit = rows[0].visit
        matches.append(
            Match(
                visit=visit,
                document=document,
                document_label=rows[0].get_document_display(),
                language=language,
                rule_set_version=rows[0].rule_set_version,
                first_printed_at=rows[0].printed_at,
                prints=len(rows),
                fhir_prints=sum(1 for row in rows if row.fhir_token_id is not None),
                current=visit.voided_at is None and current_fingerprint(visit, document, language) == fingerprint,
            )
        )
    return sorted(matches, key=lambda m: m.visit.visit_date, reverse=True)
