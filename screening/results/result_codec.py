"""The compact form a visit stores of its results, and its expansion back to the engine's dict form.

A visit's detail under four criteria sets and eleven mechanisms is some 11 kB as the engine's
`to_dict()` writes it: every test repeats its nine key names and its source citation, every decisive
test repeats a component's test, and every mechanism rule repeats its mechanism's name. Written for
100,000 visits by an import or a rescreen, that text was most of the work (serialising, hashing,
passing between processes, storing). The compact form keeps every value and drops the repetition:

- results: `{"format": 2, "sources": [citation, ...], "sets": {code: set}}`, where a set is
  `{"category", "reason", "next_step", "to_complete", "notes", "case_finding", "components", "decisive"}`;
  a component is `[code, status, [test row, ...]]`, a test row holds TEST_FIELDS in order with the
  source as an index into `sources`, a decisive test is `[component index, test index]` (or a test row
  when no component holds it), and the case finding holds CASE_FINDING_FIELDS in order.
- mechanisms: `{"format": 2, "mechanisms": [mechanism, ...]}`, a mechanism being
  `{"id", "status", "grade", "missing", "rules": {outcome: [rule name, ...]}, "true": [[rule name,
  tier, [trigger row, ...]], ...]}`; rule names drop the "<mechanism id>." every rule id starts with
  (the knowledge-base loader enforces it) and a trigger row holds TRIGGER_FIELDS in order.

`expand_results` and `expand_mechanisms` give back exactly what `to_dict()` gives (without the
rule-set version, which the visit stores once), so every reader works on the familiar shape; a test
holds the round trip to that for generated visits. Plain Python, no Django: it can be read and tested
alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from screening.clinical.mechanisms import MechanismReport, MechanismResult
from screening.clinical.results import CriteriaResult as EngineResult
from screening.clinical.results import Test

FORMAT = 2
TEST_FIELDS = ("name", "value", "unit", "operator", "cutoff", "outcome", "unable", "derived", "source")
CASE_FINDING_FIELDS = (
    "sarc_f_score",
    "sarc_f_positive",
    "calf_cm",
    "calf_low",
    "calf_cutoff",
    "sarc_calf_score",
    "sarc_calf_positive",
    "clinical_suspicion",
    "tools",
    "positive",
)
TRIGGER_FIELDS = (
    "field",
    "operator",
    "value",
    "threshold",
    "unit",
    "upper_operator",
    "upper_threshold",
    "threshold_field",
)
COUNTING_TIERS = ("strong", "supportive")


# --- criteria results ------------------------------------------------------------------------


def compact_results(results: Mapping[str, EngineResult]) -> dict[str, Any]:
    """Every set's result of one visit in compact form (see the module docstring)."""
    sources: dict[str, int] = {}
    sets = {code: _compact_set(result, sources) for code, result in results.items()}
    return {"format": FORMAT, "sources": list(sources), "sets": sets}


def _compact_set(result: EngineResult, sources: dict[str, int]) -> dict[str, Any]:
    places: dict[Test, list[int]] = {}
    components = []
    for c, component in enumerate(result.components):
        rows = []
        for t, test in enumerate(component.tests):
            places.setdefault(test, [c, t])
            rows.append(_test_row(test, sources))
        components.append([component.code, component.status, rows])
    case = result.case_finding
    return {
        "category": result.category,
        "reason": result.reason,
        "next_step": result.next_step,
        "to_complete": list(result.to_complete),
        "notes": list(result.notes),
        "case_finding": None
        if case is None
        else [*(getattr(case, f) for f in CASE_FINDING_FIELDS[:-2]), list(case.tools), case.positive],
        "components": components,
        "decisive": [places.get(test) or _test_row(test, sources) for test in result.decisive],
    }


def _test_row(test: Test, sources: dict[str, int]) -> list:
    source = sources.setdefault(test.source, len(sources))
    return [
        test.name,
        test.value,
        test.unit,
        test.operator,
        test.cutoff,
        test.outcome,
        test.unable,
        test.derived,
        source,
    ]


def expand_results(stored: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Set code -> that set's result as `CriteriaResult.to_dict()` writes it (without the version)."""
    if not stored:
        return {}
    sources = stored["sources"]
    return {code: _expand_set(code, item, sources) for code, item in stored["sets"].items()}


def _expand_set(code: str, item: Mapping[str, Any], sources: list[str]) -> dict[str, Any]:
    components = [
        {"code": c, "status": status, "tests": [_test_dict(row, sources) for row in rows]}
        for c, status, rows in item["components"]
    ]
    decisive = [
        components[entry[0]]["tests"][entry[1]] if isinstance(entry[0], int) else _test_dict(entry, sources)
        for entry in item["decisive"]
    ]
    case = item["case_finding"]
    return {
        "criteria_set": code,
        "category": item["category"],
        "components": components,
        "decisive": [dict(test) for test in decisive],
        "reason": item["reason"],
        "to_complete": list(item["to_complete"]),
        "next_step": item["next_step"],
        "case_finding": None if case is None else dict(zip(CASE_FINDING_FIELDS, case)),
        "notes": list(item["notes"]),
    }


def _test_dict(row: list, sources: list[str]) -> dict[str, Any]:
    test = dict(zip(TEST_FIELDS, row))
    test["source"] = sources[test["source"]]
    return test


# --- mechanisms ------------------------------------------------------------------------------


def compact_mechanisms(report: MechanismReport) -> dict[str, Any]:
    """The mechanism report of one visit in compact form (see the module docstring)."""
    return {"format": FORMAT, "mechanisms": [_compact_mechanism(result) for result in report.mechanisms]}


# Compact JSON per mechanism result object, keyed by its identity (the engine's records are its own: the
# codec writes nothing on them). An entry holds its result, so the id is not reused while it is here;
# the evaluator keeps at most ~1,000 results per mechanism, and this memo is bounded the same way.
_MECHANISM_JSON: dict[int, tuple[MechanismResult, str]] = {}
_MECHANISM_JSON_SIZE = 16_384


def mechanisms_json(report: MechanismReport) -> str:
    """`compact_mechanisms(report)` as canonical JSON (sorted keys, no spaces), the same text.

    A mechanism's result object is shared by every visit with the same values for it (the evaluator
    remembers results), so its JSON is written once per result object and kept here, in the codec's
    own memo; the report's text is those pieces joined. A test holds it to serialising the whole report.
    """
    parts = []
    for result in report.mechanisms:
        entry = _MECHANISM_JSON.get(id(result))
        if entry is None or entry[0] is not result:
            if len(_MECHANISM_JSON) >= _MECHANISM_JSON_SIZE:
                _MECHANISM_JSON.clear()
            text = orjson.dumps(_compact_mechanism(result), option=orjson.OPT_SORT_KEYS).decode()
            entry = _MECHANISM_JSON[id(result)] = (result, text)
        parts.append(entry[1])
    return f'{{"format":{FORMAT},"mechanisms":[{",".join(parts)}]}}'


def _compact_mechanism(mechanism: MechanismResult) -> dict[str, Any]:
    prefix = len(mechanism.id) + 1
    outcomes: dict[str, list[str]] = {}
    true = []
    for rule in mechanism.rules:
        name = rule.rule_id[prefix:]
        outcomes.setdefault(rule.outcome, []).append(name)
        if rule.outcome == "true":
            true.append([name, rule.tier, [_trigger_row(t.to_dict()) for t in rule.triggers]])
    return {
        "id": mechanism.id,
        "status": mechanism.status,
        "grade": mechanism.evidence_grade,
        "missing": list(mechanism.missing_inputs),
        "rules": outcomes,
        "true": true,
    }


def expand_mechanisms(stored: Mapping[str, Any] | None) -> dict[str, Any]:
    """The report as `MechanismReport.to_dict()` writes it; {} for a visit not screened."""
    if not stored:
        return {}
    return {"mechanisms": [_expand_mechanism(item) for item in stored["mechanisms"]]}


def _expand_mechanism(item: Mapping[str, Any]) -> dict[str, Any]:
    prefix = f"{item['id']}."
    fired = [
        {"rule": prefix + name, "tier": tier, "triggers": [_trigger_dict(row) for row in triggers]}
        for name, tier, triggers in item["true"]
    ]
    return {
        "id": item["id"],
        "status": item["status"],
        "evidence_grade": item["grade"],
        "fired": [f for f in fired if f["tier"] in COUNTING_TIERS],
        "context": [f for f in fired if f["tier"] not in COUNTING_TIERS],
        "missing_inputs": list(item["missing"]),
        "rules": {prefix + name: outcome for outcome, names in item["rules"].items() for name in names},
    }


def _trigger_row(trigger: dict[str, Any]) -> list:
    return [trigger[f] for f in TRIGGER_FIELDS]


def _trigger_dict(row: list) -> dict[str, Any]:
    return dict(zip(TRIGGER_FIELDS, row))
