"""Rule expressions: small declarative objects evaluated to True, False or None (unknown).

Objects rather than strings so that the loader can list every field a rule reads and check it against
`Measurements`, and so that every fired comparison can report the value and the threshold it crossed.

DECISIONS.md §6 (rule-set 2026.2): three-valued (Kleene) logic. A comparison with a missing operand is
unknown; `All` is false when any part is false, true when every part is true, otherwise unknown; `Any`
is true when any part is true, false when every part is false, otherwise unknown. So HbA1c 7.5 % with
no condition list makes `Any(HbA1c >= 6.5, has_any(conditions, {diabetes}))` true, and a rule is never
false because a value is missing. `NotRecorded` and `IfRecorded` (mechanisms.md §4.2 `IS NULL`) are
never unknown. `missing(m)` names what to record to settle an unknown expression: only the operands of
its unknown parts, since a settled part needs nothing more.
"""

from __future__ import annotations

import operator
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

COMPARATORS: dict[str, Callable[[typing.Any, typing.Any], bool]] = {
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

    def to_dict(self) -> dict[str, object]:
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
    def from_dict(cls, data: dict[str, typing.Any]) -> Trigger:
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

    def truth(self, m: object) -> bool | None:
        """Three-valued value: None when unknown."""

    def missing(self, m: object) -> tuple[str, ...]:
        """The recordable fields whose absence keeps the expression unknown (empty once it is settled)."""

    def triggers(self, m: object) -> tuple[Trigger, ...]:
        """The comparisons that made a true expression true."""


def _absent(names: Iterable[str], m: object) -> tuple[str, ...]:
    """Absent inputs among `names`, a derived value mapped to the recordable fields it comes from."""
    missing: list[str] = []
    for name in names:
        if getattr(m, name) is not None:
            continue
        sources = [s for s in DERIVED_INPUTS.get(name, ()) if getattr(m, s) is None]
        missing.extend(sources or [name])
    return tuple(dict.fromkeys(missing))


class _Leaf:
    """A comparison: unknown when any operand is missing, else its plain boolean `holds`."""

    def truth(self, m: object) -> bool | None:
        for name in self.required():  # type: ignore[attr-defined]
            if getattr(m, name) is None:
                return None
        return bool(self.holds(m))  # type: ignore[attr-defined]

    def missing(self, m: object) -> tuple[str, ...]:
        return _absent(self.required(), m)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Field:
    """A threshold taken from another input, e.g. the lab's own upper reference limit."""

    name: str


@dataclass(frozen=True)
class Cmp(_Leaf):
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
class Range(_Leaf):
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
class Eq(_Leaf):
    field: str
    value: str | bool

    def required(self) -> tuple[str, ...]:
        return (self.field,)

    def reads(self) -> tuple[str, ...]:
        return (self.field,)

    def holds(self, m: object) -> bool:
        return bool(getattr(m, self.field) == self.value)

    def triggers(self, m: object) -> tuple[Trigger, ...]:
        return (Trigger(self.field, "==", getattr(m, self.field), self.value),)


@dataclass(frozen=True)
class HasAny(_Leaf):
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

    def truth(self, m: object) -> bool:
        return self.holds(m)

    def missing(self, m: object) -> tuple[str, ...]:
        return ()

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

    def truth(self, m: object) -> bool | None:
        return True if self._absent(m) else self.inner.truth(m)

    def missing(self, m: object) -> tuple[str, ...]:
        return ()  # an absent operand makes it true; present operands settle the comparison

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
        self.__dict__["parts"] = tuple(parts)  # a frozen record's one field, set as it is built

    def required(self) -> tuple[str, ...]:
        return ordered_unique(p.required() for p in self.parts)

    def reads(self) -> tuple[str, ...]:
        return ordered_unique(p.reads() for p in self.parts)

    def truth(self, m: object) -> bool | None:
        raise NotImplementedError

    def missing(self, m: object) -> tuple[str, ...]:
        """Only the operands of the parts still unknown; nothing once the whole is settled."""
        if self.truth(m) is not None:
            return ()
        return ordered_unique(p.missing(m) for p in self.parts if p.truth(m) is None)


@dataclass(frozen=True, init=False)
class All(_Parts):
    """Kleene AND: false when any part is false, true when every part is true, otherwise unknown."""

    def truth(self, m: object) -> bool | None:
        result: bool | None = True
        for part in self.parts:
            value = part.truth(m)
            if value is False:
                return False
            if value is None:
                result = None
        return result

    def triggers(self, m: object) -> tuple[Trigger, ...]:
        return tuple(t for p in self.parts for t in p.triggers(m))


@dataclass(frozen=True, init=False)
class Any(_Parts):
    """Kleene OR: true when any part is true, false when every part is false, otherwise unknown."""

    def truth(self, m: object) -> bool | None:
        result: bool | None = False
        for part in self.parts:
            value = part.truth(m)
            if value is True:
                return True
            if value is None:
                result = None
        return result

    def triggers(self, m: object) -> tuple[Trigger, ...]:
        """Only the true parts made it true."""
        return tuple(t for p in self.parts if p.truth(m) is True for t in p.triggers(m))


def ordered_unique(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    """Ordered, de-duplicated concatenation (order = reading order of the rule)."""
    seen: dict[str, None] = {}
    for group in groups:
        for name in group:
            seen.setdefault(name, None)
    return tuple(seen)


def missing_inputs(expr: Expr, m: object) -> tuple[str, ...]:
    """What to record to settle `expr` (empty when it is true or false)."""
    return expr.missing(m)


def evaluate(expr: Expr, m: object) -> bool | None:
    """Three-valued (Kleene) value of `expr` for one visit (DECISIONS.md §6)."""
    return expr.truth(m)
