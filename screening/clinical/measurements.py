"""The engine's typed input: one visit's measurements in canonical units, and the derived values.

Everything here is plain Python (no Django), so the criteria and mechanism rules can be read, tested
and reused alone. The web app converts its rows into `Measurements` in `screening/catalogue/adapters.py`.
Canonical units are the data dictionary's (docs/data-dictionary.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

LB_TO_KG = 0.45359237  # exact by definition; DECISIONS.md §1
VITAMIN_D_NMOL_PER_NG = 2.496  # nmol/L = ng/mL × 2.496; mechanisms.md §2.1
ALBUMIN_G_L_PER_G_DL = 10.0  # g/L = g/dL × 10; mechanisms.md §2.1
TESTOSTERONE_NMOL_PER_NG_DL = 0.0347  # nmol/L = ng/dL × 0.0347; mechanisms.md §2.1
CM_PER_M = 100.0  # SI definition
HBA1C_IFCC_OFFSET = 2.15  # mmol/mol = (% − 2.15) × 10.929; mechanisms.md §2.1 (ADA pairs)
HBA1C_IFCC_FACTOR = 10.929

SEXES = ("M", "F")
POPULATIONS = ("asian", "other")
SETTINGS = ("community", "hospital")
MUSCLE_MASS_METHODS = ("DXA", "BIA")
FINGER_RING_RESULTS = ("bigger", "just_fits", "smaller")  # DECISIONS.md §8: calf vs the finger ring


def round_half_up(value: float, places: int) -> float:
    """Round as DECISIONS.md §1 requires: half up, on the value as written (2.675 -> 2.68).

    Away from a tie, Python's correctly rounded `round` gives the same answer, and is ten times
    faster than decimal arithmetic (derived values are computed for every visit of a rescreen);
    within a millionth of a tie the value is rounded as written, with `Decimal`. A test compares
    both ways on generated values, ties included.
    """
    scaled = value * 10.0**places
    if abs(scaled) < 1e9 and abs(scaled - math.floor(scaled) - 0.5) > 1e-6:
        return round(value, places)
    return _round_half_up_exactly(value, places)


def _round_half_up_exactly(value: float, places: int) -> float:
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def age_in_years(date_of_birth: date, day: date) -> int:
    """Completed years on `day` (the age the criteria and the plausibility limits use)."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def lb_to_kg(pounds: float) -> float:
    return pounds * LB_TO_KG


def m_to_cm(metres: float) -> float:
    return metres * CM_PER_M


def vitamin_d_nmol_l_to_ng_ml(nmol_l: float) -> float:
    return nmol_l / VITAMIN_D_NMOL_PER_NG


def albumin_g_dl_to_g_l(g_dl: float) -> float:
    return g_dl * ALBUMIN_G_L_PER_G_DL


def testosterone_nmol_l_to_ng_dl(nmol_l: float) -> float:
    return nmol_l / TESTOSTERONE_NMOL_PER_NG_DL


def hba1c_mmol_mol_to_pct(mmol_mol: float) -> float:
    return mmol_mol / HBA1C_IFCC_FACTOR + HBA1C_IFCC_OFFSET


@dataclass(frozen=True)
class Measurements:
    """One visit, canonical units; `None` means not measured (never zero, never normal).

    For the four timed tests, `<test>_unable=True` records that the patient could not perform it,
    which DECISIONS.md §1 counts as low; the value is then `None`.
    """

    sex: str | None = None  # "M" / "F"
    age_years: int | None = None
    population: str = "other"  # "asian" -> AWGS 2019 primary; also used by GLIM BMI rule
    setting: str = "community"  # "community" / "hospital"

    # Anthropometry
    height_cm: float | None = None
    weight_kg: float | None = None
    calf_circumference_cm: float | None = None

    # Strength (kg, maximum valid trial of either hand)
    grip_strength_kg: float | None = None
    chair_stand_5x_s: float | None = None
    chair_stand_unable: bool = False

    # Muscle mass
    asm_kg: float | None = None
    asmi_kg_m2: float | None = None  # device-reported ASMI/SMI; wins over the derived one
    muscle_mass_method: str | None = None  # "DXA" / "BIA"

    # Physical performance
    gait_speed_m_s: float | None = None  # entered directly
    gait_distance_m: float | None = None  # or distance and time
    gait_time_s: float | None = None
    gait_unable: bool = False
    sppb_score: int | None = None
    tug_s: float | None = None
    tug_unable: bool = False
    walk_400m_s: float | None = None
    walk_400m_unable: bool = False

    # Questionnaires
    sarc_f_score: int | None = None
    mna_sf_score: int | None = None
    snaq_score: int | None = None

    # Laboratory
    vitamin_d_25oh_ng_ml: float | None = None
    hs_crp_mg_l: float | None = None
    hs_crp_repeat_mg_l: float | None = None
    il6_pg_ml: float | None = None
    tnf_alpha_pg_ml: float | None = None
    tnf_alpha_uln_pg_ml: float | None = None  # the lab's upper reference limit
    albumin_g_l: float | None = None
    lymphocyte_count_per_ul: float | None = None
    total_testosterone_ng_dl: float | None = None
    total_testosterone_repeat_ng_dl: float | None = None
    igf1_ng_ml: float | None = None
    igf1_lln_ng_ml: float | None = None  # the lab's age- and sex-specific lower limit
    hba1c_pct: float | None = None
    egfr_ml_min_1_73m2: float | None = None
    dialysis: bool | None = None

    # Risk factors
    hypogonadal_symptoms: bool | None = None
    weight_loss_pct_6mo: float | None = None
    weight_loss_pct_gt6mo: float | None = None
    intake_pct_energy_req: float | None = None
    intake_reduced_days: int | None = None
    protein_intake_g_kg_day: float | None = None
    mvpa_min_week: float | None = None
    strength_days_week: int | None = None
    mobility: str | None = None  # "independent" / "limited" / "bed_or_chair_bound"
    hospitalised_last_90d: bool | None = None
    conditions: frozenset[str] | None = None  # codes, see mechanisms.md §4.1
    medications: frozenset[str] | None = None
    clinical_suspicion: bool = False  # EWGSOP2 "Find": falls, feeling weak, slow walking...
    # AWGS 2025 (DECISIONS.md §8): None = not answered, never "no"
    dysphagia: bool | None = None
    perceived_weakness: bool | None = None  # self-perceived or clinician-observed weakness
    weight_loss_kg_6mo: float | None = None
    finger_ring_test: str | None = None  # FINGER_RING_RESULTS

    extra: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    # --- derived values (DECISIONS.md §1) -------------------------------------------------
    # Computed once per instance (the instance is frozen): criteria and mechanism rules read them often.

    @cached_property
    def bmi_kg_m2(self) -> float | None:
        """Unrounded BMI; FNIH's ALM/BMI uses it unrounded, display rounds it."""
        if self.height_cm is None or self.weight_kg is None or self.height_cm <= 0:
            return None
        metres = self.height_cm / 100
        return self.weight_kg / (metres * metres)

    @cached_property
    def bmi_rounded(self) -> float | None:
        bmi = self.bmi_kg_m2
        return None if bmi is None else round_half_up(bmi, 2)

    @cached_property
    def asmi_derived_kg_m2(self) -> float | None:
        if self.asm_kg is None or self.height_cm is None or self.height_cm <= 0:
            return None
        metres = self.height_cm / 100
        return round_half_up(self.asm_kg / (metres * metres), 2)

    @cached_property
    def asmi_used_kg_m2(self) -> float | None:
        """The device-reported ASMI wins over ASM/height² (DECISIONS.md §1)."""
        if self.asmi_kg_m2 is not None:
            return self.asmi_kg_m2
        return self.asmi_derived_kg_m2

    @property
    def asmi_is_derived(self) -> bool:
        return self.asmi_kg_m2 is None and self.asmi_derived_kg_m2 is not None

    @cached_property
    def alm_bmi(self) -> float | None:
        """FNIH ALM/BMI (m²), 3 decimals, from the unrounded BMI."""
        bmi = self.bmi_kg_m2
        if self.asm_kg is None or bmi is None or bmi <= 0:
            return None
        return round_half_up(self.asm_kg / bmi, 3)

    @cached_property
    def gait_speed_used_m_s(self) -> float | None:
        """Entered speed as entered; otherwise distance/time rounded to 2 decimals."""
        if self.gait_speed_m_s is not None:
            return self.gait_speed_m_s
        if self.gait_distance_m is None or self.gait_time_s is None or self.gait_time_s <= 0:
            return None
        return round_half_up(self.gait_distance_m / self.gait_time_s, 2)

    @property
    def gait_speed_is_derived(self) -> bool:
        return self.gait_speed_m_s is None and self.gait_speed_used_m_s is not None
