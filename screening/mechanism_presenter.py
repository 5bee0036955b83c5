"""Stored mechanism evaluations -> what the visit page, the report and the background page show."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from screening.clinical.mechanisms import (
    KNOWLEDGE,
    LIKELY,
    NOT_ASSESSABLE,
    POSSIBLE,
    MechanismReport,
    context_note,
    mechanism_text,
    trigger_text,
)
from screening.models import Visit

GROUPS = ((LIKELY, True), (POSSIBLE, True), (NOT_ASSESSABLE, False))


def input_label(name: str) -> str:
    """The visit form's label for an engine input, so 'record X' names what the clinician sees."""
    try:
        return str(Visit._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return {"bmi_kg_m2": _("height and weight (BMI)"), "age_years": _("age"),
                "sex": _("sex"), "population": _("site population")}.get(name, name)


def reference_line(ref_id: str) -> str:
    ref = KNOWLEDGE.references[ref_id]
    ident = f"doi:{ref.doi}" if ref.doi else f"PMID {ref.pmid}" if ref.pmid else f"{ref.pmcid}" if ref.pmcid else ""
    return f"{ref.citation} {ident}".strip()


def mechanism_item(result, lang: str, audience: str = "clinician") -> dict:
    mech = KNOWLEDGE.mechanism(result.id)
    chains = [{"title": p.title[lang], "steps": " → ".join(p.steps[lang])} for p in mech.pathways]
    return {
        "id": result.id,
        "status": result.status,
        "name": mech.name[lang],
        "grade": result.evidence_grade,
        "triggers": [trigger_text(t, lang) for r in result.fired for t in r.triggers],
        "notes": [context_note(r.rule_id, lang) for r in result.context],
        "chains": chains,
        "text": mechanism_text(result.id, lang, audience),
        "references": [reference_line(ref) for ref in mech.references],
        "missing": [input_label(name) for name in result.missing_inputs],
        "review_section": mech.review_section,
    }


def mechanism_groups(stored: dict, lang: str, audience: str = "clinician") -> list[dict]:
    """Likely first, then possible, then 'not assessable yet — record X'; empty groups omitted."""
    if not stored:
        return []
    report = MechanismReport.from_dict(stored)
    titles = {LIKELY: _("Likely involved"), POSSIBLE: _("Possibly involved"),
              NOT_ASSESSABLE: _("Not assessable yet — record these to assess")}
    groups = []
    for status, open_ in GROUPS:
        items = [mechanism_item(r, lang, audience) for r in report.mechanisms if r.status == status]
        if items:
            groups.append({"status": status, "title": titles[status], "open": open_, "items": items})
    return groups
