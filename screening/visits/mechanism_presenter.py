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
    consider_text,
    context_note,
    mechanism_text,
    relation_label,
    trigger_text,
)
from screening.clinical.mechanisms import reference_line as _reference_line
from screening.clinical.mechanisms.text_mechanisms import CLINICIAN, MAINSTAY
from screening.models import Visit

GROUPS = ((LIKELY, True), (POSSIBLE, True), (NOT_ASSESSABLE, False))


def input_label(name: str) -> str:
    """The visit form's label for an engine input, so 'record X' names what the clinician sees."""
    try:
        return str(Visit._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return {
            "bmi_kg_m2": _("height and weight (BMI)"),
            "age_years": _("age"),
            "sex": _("sex"),
            "population": _("site population"),
        }.get(name, name)


def reference_line(ref_id: str, lang: str = "en", compact: bool = False) -> str:
    return _reference_line(ref_id, lang, compact=compact)


def citation_items(mechanism_id: str, lang: str) -> list[dict]:
    """The mechanism's references, each with how it weighs on the mechanism (supports by default)."""
    mech = KNOWLEDGE.mechanism(mechanism_id)
    items = []
    for ref_id in mech.references:
        relation = next(
            (r.relation for r in KNOWLEDGE.relations if r.mechanism_id == mechanism_id and r.ref == ref_id), "supports"
        )
        items.append(
            {
                "ref": ref_id,
                "line": reference_line(ref_id, lang),
                "relation": relation,
                "label": relation_label(relation, lang),
            }
        )
    return items


def evidence_notes(mechanism_id: str, rule_ids, lang: str) -> list[dict]:
    """Sources that weigh against, or call for caution about, the mechanism or a rule that fired."""
    notes = []
    for relation in KNOWLEDGE.relations_of(mechanism_id, rule_ids):
        ref = KNOWLEDGE.references[relation.ref]
        notes.append(
            {
                "ref": relation.ref,
                "line": reference_line(relation.ref, lang),
                "relation": relation.relation,
                "label": relation_label(relation.relation, lang),
                "source": ref.short,
                "note": relation.note[lang],
                "text": f"{ref.short}{'：' if lang == 'zh-hans' else ': '}{relation.note[lang]}",
            }
        )
    return notes


def finding_sources(mechanism_id: str, rule_ids) -> list[str]:
    """The review, then the source of each rule that fired, then sources weighing on them (the report's list)."""
    sources = ["zheng2022"]
    sources += [KNOWLEDGE.rule(rule_id).threshold_source for rule_id in rule_ids]
    sources += [relation.ref for relation in KNOWLEDGE.relations_of(mechanism_id, rule_ids)]
    return list(dict.fromkeys(sources))


def mechanism_item(result, lang: str, audience: str = "clinician") -> dict:
    mech = KNOWLEDGE.mechanism(result.id)
    fired = [r.rule_id for r in (*result.fired, *result.context)]
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
        "explanation": CLINICIAN[result.id][lang],
        "consider": consider_text(result.id, lang),
        "references": [reference_line(ref, lang) for ref in mech.references],
        "citations": citation_items(mech.id, lang),
        "evidence": evidence_notes(mech.id, fired, lang),
        "sources": finding_sources(mech.id, fired),
        "missing": [input_label(name) for name in result.missing_inputs],
        "review_section": mech.review_section,
    }


def mechanism_groups(stored: dict, lang: str, audience: str = "clinician") -> list[dict]:
    """Likely first, then possible, then 'not assessable yet — record X'; empty groups omitted."""
    if not stored:
        return []
    report = MechanismReport.from_dict(stored)
    titles = {
        LIKELY: _("Likely involved"),
        POSSIBLE: _("Possibly involved"),
        NOT_ASSESSABLE: _("Not assessable yet — record these to assess"),
    }
    groups = []
    for status, open_ in GROUPS:
        items = [mechanism_item(r, lang, audience) for r in report.mechanisms if r.status == status]
        if items:
            groups.append({"status": status, "title": titles[status], "open": open_, "items": items})
    return groups


def shared_caution(lang: str) -> str:
    """The sentence every clinician text ends with, shown once above the mechanisms on the visit page."""
    return MAINSTAY[lang]


def number_citations(groups: list[dict], lang: str) -> list[dict]:
    """One numbered reference list for the whole page, in order of first citation.

    Each item gets `cited`: its references as numbers with their relation, and each evidence note its
    number. A reference listed once shows the weightiest relation it has anywhere on the page
    (contrary, caution or superseded before supports). Mechanisms not assessable yet cite nothing: the
    page lists only the sources of what it flags (the background page has them all).
    """
    numbers: dict[str, dict] = {}
    for group in groups:
        for item in group["items"]:
            if group["status"] == NOT_ASSESSABLE:
                item["cited"], item["evidence"] = [], []
                continue
            for c in item["citations"]:
                entry = numbers.setdefault(
                    c["ref"],
                    {
                        "n": len(numbers) + 1,
                        "ref": c["ref"],
                        "line": reference_line(c["ref"], lang, compact=True),
                        "relation": c["relation"],
                        "label": c["label"],
                    },
                )
                if entry["relation"] == "supports" and c["relation"] != "supports":
                    entry.update(relation=c["relation"], label=c["label"])
            for e in item["evidence"]:
                numbers.setdefault(
                    e["ref"],
                    {
                        "n": len(numbers) + 1,
                        "ref": e["ref"],
                        "line": reference_line(e["ref"], lang, compact=True),
                        "relation": e["relation"],
                        "label": e["label"],
                    },
                )
                e["n"] = numbers[e["ref"]]["n"]
            item["cited"] = [
                {"n": numbers[c["ref"]]["n"], "relation": c["relation"], "label": c["label"]} for c in item["citations"]
            ]
    return sorted(numbers.values(), key=lambda entry: entry["n"])
