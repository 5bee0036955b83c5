"""Sarcopenia mechanisms: the knowledge base (mechanisms.md §4) and its evaluator (DECISIONS.md §6).

Plain Python, no Django. `evaluate_mechanisms(measurements)` returns a `MechanismReport` for every
visit, whatever its sarcopenia category; `text` turns results into English or Simplified Chinese.

Rules of mechanisms.md §4.2 left out because their inputs are not recorded in `Measurements`:
prealbumin < 15 mg/dL (malnutrition, supportive), the CD4/CD8 ratio < 1 and > 5 (immunosenescence,
context), the IPAQ "low" category (inactivity, supportive; also validated only to age 69) and the
female "postmenopausal" note (hypogonadism, context). Adding one is a new field plus one Rule.
"""

from .evaluator import (
    BACKGROUND,
    LIKELY,
    NOT_ASSESSABLE,
    NOT_FLAGGED,
    POSSIBLE,
    RULE_OUTCOMES,
    STATUSES,
    MechanismReport,
    MechanismResult,
    RuleResult,
    evaluate_mechanisms,
    likely_ids,
    possible_ids,
)
from .knowledge import KNOWLEDGE
from .rules import Trigger
from .schema import LANGS, MECHANISM_IDS, KnowledgeError
from .text import (
    AUDIENCES,
    background_page,
    consider_text,
    context_note,
    mechanism_text,
    reference_line,
    relation_label,
    trigger_text,
)

__all__ = [
    "AUDIENCES",
    "BACKGROUND",
    "KNOWLEDGE",
    "LANGS",
    "LIKELY",
    "MECHANISM_IDS",
    "NOT_ASSESSABLE",
    "NOT_FLAGGED",
    "RULE_OUTCOMES",
    "POSSIBLE",
    "STATUSES",
    "KnowledgeError",
    "MechanismReport",
    "MechanismResult",
    "RuleResult",
    "Trigger",
    "background_page",
    "consider_text",
    "context_note",
    "evaluate_mechanisms",
    "likely_ids",
    "mechanism_text",
    "possible_ids",
    "reference_line",
    "relation_label",
    "trigger_text",
]
