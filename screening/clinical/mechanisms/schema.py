"""Knowledge-base entities (mechanisms.md §4.1) as frozen dataclasses, and the loader that checks them.

The data modules (kb_*.py) build these objects by hand; `load_knowledge` refuses anything malformed
with a message naming the entry and the field, so a typo in a field name, a tier or a reference id
fails at import time and in the tests, not silently at a visit.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NoReturn

from ..measurements import Measurements
from .rules import Cmp, Expr, HasAny, IfRecorded, Range

LANGS = ("en", "zh-hans")
TIERS = ("strong", "supportive", "context")
GRADES = ("A", "B", "C", "D")
THRESHOLD_STATUSES = ("confirmed", "partial", "unconfirmed")  # mechanisms.md conventions
MAPPINGS = ("confirmed", "likely", "candidate", "unidentified")  # mechanisms.md §6
EVIDENCE_KINDS = ("human", "animal", "in_vitro", "review")
# How a cited source weighs on what it is cited for (issue 14, item 8); "supports" is the default.
RELATIONS = ("supports", "contrary", "caution", "superseded")
# Details of a reference that no primary record could confirm; each is named beside the citation.
UNVERIFIABLE = ("authors", "identifier", "volume", "pages")
REVIEW_SECTIONS = ("1", "2", "2.1", "2.2", "2.3", "3")  # the seed review's numbered sections

# DECISIONS.md §6 stable ids, in display order.
MECHANISM_IDS = (
    "malnutrition",
    "inflammation",
    "vitamin_d",
    "hypogonadism",
    "hormonal",
    "inactivity",
    "neuromuscular_junction",
    "gut_microbiota",
    "mitochondrial",
    "protein_anabolism",
    "immunosenescence",
)
# Code vocabularies, mechanisms.md §4.1 and docs/data-dictionary.md.
CONDITION_CODES = frozenset(
    {"diabetes", "ckd", "copd", "chronic_heart_failure", "active_cancer", "rheumatoid_arthritis", "ibd", "osteoporosis"}
)
MEDICATION_CODES = frozenset(
    {"glucocorticoid_systemic_chronic", "opioid_chronic", "chemotherapy_recent", "androgen_deprivation"}
)
CODE_FIELDS = {"conditions": CONDITION_CODES, "medications": MEDICATION_CODES}

# A dose is a number with a drug unit, or a number tied to "per day" (DECISIONS.md §6: no doses).
# Lab units such as mg/L are not doses: a unit followed by "/" is allowed.
DOSE_PATTERNS = (
    re.compile(r"\d+(?:[.,]\d+)?\s*(?:mg|µg|μg|mcg|ug|IU|iu|units?)\b(?!/)"),
    re.compile(r"\d+(?:[.,]\d+)?\s*(?:毫克|微克|国际单位|单位)(?!/)"),
    re.compile(r"\d+(?:[.,]\d+)?\s*g/kg"),
    re.compile(r"\d+(?:[.,]\d+)?\s*\S*/day\b", re.IGNORECASE),
    re.compile(r"\d+(?:[.,]\d+)?\s*(?:\S+\s+){0,2}?(?:per day|/day|a day|daily)\b", re.IGNORECASE),
    re.compile(r"\d+(?:[.,]\d+)?\s*\S{0,4}\s*(?:每日|每天|/日)"),
    re.compile(r"(?:per day|daily|每日|每天)\s*\d", re.IGNORECASE),
)

Text = Mapping[str, str]


class KnowledgeError(ValueError):
    """A malformed knowledge-base entry; the message names the entry and the field."""


def find_dose(text: str) -> str | None:
    """The first dose-like fragment in `text`, or None."""
    for pattern in DOSE_PATTERNS:
        match = pattern.search(text)
        if match:
            return match.group(0)
    return None


@dataclass(frozen=True)
class Reference:
    """One published source, with the details a reader needs to find it (issue 14, item 8).

    Every field was checked against a primary record (publisher, PubMed or a journal index); what could
    not be checked is named in `unverified` (UNVERIFIABLE codes) and said beside the citation.
    """

    id: str
    authors: str  # "Surname AB, Surname CD, et al." or a corporate author; "" when unverified
    title: str  # the full title as published
    journal: str  # abbreviated journal or, for a book, its publisher
    year: int
    volume: str  # volume with issue, e.g. "107(3)"; "" when unverified
    pages: str  # first–last page or article number; "" when unverified
    review_sections: tuple[str, ...]  # the review section(s) it supports
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    review_refs: tuple[str, ...] = ()  # the review's own [R#] it is matched to
    mapping: str | None = None  # confidence of that match; None for threshold sources
    superseded_by: str | None = None  # the id of the reference that replaces it
    unverified: tuple[str, ...] = ()  # details no primary record confirmed (UNVERIFIABLE)
    name: str = ""  # how notes name it when the author is not the usual handle, e.g. "BELFRAIL 2015"

    @property
    def has_identifier(self) -> bool:
        return bool(self.doi or self.pmid or self.pmcid)

    @property
    def short(self) -> str:
        """'Granic 2020': the first author's surname (or the corporate author) and the year."""
        if self.name:
            return self.name
        first = (self.authors or self.journal).split(",")[0].strip()
        surname = first.rsplit(" ", 1)[0] if first.rsplit(" ", 1)[-1].isupper() and " " in first else first
        return f"{surname} {self.year}"

    @property
    def citation(self) -> str:
        return self.vancouver()

    def vancouver(self, max_authors: int = 6) -> str:
        """Authors (the first `max_authors`, then et al.). Title. Journal Year;Volume:Pages."""
        where = f"{self.journal} {self.year}"
        if self.volume:
            where += f";{self.volume}"
        if self.pages:
            where += f":{self.pages}"
        title = self.title if self.title.endswith(("?", ".", "!")) else f"{self.title}."
        names = [n.strip() for n in self.authors.split(",") if n.strip() and n.strip() != "et al."]
        if len(names) > max_authors or "et al." in self.authors:
            authors = f"{', '.join(names[:max_authors])}, et al. "
        else:
            authors = f"{', '.join(names)}. " if names else ""
        return f"{authors}{title} {where}."


@dataclass(frozen=True)
class Relation:
    """How one cited source weighs on a mechanism or some of its rules; unlisted citations support.

    `rules` names the rules it concerns (empty: the mechanism as a whole); `note` says in a sentence what
    the source found, so a source that weighs against a rule is labelled as such beside it.
    """

    mechanism_id: str
    ref: str
    relation: str  # RELATIONS
    note: Text
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pathway:
    id: str
    mechanism_id: str
    title: Text
    steps: Mapping[str, tuple[str, ...]]
    evidence: tuple[str, ...]
    refs: tuple[str, ...]
    review_refs: tuple[str, ...] = ()
    caveat: Text | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    mechanism_id: str
    tier: str
    expr: Expr
    threshold_status: str
    threshold_source: str
    applies_if: Expr | None = None  # a guard (sex, population); False -> rule not applicable
    note: Text | None = None  # required for context rules: what the clinician should read into it


@dataclass(frozen=True)
class Mechanism:
    id: str
    name: Text
    review_section: str
    review_refs: tuple[str, ...]
    evidence_grade: str
    grade_rationale: Text
    references: tuple[str, ...]
    rules: tuple[Rule, ...] = ()
    pathways: tuple[Pathway, ...] = ()
    related: tuple[str, ...] = ()
    background: bool = False  # no routine input: explained, never flagged (DECISIONS.md §6)


@dataclass(frozen=True)
class KnowledgeBase:
    mechanisms: tuple[Mechanism, ...]
    references: Mapping[str, Reference]
    relations: tuple[Relation, ...] = ()

    def relation(self, mechanism_id: str, ref_id: str) -> Relation | None:
        """The mechanism-wide relation of a citation; None means it supports the mechanism."""
        for relation in self.relations:
            if relation.mechanism_id == mechanism_id and relation.ref == ref_id and not relation.rules:
                return relation
        return None

    def relations_of(self, mechanism_id: str, rule_ids: Iterable[str] = ()) -> tuple[Relation, ...]:
        """Relations on the mechanism as a whole and on any of `rule_ids`, in knowledge-base order."""
        wanted = set(rule_ids)
        return tuple(
            r
            for r in self.relations
            if r.mechanism_id == mechanism_id and (not r.rules or wanted.intersection(r.rules))
        )

    def mechanism(self, mechanism_id: str) -> Mechanism:
        for mechanism in self.mechanisms:
            if mechanism.id == mechanism_id:
                return mechanism
        raise KeyError(mechanism_id)

    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for m in self.mechanisms for r in m.rules)

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules():
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def input_fields(self) -> tuple[str, ...]:
        """Every Measurements field or property any rule reads, sorted."""
        names = {f for r in self.rules() for f in _rule_reads(r)}
        return tuple(sorted(names))


def measurement_inputs() -> frozenset[str]:
    """Names a rule may read: Measurements fields (bar `extra`) and its derived properties."""
    fields = {f.name for f in dataclasses.fields(Measurements)} - {"extra"}
    props = {n for n, v in vars(Measurements).items() if isinstance(v, (property, functools.cached_property))}
    return frozenset(fields | props)


def _rule_reads(rule: Rule) -> tuple[str, ...]:
    guard = rule.applies_if.reads() if rule.applies_if is not None else ()
    return (*guard, *rule.expr.reads())


def _fail(entry: str, field: str, problem: str) -> NoReturn:
    raise KnowledgeError(f"{entry}: field '{field}': {problem}")


def _check_choice(entry: str, field: str, value: object, allowed: Iterable[object]) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        _fail(entry, field, f"{value!r} is not one of {', '.join(map(str, allowed))}")


def _check_text(entry: str, field: str, text: Text | None) -> None:
    """Both languages present, non-empty, and dose-free."""
    if not isinstance(text, Mapping):
        _fail(entry, field, "must map each language to a text")
    for lang in LANGS:
        value = text.get(lang)
        if not isinstance(value, str) or not value.strip():
            _fail(entry, field, f"missing translation '{lang}'")
        _check_dose(entry, field, value)


def _check_dose(entry: str, field: str, value: str) -> None:
    dose = find_dose(value)
    if dose:
        _fail(entry, field, f"text contains a dose ({dose!r})")


def _check_refs(entry: str, field: str, ids: Iterable[str], references: Mapping[str, Reference]) -> None:
    for ref_id in ids:
        if ref_id not in references:
            _fail(entry, field, f"reference '{ref_id}' does not resolve")


def _check_reference(ref: Reference, ids: Iterable[str]) -> None:
    entry = f"reference '{ref.id}'"
    for name in ("title", "journal"):
        if not getattr(ref, name).strip():
            _fail(entry, name, "is empty")
    if not 1900 <= ref.year <= 2100:
        _fail(entry, "year", f"{ref.year!r} is not a publication year")
    for code in ref.unverified:
        _check_choice(entry, "unverified", code, UNVERIFIABLE)
    for name in ("authors", "volume", "pages"):
        if not getattr(ref, name).strip() and name not in ref.unverified:
            _fail(entry, name, "is empty (name it in 'unverified' if no record confirms it)")
    if not (ref.doi or ref.pmid) and "identifier" not in ref.unverified:
        _fail(entry, "doi", "a reference needs a DOI or a PMID")
    for section in ref.review_sections or ("",):
        _check_choice(entry, "review_sections", section, REVIEW_SECTIONS)
    if ref.mapping is not None:
        _check_choice(entry, "mapping", ref.mapping, MAPPINGS)
    if ref.doi is not None and not re.fullmatch(r"10\.\d{4,9}/\S+", ref.doi):
        _fail(entry, "doi", f"{ref.doi!r} is not a DOI")
    if ref.pmid is not None and not re.fullmatch(r"\d{1,9}", ref.pmid):
        _fail(entry, "pmid", f"{ref.pmid!r} is not a PMID")
    if ref.pmcid is not None and not re.fullmatch(r"PMC\d+", ref.pmcid):
        _fail(entry, "pmcid", f"{ref.pmcid!r} is not a PMC id")
    if ref.superseded_by is not None and ref.superseded_by not in ids:
        _fail(entry, "superseded_by", f"reference '{ref.superseded_by}' does not resolve")


def _check_relation(relation: Relation, mechanisms: Mapping[str, Mechanism], refs: Mapping[str, Reference]) -> None:
    entry = f"relation '{relation.mechanism_id}/{relation.ref}'"
    _check_choice(entry, "relation", relation.relation, RELATIONS)
    mech = mechanisms.get(relation.mechanism_id)
    if mech is None:
        _fail(entry, "mechanism_id", f"'{relation.mechanism_id}' is not a mechanism")
    _check_refs(entry, "ref", (relation.ref,), refs)
    rules = {r.id: r for r in mech.rules}
    for rule_id in relation.rules:
        if rule_id not in rules:
            _fail(entry, "rules", f"'{rule_id}' is not a rule of '{mech.id}'")
    cited = set(mech.references) | {rules[r].threshold_source for r in relation.rules}
    if relation.ref not in cited:
        _fail(entry, "ref", f"'{mech.id}' does not cite it (references or the rules' threshold sources)")
    if relation.relation == "superseded" and refs[relation.ref].superseded_by is None:
        _fail(entry, "relation", "'superseded' needs the reference's superseded_by")
    _check_text(entry, "note", relation.note)


def _check_expr_fields(entry: str, field: str, expr: Expr, known: frozenset[str]) -> None:
    for name in expr.reads():
        if name not in known:
            _fail(entry, field, f"'{name}' is not a Measurements field or derived property")
    for leaf in _leaves(expr):
        _check_leaf(entry, field, leaf)


def _leaves(expr: Expr) -> Iterable[Expr]:
    parts = getattr(expr, "parts", None)
    if parts is not None:
        for part in parts:
            yield from _leaves(part)
    elif isinstance(expr, IfRecorded):
        yield expr.inner
    else:
        yield expr


def _check_leaf(entry: str, field: str, leaf: Expr) -> None:
    if isinstance(leaf, Cmp):
        _check_choice(entry, f"{field} operator", leaf.op, ("<", "<=", ">", ">="))
    if isinstance(leaf, Range):
        _check_choice(entry, f"{field} operator", leaf.low_op, (">", ">="))
        _check_choice(entry, f"{field} operator", leaf.high_op, ("<", "<="))
    if isinstance(leaf, HasAny):
        _check_choice(entry, field, leaf.field, CODE_FIELDS)
        for code in sorted(leaf.codes - CODE_FIELDS[leaf.field]):
            _fail(entry, field, f"unknown {leaf.field} code '{code}'")


def _check_rule(rule: Rule, owner: str, refs: Mapping[str, Reference], known: frozenset[str]) -> None:
    entry = f"rule '{rule.id}'"
    if rule.mechanism_id != owner:
        _fail(entry, "mechanism_id", f"'{rule.mechanism_id}' is not its mechanism '{owner}'")
    if not rule.id.startswith(f"{owner}.") or len(rule.id) == len(owner) + 1:
        _fail(entry, "id", f"must be '{owner}.<name>' (stored results name rules within their mechanism)")
    _check_choice(entry, "tier", rule.tier, TIERS)
    _check_choice(entry, "threshold_status", rule.threshold_status, THRESHOLD_STATUSES)
    _check_refs(entry, "threshold_source", (rule.threshold_source,), refs)
    _check_expr_fields(entry, "expr", rule.expr, known)
    if rule.applies_if is not None:
        _check_expr_fields(entry, "applies_if", rule.applies_if, known)
    if rule.tier == "context" or rule.note is not None:
        _check_text(entry, "note", rule.note)


def _check_pathway(pathway: Pathway, owner: str, refs: Mapping[str, Reference]) -> None:
    entry = f"pathway '{pathway.id}'"
    if pathway.mechanism_id != owner:
        _fail(entry, "mechanism_id", f"'{pathway.mechanism_id}' is not its mechanism '{owner}'")
    _check_text(entry, "title", pathway.title)
    for lang in LANGS:
        steps = pathway.steps.get(lang)
        if not steps or len(steps) < 2:
            _fail(entry, "steps", f"missing translation '{lang}' (needs at least two steps)")
        for step in steps:
            _check_dose(entry, "steps", step)
    if len(pathway.steps["en"]) != len(pathway.steps["zh-hans"]):
        _fail(entry, "steps", "languages have a different number of steps")
    for kind in pathway.evidence or ("",):
        _check_choice(entry, "evidence", kind, EVIDENCE_KINDS)
    _check_refs(entry, "refs", pathway.refs, refs)
    if pathway.caveat is not None:
        _check_text(entry, "caveat", pathway.caveat)


def _check_mechanism(mech: Mechanism, refs: Mapping[str, Reference], known: frozenset[str]) -> None:
    entry = f"mechanism '{mech.id}'"
    _check_choice(entry, "id", mech.id, MECHANISM_IDS)
    _check_text(entry, "name", mech.name)
    _check_choice(entry, "review_section", mech.review_section, REVIEW_SECTIONS)
    _check_choice(entry, "evidence_grade", mech.evidence_grade, GRADES)
    _check_text(entry, "grade_rationale", mech.grade_rationale)
    if not mech.references:
        _fail(entry, "references", "names no reference")
    _check_refs(entry, "references", mech.references, refs)
    for other in mech.related:
        _check_choice(entry, "related", other, MECHANISM_IDS)
    if mech.background and mech.rules:
        _fail(entry, "rules", "a background mechanism has no rules (DECISIONS.md §6)")
    for rule in mech.rules:
        _check_rule(rule, mech.id, refs, known)
    for pathway in mech.pathways:
        _check_pathway(pathway, mech.id, refs)


def _check_unique(kind: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            _fail(f"{kind} '{item}'", "id", "is duplicated")
        seen.add(item)


def load_knowledge(
    mechanisms: Iterable[Mechanism], references: Iterable[Reference], relations: Iterable[Relation] = ()
) -> KnowledgeBase:
    """Validate every entry and return the knowledge base, ordered as DECISIONS.md §6 lists ids."""
    mechanisms, references, relations = tuple(mechanisms), tuple(references), tuple(relations)
    _check_unique("reference", (r.id for r in references))
    _check_unique("mechanism", (m.id for m in mechanisms))
    _check_unique("rule", (r.id for m in mechanisms for r in m.rules))
    _check_unique("pathway", (p.id for m in mechanisms for p in m.pathways))
    _check_unique("relation", (f"{r.mechanism_id}/{r.ref}/{','.join(r.rules)}" for r in relations))
    ids = {r.id for r in references}
    for ref in references:
        _check_reference(ref, ids)
    by_id = {r.id: r for r in references}
    known = measurement_inputs()
    for mech in mechanisms:
        _check_mechanism(mech, by_id, known)
    absent = [i for i in MECHANISM_IDS if i not in {m.id for m in mechanisms}]
    if absent:
        _fail(f"mechanism '{absent[0]}'", "id", "is missing from the knowledge base")
    by_mechanism = {m.id: m for m in mechanisms}
    for relation in relations:
        _check_relation(relation, by_mechanism, by_id)
    ordered = tuple(sorted(mechanisms, key=lambda m: MECHANISM_IDS.index(m.id)))
    return KnowledgeBase(ordered, by_id, relations)
