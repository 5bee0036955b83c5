"""Which printed report does a fingerprint belong to, and does the visit still say the same?

A fingerprint is looked up among recorded prints (ReportPrint), limited to the visits the staff
user may see; each match is recomputed from the visit as it is now, so a paper report can be told
apart from a visit edited after printing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from screening.models import ReportPrint, Visit
from screening.reports.context import report_fingerprint


@dataclass(frozen=True)
class Match:
    visit: Visit
    language: str
    rule_set_version: str
    first_printed_at: datetime
    prints: int
    current: bool  # the visit's content today still has this fingerprint


def fingerprint_matches(*, user, fingerprint: str) -> list[Match]:
    """Prints with this fingerprint, one entry per visit and language, newest visit first."""
    prints = (ReportPrint.objects.filter(fingerprint=fingerprint, visit__in=Visit.objects.for_user(user))
              .select_related("visit__patient__site", "visit__clinician").order_by("printed_at"))
    grouped: dict[tuple, list[ReportPrint]] = {}
    for row in prints:
        grouped.setdefault((row.visit_id, row.language), []).append(row)
    matches = []
    for (_visit_id, language), rows in grouped.items():
        visit = rows[0].visit
        matches.append(Match(visit=visit, language=language, rule_set_version=rows[0].rule_set_version,
                             first_printed_at=rows[0].printed_at, prints=len(rows),
                             current=report_fingerprint(visit, language) == fingerprint))
    return sorted(matches, key=lambda m: m.visit.visit_date, reverse=True)
