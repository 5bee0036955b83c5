"""What the screens, PDF and export say about mechanisms, in English and Simplified Chinese.

The words live in text_mechanisms.py, text_triggers.py, text_references.py and text_background.py; this module only looks
them up and fills them in, so templates never compose clinical wording themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .knowledge import KNOWLEDGE
from .rules import Trigger
from .schema import LANGS, MECHANISM_IDS
from .text_background import CHAINS, INTRO, NOTES, OUTCOMES, OUTCOMES_HEADING, TITLE
from .text_mechanisms import CLINICIAN, MAINSTAY, PATIENT
from .text_references import (
    DETAIL_SEPARATORS,
    RELATION_LABELS,
    SUPERSEDED_BY,
    UNVERIFIED,
    UNVERIFIED_DETAILS,
    UNVERIFIED_SHORT,
)
from .text_triggers import CODE_LABELS, LIST_SEPARATORS, TRIGGER_TEMPLATES

AUDIENCES = ("clinician", "patient")


@dataclass(frozen=True)
class ChainSection:
    review_section: str
    mechanism_id: str
    heading: str
    summary: str
    pathways: tuple[tuple[str, tuple[str, ...]], ...]  # (title, ordered steps)


@dataclass(frozen=True)
class Outcome:
    heading: str
    text: str
    refs: tuple[str, ...]


@dataclass(frozen=True)
class BackgroundPage:
    title: str
    intro: str
    chains: tuple[ChainSection, ...]
    outcomes_heading: str
    outcomes: tuple[Outcome, ...]
    notes: tuple[str, ...]


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")


def mechanism_text(mechanism_id: str, lang: str, audience: str) -> str:
    """Plain-words explanation; the clinician text ends with the exercise-and-nutrition line."""
    _check_lang(lang)
    if mechanism_id not in MECHANISM_IDS:
        raise KeyError(f"unknown mechanism {mechanism_id!r}")
    if audience == "clinician":
        joiner = "" if lang == "zh-hans" else " "
        return f"{CLINICIAN[mechanism_id][lang]}{joiner}{MAINSTAY[lang]}"
    if audience == "patient":
        return PATIENT[mechanism_id][lang]
    raise ValueError(f"unknown audience {audience!r}; expected one of {', '.join(AUDIENCES)}")


def format_value(value: object, lang: str) -> str:
    """Numbers as compared (no trailing zeros); code sets as translated labels."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, (int, float)):
        text = f"{value:.6g}"
        return text if "e" not in text else f"{value:f}".rstrip("0").rstrip(".")
    if isinstance(value, (tuple, list, frozenset, set)):
        labels = [CODE_LABELS.get(code, {}).get(lang, code) for code in sorted(value)]
        return LIST_SEPARATORS[lang].join(labels)
    return str(value)


def trigger_text(trigger: Trigger, lang: str) -> str:
    """One fired comparison, e.g. '25(OH)D 14 ng/mL, below 20 ng/mL'."""
    _check_lang(lang)
    template = TRIGGER_TEMPLATES.get(trigger.key)
    if template is None:
        raise KeyError(f"no trigger template for {trigger.key!r}")
    return template[lang].format(
        value=format_value(trigger.value, lang),
        threshold=format_value(trigger.threshold, lang),
        upper=format_value(trigger.upper_threshold, lang),
    )


def context_note(rule_id: str, lang: str) -> str:
    """What a true context rule adds to the explanation."""
    _check_lang(lang)
    note = KNOWLEDGE.rule(rule_id).note
    if note is None:
        raise KeyError(f"rule {rule_id!r} has no note")
    return note[lang]


def reference_line(ref_id: str, lang: str = "en", max_authors: int = 6, compact: bool = False) -> str:
    """The full citation with its DOI and PMID, then whether it is superseded or partly unverified.

    `compact` (the printed report) names the first three authors and one identifier, the DOI if any.
    """
    _check_lang(lang)
    ref = KNOWLEDGE.references[ref_id]
    ids = [f"doi:{ref.doi}" if ref.doi else "", f"PMID {ref.pmid}" if ref.pmid else ""]
    if compact:
        max_authors, ids = 3, ids[:1] if ref.doi else ids[1:]
    if not any(ids) and ref.pmcid:
        ids.append(ref.pmcid)
    parts = [ref.vancouver(max_authors), " ".join(i for i in ids if i)]
    if ref.superseded_by:
        parts.append(SUPERSEDED_BY[lang].format(ref=KNOWLEDGE.references[ref.superseded_by].short))
    if ref.unverified:
        details = DETAIL_SEPARATORS[lang].join(UNVERIFIED_DETAILS[d][lang] for d in ref.unverified)
        parts.append((UNVERIFIED_SHORT if compact else UNVERIFIED)[lang].format(details=details))
    return " ".join(p for p in parts if p)


def relation_label(relation: str, lang: str) -> str:
    """'Contrary evidence', 'Caution', … (schema.RELATIONS)."""
    _check_lang(lang)
    return RELATION_LABELS[relation][lang]


def _chain(
    section: str, mechanism_id: str, heading: dict[str, str], summary: dict[str, str], lang: str
) -> ChainSection:
    pathways = tuple((p.title[lang], tuple(p.steps[lang])) for p in KNOWLEDGE.mechanism(mechanism_id).pathways)
    return ChainSection(section, mechanism_id, heading[lang], summary[lang], pathways)


def background_page(lang: str) -> BackgroundPage:
    """The page that explains the review's three chains and the verified outcomes."""
    _check_lang(lang)
    return BackgroundPage(
        title=TITLE[lang],
        intro=INTRO[lang],
        chains=tuple(_chain(s, mid, h, summ, lang) for s, mid, h, summ in CHAINS),
        outcomes_heading=OUTCOMES_HEADING[lang],
        outcomes=tuple(Outcome(h[lang], t[lang], refs) for h, t, refs in OUTCOMES),
        notes=tuple(note[lang] for note in NOTES),
    )


# The sentence of a clinician text that says what to consider: the visit page shows it on the
# mechanism's one line, the full text stays behind "more". Never flagged mechanisms have none.
_CONSIDER_MARKERS = {
    "en": ("Consider", "consider", "Whether and how", "address those drivers"),
    "zh-hans": ("考虑", "是否以及如何", "请在相应条目"),
}


def consider_text(mechanism_id: str, lang: str) -> str:
    """The 'what to consider' sentence of the mechanism's clinician text, or '' when it has none."""
    _check_lang(lang)
    text = CLINICIAN[mechanism_id][lang]
    sentences = re.split(r"(?<=。)" if lang == "zh-hans" else r"(?<=\.)\s+", text)
    return next((s.strip() for s in sentences if any(m in s for m in _CONSIDER_MARKERS[lang])), "")
