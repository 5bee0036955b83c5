"""Writes: every change to visits goes through here, inside a transaction, with its results."""

from __future__ import annotations

from django.db import transaction

from screening.adapters import measurements_for_visit
from screening.clinical import RULE_SET_VERSION, evaluate_all
from screening.clinical.mechanisms import evaluate_mechanisms, likely_ids, possible_ids
from screening.models import CriteriaResult, Visit


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


@transaction.atomic
def visit_save(*, visit: Visit) -> Visit:
    """Save a visit and replace its stored results in one transaction."""
    results = screen(visit)
    if visit._state.adding:
        visit.save()
    else:
        visit.version += 1
        visit.save()
        visit.results.all().delete()
    CriteriaResult.objects.bulk_create(results)
    return visit
