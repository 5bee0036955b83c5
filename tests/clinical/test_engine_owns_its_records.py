"""The engine owns its records (STYLE.md): code outside `screening/clinical/` never writes into them, and
the caches the engine needs are declared where they live, not hung on its frozen records."""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path

from screening.clinical import Measurements
from screening.clinical.mechanisms import KNOWLEDGE, evaluate_mechanisms
from screening.results.result_codec import compact_mechanisms, mechanisms_json

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "screening" / "clinical"
OUTSIDE = [
    p
    for d in ("screening", "sarcopenia", "scripts", "bench")
    for p in sorted((ROOT / d).rglob("*.py"))
    if ENGINE not in p.parents
]


def _writes_into_records(tree: ast.AST) -> list[int]:
    """Lines that bypass a frozen record: `object.__setattr__(...)`, or writing to some `x.__dict__`."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            func = node.func
            if (
                func.attr in ("__setattr__", "__delattr__")
                and isinstance(func.value, ast.Name)
                and func.value.id == "object"
            ):
                lines.append(node.lineno)
            if (
                func.attr in ("update", "setdefault", "__setitem__")
                and isinstance(func.value, ast.Attribute)
                and func.value.attr == "__dict__"
            ):
                lines.append(node.lineno)
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, (ast.AugAssign, ast.AnnAssign))
            else []
        )
        for target in targets:
            if (
                isinstance(target, ast.Subscript)
                and isinstance(target.value, ast.Attribute)
                and target.value.attr == "__dict__"
            ):
                lines.append(node.lineno)
    return sorted(lines)


def test_no_module_outside_the_engine_writes_into_a_record() -> None:
    assert len(OUTSIDE) > 50  # the scan sees the web app
    found = {
        str(p.relative_to(ROOT)): lines for p in OUTSIDE if (lines := _writes_into_records(ast.parse(p.read_text())))
    }
    assert found == {}


def test_the_scan_catches_each_way_of_writing_into_a_record() -> None:
    code = (
        "object.__setattr__(result, 'x', 1)\n"
        "result.__dict__['x'] = 1\n"
        "result.__dict__.update(x=1)\n"
        "setattr(visit, 'x', 1)\n"  # a Django row: not a frozen record
    )
    assert _writes_into_records(ast.parse(code)) == [1, 2, 3]


def test_serialising_mechanisms_leaves_their_results_as_the_engine_built_them() -> None:
    report = evaluate_mechanisms(Measurements(sex="F", age_years=80, vitamin_d_25oh_ng_ml=8.0, albumin_g_l=30.0))
    before = [dict(r.__dict__) for r in report.mechanisms]
    first, again = mechanisms_json(report), mechanisms_json(report)
    assert first == again
    assert [dict(r.__dict__) for r in report.mechanisms] == before
    assert all(set(r.__dict__) == {f.name for f in fields(r)} for r in report.mechanisms)
    assert '"mechanisms"' in first and len(compact_mechanisms(report)["mechanisms"]) == len(report.mechanisms)


def test_the_evaluator_keeps_its_memo_beside_the_knowledge_base_not_on_it() -> None:
    evaluate_mechanisms(Measurements(sex="M", age_years=70))
    assert all(set(m.__dict__) == {f.name for f in fields(m)} for m in KNOWLEDGE.mechanisms)


def test_a_remembered_mechanism_result_differs_when_one_input_it_reads_differs() -> None:
    # The evaluator's memo key is the values the mechanism reads: one changed value is another result.
    low, normal = (
        evaluate_mechanisms(Measurements(sex="F", age_years=80, vitamin_d_25oh_ng_ml=v)) for v in (8.0, 40.0)
    )
    assert mechanisms_json(low) != mechanisms_json(normal)
    assert mechanisms_json(low) == mechanisms_json(
        evaluate_mechanisms(Measurements(sex="F", age_years=80, vitamin_d_25oh_ng_ml=8.0))
    )
