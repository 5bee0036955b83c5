"""Evaluate every mechanism for one visit (DECISIONS.md §6), whatever its sarcopenia category.

Status per mechanism, from its counting (strong and supportive) rules only:
  likely          ≥ 1 strong rule true, or ≥ 2 distinct supportive rules true
  possible        exactly 1 supportive rule true (and no strong one)
  not_flagged     no counting rule true, and none unknown
  not_assessable  no counting rule true, and at least one unknown
`missing_inputs` lists what to record to settle the unknown counting rules (empty once likely).
  background      neuromuscular junction and gut microbiota: explained, never flagged
Context rules never count; when true they add their note. A rule whose guard (`applies_if`, e.g. men
only) is false is not applicable and ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..measurements import Measurements
from .knowledge import KNOWLEDGE
from .rules import DERIVED_INPUTS, Trigger, ordered_unique
from .schema import KnowledgeBase, Mechanism, Rule

LIKELY = "likely"
POSSIBLE = "possible"
NOT_FLAGGED = "not_flagged"
NOT_ASSESSABLE = "not_assessable"
BACKGROUND = "background"
STATUSES = (LIKELY, POSSIBLE, NOT_FLAGGED, NOT_ASSESSABLE, BACKGROUND)

TRUE, FALSE, UNKNOWN, NOT_APPLICABLE = "true", "false", "unknown", "not_applicable"
RULE_OUTCOMES = (TRUE, FALSE, UNKNOWN, NOT_APPLICABLE)
COUNTING_TIERS = ("strong", "supportive")


@dataclass(frozen=True, init=False)
class RuleResult:
    rule_id: str
    tier: str
    outcome: str  # one of RULE_OUTCOMES
    triggers: tuple[Trigger, ...]
    missing: tuple[str, ...]

    def __init__(
        self, rule_id: str, tier: str, outcome: str, triggers: tuple[Trigger, ...] = (), missing: tuple[str, ...] = ()
    ) -> None:
        # Some forty per visit: filling the instance dict is several times faster than the frozen
        # dataclass __init__ (one object.__setattr__ per field); assignment afterwards still raises.
        fields = self.__dict__
        fields["rule_id"] = rule_id
        fields["tier"] = tier
        fields["outcome"] = outcome
        fields["triggers"] = triggers
        fields["missing"] = missing

    @property
    def value(self) -> bool | None:
        """Three-valued view; a rule that does not apply reads as False."""
        return {TRUE: True, FALSE: False, UNKNOWN: None, NOT_APPLICABLE: False}[self.outcome]

    def fired_dict(self) -> dict[str, Any]:
        return {"rule": self.rule_id, "tier": self.tier, "triggers": [t.to_dict() for t in self.triggers]}


@dataclass(frozen=True, init=False)
class MechanismResult:
    id: str
    status: str
    evidence_grade: str
    rules: tuple[RuleResult, ...]
    missing_inputs: tuple[str, ...]

    def __init__(
        self,
        id: str,
        status: str,
        evidence_grade: str,
        rules: tuple[RuleResult, ...],  # noqa: A002
        missing_inputs: tuple[str, ...] = (),
    ) -> None:
        fields = self.__dict__  # see RuleResult.__init__
        fields["id"] = id
        fields["status"] = status
        fields["evidence_grade"] = evidence_grade
        fields["rules"] = rules
        fields["missing_inputs"] = missing_inputs

    @property
    def fired(self) -> tuple[RuleResult, ...]:
        """True strong and supportive rules, each with its triggers."""
        return tuple(r for r in self.rules if r.outcome == TRUE and r.tier in COUNTING_TIERS)

    @property
    def context(self) -> tuple[RuleResult, ...]:
        """True context rules: explanation only (their notes are in the knowledge base)."""
        return tuple(r for r in self.rules if r.outcome == TRUE and r.tier == "context")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "evidence_grade": self.evidence_grade,
            "fired": [r.fired_dict() for r in self.fired],
            "context": [r.fired_dict() for r in self.context],
            "missing_inputs": list(self.missing_inputs),
            "rules": {r.rule_id: r.outcome for r in self.rules},
        }


@dataclass(frozen=True)
class MechanismReport:
    mechanisms: tuple[MechanismResult, ...]

    def __getitem__(self, mechanism_id: str) -> MechanismResult:
        for result in self.mechanisms:
            if result.id == mechanism_id:
                return result
        raise KeyError(mechanism_id)

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable, ordered as DECISIONS.md §6 lists the ids (a list survives jsonb)."""
        return {"mechanisms": [m.to_dict() for m in self.mechanisms]}

    @classmethod
    def from_dict(cls, data: dict[str, Any], knowledge: KnowledgeBase = KNOWLEDGE) -> MechanismReport:
        """Rebuild a stored report so its triggers can be rendered again."""
        return cls(tuple(_mechanism_from_dict(item, knowledge) for item in data["mechanisms"]))


def _mechanism_from_dict(item: dict[str, Any], knowledge: KnowledgeBase) -> MechanismResult:
    """Rules come back in the knowledge base's order, whatever order the stored keys kept (jsonb sorts them)."""
    fired = {f["rule"]: f for f in (*item["fired"], *item["context"])}
    order = {rule.id: i for i, rule in enumerate(knowledge.mechanism(item["id"]).rules)}
    rules = []
    for rule_id, outcome in sorted(item["rules"].items(), key=lambda pair: order[pair[0]]):
        triggers = tuple(Trigger.from_dict(t) for t in fired.get(rule_id, {}).get("triggers", ()))
        rules.append(RuleResult(rule_id, knowledge.rule(rule_id).tier, outcome, triggers))
    return MechanismResult(
        item["id"], item["status"], item["evidence_grade"], tuple(rules), tuple(item["missing_inputs"])
    )


def evaluate_rule(rule: Rule, m: Measurements) -> RuleResult:
    """One rule, three-valued (DECISIONS.md §6): `applies_if AND expr` in Kleene logic.

    A false guard makes the rule not applicable; a false expression makes it false whatever the guard;
    a true expression with an unknown guard is unknown (the guard's inputs are what to record).
    """
    guard = rule.applies_if
    applies = True if guard is None else guard.truth(m)
    if applies is False:
        return RuleResult(rule.id, rule.tier, NOT_APPLICABLE)
    value = rule.expr.truth(m)
    if value is False:
        return RuleResult(rule.id, rule.tier, FALSE)
    if value is None or applies is None:
        guard_missing = guard.missing(m) if guard is not None else ()
        return RuleResult(rule.id, rule.tier, UNKNOWN, missing=ordered_unique([guard_missing, rule.expr.missing(m)]))
    return RuleResult(rule.id, rule.tier, TRUE, triggers=rule.expr.triggers(m))


def mechanism_status(results: tuple[RuleResult, ...]) -> str:
    """The DECISIONS.md §6 count over strong and supportive rules; context rules never count."""
    counting = [r for r in results if r.tier in COUNTING_TIERS]
    strong = sum(r.outcome == TRUE for r in counting if r.tier == "strong")
    supportive = len({r.rule_id for r in counting if r.tier == "supportive" and r.outcome == TRUE})
    if strong or supportive >= 2:
        return LIKELY
    if supportive == 1:
        return POSSIBLE
    if any(r.outcome == UNKNOWN for r in counting):
        return NOT_ASSESSABLE
    return NOT_FLAGGED


def evaluate_mechanism(mechanism: Mechanism, m: Measurements) -> MechanismResult:
    grade = mechanism.evidence_grade
    if mechanism.background:
        return MechanismResult(mechanism.id, BACKGROUND, grade, ())
    results = tuple(evaluate_rule(rule, m) for rule in mechanism.rules)
    status = mechanism_status(results)
    if status == LIKELY:
        return MechanismResult(mechanism.id, status, grade, results)
    unknown = [r.missing for r in results if r.tier in COUNTING_TIERS and r.outcome == UNKNOWN]
    return MechanismResult(mechanism.id, status, grade, results, ordered_unique(unknown))


def evaluate_mechanisms(m: Measurements, knowledge: KnowledgeBase = KNOWLEDGE) -> MechanismReport:
    """Every mechanism for one visit, in DECISIONS.md §6 order."""
    memos = _memos(knowledge)
    return MechanismReport(tuple([memo.evaluate(mech, m) for mech, memo in zip(knowledge.mechanisms, memos)]))


class _Memo:
    """One mechanism's recent results by the values its rules read (its result depends on nothing else).

    Results are immutable, so a visit whose values for a mechanism equal an earlier visit's gets the
    same result object. Most visits leave most labs blank: every visit without IGF-1, HbA1c or a
    condition list, say, shares one 'hormonal' result, and a rescreen of 100,000 visits evaluates
    each such mechanism once. Values are keyed with their types, so 10 and 10.0 (written differently
    in the stored JSON) never share a result. Bounded: emptied when full.
    """

    SIZE = 1024  # at most ~9 MB per process (measured with tracemalloc on 1,024 distinct visits)

    def __init__(self, mechanism: Mechanism) -> None:
        names = (
            name
            for rule in mechanism.rules
            for expr in (rule.applies_if, rule.expr)
            if expr is not None
            for name in (*expr.reads(), *(s for n in expr.required() for s in DERIVED_INPUTS.get(n, ())))
        )
        self.names = tuple(dict.fromkeys(names))
        self.results: dict[tuple[object, ...], MechanismResult] = {}

    def evaluate(self, mechanism: Mechanism, m: Measurements) -> MechanismResult:
        values = [getattr(m, name) for name in self.names]
        key = (*values, *map(type, values))
        result = self.results.get(key)
        if result is None:
            if len(self.results) >= self.SIZE:
                self.results.clear()
            result = self.results[key] = evaluate_mechanism(mechanism, m)
        return result


# The evaluator's own memos, one per mechanism of each knowledge base it was given, keyed by the base's
# identity (a base holds a mapping, so it is not hashable). An entry keeps its base alive, so its id is not
# reused while the entry exists; a handful of bases (the shipped one, a few in tests) bound it.
_MEMOS: dict[int, tuple[KnowledgeBase, tuple[_Memo, ...]]] = {}
_MEMO_BASES = 8


def _memos(knowledge: KnowledgeBase) -> tuple[_Memo, ...]:
    entry = _MEMOS.get(id(knowledge))
    if entry is None or entry[0] is not knowledge:
        if len(_MEMOS) >= _MEMO_BASES:
            _MEMOS.clear()
        entry = _MEMOS[id(knowledge)] = (knowledge, tuple(_Memo(mech) for mech in knowledge.mechanisms))
    return entry[1]


def likely_ids(report: MechanismReport) -> list[str]:
    return sorted(r.id for r in report.mechanisms if r.status == LIKELY)


def possible_ids(report: MechanismReport) -> list[str]:
    return sorted(r.id for r in report.mechanisms if r.status == POSSIBLE)
