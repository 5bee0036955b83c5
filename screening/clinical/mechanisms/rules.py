"""Rule expressions: small declarative objects evaluated to True, False or None (unknown).

Objects rather than strings so that the loader can list every field a rule reads and check it against
`Measurements`, and so that every fired comparison can report the value and the threshold it crossed.

DECISIONS.md §6: "A rule with any missing operand is unknown, never false." We apply it literally:
`evaluate` first collects the operands the whole expression needs and returns None if any is missing,
before any boolean logic runs. So `All(false, missing)` and `Any(true, missing)` are both None; no
short-circuit can hide a missing value. A rule that is meant to tolerate an absent value says so
explicitly with `NotRecorded` or `IfRecorded` (mechanisms.md §4.2 writes these as `IS NULL`).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from collections.abc import Callable, Iterable
from typing import Protocol

COMPARATORS: dict[str, Callable[[object, object], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
LOWER_OPS = (">", ">=")
UPPER_OPS = ("<", "<=")

# Derived properties of Measurements and the recorded fields they come from, so that an unknown rule
# can tell the clinician what to record rather than naming a value nobody enters.
DERIVED_INPUTS: dict[str, tuple[str, ...]] = {
    "bmi_kg_m2": ("height_cm", "weight_kg"),
    "bmi_rounded": ("height_cm", "weight_kg"),
}


@dataclass(frozen=True)
class Trigger:
    """What made one comparison true, e.g. 25(OH)D 14 ng/mL `<` 20 ng/mL; rendered by text.py."""

    field: str
    operator: str  # "<", "<=", ">", ">=", "==", "has_any", "not_recorded"
    value: object = None
    threshold: object = None
    unit: str = ""
    upper_operator: str | None = None
    upper_threshold: float | None = None
    threshold_field: str | None = None  # set when the threshold is another input (a lab's limit)

    @property
    def key(self) -> str:
        """Names the template that renders this trigger (text_triggers.py)."""
        if self.operator == "==":
            return f"{self.field} == {self.threshold}"
        if self.upper_operator:
            return f"{self.field} {self.operator},{self.upper_operator}"
        return f"{self.field} {self.operator}"

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "operator": self.operator,
            "value": _jsonable(self.value),
            "threshold": _jsonable(self.threshold),
            "unit": self.unit,
            "upper_operator": self.upper_operator,
            "upper_threshold": self.upper_threshold,
            "threshold_field": self.threshold_field,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Trigger:
        def restore(v: object) -> object:
            return tuple(v) if isinstance(v, list) else v

        return cls(**{**data, "value": restore(data["value"]), "threshold": restore(data["threshold"])})


def _jsonable(value: object) -> object:
    if isinstance(value, (tuple, frozenset, set)):
        return sorted(value)
    return value


class Expr(Protocol):
    def required(self) -> tuple[str, ...]:
        """Fields that must be recorded for the expression to be evaluable."""

    def reads(self) -> tuple[str, ...]:
        """Every field the expression looks at (for validation), required or not."""

    def holds(self, m: object) -> bool:
        """Plain boolean value; only called once every required field is present."""

    def triggers(self, m: object) -> tuple[Trigger, ...]:
        """The comparisons that made a true expression true."""


@dataclass(frozen=True)
class Field:
    """A threshold taken from another input, e.g. the lab's own upper reference limit."""

    name: str


@dataclass(frozen=True)
class Cmp:
    field: str
    op: str
    threshold: float | Field
    unit: str = ""

    def required(self) -> tuple[str, ...]:
        extra = (self.threshold.name,) if isinstance(self.threshold, Field) else ()
        return (self.field, *extra)

    def reads(self) -> tuple[str, ...]:
        return self.required()

    def limit(self, m: object) -> object:
        if isinstance(self.threshold, Field):
            return getattr(m, self.threshold.name)
        return self.threshold

    def holds(self, m: object) -> bool:
        return COMPARATORS[self.op](getattr(m, self.field), self.limit(m))

    def triggers(self, m: object) -> tuple[Trigger, ...]:
        source = self.threshold.name if isinstance(self.threshold, Field) else None
        value = getattr(m, self.field)
        return (Trigger(self.field, self.op, value, self.limit(m), self.unit, threshold_field=source),)


@dataclass(frozen=True)
class Range:
    """A band on one field, e.g. hs-CRP > 3 and ≤ 10 mg/L, reported as one trigger."""

    field: str
    low_op: str
    low: float
    high_op: str
    high: float
    unit: str = ""

    def required(self) -> tuple[str, ...]:
        return (self.field,)

    def reads(self) -> tuple[str, ...]:
        return (self.field,)

    def holds(self, m: object) -> bool:
        value = getattr(m, self.field)
        return COMPARATORS[self.low_op](value, self.low) and COMPARATORS[self.high_op](value, self.high)

    def triggers(self, m: object) -> tuple[Trigger, ...]:
        value = getattr(m, self.field)
        return (Trigger(self.field, self.low_op, value, self.low, self.unit, self.high_op, self.high),)


@dataclass(frozen=True)
class Eq:
    field: str
    value: str | bool

    def required(self) -> tuple[str, ...]:
        return (self.field,)

    def reads(self) -> tuple[str, ...]:
        return (self.field,)

    def holds(self, m: object) -> bool:
        return getattr(m, self.field) == self.value

    def triggers(self, m: object) -> tuple[Trigger, ...]:
        return (Trigger(self.field, "==", getattr(m, self.field), self.value),)


@dataclass(frozen=True)
class HasAny:
    """Non-empty intersection of a recorded code set with `codes` (mechanisms.md §4.1 `has_any`)."""

    field: str
    codes: frozenset[str]

    def required(self) -> tuple[str, ...]:
        return (self.field,)

    def reads(self) -> tuple[str, ...]:
        return (self.field,)

    def holds(self, m: object) -> bool:
        return bool(frozenset(getattr(m, self.field)) & self.codes)

    def triggers(self, m: object) -> tuple[Trigger, ...]:
        found = tuple(sorted(frozenset(getattr(m, self.field)) & self.codes))
        return (Trigger(self.field, "has_any", found, tuple(sorted(self.codes))),)


@dataclass(frozen=True)
class NotRecorded:
    """True when the field is absent: the one place a missing value is itself the finding."""

    field: str

    def required(self) -> tuple[str, ...]:
        return ()

    def reads(self) -> tuple[str, ...]:
        return (self.field,)

    def holds(self, m: object) -> bool:
        return getattr(m, self.field) is None

    def triggers(self, m: object) -> tuple[Trigger, ...]:
        return (Trigger(self.field, "not_recorded"),)


@dataclass(frozen=True)
class IfRecorded:
    """`field IS NULL OR <inner>`: a declared optional operand (mechanisms.md §4.2, M10)."""

    inner: Cmp

    def required(self) -> tuple[str, ...]:
        return ()

    def reads(self) -> tuple[str, ...]:
        return self.inner.reads()

    def _absent(self, m: object) -> tuple[str, ...]:
        return tuple(f for f in self.inner.required() if getattr(m, f) is None)

    def holds(self, m: object) -> bool:
        return bool(self._absent(m)) or self.inner.holds(m)

    def triggers(self, m: object) -> tuple[Trigger, ...]:
        absent = self._absent(m)
        if absent:
            return tuple(Trigger(f, "not_recorded") for f in absent)
        return self.inner.triggers(m)


@dataclass(frozen=True)
class _Parts:
    """What All and Any share: their parts, and the inputs those parts need and read."""

    parts: tuple[Expr, ...]

    def __init__(self, *parts: Expr) -> None:
        object.__setattr__(self, "parts", tuple(parts))

    def required(self) -> tuple[str, ...]:
        return ordered_unique(p.required() for p in self.parts)

    def reads(self) -> tuple[str, ...]:
        return ordered_unique(p.reads() for p in self.parts)


@dataclass(frozen=True, init=False)
class All(_Parts):
    def holds(self, m: object) -> bool:
        return all(p.holds(m) for p in self.parts)

    def triggers(self, m: object) -> tuple[Trigger, ...]:
        return tuple(t for p in self.parts for t in p.triggers(m))


@dataclass(frozen=True, init=False)
class Any(_Parts):
    def holds(self, m: object) -> bool:
        return any(p.holds(m) for p in self.parts)

    def triggers(self, m: object) -> tuple[Trigger, ...]:
        return tuple(t for p in self.parts if p.holds(m) for t in p.triggers(m))


def ordered_unique(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    """Ordered, de-duplicated concatenation (order = reading order of the rule)."""
    seen: dict[str, None] = {}
    for group in groups:
        for name in group:
            seen.setdefault(name, None)
    return tuple(seen)


def _input_sources(expr: Expr) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each required input with the recordable fields it derives from, computed once per expression.

    Expressions are immutable and live as long as the knowledge base, so the walk over their parts
    is done on first use and kept on the expression (evaluation runs for every visit in a rescreen).
    """
    cached = expr.__dict__.get("_input_sources")
    if cached is None:
        cached = tuple((name, DERIVED_INPUTS.get(name, ())) for name in expr.required())
        object.__setattr__(expr, "_input_sources", cached)
    return cached


def missing_inputs(expr: Expr, m: object) -> tuple[str, ...]:
    """The recordable fields whose absence makes `expr` unknown (derived values mapped to sources)."""
    missing: list[str] = []
    for name, derived_from in _input_sources(expr):
        if getattr(m, name) is not None:
            continue
        sources = [s for s in derived_from if getattr(m, s) is None]
        missing.extend(sources or [name])
    if not missing:
        return ()
    return tuple(dict.fromkeys(missing))


def evaluate(expr: Expr, m: object) -> bool | None:
    """Three-valued: None when any required operand is missing, else the plain boolean value."""
    if missing_inputs(expr, m):
        return None
    return expr.holds(m)
