"""The data dictionary's columns (docs/data-dictionary.md): names, order and how each is parsed.

Import and export both read this list, so a column is added in one place.
"""

from __future__ import annotations

from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.models import (
    CONDITION_CHOICES,
    COURSE_CHOICES,
    FINGER_RING_CHOICES,
    MEDICATION_CHOICES,
    MOBILITY_CHOICES,
)

REQUIRED = ("patient_id", "sex", "date_of_birth", "visit_date")

# column -> kind: float, int, date, sex, setting, method, unable-float (timed tests), bool, mobility, codes,
# finger_ring
COLUMNS: dict[str, str] = {
    "patient_id": "text", "sex": "sex", "date_of_birth": "date", "visit_date": "date", "setting": "setting",
    "height_cm": "float", "weight_kg": "float", "grip_strength_kg": "float", "chair_stand_5x_s": "timed",
    "gait_speed_m_s": "timed", "gait_course_m": "course", "sppb_score": "int", "tug_s": "timed", "walk_400m_s": "timed",
    "asm_kg": "float", "asmi_kg_m2": "float", "muscle_mass_method": "method", "calf_circumference_cm": "float",
    "sarc_f_score": "int", "vitamin_d_25oh_ng_ml": "float", "hs_crp_mg_l": "float", "il6_pg_ml": "float",
    "tnf_alpha_pg_ml": "float", "albumin_g_l": "float", "lymphocyte_count_per_ul": "float",
    "total_testosterone_ng_dl": "float", "mna_sf_score": "int", "mvpa_min_week": "int",
    "hs_crp_repeat_mg_l": "float", "tnf_alpha_uln_pg_ml": "float", "total_testosterone_repeat_ng_dl": "float",
    "hypogonadal_symptoms": "bool", "igf1_ng_ml": "float", "igf1_lln_ng_ml": "float", "hba1c_pct": "float",
    "egfr_ml_min_1_73m2": "float", "dialysis": "bool", "snaq_score": "int", "weight_loss_pct_6mo": "float",
    "weight_loss_pct_gt6mo": "float", "intake_pct_energy_req": "float", "intake_reduced_days": "int",
    "protein_intake_g_kg_day": "float", "strength_days_week": "int", "mobility": "mobility",
    "hospitalised_last_90d": "bool", "conditions": "conditions", "medications": "medications",
    # AWGS 2025 (DECISIONS.md §8): blank yes/no = not answered; a blank tick box = not ticked
    "clinical_suspicion": "bool", "dysphagia": "bool", "perceived_weakness": "bool",
    "weight_loss_kg_6mo": "float", "finger_ring_test": "finger_ring",
}
TIMED_UNABLE = {"chair_stand_5x_s": "chair_stand_unable", "gait_speed_m_s": "gait_unable",
                "tug_s": "tug_unable", "walk_400m_s": "walk_400m_unable"}
CODES = {
    "conditions": {code for code, _label in CONDITION_CHOICES},
    "medications": {code for code, _label in MEDICATION_CHOICES},
}
MOBILITY_CODES = {code for code, _label in MOBILITY_CHOICES}
COURSES = {course for course, _label in COURSE_CHOICES}
FINGER_RING_CODES = {code for code, _label in FINGER_RING_CHOICES}
CRITERIA_COLUMNS = tuple(CRITERIA_SETS)  # one category column per shipped set, named by its code
EXPORT_EXTRA = ("visit_id", "age_years", "bmi_kg_m2", "asmi_used_kg_m2", *CRITERIA_COLUMNS, "caveats",
                "rule_set_version", "mechanisms_likely", "mechanisms_possible")
EXPORT_COLUMNS = (*COLUMNS, *EXPORT_EXTRA)
