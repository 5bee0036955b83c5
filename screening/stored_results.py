"""What a visit stores of its screening: the engine's answer turned into the visit's result columns.

Every criteria set's category has its own column (`<set>_category`), so lists, filters, exports and the
cohort dashboard read categories without a join or a recomputation. The detail of every set (components,
tests, cut-offs, case finding, what would complete it) is one JSON object in `results`, and the
mechanism report another in `mechanisms`. `results_digest` is a SHA-256 of both in canonical form: a
rescreen compares digests and rewrites only the visits whose results really changed.

The rule-set version is stored once per visit (`rule_set_version`), not inside each set's detail, so
that a new version that changes nothing for a visit costs one UPDATE statement, not a rewrite.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from screening.clinical import RULE_SET_VERSION, evaluate_all
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.clinical.measurements import Measurements
from screening.clinical.mechanisms import evaluate_mechanisms, likely_ids, possible_ids
from screening.clinical.results import CriteriaResult as EngineResult

CATEGORY_FIELDS: dict[str, str] = {code: f"{code}_category" for code in CRITERIA_SETS}
RESULT_FIELDS = ("rule_set_version", *CATEGORY_FIELDS.values(), "results", "results_digest", "mechanisms",
                 "mechanisms_likely", "mechanisms_possible")


def canonical_json(value) -> str:
    """Compact JSON with sorted keys: the same results always give the same text, hence the same digest."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class StoredResults:
    """One visit's result columns; `results_json` and `mechanisms_json` are ready for a bulk write."""

    categories: dict[str, str]
    results: dict[str, dict]
    mechanisms: dict
    mechanisms_likely: str
    mechanisms_possible: str
    results_json: str
    mechanisms_json: str
    digest: str

    def columns(self) -> dict[str, object]:
        """Model field name -> value, as `Visit` holds them."""
        return {
            "rule_set_version": RULE_SET_VERSION,
            **{CATEGORY_FIELDS[code]: category for code, category in self.categories.items()},
            "results": self.results,
            "results_digest": self.digest,
            "mechanisms": self.mechanisms,
            "mechanisms_likely": self.mechanisms_likely,
            "mechanisms_possible": self.mechanisms_possible,
        }


def _detail(result: EngineResult) -> dict:
    detail = result.to_dict()
    del detail["rule_set_version"]  # stored once, on the visit
    return detail


def compute(m: Measurements) -> StoredResults:
    """Evaluate every criteria set and every mechanism rule for one visit's measurements."""
    engine = evaluate_all(m)
    report = evaluate_mechanisms(m)
    results = {code: _detail(result) for code, result in engine.items()}
    mechanisms = report.to_dict()
    results_json, mechanisms_json = canonical_json(results), canonical_json(mechanisms)
    digest = hashlib.sha256(f"{results_json}\n{mechanisms_json}".encode()).hexdigest()
    return StoredResults(
        categories={code: result.category for code, result in engine.items()},
        results=results, mechanisms=mechanisms,
        mechanisms_likely=";".join(likely_ids(report)), mechanisms_possible=";".join(possible_ids(report)),
        results_json=results_json, mechanisms_json=mechanisms_json, digest=digest,
    )


def apply(visit, stored: StoredResults) -> None:
    """Copy the result columns onto a Visit (saved by the caller, in the caller's transaction)."""
    for name, value in stored.columns().items():
        setattr(visit, name, value)


def category_of(visit, code: str) -> str | None:
    """The stored category under one set, or None when the visit has not been screened."""
    return getattr(visit, CATEGORY_FIELDS[code]) or None


def engine_results(visit) -> dict[str, EngineResult]:
    """The stored detail of every set, rebuilt as engine results (to render tests and findings again)."""
    version = visit.rule_set_version
    return {code: EngineResult.from_dict({**detail, "rule_set_version": version})
            for code, detail in (visit.results or {}).items()}
