"""One read model per visit: its stored results expanded once, its derived values computed once.

Every read path (the visit page, the report and its fingerprint, the take-home page, the exports, the
FHIR and cohort pages) reads a visit's results through `visit_results(visit)`. The object is kept on
the Visit instance, so one request that reads a visit several times (a report reads each earlier visit
for its trend charts and its fingerprint) expands the stored JSON once per visit. It is keyed by the
stored values it was built from: a visit whose results or inputs are reassigned (a save) is read anew.

Derived values (BMI, ASMI, gait speed, age) are the engine's `Measurements`, built once from the
visit; no presenter, export or admin column computes them again.
"""

from __future__ import annotations

import weakref
from functools import cached_property

import orjson

from screening.catalogue.adapters import INPUT_FIELDS, measurements_for_visit
from screening.clinical.criteria.base import CAVEATS
from screening.clinical.measurements import Measurements
from screening.clinical.results import CriteriaResult as EngineResult
from screening.results import result_codec

_MEMO = "_visit_results"  # the attribute a Visit instance keeps its read model in


def _loaded(value) -> dict:
    """A JSON column's value as Python: a freshly saved visit holds the text it wrote (a JsonText)."""
    if isinstance(value, (str, bytes)):
        return orjson.loads(value if type(value) in (str, bytes) else str(value))  # orjson takes no subclass
    return value or {}


def _inputs_of(visit) -> tuple:
    """What the engine's measurements of a visit are built from (its inputs, date, patient)."""
    patient = visit.patient
    return (
        tuple(getattr(visit, name) for name in INPUT_FIELDS),
        visit.visit_date,
        patient.sex,
        patient.date_of_birth,
        patient.site.population,
    )


class VisitResults:
    """A visit's stored results and derived values, each part expanded on first use and then kept.

    `compact` is the stored results document (not expanded), `details` every set's detail in the engine's
    `to_dict()` shape, `engine` the same as engine results, `mechanism_details` the mechanism report,
    `measurements` the engine's input with its derived values.
    """

    def __init__(self, visit) -> None:
        # kept by the visit, it refers back weakly: no reference cycle, so an export's visits are freed
        # as soon as it moves past them
        self._visit = weakref.ref(visit)
        self.rule_set_version: str = visit.rule_set_version
        self._sources: dict[str, object] = {}
        self._tests: dict[str, dict[str, dict]] = {}
        self._measured: tuple[tuple, Measurements] | None = None

    @property
    def visit(self):
        return self._visit()

    def _source(self, name: str):
        """The column's value this read model's part was built from (read once, then kept)."""
        if name not in self._sources:
            self._sources[name] = getattr(self.visit, name)
        return self._sources[name]

    def current(self, visit) -> bool:
        """Whether no stored result this object read has been reassigned on the visit since (a save)."""
        if visit.rule_set_version != self.rule_set_version:
            return False
        return all(visit.__dict__.get(name, source) is source for name, source in self._sources.items())

    @cached_property
    def compact(self) -> dict:
        return _loaded(self._source("results"))

    @cached_property
    def details(self) -> dict[str, dict]:
        """Set code -> the stored detail of that set ({} if not screened)."""
        return result_codec.expand_results(self.compact)

    @cached_property
    def engine(self) -> dict[str, EngineResult]:
        """The stored detail of every set rebuilt as engine results (to render tests and findings)."""
        version = self.rule_set_version
        return {
            code: EngineResult.from_dict({**detail, "rule_set_version": version})
            for code, detail in self.details.items()
        }

    @cached_property
    def mechanism_details(self) -> dict:
        """The stored mechanism report in the engine's `to_dict()` shape ({} if not screened)."""
        return result_codec.expand_mechanisms(_loaded(self._source("mechanisms")))

    @property
    def measurements(self) -> Measurements:
        """The engine's input for the visit, with its derived values: built once, and again only when an
        input of the visit has changed since (a form's unsaved edit)."""
        inputs = _inputs_of(self.visit)
        if self._measured is None or self._measured[0] != inputs:
            self._measured = (inputs, measurements_for_visit(self.visit))
        return self._measured[1]

    def tests(self, code: str) -> dict[str, dict]:
        """The stored Test records of one set's result by test name (the first occurrence wins)."""
        if code not in self._tests:
            tests: dict[str, dict] = {}
            for component in (self.details.get(code) or {}).get("components", ()):
                for test in component["tests"]:
                    tests.setdefault(test["name"], test)
            self._tests[code] = tests
        return self._tests[code]

    def category(self, code: str) -> str | None:
        """The stored category under one set from the detail (None when the visit was not screened)."""
        detail = self.details.get(code)
        return detail["category"] if detail else None

    @cached_property
    def caveats(self) -> str:
        """DECISIONS.md §7 caveats of every set as `set:caveat` joined by `;` (the exports' `caveats`).

        Read straight from the stored notes, without expanding the detail.
        """
        sets = self.compact.get("sets", {})
        return ";".join(
            f"{code}:{note.removeprefix('caveat_')}"
            for code, item in sets.items()
            for note in item["notes"]
            if note in CAVEATS
        )


def visit_results(visit) -> VisitResults:
    """The visit's read model, built on first use and kept on the instance while its columns stand."""
    memo = getattr(visit, _MEMO, None)
    if memo is None or not memo.current(visit):
        memo = VisitResults(visit)
        setattr(visit, _MEMO, memo)  # a Django row's attribute, as Django's own cached_property keeps
    return memo
