"""What a visit stores of its screening: the engine's answer turned into the visit's result columns.

Every criteria set's category has its own column (`<set>_category`), so lists, filters, exports and the
cohort dashboard read categories without a join or a recomputation. The detail of every set (components,
tests, cut-offs, case finding, what would complete it) is one JSON document in `results`, and the
mechanism report another in `mechanisms`, both in the compact form of `result_codec` (read them through
the visit's read model, `visit_results.visit_results(visit)`, or `details(visit)` and `mechanism_details(visit)`). `results_digest` is a SHA-256 of both texts: a
rescreen compares digests and rewrites only the visits whose results really changed.
`incomplete_sets` lists the sets whose result names measurements that would complete it (a worklist).

The rule-set version is stored once per visit (`rule_set_version`), not inside each set's detail, so
that a new version that changes nothing for a visit costs one UPDATE statement, not a rewrite.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import orjson

from screening.catalogue.adapters import INPUT_FIELDS, measurements_from_values
from screening.clinical import RULE_SET_VERSION, evaluate_all
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.clinical.measurements import Measurements
from screening.clinical.mechanisms import evaluate_mechanisms, likely_ids, possible_ids
from screening.clinical.results import CriteriaResult as EngineResult
from screening.results import result_codec
from screening.results.fields import JsonText, canonical_json
from screening.results.visit_results import visit_results

CATEGORY_FIELDS: dict[str, str] = {code: f"{code}_category" for code in CRITERIA_SETS}
RESULT_FIELDS = (
    "rule_set_version",
    *CATEGORY_FIELDS.values(),
    "results",
    "results_digest",
    "mechanisms",
    "mechanisms_likely",
    "mechanisms_possible",
    "incomplete_sets",
)
# The result columns no index holds and the cached cohort figures do not read (the visit page, the
# report and the live "incomplete" worklist do): rewriting only these leaves every index and the
# figures' cache stamp alone.
DETAIL_FIELDS = ("rule_set_version", "results", "results_digest", "mechanisms", "incomplete_sets")


@dataclass(frozen=True)
class StoredResults:
    """One visit's result columns, the JSON already serialised (cheap to pass between processes)."""

    categories: dict[str, str]
    results_json: str
    mechanisms_json: str
    mechanisms_likely: str
    mechanisms_possible: str
    incomplete_sets: str
    digest: str

    def row(self) -> tuple:
        """The values of RESULT_FIELDS in that order, JSON as text: what a bulk write sends to the driver."""
        return (
            RULE_SET_VERSION,
            *(self.categories[code] for code in CATEGORY_FIELDS),
            self.results_json,
            self.digest,
            self.mechanisms_json,
            self.mechanisms_likely,
            self.mechanisms_possible,
            self.incomplete_sets,
        )

    def detail_row(self) -> tuple:
        """The values of DETAIL_FIELDS in that order, JSON as text."""
        return (RULE_SET_VERSION, self.results_json, self.digest, self.mechanisms_json, self.incomplete_sets)

    def columns(self, *, serialised: bool = False) -> dict[str, object]:
        """Model field name -> value; `serialised` keeps the JSON as text for a bulk write."""
        if serialised:
            results, mechanisms = JsonText(self.results_json), JsonText(self.mechanisms_json)
        else:
            results, mechanisms = orjson.loads(self.results_json), orjson.loads(self.mechanisms_json)
        return {
            "rule_set_version": RULE_SET_VERSION,
            **{CATEGORY_FIELDS[code]: category for code, category in self.categories.items()},
            "results": results,
            "results_digest": self.digest,
            "mechanisms": mechanisms,
            "mechanisms_likely": self.mechanisms_likely,
            "mechanisms_possible": self.mechanisms_possible,
            "incomplete_sets": self.incomplete_sets,
        }


def compute(m: Measurements) -> StoredResults:
    """Evaluate every criteria set and every mechanism rule for one visit's measurements."""
    engine = evaluate_all(m)
    report = evaluate_mechanisms(m)
    results_json = canonical_json(result_codec.compact_results(engine))
    mechanisms_json = result_codec.mechanisms_json(report)
    digest = hashlib.sha256(f"{results_json}\n{mechanisms_json}".encode()).hexdigest()
    return StoredResults(
        categories={code: result.category for code, result in engine.items()},
        results_json=results_json,
        mechanisms_json=mechanisms_json,
        mechanisms_likely=";".join(likely_ids(report)),
        mechanisms_possible=";".join(possible_ids(report)),
        incomplete_sets=";".join(code for code, result in engine.items() if result.to_complete),
        digest=digest,
    )


def apply(visit, stored: StoredResults, *, serialised: bool = False) -> None:
    """Copy the result columns onto a Visit (saved by the caller, in the caller's transaction)."""
    for name, value in stored.columns(serialised=serialised).items():
        setattr(visit, name, value)


@dataclass(frozen=True)
class ScreenInput:
    """One visit's values as the engine needs them; `known_*` are its stored results, if any."""

    values: dict
    sex: str | None
    age_years: int | None
    population: str
    known_digest: str = ""
    known_categories: tuple[str, ...] = ()


def recorded(values: dict) -> dict:
    """The engine's inputs that were recorded: most of a visit's sixty inputs are blank, and only these
    need to travel to a worker process (the engine reads a missing name as not measured)."""
    return {name: values[name] for name in INPUT_FIELDS if values.get(name) is not None}


def compute_input(item: ScreenInput) -> StoredResults | None:
    """The visit's results, or None when they equal what is already stored (nothing to write)."""
    m = measurements_from_values(item.values, sex=item.sex, age_years=item.age_years, population=item.population)
    stored = compute(m)
    if stored.digest == item.known_digest and tuple(stored.categories.values()) == item.known_categories:
        return None
    return stored


class Screener:
    """Screens many visits in order, in `jobs` worker processes when there are enough of them.

    The engine is CPU-bound pure Python, so a second core halves a 100,000-visit import or rescreen.
    Workers are forked once and reused for every batch; they touch no database (the caller closes its
    connections before entering, as a forked child must not share them).
    """

    PARALLEL_FROM = 1000  # below this, forking costs more than it saves
    # A batch allocates millions of short-lived, acyclic objects; at the collector's default threshold
    # (700 allocations) it rescans the engine's memos again and again: a third of a rescreen's CPU time
    # (measured: 1.6 s against 1.1 s for 3,182 visits). Collection stays on, only rarer, for the job's
    # duration; forked workers inherit the setting.
    GC_THRESHOLD = 100_000

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = max(1, jobs)
        self._pool = None
        self._gc_threshold: tuple[int, int, int] | None = None

    def __enter__(self) -> Screener:
        self._gc_threshold = gc.get_threshold()
        gc.set_threshold(max(self.GC_THRESHOLD, self._gc_threshold[0]), *self._gc_threshold[1:])
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None
        if self._gc_threshold is not None:
            gc.set_threshold(*self._gc_threshold)

    def map(self, items: Sequence[ScreenInput]) -> list[StoredResults | None]:
        return self.submit(items).get()

    def submit(self, items: Sequence[ScreenInput]) -> Pending:
        """Start screening a batch and return at once; `.get()` waits for its results, in order.

        Callers submit the next batch before writing the previous one, so the workers compute while
        the parent process reads and writes the database. Without workers it computes on `.get()`.
        """
        if self.jobs == 1 or len(items) < self.PARALLEL_FROM:
            return _Later(items)
        if self._pool is None:  # forked on first use, reused for every later batch
            self._pool = multiprocessing.get_context("fork").Pool(self.jobs)
        return self._pool.map_async(compute_input, items, chunksize=max(50, len(items) // (self.jobs * 4)))


class Pending(Protocol):
    def get(self) -> list[StoredResults | None]: ...


class _Later:
    """A batch screened in this process when its results are asked for."""

    def __init__(self, items: Sequence[ScreenInput]) -> None:
        self.items = items

    def get(self) -> list[StoredResults | None]:
        return [compute_input(item) for item in self.items]


def category_of(visit, code: str) -> str | None:
    """The stored category under one set, or None when the visit has not been screened."""
    return getattr(visit, CATEGORY_FIELDS[code]) or None


def caveats_of(visit) -> str:
    """DECISIONS.md §7 caveats of every set as `set:caveat` joined by `;` (the exports' `caveats` column)."""
    return visit_results(visit).caveats


def details(visit) -> dict[str, dict]:
    """Set code -> the stored detail of that set, in the engine's `to_dict()` shape ({} if not screened)."""
    return visit_results(visit).details


def mechanism_details(visit) -> dict:
    """The stored mechanism report in the engine's `to_dict()` shape ({} if not screened)."""
    return visit_results(visit).mechanism_details


def engine_results(visit) -> dict[str, EngineResult]:
    """The stored detail of every set, rebuilt as engine results (to render tests and findings again)."""
    return visit_results(visit).engine
