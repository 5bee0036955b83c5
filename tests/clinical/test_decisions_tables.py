"""DECISIONS.md §3–§5 category tables row by row, and criteria.md §10.2 boundary vectors 1–18.

Each table below is transcribed from DECISIONS.md as written (first match wins). Every combination of
component statuses (low / normal / unknown) is realised with concrete measurements, run through the
engine, and compared with the first matching row; each row must also be reached by some combination.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from screening.clinical.results import CriteriaResult
from tests.clinical.criteria_support import run

L, N, U = "low", "normal", "unknown"
Row = tuple[str, Callable[[dict[str, str]], bool], str]

EWGSOP2_TABLE: list[Row] = [
    ("§3 rule 1: strength unknown", lambda s: s["strength"] == U, "insufficient_data"),
    ("§3 rule 2: strength normal", lambda s: s["strength"] == N, "no_sarcopenia"),
    (
        "§3 rule 3: strength, quantity, performance low",
        lambda s: s["strength"] == L and s["quantity"] == L and s["performance"] == L,
        "severe",
    ),
    ("§3 rule 4: strength, quantity low", lambda s: s["strength"] == L and s["quantity"] == L, "confirmed"),
    ("§3 rule 5: strength low", lambda s: s["strength"] == L and s["quantity"] in (N, U), "probable"),
]
AWGS_TABLE: list[Row] = [
    (
        "§4 rule 1: mass, strength, performance low",
        lambda s: s["mass"] == s["strength"] == s["performance"] == L,
        "severe",
    ),
    (
        "§4 rule 2: mass low and (strength or performance low)",
        lambda s: s["mass"] == L and (s["strength"] == L or s["performance"] == L),
        "sarcopenia",
    ),
    ("§4 rule 3: strength or performance low", lambda s: s["strength"] == L or s["performance"] == L, "possible"),
    (
        "§4 rule 4 (rule-set 2026.2): strength normal and performance normal",
        lambda s: s["strength"] == N and s["performance"] == N,
        "no_sarcopenia",
    ),
    ("§4 rule 5: otherwise", lambda s: True, "insufficient_data"),
]
FNIH_TABLE: list[Row] = [
    ("§5 FNIH: weak, low lean, slow", lambda s: s["weakness"] == s["low_lean"] == s["slowness"] == L, "severe"),
    ("§5 FNIH: weak, low lean", lambda s: s["weakness"] == s["low_lean"] == L, "sarcopenia"),
    ("§5 FNIH: weak or low lean normal", lambda s: N in (s["weakness"], s["low_lean"]), "no_sarcopenia"),
    ("§5 FNIH: otherwise", lambda s: True, "insufficient_data"),
]
SDOC_TABLE: list[Row] = [
    ("§5 SDOC: weak and slow", lambda s: s["weakness"] == s["slowness"] == L, "sarcopenia"),
    ("§5 SDOC: either normal", lambda s: N in (s["weakness"], s["slowness"]), "no_sarcopenia"),
    ("§5 SDOC: otherwise", lambda s: True, "insufficient_data"),
]

# Concrete measurements that make each component low or normal; absent means unknown.
BMI_20 = {"height_cm": 150.0, "weight_kg": 45.0}
REALISE: dict[str, dict[str, dict[str, dict[str, Any]]]] = {
    "ewgsop2": {
        "strength": {L: {"grip_strength_kg": 20.0}, N: {"grip_strength_kg": 30.0}},
        "quantity": {L: {"asmi_kg_m2": 6.0}, N: {"asmi_kg_m2": 8.0}},
        "performance": {L: {"gait_speed_m_s": 0.6}, N: {"gait_speed_m_s": 1.2}},
    },
    "awgs2019": {
        "strength": {L: {"grip_strength_kg": 25.0}, N: {"grip_strength_kg": 30.0}},
        "performance": {L: {"gait_speed_m_s": 0.9}, N: {"gait_speed_m_s": 1.2}},
        "mass": {L: {"asmi_kg_m2": 6.5}, N: {"asmi_kg_m2": 7.5}},
    },
    "fnih": {
        "weakness": {L: {"grip_strength_kg": 20.0}, N: {"grip_strength_kg": 30.0}},
        "low_lean": {L: {"asm_kg": 14.0, **BMI_20}, N: {"asm_kg": 17.0, **BMI_20}},
        "slowness": {L: {"gait_speed_m_s": 0.6}, N: {"gait_speed_m_s": 1.0}},
    },
    "sdoc": {
        "weakness": {L: {"grip_strength_kg": 30.0}, N: {"grip_strength_kg": 40.0}},
        "slowness": {L: {"gait_speed_m_s": 0.6}, N: {"gait_speed_m_s": 1.0}},
    },
}
TABLES = {"ewgsop2": EWGSOP2_TABLE, "awgs2019": AWGS_TABLE, "fnih": FNIH_TABLE, "sdoc": SDOC_TABLE}


def _combinations(code: str) -> list[dict[str, str]]:
    names = list(REALISE[code])
    return [dict(zip(names, statuses, strict=True)) for statuses in itertools.product((L, N, U), repeat=len(names))]


def _first_row(code: str, statuses: dict[str, str]) -> Row:
    return next(row for row in TABLES[code] if row[1](statuses))


def _visit(code: str, statuses: dict[str, str]) -> CriteriaResult:
    fields: dict[str, Any] = {"sex": "M", "muscle_mass_method": "DXA"}
    for component, wanted in statuses.items():
        fields.update(REALISE[code][component].get(wanted, {}))
    return run(code, **fields)


CASES = [
    pytest.param(code, statuses, id=f"{code} " + " ".join(f"{k}={v}" for k, v in statuses.items()))
    for code in TABLES
    for statuses in _combinations(code)
]


@pytest.mark.parametrize(("code", "statuses"), CASES)
def test_it_follows_the_decisions_table_first_match_wins(code: str, statuses: dict[str, str]) -> None:
    result = _visit(code, statuses)
    assert {c.code: c.status for c in result.components} == statuses
    row_id, _, category = _first_row(code, statuses)
    assert result.category == category, row_id


@pytest.mark.parametrize("code", list(TABLES))
def test_it_reaches_every_row_of_every_table(code: str) -> None:
    reached = {_first_row(code, statuses)[0] for statuses in _combinations(code)}
    assert reached == {row[0] for row in TABLES[code]}


# --- criteria.md §10.2 boundary vectors -------------------------------------------------------------

Check = tuple[str, str, Any]  # (set, what to read, expected)


def _read(result: CriteriaResult, what: str) -> Any:
    kind, _, name = what.partition(":")
    if kind == "category":
        return result.category
    if kind == "component":
        return result.component(name).status
    if kind == "test":
        return next(t.outcome for c in result.components for t in c.tests if t.name == name)
    assert result.case_finding is not None
    return getattr(result.case_finding, name)


BOTH = ("M", "F")
VECTORS: list[tuple[str, tuple[str, ...], dict[str, Any], list[Check]]] = [
    (
        "#1 M grip 27.0",
        ("M",),
        {"grip_strength_kg": 27.0},
        [
            ("ewgsop2", "component:strength", N),
            ("awgs2019", "component:strength", L),
            ("fnih", "component:weakness", N),
            ("sdoc", "component:weakness", L),
        ],
    ),
    (
        "#2 M grip 26.9",
        ("M",),
        {"grip_strength_kg": 26.9},
        [
            ("ewgsop2", "component:strength", L),
            ("awgs2019", "component:strength", L),
            ("fnih", "component:weakness", N),
            ("sdoc", "component:weakness", L),
        ],
    ),
    (
        "#3 F grip 16.0",
        ("F",),
        {"grip_strength_kg": 16.0},
        [
            ("ewgsop2", "component:strength", N),
            ("awgs2019", "component:strength", L),
            ("fnih", "component:weakness", N),
            ("sdoc", "component:weakness", L),
        ],
    ),
    (
        "#4 F grip 15.9",
        ("F",),
        {"grip_strength_kg": 15.9},
        [
            ("ewgsop2", "component:strength", L),
            ("awgs2019", "component:strength", L),
            ("fnih", "component:weakness", L),
            ("sdoc", "component:weakness", L),
        ],
    ),
    (
        "#5 chair 15.0 s",
        BOTH,
        {"chair_stand_5x_s": 15.0},
        [("ewgsop2", "component:strength", N), ("awgs2019", "test:chair_stand_5x", L)],
    ),
    (
        "#6 chair 15.01 s",
        BOTH,
        {"chair_stand_5x_s": 15.01},
        [("ewgsop2", "component:strength", L), ("awgs2019", "test:chair_stand_5x", L)],
    ),
    (
        "#7 chair 12.0 s",
        BOTH,
        {"chair_stand_5x_s": 12.0},
        [("ewgsop2", "component:strength", N), ("awgs2019", "test:chair_stand_5x", L)],
    ),
    (
        "#8 gait 0.80 m/s",
        BOTH,
        {"gait_speed_m_s": 0.80},
        [
            ("ewgsop2", "component:performance", L),
            ("awgs2019", "component:performance", L),
            ("fnih", "component:slowness", N),
            ("sdoc", "component:slowness", N),
        ],
    ),
    (
        "#9 gait 1.00 m/s",
        BOTH,
        {"gait_speed_m_s": 1.00},
        [
            ("ewgsop2", "component:performance", N),
            ("awgs2019", "component:performance", N),
            ("fnih", "component:slowness", N),
            ("sdoc", "component:slowness", N),
        ],
    ),
    ("#10 SPPB 9", BOTH, {"sppb_score": 9}, [("ewgsop2", "test:sppb", N), ("awgs2019", "test:sppb", L)]),
    (
        "#11 F DXA ASMI 5.40",
        ("F",),
        {"asmi_kg_m2": 5.40, "muscle_mass_method": "DXA"},
        [("ewgsop2", "component:quantity", L), ("awgs2019", "component:mass", N)],
    ),
    # criteria.md §10.2 prints EWGSOP2 "low" for #12, contradicting its own §1.1 and DECISIONS.md §3:
    # 5.60 is not < 5.5. The binding cut-off wins; the AWGS column (< 5.7 by BIA) stands.
    (
        "#12 F BIA ASMI 5.60",
        ("F",),
        {"asmi_kg_m2": 5.60, "muscle_mass_method": "BIA"},
        [("ewgsop2", "component:quantity", N), ("awgs2019", "component:mass", L)],
    ),
    (
        "#13 M ASMI 7.00 DXA",
        ("M",),
        {"asmi_kg_m2": 7.00, "muscle_mass_method": "DXA"},
        [("ewgsop2", "component:quantity", N), ("awgs2019", "component:mass", N)],
    ),
    (
        "#13 M ASMI 7.00 BIA",
        ("M",),
        {"asmi_kg_m2": 7.00, "muscle_mass_method": "BIA"},
        [("ewgsop2", "component:quantity", N), ("awgs2019", "component:mass", N)],
    ),
    ("#14 TUG 20.0 s", BOTH, {"tug_s": 20.0}, [("ewgsop2", "test:tug", L)]),
    (
        "#15 M CC 34.0 cm",
        ("M",),
        {"calf_circumference_cm": 34.0},
        [("awgs2019", "case:calf_low", False), ("awgs2019", "case:positive", False)],
    ),
    (
        "#16 F SARC-F 1, CC 32.9",
        ("F",),
        {"sarc_f_score": 1, "calf_circumference_cm": 32.9},
        [
            ("ewgsop2", "case:sarc_f_positive", False),
            ("ewgsop2", "case:positive", False),
            ("awgs2019", "case:sarc_calf_score", 11),
            ("awgs2019", "case:positive", True),
        ],
    ),
    (
        "#17 M grip 25, DXA ASMI 6.5, gait 0.9",
        ("M",),
        {"grip_strength_kg": 25.0, "asmi_kg_m2": 6.5, "muscle_mass_method": "DXA", "gait_speed_m_s": 0.9},
        [
            ("ewgsop2", "category", "confirmed"),
            ("awgs2019", "category", "severe"),
            ("fnih", "component:weakness", L),
            ("fnih", "category", "insufficient_data"),
            ("sdoc", "component:slowness", N),
            ("sdoc", "category", "no_sarcopenia"),
        ],
    ),
    (
        "#18 F grip 20, DXA ASMI 5.0, gait 0.7",
        ("F",),
        {"grip_strength_kg": 20.0, "asmi_kg_m2": 5.0, "muscle_mass_method": "DXA", "gait_speed_m_s": 0.7},
        [
            ("ewgsop2", "category", "no_sarcopenia"),
            ("awgs2019", "category", "sarcopenia"),
            ("fnih", "category", "no_sarcopenia"),
            ("sdoc", "component:weakness", N),
            ("sdoc", "category", "no_sarcopenia"),
        ],
    ),
]

VECTOR_CASES = [
    pytest.param(sex, fields, check, id=f"criteria.md §10.2 {name} {sex} {check[0]} {check[1]}")
    for name, sexes, fields, checks in VECTORS
    for sex in sexes
    for check in checks
]


@pytest.mark.parametrize(("sex", "fields", "check"), VECTOR_CASES)
def test_it_reproduces_the_boundary_vectors(sex: str, fields: dict[str, Any], check: Check) -> None:
    code, what, expected = check
    assert _read(run(code, sex=sex, **fields), what) == expected
