"""Realistic demo cohorts: plausible older adults with a spread of categories, some incomplete
visits and some unusual (soft-limit) values. Deterministic for a given seed."""

from __future__ import annotations

import random
from datetime import date, timedelta

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁")
GIVEN_F = [
    "秀英",
    "桂英",
    "玉兰",
    "淑珍",
    "丽华",
    "秀兰",
    "凤英",
    "兰英",
    "玉珍",
    "桂兰",
    "淑华",
    "秀珍",
    "玉梅",
    "凤兰",
    "桂芳",
    "素芬",
    "惠芳",
    "美玲",
    "月娥",
    "翠英",
    "玉芳",
    "淑英",
    "丽娟",
    "金凤",
    "秀梅",
]
GIVEN_M = [
    "建国",
    "志强",
    "国华",
    "德明",
    "文斌",
    "永福",
    "海涛",
    "振华",
    "建华",
    "国强",
    "志明",
    "文华",
    "德胜",
    "保国",
    "建军",
    "立新",
    "庆林",
    "长青",
    "宝山",
    "金生",
    "树林",
    "福生",
    "荣华",
    "永康",
    "家明",
]
EN_SURNAMES = [
    "Smith",
    "Brown",
    "Lee",
    "Wong",
    "Chan",
    "Ng",
    "Ho",
    "Lam",
    "Taylor",
    "Wilson",
    "Cheung",
    "Leung",
    "Clarke",
    "Evans",
    "Tang",
    "Yip",
    "Morris",
    "Kwok",
    "Walker",
    "Lau",
]
EN_F = ["Mary", "Helen", "Margaret", "Dorothy", "Ruth", "Alice", "Joan", "Irene", "Edith", "Grace", "Rose", "Jean"]
EN_M = [
    "John",
    "Robert",
    "William",
    "George",
    "Edward",
    "Peter",
    "Frank",
    "Arthur",
    "Albert",
    "Henry",
    "Walter",
    "Thomas",
]


def _names(firsts: list[str], lasts: list[str], english: bool) -> list[str]:
    """Every combination once, in a fixed shuffled order (the same for every seed and chunk)."""
    names = [f"{first} {last}" if english else last + first for last in lasts for first in firsts]
    random.Random("demo-names").shuffle(names)  # nosec B311 # demo names, not a secret
    return names


NAMES = {
    ("zh", "F"): _names(GIVEN_F, SURNAMES, False),
    ("zh", "M"): _names(GIVEN_M, SURNAMES, False),
    ("en", "F"): _names(EN_F, EN_SURNAMES, True),
    ("en", "M"): _names(EN_M, EN_SURNAMES, True),
}


def demo_name(index: int, sex: str) -> str:
    """Patient `index`'s name: distinct for every index below the smallest pool (240 English names per sex,
    1,200 Chinese), since each index takes its own slot of its language's and sex's pool."""
    if index % 4 == 3:
        pool, slot = NAMES[("en", sex)], index // 4
    else:
        pool, slot = NAMES[("zh", sex)], (index // 4) * 3 + index % 4
    return pool[slot % len(pool)]


def person(rng: random.Random, index: int) -> dict:
    sex = rng.choice("MF")
    age = min(95, 60 + int(rng.expovariate(1 / 12)))  # older ages thinning out, as in a clinic's list
    dob = date(date.today().year - age, rng.randint(1, 12), rng.randint(1, 28))
    return {"sex": sex, "name": demo_name(index, sex), "date_of_birth": dob}


def _maybe(rng: random.Random, value, p: float = 0.85):
    return value if rng.random() < p else None


def body(rng: random.Random, sex: str, age: int = 72) -> tuple[float, float]:
    """A person's usual height and weight, so that repeat visits differ by measurement noise only.

    Demo values only (no clinical use): heights of older Chinese adults, about 165 cm (men) and 153 cm
    (women) at 60, losing some 0.15 cm a year after, drawn within ±2.5 SD; the weight from a body-mass
    index around 23.5 kg/m² (17–33).
    """
    mean, sd = (165.0, 6.0) if sex == "M" else (153.0, 5.5)
    mean -= 0.15 * max(0, age - 60)
    height = mean + sd * max(-2.5, min(2.5, rng.gauss(0, 1)))
    bmi = max(17.0, min(33.0, rng.gauss(23.5, 3.0)))
    return height, bmi * (height / 100) ** 2


def _weight(height_cm: float, weight_kg: float) -> float:
    """Keep the BMI plausible (16–35 kg/m²) whatever the visit recorded."""
    h2 = (height_cm / 100) ** 2
    return min(max(weight_kg, 36.0, 16 * h2), 35 * h2)


def visit_values(
    rng: random.Random,
    sex: str,
    frailty: float,
    incomplete: bool,
    unusual: bool,
    usual: tuple[float, float] | None = None,
) -> dict:
    """One visit's canonical values; frailty 0 (robust) .. 1 (frail) shifts every measure."""
    male = sex == "M"
    usual_height, usual_weight = usual or body(rng, sex)
    height = usual_height + rng.gauss(0, 0.4)
    weight = usual_weight * rng.gauss(1, 0.02) - 8 * frailty
    grip = max(6.0, rng.gauss((36 if male else 23) - 14 * frailty, 4))
    asm = max(9.0, (height / 100) ** 2 * rng.gauss((7.6 if male else 6.0) - 1.3 * frailty, 0.5))
    values = {
        "height_cm": round(height, 1),
        "weight_kg": round(weight, 1),
        "calf_circumference_cm": round(rng.gauss(34.5 - 4 * frailty, 2), 1),
        "grip_right_1": round(grip, 1),
        "grip_right_2": round(grip - rng.uniform(0, 2), 1),
        "grip_left_1": round(grip - rng.uniform(0, 3), 1),
        "chair_stand_5x_s": round(max(5.5, rng.gauss(10 + 8 * frailty, 2)), 1),
        "gait_speed_m_s": round(max(0.25, rng.gauss(1.15 - 0.6 * frailty, 0.12)), 2),
        "asm_kg": round(asm, 1),
        "muscle_mass_method": rng.choice(["DXA", "BIA"]),
        "sarc_f_strength": min(2, int(frailty * 3)),
        "sarc_f_assistance": min(2, int(frailty * 2.5)),
        "sarc_f_rise": min(2, int(frailty * 2.5)),
        "sarc_f_climb": min(2, int(frailty * 3)),
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
    values["weight_kg"] = round(_weight(values["height_cm"], weight), 1)
    if unusual:  # rare but real values, which the form asks the clinician to confirm (soft limits)
        if male:
            values["grip_right_1"] = round(rng.uniform(70.5, 74), 1)
        else:
            values["weight_kg"] = round(rng.uniform(33.0, 34.8), 1)
    return values


def visit_dates(rng: random.Random, count: int) -> list[date]:
    first = date.today() - timedelta(days=rng.randint(200, 900))
    days = sorted(rng.sample(range(0, max(count, (date.today() - first).days)), count))
    return [first + timedelta(days=d) for d in days]


def visit_count(rng: random.Random) -> int:
    """1–4 visits, a third of the patients with three or more (follow-up)."""
    return rng.choices((1, 2, 3, 4), weights=(40, 27, 18, 15))[0]


def frailty_course(rng: random.Random, start: float, visits: int) -> list[float]:
    """Frailty at each visit: with three or more visits a clear trend, improving (after an intervention)
    or worsening; otherwise small drift."""
    if visits >= 3:
        step = rng.choice((-1, 1)) * rng.uniform(0.12, 0.2)
        start = max(start, 0.55) if step < 0 else min(start, 0.45)
    else:
        step = rng.uniform(-0.03, 0.08)
    return [min(1.0, max(0.0, start + step * n)) for n in range(visits)]


def visit_setting(rng: random.Random, default: str) -> str:
    """Mostly the site's own setting; some community follow-ups of ward patients, some admissions."""
    other = "community" if default == "hospital" else "hospital"
    return other if rng.random() < (0.25 if default == "hospital" else 0.1) else default
