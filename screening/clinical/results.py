"""What the criteria engine returns: frozen records that a stored result and a printed report rebuild from.

The web app keeps `CriteriaResult.to_dict()` in a JSONField, so every record serialises to plain
JSON types and `CriteriaResult.from_dict` round-trips it exactly (DECISIONS.md preamble: results carry
the rule-set version so a report can be reproduced).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LOW = "low"
NORMAL = "normal"
UNKNOWN = "unknown"
OUTCOMES = (LOW, NORMAL, UNKNOWN)
OPERATORS = ("<", "<=", ">", ">=")


@dataclass(frozen=True, slots=True)
class Test:
    """One value compared with one cut-off, exactly as compared (DECISIONS.md §1), with its source."""

    __test__ = False  # tell pytest this is not a test class

    name: str  # code, e.g. "grip_strength"
    value: float | None  # as compared; None when not measured (or unable)
    unit: str  # "kg", "s", "m/s", "kg/m²", "m²", "points"
    operator: str  # how "low" is decided: value <operator> cutoff
    cutoff: float | None  # None only when the cut-off cannot be chosen (no sex, no mass method)
    outcome: str  # "low" / "normal" / "unknown"
    unable: bool  # patient could not perform the test: counts as low
    source: str  # criteria.md section + paper
    derived: bool  # computed by the engine (e.g. ASM/height²), not entered

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "operator": self.operator,
            "cutoff": self.cutoff,
            "outcome": self.outcome,
            "unable": self.unable,
            "source": self.source,
            "derived": self.derived,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Test:
        return cls(
            name=data["name"],
            value=data["value"],
            unit=data["unit"],
            operator=data["operator"],
            cutoff=data["cutoff"],
            outcome=data["outcome"],
            unable=data["unable"],
            source=data["source"],
            derived=data["derived"],
        )


@dataclass(frozen=True, init=False)
class Component:
    """A three-valued component (DECISIONS.md §2) and the tests that decided it."""

    code: str  # e.g. "strength", "quantity", "performance", "mass", "weakness", "low_lean", "slowness"
    status: str  # "low" / "normal" / "unknown"
    tests: tuple[Test, ...]

    def __init__(self, code: str, status: str, tests: tuple[Test, ...]) -> None:
        # Built on every visit: filling the instance dict is 4x faster than the frozen dataclass
        # __init__ (one object.__setattr__ per field); assignment afterwards still raises.
        fields = self.__dict__
        fields["code"] = code
        fields["status"] = status
        fields["tests"] = tests

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "status": self.status, "tests": [t.to_dict() for t in self.tests]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Component:
        tests = tuple(Test.from_dict(t) for t in data["tests"])
        return cls(code=data["code"], status=data["status"], tests=tests)


@dataclass(frozen=True, init=False)
class CaseFinding:
    """Screening reported beside a result; it never gates it (DECISIONS.md §3, §4). None = not known."""

    sarc_f_score: int | None
    sarc_f_positive: bool | None
    calf_cm: float | None
    calf_low: bool | None
    calf_cutoff: float | None
    sarc_calf_score: int | None
    sarc_calf_positive: bool | None
    clinical_suspicion: bool
    tools: tuple[str, ...]  # which pieces this set's case finding counts
    positive: bool | None  # True: any counted piece positive; False: ≥1 known, none positive

    def __init__(
        self,
        sarc_f_score: int | None,
        sarc_f_positive: bool | None,
        calf_cm: float | None,
        calf_low: bool | None,
        calf_cutoff: float | None,
        sarc_calf_score: int | None,
        sarc_calf_positive: bool | None,
        clinical_suspicion: bool,
        tools: tuple[str, ...],
        positive: bool | None,
    ) -> None:
        # Built for two sets on most visits: see Component.__init__ for why the dict is filled directly.
        fields = self.__dict__
        fields["sarc_f_score"] = sarc_f_score
        fields["sarc_f_positive"] = sarc_f_positive
        fields["calf_cm"] = calf_cm
        fields["calf_low"] = calf_low
        fields["calf_cutoff"] = calf_cutoff
        fields["sarc_calf_score"] = sarc_calf_score
        fields["sarc_calf_positive"] = sarc_calf_positive
        fields["clinical_suspicion"] = clinical_suspicion
        fields["tools"] = tools
        fields["positive"] = positive

    def to_dict(self) -> dict[str, Any]:
        return {
            "sarc_f_score": self.sarc_f_score,
            "sarc_f_positive": self.sarc_f_positive,
            "calf_cm": self.calf_cm,
            "calf_low": self.calf_low,
            "calf_cutoff": self.calf_cutoff,
            "sarc_calf_score": self.sarc_calf_score,
            "sarc_calf_positive": self.sarc_calf_positive,
            "clinical_suspicion": self.clinical_suspicion,
            "tools": list(self.tools),
            "positive": self.positive,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaseFinding:
        return cls(**{**data, "tools": tuple(data["tools"])})


@dataclass(frozen=True, init=False)
class CriteriaResult:
    """One criteria set's verdict on one visit, with what decided it and what would complete it."""

    criteria_set: str  # "ewgsop2", "awgs2019", "fnih", "sdoc"
    rule_set_version: str
    category: str
    components: tuple[Component, ...]
    decisive: tuple[Test, ...]  # the tests that decided the category
    reason: str  # which rule of the set's "first match wins" order matched
    to_complete: tuple[str, ...]  # measurement codes that would complete the assessment
    next_step: str
    case_finding: CaseFinding | None  # None for sets without a case-finding step (FNIH, SDOC)
    notes: tuple[str, ...]

    def __init__(
        self,
        criteria_set: str,
        rule_set_version: str,
        category: str,
        components: tuple[Component, ...],
        decisive: tuple[Test, ...],
        reason: str,
        to_complete: tuple[str, ...],
        next_step: str,
        case_finding: CaseFinding | None,
        notes: tuple[str, ...],
    ) -> None:
        # Built for every set on every visit: see Component.__init__ for why the dict is filled directly.
        fields = self.__dict__
        fields["criteria_set"] = criteria_set
        fields["rule_set_version"] = rule_set_version
        fields["category"] = category
        fields["components"] = components
        fields["decisive"] = decisive
        fields["reason"] = reason
        fields["to_complete"] = to_complete
        fields["next_step"] = next_step
        fields["case_finding"] = case_finding
        fields["notes"] = notes

    def component(self, code: str) -> Component:
        """The named component; KeyError when the set has no such component."""
        for component in self.components:
            if component.code == code:
                return component
        raise KeyError(code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "criteria_set": self.criteria_set,
            "rule_set_version": self.rule_set_version,
            "category": self.category,
            "components": [c.to_dict() for c in self.components],
            "decisive": [t.to_dict() for t in self.decisive],
            "reason": self.reason,
            "to_complete": list(self.to_complete),
            "next_step": self.next_step,
            "case_finding": None if self.case_finding is None else self.case_finding.to_dict(),
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CriteriaResult:
        case = data["case_finding"]
        return cls(
            criteria_set=data["criteria_set"],
            rule_set_version=data["rule_set_version"],
            category=data["category"],
            components=tuple(Component.from_dict(c) for c in data["components"]),
            decisive=tuple(Test.from_dict(t) for t in data["decisive"]),
            reason=data["reason"],
            to_complete=tuple(data["to_complete"]),
            next_step=data["next_step"],
            case_finding=None if case is None else CaseFinding.from_dict(case),
            notes=tuple(data["notes"]),
        )
