"""ORM rows <-> engine types: the only place that converts between them."""

from __future__ import annotations

from screening.clinical.measurements import Measurements

# Visit fields the engine reads under the same name
_SAME_NAME = (
    "height_cm", "weight_kg", "calf_circumference_cm", "grip_strength_kg", "chair_stand_5x_s",
    "chair_stand_unable", "asm_kg", "asmi_kg_m2", "gait_speed_m_s", "gait_time_s", "gait_unable",
    "sppb_score", "tug_s", "tug_unable", "walk_400m_s", "walk_400m_unable", "sarc_f_score",
    "mna_sf_score", "snaq_score", "vitamin_d_25oh_ng_ml", "hs_crp_mg_l", "hs_crp_repeat_mg_l",
    "il6_pg_ml", "tnf_alpha_pg_ml", "tnf_alpha_uln_pg_ml", "albumin_g_l", "lymphocyte_count_per_ul",
    "total_testosterone_ng_dl", "total_testosterone_repeat_ng_dl", "igf1_ng_ml", "igf1_lln_ng_ml",
    "hba1c_pct", "egfr_ml_min_1_73m2", "dialysis", "hypogonadal_symptoms", "weight_loss_pct_6mo",
    "weight_loss_pct_gt6mo", "intake_pct_energy_req", "intake_reduced_days", "protein_intake_g_kg_day",
    "mvpa_min_week", "strength_days_week", "hospitalised_last_90d", "clinical_suspicion",
    "dysphagia", "perceived_weakness", "weight_loss_kg_6mo",
)

_SAME_NAMES = frozenset(_SAME_NAME)

# Every Visit column the engine reads (the same-name ones and those measurements_from_values maps)
INPUT_FIELDS = (*_SAME_NAME, "setting", "muscle_mass_method", "gait_course_m", "mobility", "conditions", "medications",
                "finger_ring_test")


def measurements_from_values(values: dict, *, sex: str, age_years: int | None, population: str) -> Measurements:
    """Build the engine input from a visit's canonical values (a model's fields or an import row)."""
    kwargs = {name: value for name, value in values.items() if value is not None and name in _SAME_NAMES}
    for flag in ("chair_stand_unable", "gait_unable", "tug_unable", "walk_400m_unable", "clinical_suspicion"):
        kwargs[flag] = bool(values.get(flag))
    conditions, medications = values.get("conditions"), values.get("medications")
    return Measurements(
        sex=sex or None,
        age_years=age_years,
        population=population,
        setting=values.get("setting") or "community",
        muscle_mass_method=values.get("muscle_mass_method") or None,
        gait_distance_m=values.get("gait_course_m"),
        mobility=values.get("mobility") or None,
        finger_ring_test=values.get("finger_ring_test") or None,
        conditions=None if conditions is None else frozenset(conditions),
        medications=None if medications is None else frozenset(medications),
        **kwargs,
    )


def measurements_for_visit(visit) -> Measurements:
    """The engine input for a saved or unsaved Visit (its patient and site must be loaded)."""
    patient = visit.patient
    values = {name: getattr(visit, name) for name in INPUT_FIELDS}
    return measurements_from_values(
        values,
        sex=patient.sex,
        age_years=patient.age_on(visit.visit_date) if visit.visit_date else None,
        population=patient.site.population,
    )
