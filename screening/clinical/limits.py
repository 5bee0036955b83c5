"""Plausibility limits for every recorded value: hard limits refuse, soft limits warn.

The numbers come from criteria.md §8 ("Input validation"), which is itself a design judgement with
anchors cited there. Inputs §8 does not cover are marked "design judgement" with their reasoning;
they only keep out impossible values and typos, they never classify a patient.
The database check constraints, the visit form and the CSV import all read this one table.
"""

from __future__ import annotations

from dataclasses import dataclass

SEC8 = "criteria.md §8"


@dataclass(frozen=True)
class Limit:
    """Hard range [hard_min, hard_max] (hard_min exclusive when `min_exclusive`) and soft bounds."""

    field: str
    unit: str
    hard_min: float
    hard_max: float
    soft_below: float | None = None
    soft_above: float | None = None
    soft_below_sex: tuple[tuple[str, float], ...] = ()
    soft_above_sex: tuple[tuple[str, float], ...] = ()
    min_exclusive: bool = False
    integer: bool = False
    source: str = SEC8

    def is_refused(self, value: float) -> bool:
        if self.integer and value != int(value):
            return True
        below = value <= self.hard_min if self.min_exclusive else value < self.hard_min
        return below or value > self.hard_max

    def soft_bounds(self, sex: str | None) -> tuple[float | None, float | None]:
        low = dict(self.soft_below_sex).get(sex or "", self.soft_below)
        high = dict(self.soft_above_sex).get(sex or "", self.soft_above)
        return low, high

    def warning(self, value: float, sex: str | None) -> str | None:
        """'low' or 'high' when the value is possible but unusual, else None."""
        low, high = self.soft_bounds(sex)
        if low is not None and value < low:
            return "low"
        if high is not None and value > high:
            return "high"
        return None


def _limit(field: str, unit: str, lo: float, hi: float, **kw: object) -> Limit:
    return Limit(field, unit, lo, hi, **kw)  # type: ignore[arg-type]


_GRIP = dict(min_exclusive=True, soft_below=5, soft_above_sex=(("M", 70), ("F", 50)))
_ASM = dict(soft_below_sex=(("M", 12), ("F", 8)), soft_above_sex=(("M", 35), ("F", 28)))
_ASMI = dict(soft_below_sex=(("M", 4.5), ("F", 3.5)), soft_above_sex=(("M", 11), ("F", 9.5)))
_JUDGEMENT = "design judgement (not in criteria.md §8): keeps out impossible values and unit slips"

LIMITS: dict[str, Limit] = {
    lim.field: lim
    for lim in (
        _limit("age_years", "years", 18, 120, soft_below=60, soft_above=105),
        _limit("height_cm", "cm", 100, 230, soft_below=135, soft_above=200),
        _limit("weight_kg", "kg", 20, 300, soft_below=35, soft_above=180),
        _limit("bmi_kg_m2", "kg/m²", 10, 80, soft_below=15, soft_above=45),
        _limit("calf_circumference_cm", "cm", 15, 70, soft_below=22, soft_above=50),
        _limit("grip_strength_kg", "kg", 0, 100, **_GRIP),
        _limit("chair_stand_5x_s", "s", 3, 120, soft_below=5, soft_above=40),
        _limit("gait_speed_m_s", "m/s", 0.05, 3.0, soft_below=0.2, soft_above=1.8),
        _limit("gait_time_s", "s", 1.3, 180, soft_below=2, soft_above=40),  # either course (database bound)
        # criteria.md §8: each course against its own range (rule-set 2026.2)
        _limit("gait_time_4m_s", "s", 1.3, 120, soft_below=2, soft_above=30),  # 4-m walk time
        _limit("gait_time_6m_s", "s", 2, 180, soft_below=3, soft_above=40),  # 6-m walk time
        _limit("tug_s", "s", 3, 300, soft_below=5, soft_above=60),
        _limit("walk_400m_s", "s", 150, 1800, soft_above=900),
        _limit("asm_kg", "kg", 5, 50, **_ASM),
        _limit("asmi_kg_m2", "kg/m²", 2.0, 15.0, **_ASMI),
        _limit("sarc_f_item", "points", 0, 2, integer=True),
        _limit("sarc_f_score", "points", 0, 10, integer=True),
        _limit("sppb_item", "points", 0, 4, integer=True),
        _limit("sppb_score", "points", 0, 12, integer=True),
        _limit("vitamin_d_25oh_ng_ml", "ng/mL", 0, 250, soft_below=10, soft_above=80),
        _limit("hs_crp_mg_l", "mg/L", 0, 500, soft_above=10),
        _limit("hs_crp_repeat_mg_l", "mg/L", 0, 500, soft_above=10),
        _limit("il6_pg_ml", "pg/mL", 0, 5000, soft_above=13),
        _limit("albumin_g_l", "g/L", 10, 65, soft_below=35, soft_above=55),
        _limit("mna_sf_score", "points", 0, 14, integer=True, source="MNA-SF scale 0–14 (mechanisms.md §2.2)"),
        _limit("snaq_score", "points", 4, 20, integer=True, source="SNAQ scale 4–20 (mechanisms.md §2.2)"),
        _limit("tnf_alpha_pg_ml", "pg/mL", 0, 1000, soft_above=50, source=_JUDGEMENT),
        _limit("tnf_alpha_uln_pg_ml", "pg/mL", 0, 1000, source=_JUDGEMENT),
        _limit("lymphocyte_count_per_ul", "cells/µL", 0, 200000, soft_below=300, soft_above=5000, source=_JUDGEMENT),
        _limit("total_testosterone_ng_dl", "ng/dL", 0, 3000, soft_above=1500, source=_JUDGEMENT),
        _limit("total_testosterone_repeat_ng_dl", "ng/dL", 0, 3000, soft_above=1500, source=_JUDGEMENT),
        _limit("igf1_ng_ml", "ng/mL", 0, 2000, soft_above=600, source=_JUDGEMENT),
        _limit("igf1_lln_ng_ml", "ng/mL", 0, 2000, source=_JUDGEMENT),
        _limit("hba1c_pct", "%", 3, 20, soft_below=4, soft_above=14, source=_JUDGEMENT),
        _limit("egfr_ml_min_1_73m2", "mL/min/1.73 m²", 0, 200, soft_above=150, source=_JUDGEMENT),
        _limit("weight_loss_pct_6mo", "%", 0, 60, soft_above=20, source=_JUDGEMENT),
        # AWGS 2025 R4 (DECISIONS.md §8): kg lost within 6 months; 60 % of a 300 kg maximum weight
        _limit("weight_loss_kg_6mo", "kg", 0, 100, soft_above=20, source=_JUDGEMENT),
        _limit("weight_loss_pct_gt6mo", "%", 0, 60, soft_above=30, source=_JUDGEMENT),
        _limit("intake_pct_energy_req", "%", 0, 200, source=_JUDGEMENT),
        _limit("intake_reduced_days", "days", 0, 365, integer=True, source=_JUDGEMENT),
        _limit("protein_intake_g_kg_day", "g/kg/day", 0, 5, soft_above=2.5, source=_JUDGEMENT),
        _limit("mvpa_min_week", "min/week", 0, 10080, soft_above=2100, integer=True, source=_JUDGEMENT),
        _limit("strength_days_week", "days/week", 0, 7, integer=True, source=_JUDGEMENT),
    )
}

GAIT_COURSES_M = (4.0, 6.0)  # criteria.md §7.6: 4 m (EWGSOP2, SPPB) and 6 m (AWGS 2019)
GRIP_FIELDS = tuple(f"grip_{hand}_{n}" for hand in ("left", "right") for n in (1, 2, 3))
SARC_F_ITEMS = ("sarc_f_strength", "sarc_f_assistance", "sarc_f_rise", "sarc_f_climb", "sarc_f_falls")
SPPB_ITEMS = ("sppb_balance", "sppb_gait", "sppb_chair")


def limit_for(field: str) -> Limit:
    """The limit that governs a field; grip trials and score items share their group's limit."""
    if field in GRIP_FIELDS:
        return LIMITS["grip_strength_kg"]
    if field in SARC_F_ITEMS:
        return LIMITS["sarc_f_item"]
    if field in SPPB_ITEMS:
        return LIMITS["sppb_item"]
    return LIMITS[field]
