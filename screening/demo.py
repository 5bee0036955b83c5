"""Realistic demo cohorts: plausible older adults with a spread of categories, some incomplete
visits and some unusual (soft-limit) values. Deterministic for a given seed."""

from __future__ import annotations

import random
from datetime import date, timedelta

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
GIVEN_F = ["秀英", "桂英", "玉兰", "淑珍", "丽华", "秀兰", "凤英", "兰英"]
GIVEN_M = ["建国", "志强", "国华", "德明", "文斌", "永福", "海涛", "振华"]
EN_F = ["Mary Smith", "Helen Brown", "Margaret Lee", "Dorothy Wong", "Ruth Chan", "Alice Ng"]
EN_M = ["John Smith", "Robert Lee", "William Chan", "George Wong", "Edward Ho", "Peter Lam"]


def person(rng: random.Random, index: int) -> dict:
    sex = rng.choice("MF")
    if index % 4 == 3:
        name = rng.choice(EN_M if sex == "M" else EN_F)
    else:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN_M if sex == "M" else GIVEN_F)
    age = rng.randint(60, 92)
    dob = date(date.today().year - age, rng.randint(1, 12), rng.randint(1, 28))
    return {"sex": sex, "name": name, "date_of_birth": dob}


def _maybe(rng: random.Random, value, p: float = 0.85):
    return value if rng.random() < p else None


def body(rng: random.Random, sex: str) -> tuple[float, float]:
    """A person's usual height and weight, so that repeat visits differ by measurement noise only."""
    male = sex == "M"
    return rng.gauss(168 if male else 156, 6), rng.gauss(66 if male else 56, 8)


def _weight(height_cm: float, weight_kg: float) -> float:
    """Keep the BMI plausible (16–42 kg/m²) whatever height the visit recorded."""
    h2 = (height_cm / 100) ** 2
    return min(max(weight_kg, 38.0, 16 * h2), 42 * h2)


def visit_values(rng: random.Random, sex: str, frailty: float, incomplete: bool, unusual: bool,
                 usual: tuple[float, float] | None = None) -> dict:
    """One visit's canonical values; frailty 0 (robust) .. 1 (frail) shifts every measure."""
    male = sex == "M"
    usual_height, usual_weight = usual or body(rng, sex)
    height = usual_height + rng.gauss(0, 0.4)
    weight = usual_weight * rng.gauss(1, 0.02) - 8 * frailty
    grip = max(6.0, rng.gauss((36 if male else 23) - 14 * frailty, 4))
    asm = max(9.0, (height / 100) ** 2 * rng.gauss((7.6 if male else 6.0) - 1.3 * frailty, 0.5))
    values = {
        "height_cm": round(height, 1), "weight_kg": round(weight, 1),
        "calf_circumference_cm": round(rng.gauss(34.5 - 4 * frailty, 2), 1),
        "grip_right_1": round(grip, 1), "grip_right_2": round(grip - rng.uniform(0, 2), 1),
        "grip_left_1": round(grip - rng.uniform(0, 3), 1),
        "chair_stand_5x_s": round(max(5.5, rng.gauss(10 + 8 * frailty, 2)), 1),
        "gait_speed_m_s": round(max(0.25, rng.gauss(1.15 - 0.6 * frailty, 0.12)), 2),
        "asm_kg": round(asm, 1), "muscle_mass_method": rng.choice(["DXA", "BIA"]),
        "sarc_f_strength": min(2, int(frailty * 3)), "sarc_f_assistance": min(2, int(frailty * 2.5)),
        "sarc_f_rise": min(2, int(frailty * 2.5)), "sarc_f_climb": min(2, int(frailty * 3)),
        "sarc_f_falls": min(2, int(frailty * 2)),
        "vitamin_d_25oh_ng_ml": _maybe(rng, round(rng.gauss(24 - 8 * frailty, 7), 1)),
        "hs_crp_mg_l": _maybe(rng, round(abs(rng.gauss(2 + 3 * frailty, 1.5)), 1)),
        "il6_pg_ml": _maybe(rng, round(abs(rng.gauss(3 + 4 * frailty, 1.5)), 1), 0.5),
        "albumin_g_l": _maybe(rng, round(rng.gauss(41 - 6 * frailty, 3), 1)),
        "lymphocyte_count_per_ul": _maybe(rng, max(0, round(rng.gauss(1800 - 500 * frailty, 300))), 0.6),
        "mna_sf_score": _maybe(rng, max(0, min(14, round(rng.gauss(12 - 6 * frailty, 1.5))))),
        "mvpa_min_week": _maybe(rng, max(0, round(rng.gauss(160 - 120 * frailty, 50)))),
    }
    for name in ("vitamin_d_25oh_ng_ml", "albumin_g_l", "hs_crp_mg_l", "il6_pg_ml"):
        if values[name] is not None:
            values[name] = max(values[name], 12.0 if name == "albumin_g_l" else 1.0)
    if incomplete:
        for name in ("asm_kg", "muscle_mass_method", "gait_speed_m_s", "chair_stand_5x_s"):
            values[name] = None if name != "muscle_mass_method" else ""
    if unusual:
        values["height_cm"] = 132.0 if not male else 203.0
    values["weight_kg"] = round(_weight(values["height_cm"], weight), 1)
    return values


def visit_dates(rng: random.Random, count: int) -> list[date]:
    first = date.today() - timedelta(days=rng.randint(200, 900))
    days = sorted(rng.sample(range(0, max(count, (date.today() - first).days)), count))
    return [first + timedelta(days=d) for d in days]
