"""The field catalogue: every field a clinician records at a visit, described once.

One `Field` per visit field, in the visit form's order: its section, label, help, canonical unit (from
`screening.clinical.limits`, the one table of limits) and the other units it is accepted in, whether
"unable to perform" applies, its CSV column, the engine input it feeds and its codes for interop.
The form and its layout, validation, the adapter to the engine, the visit page, the CSV import and
export, the interop codes and docs/data-dictionary.md all read this tuple (README, "Adding a
measurement"). The Django model fields stay declared in `screening/models.py`, which takes their labels
from here; a test proves the two agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _l

from screening.clinical.limits import Limit, limit_for
from screening.clinical.measurements import (
    ALBUMIN_G_L_PER_G_DL,
    HBA1C_IFCC_FACTOR,
    HBA1C_IFCC_OFFSET,
    TESTOSTERONE_NMOL_PER_NG_DL,
    VITAMIN_D_NMOL_PER_NG,
    albumin_g_dl_to_g_l,
    hba1c_mmol_mol_to_pct,
    lb_to_kg,
    m_to_cm,
    testosterone_nmol_l_to_ng_dl,
    vitamin_d_nmol_l_to_ng_ml,
)

# What a field holds, and so its model field, form widget and CSV parser:
# number (FloatField), integer (PositiveSmallIntegerField), unable (a timed test's "unable to perform"
# tick), tick (a tick box: False = not ticked), yesno (True/False, None = not asked), choice (one code),
# codes (a list of codes, None = not recorded), date, text.
KINDS = ("number", "integer", "unable", "tick", "yesno", "choice", "codes", "date", "text")


@dataclass(frozen=True)
class Section:
    """A fieldset of the visit form and, for measurements, a group of the visit page."""

    key: str
    title: Promise
    css_id: str = ""  # a jump link on the form page when set
    on_page: bool = True  # the visit page lists its values under `title`


SECTIONS = (
    Section("visit", _l("Visit"), "sec-visit", on_page=False),
    Section("anthropometry", _l("Anthropometry"), "sec-anthropometry"),
    Section("strength", _l("Strength"), "sec-strength"),
    Section("mass", _l("Muscle mass"), "sec-mass"),
    Section("performance", _l("Physical performance"), "sec-performance"),
    Section("questionnaires", _l("Questionnaires"), "sec-questionnaires"),
    Section("laboratory", _l("Laboratory"), "sec-laboratory"),
    Section("nutrition", _l("Nutrition and activity"), "sec-nutrition"),
    Section("awgs2025", _l("AWGS 2025 risk factors and case finding")),
    Section("history", _l("Conditions and medications"), "sec-history", on_page=False),
)


@dataclass(frozen=True)
class Unit:
    """A unit a value may be written in; `to_canonical` is None for the canonical unit itself."""

    code: str
    label: str = ""  # the form's choice label, when it differs from the code
    to_canonical: Callable[[float], float] | None = None
    formula: str = ""  # the conversion as the data dictionary writes it

    @property
    def choice(self) -> tuple[str, str]:
        return self.code, self.label or self.code


@dataclass(frozen=True)
class UnitChoice:
    """A unit selector of the visit form, shared by the fields that name it (their `units`)."""

    name: str
    own_row: bool = False  # on a row of its own at the top of the section, else beside its first field


@dataclass(frozen=True)
class Column:
    """A column of the CSV import and export (docs/data-dictionary.md, generated from these).

    `position` keeps the published column order (files and scripts read it): a new column takes the
    next number. `kind` names the cell parser (screening/batch/importer.py). `unit`, `hard` and `soft`
    replace the dictionary's generated cells where a sentence says more; `how` may name a limit in
    braces ({gait_time_4m_s}), written as its hard range.
    """

    position: int
    kind: str
    meaning: str
    how: str = "—"
    unit: str = ""
    hard: str = ""
    soft: str = ""
    derived: tuple[str, str] | None = None  # (label, limit) of a derived value checked with this column


@dataclass(frozen=True)
class Field:
    """One visit field. Limits live in `screening.clinical.limits` under its name (grip trials and
    score items share their group's); its canonical unit is its limit's."""

    name: str
    section: str
    kind: str
    label: Promise
    row: int  # the form row within the section: fields of one row sit side by side
    help: Promise | None = None
    units: tuple[Unit, ...] = ()  # accepted units, canonical first (the form's choice, import files)
    unit_choice: UnitChoice | None = None
    unable: str | None = None  # the field that records "unable to perform" this timed test
    measured: bool = False  # counts as a measured value: a visit needs at least one
    engine: str | None = None  # the engine input it feeds (a `Measurements` field)
    column: Column | None = None
    ucum: str | None = None  # codes.md "Units"
    loinc: str | None = None  # codes.md, only where marked verified
    page_group: str | None = None  # the visit page's group when it differs from the form section
    wide: bool = False  # alone on its form row, full width
    keep_case: bool = False  # the form label keeps its first letter's case (eGFR, hs-CRP)
    question: tuple[Promise, tuple[Promise, ...]] | None = None  # asked as a question with these answers
    unit: str = ""  # canonical unit of a field without limits

    @property
    def limits(self) -> Limit | None:
        try:
            return limit_for(self.name)
        except KeyError:
            return None

    @property
    def canonical_unit(self) -> str:
        limits = self.limits
        return limits.unit if limits else self.unit

    @property
    def group(self) -> str:
        return self.page_group or self.section


# Units shared by several fields
KG = Unit("kg")
LB = Unit("lb", to_canonical=lb_to_kg)
CM = Unit("cm")
M = Unit("m", to_canonical=m_to_cm)
MASS_UNITS = (KG, LB)
LENGTH_UNITS = (CM, M)
TESTOSTERONE_UNITS = (
    Unit("ng/dL"),
    Unit("nmol/L", to_canonical=testosterone_nmol_l_to_ng_dl, formula=f"nmol/L ÷ {TESTOSTERONE_NMOL_PER_NG_DL}"),
)
GRIP_UNIT = UnitChoice("grip_unit", own_row=True)
TESTOSTERONE_UNIT = UnitChoice("testosterone_unit")
_SUB_SCORE = _l("Sub-score 0–4.")
_LAB = "laboratory"
_HISTORY = "history or records"
_YES_NO = {"unit": "true/false", "hard": "—"}


def _grip(hand: str, trial: int, label: Promise, help_text: Promise | None = None) -> Field:
    return Field(
        f"grip_{hand}_{trial}",
        "strength",
        "number",
        label,
        1 if hand == "left" else 2,
        help=help_text,
        units=MASS_UNITS,
        unit_choice=GRIP_UNIT,
        measured=True,
    )


def _sppb(name: str, label: Promise) -> Field:
    return Field(name, "performance", "integer", label, 4, help=_SUB_SCORE, measured=True)


def _sarc_f(name: str, label: Promise, row: int, question: Promise, answers: tuple[Promise, ...]) -> Field:
    return Field(name, "questionnaires", "integer", label, row, measured=True, wide=True, question=(question, answers))


# SARC-F items and answers follow the English original (criteria.md §7.1; Malmstrom & Morley 2013):
# "a flight of 10 stairs" (steps, not floors); the total is positive at ≥ 4.
_DIFFICULTY = (_l("None"), _l("Some"))

FIELDS: tuple[Field, ...] = (
    # Visit
    Field(
        "visit_date",
        "visit",
        "date",
        _l("visit date"),
        1,
        column=Column(1, "date", "(required)", unit="YYYY-MM-DD", hard="not in the future"),
    ),
    Field(
        "setting",
        "visit",
        "choice",
        _l("setting"),
        1,
        engine="setting",
        column=Column(
            2, "setting", "where the patient was assessed", hard="one of the two; empty = the site's default"
        ),
    ),
    Field(
        "clinical_suspicion",
        "visit",
        "tick",
        _l("clinical suspicion of sarcopenia"),
        1,
        engine="clinical_suspicion",
        column=Column(
            46,
            "bool",
            "clinical suspicion of sarcopenia or concern about muscle health (a tick box: empty = not ticked)",
            "clinical judgement; AWGS 2025 R1 at ages 50–64",
            **_YES_NO,
        ),
    ),
    # Anthropometry
    Field(
        "height_cm",
        "anthropometry",
        "number",
        _l("Height"),
        1,
        units=LENGTH_UNITS,
        engine="height_cm",
        help=_l("Standing height without shoes, in centimetres (not metres)."),
        ucum="cm",
        loinc="8302-2",
        column=Column(3, "float", "standing height", "no shoes; a value of 1.0–2.3 is probably metres"),
    ),
    Field(
        "weight_kg",
        "anthropometry",
        "number",
        _l("Weight"),
        1,
        units=MASS_UNITS,
        engine="weight_kg",
        help=_l("Light clothing, no shoes."),
        ucum="kg",
        loinc="29463-7",
        column=Column(4, "float", "body weight", "light clothing", derived=("BMI", "bmi_kg_m2")),
    ),
    Field(
        "calf_circumference_cm",
        "anthropometry",
        "number",
        _l("Calf circumference"),
        1,
        units=LENGTH_UNITS,
        measured=True,
        engine="calf_circumference_cm",
        ucum="cm",
        help=_l("Widest part of the calf, patient seated or standing, non-elastic tape."),
        column=Column(15, "float", "calf circumference", "widest part of the calf, non-elastic tape"),
    ),
    # Strength: up to three trials per hand, in kg; the best is stored for lists and export
    _grip(
        "left",
        1,
        _l("Grip, left hand, trial 1"),
        _l("Hand dynamometer; up to three trials per hand. The best trial of either hand is used."),
    ),
    _grip("left", 2, _l("Grip, left hand, trial 2")),
    _grip("left", 3, _l("Grip, left hand, trial 3")),
    _grip("right", 1, _l("Grip, right hand, trial 1")),
    _grip("right", 2, _l("Grip, right hand, trial 2")),
    _grip("right", 3, _l("Grip, right hand, trial 3")),
    Field(
        "grip_strength_kg",
        "strength",
        "number",
        _l("Grip strength, best trial"),
        3,
        units=MASS_UNITS,
        unit_choice=GRIP_UNIT,
        measured=True,
        engine="grip_strength_kg",
        ucum="kgf",
        help=_l("Best trial. Filled in from the trials when trials are entered."),
        column=Column(
            5, "float", "best grip trial of either hand", "hand dynamometer, up to 3 trials per hand, maximum used"
        ),
    ),
    Field(
        "chair_stand_5x_s",
        "strength",
        "number",
        _l("5× chair stand time"),
        3,
        unable="chair_stand_unable",
        measured=True,
        engine="chair_stand_5x_s",
        ucum="s",
        help=_l("Five rises from a chair with arms folded across the chest, as fast as possible."),
        column=Column(6, "timed", "five-times chair stand", "arms folded, five rises as fast as possible"),
    ),
    Field(
        "chair_stand_unable",
        "strength",
        "unable",
        _l("unable to perform the chair stand"),
        3,
        measured=True,
        engine="chair_stand_unable",
    ),
    # Muscle mass
    Field(
        "muscle_mass_method",
        "mass",
        "choice",
        _l("muscle-mass method"),
        1,
        engine="muscle_mass_method",
        column=Column(14, "method", "DXA or BIA; required with any ASM/ASMI"),
    ),
    Field(
        "asm_kg",
        "mass",
        "number",
        _l("Appendicular skeletal muscle mass (ASM)"),
        1,
        units=MASS_UNITS,
        measured=True,
        engine="asm_kg",
        ucum="kg",
        help=_l("Appendicular skeletal muscle mass from DXA or BIA."),
        column=Column(12, "float", "appendicular skeletal muscle mass", "DXA or BIA"),
    ),
    Field(
        "asmi_kg_m2",
        "mass",
        "number",
        _l("ASMI reported by the device"),
        1,
        measured=True,
        engine="asmi_kg_m2",
        ucum="kg/m2",
        help=_l("Only if the device reports it; otherwise ASM ÷ height² is derived."),
        column=Column(
            13,
            "float",
            "ASMI reported by the device (export: as stored; the used value is `asmi_used_kg_m2`)",
            "device report; otherwise ASM ÷ height² is derived",
        ),
    ),
    # Physical performance
    Field(
        "gait_speed_m_s",
        "performance",
        "number",
        _l("Usual gait speed"),
        1,
        unable="gait_unable",
        measured=True,
        engine="gait_speed_m_s",
        ucum="m/s",
        help=_l("Usual pace. Enter the speed, or the course and time below."),
        column=Column(
            7, "timed", "usual gait speed", "usual pace over 4 m or 6 m; the form also accepts course and time"
        ),
    ),
    Field(
        "gait_course_m",
        "performance",
        "choice",
        _l("gait course (m)"),
        1,
        unit="m",
        engine="gait_distance_m",
        ucum="m",
        column=Column(
            8,
            "course",
            "course of the gait-speed walk",
            "recorded and shown beside the speed "
            "(DECISIONS §1); walk times are checked per course: 4 m {gait_time_4m_s} s, "
            "6 m {gait_time_6m_s} s",
            unit="m (`4` or `6`)",
            hard="4 or 6",
        ),
    ),
    Field(
        "gait_time_s",
        "performance",
        "number",
        _l("Gait time over the course"),
        1,
        measured=True,
        engine="gait_time_s",
        help=_l("Time to walk the course at usual pace; speed = course ÷ time."),
    ),
    Field(
        "gait_unable", "performance", "unable", _l("unable to perform the walk"), 2, measured=True, engine="gait_unable"
    ),
    _sppb("sppb_balance", _l("SPPB balance")),
    _sppb("sppb_gait", _l("SPPB gait")),
    _sppb("sppb_chair", _l("SPPB chair stand")),
    Field(
        "sppb_score",
        "performance",
        "integer",
        _l("SPPB total"),
        5,
        measured=True,
        engine="sppb_score",
        ucum="{score}",
        help=_l("Filled in from the three sub-scores when all are given."),
        column=Column(
            9, "int", "Short Physical Performance Battery total", "balance + gait + chair sub-scores (0–4 each)"
        ),
    ),
    Field(
        "tug_s",
        "performance",
        "number",
        _l("Timed Up and Go"),
        2,
        unable="tug_unable",
        measured=True,
        engine="tug_s",
        ucum="s",
        loinc="89423-8",
        help=_l("Rise from a chair, walk 3 m, turn, walk back and sit down, at usual pace."),
        column=Column(10, "timed", "Timed Up and Go", "rise, walk 3 m, turn, return, sit"),
    ),
    Field(
        "tug_unable", "performance", "unable", _l("unable to perform the TUG"), 2, measured=True, engine="tug_unable"
    ),
    Field(
        "walk_400m_s",
        "performance",
        "number",
        _l("400 m walk time"),
        3,
        unable="walk_400m_unable",
        measured=True,
        engine="walk_400m_s",
        ucum="s",
        help=_l("Time to complete 400 m at usual pace."),
        column=Column(11, "timed", "400 m walk time", "usual pace; `unable` = not completed"),
    ),
    Field(
        "walk_400m_unable",
        "performance",
        "unable",
        _l("unable to complete the 400 m walk"),
        3,
        measured=True,
        engine="walk_400m_unable",
    ),
    # Questionnaires
    _sarc_f(
        "sarc_f_strength",
        _l("SARC-F strength"),
        1,
        _l("Strength: how much difficulty do you have in lifting and carrying 10 pounds (4.5 kg)?"),
        (*_DIFFICULTY, _l("A lot or unable")),
    ),
    _sarc_f(
        "sarc_f_assistance",
        _l("SARC-F assistance in walking"),
        2,
        _l("Assistance in walking: how much difficulty do you have walking across a room?"),
        (*_DIFFICULTY, _l("A lot, use aids, or unable")),
    ),
    _sarc_f(
        "sarc_f_rise",
        _l("SARC-F rise from a chair"),
        3,
        _l("Rise from a chair: how much difficulty do you have transferring from a chair or bed?"),
        (*_DIFFICULTY, _l("A lot or unable without help")),
    ),
    _sarc_f(
        "sarc_f_climb",
        _l("SARC-F climb stairs"),
        4,
        _l("Climb stairs: how much difficulty do you have climbing a flight of 10 stairs?"),
        (*_DIFFICULTY, _l("A lot or unable")),
    ),
    _sarc_f(
        "sarc_f_falls",
        _l("SARC-F falls"),
        5,
        _l("Falls: how many times have you fallen in the past year?"),
        (_l("None"), _l("1–3 falls"), _l("4 or more falls")),
    ),
    Field(
        "sarc_f_score",
        "questionnaires",
        "integer",
        _l("SARC-F total"),
        6,
        measured=True,
        engine="sarc_f_score",
        ucum="{score}",
        help=_l("Filled in from the five items when all are answered. Positive at 4 or more."),
        column=Column(16, "int", "SARC-F total", "five items 0–2; positive at ≥ 4"),
    ),
    Field(
        "mna_sf_score",
        "questionnaires",
        "integer",
        _l("MNA-SF score"),
        6,
        engine="mna_sf_score",
        ucum="{score}",
        help=_l("Mini Nutritional Assessment short form, 0–14."),
        column=Column(24, "int", "Mini Nutritional Assessment short form", "questionnaire"),
    ),
    Field(
        "snaq_score",
        "questionnaires",
        "integer",
        _l("SNAQ score"),
        6,
        engine="snaq_score",
        ucum="{score}",
        help=_l("Simplified Nutritional Appetite Questionnaire, 4–20."),
        column=Column(35, "int", "Simplified Nutritional Appetite Questionnaire", "questionnaire"),
    ),
    # Laboratory
    Field(
        "vitamin_d_25oh_ng_ml",
        "laboratory",
        "number",
        _l("25(OH) vitamin D"),
        1,
        engine="vitamin_d_25oh_ng_ml",
        units=(
            Unit("ng/mL"),
            Unit("nmol/L", to_canonical=vitamin_d_nmol_l_to_ng_ml, formula=f"nmol/L ÷ {VITAMIN_D_NMOL_PER_NG}"),
        ),
        unit_choice=UnitChoice("vitamin_d_unit"),
        ucum="ng/mL",
        column=Column(17, "float", "serum 25-hydroxyvitamin D", _LAB),
    ),
    Field(
        "hs_crp_mg_l",
        "laboratory",
        "number",
        _l("hs-CRP"),
        2,
        keep_case=True,
        engine="hs_crp_mg_l",
        ucum="mg/L",
        column=Column(18, "float", "high-sensitivity CRP", _LAB),
    ),
    Field(
        "hs_crp_repeat_mg_l",
        "laboratory",
        "number",
        _l("hs-CRP, repeat ≥ 2 weeks later"),
        2,
        keep_case=True,
        engine="hs_crp_repeat_mg_l",
        ucum="mg/L",
        help=_l("A second hs-CRP at least two weeks after the first, when clinically stable."),
        column=Column(26, "float", "repeat hs-CRP ≥ 2 weeks later", "laboratory, when clinically stable"),
    ),
    Field(
        "il6_pg_ml",
        "laboratory",
        "number",
        _l("IL-6"),
        2,
        engine="il6_pg_ml",
        ucum="pg/mL",
        column=Column(19, "float", "interleukin-6", "laboratory (assay-dependent)"),
    ),
    Field(
        "tnf_alpha_pg_ml",
        "laboratory",
        "number",
        _l("TNF-α"),
        3,
        engine="tnf_alpha_pg_ml",
        ucum="pg/mL",
        column=Column(20, "float", "TNF-α", "laboratory (research marker)"),
    ),
    Field(
        "tnf_alpha_uln_pg_ml",
        "laboratory",
        "number",
        _l("TNF-α, lab upper reference limit"),
        3,
        engine="tnf_alpha_uln_pg_ml",
        ucum="pg/mL",
        help=_l("The upper reference limit printed by your laboratory."),
        column=Column(27, "float", "the laboratory's upper reference limit for TNF-α", "lab report"),
    ),
    Field(
        "albumin_g_l",
        "laboratory",
        "number",
        _l("Albumin"),
        1,
        engine="albumin_g_l",
        ucum="g/L",
        units=(Unit("g/L"), Unit("g/dL", to_canonical=albumin_g_dl_to_g_l, formula=f"g/dL × {ALBUMIN_G_L_PER_G_DL:g}")),
        unit_choice=UnitChoice("albumin_unit"),
        column=Column(21, "float", "serum albumin", _LAB),
    ),
    Field(
        "lymphocyte_count_per_ul",
        "laboratory",
        "number",
        _l("Lymphocyte count"),
        1,
        engine="lymphocyte_count_per_ul",
        ucum="/uL",
        column=Column(22, "float", "total lymphocyte count", "full blood count (×10⁹/L × 1000)"),
    ),
    Field(
        "total_testosterone_ng_dl",
        "laboratory",
        "number",
        _l("Total testosterone"),
        4,
        units=TESTOSTERONE_UNITS,
        unit_choice=TESTOSTERONE_UNIT,
        engine="total_testosterone_ng_dl",
        ucum="ng/dL",
        column=Column(23, "float", "total testosterone, early morning", _LAB),
    ),
    Field(
        "total_testosterone_repeat_ng_dl",
        "laboratory",
        "number",
        _l("Total testosterone, repeat"),
        4,
        units=TESTOSTERONE_UNITS,
        unit_choice=TESTOSTERONE_UNIT,
        engine="total_testosterone_repeat_ng_dl",
        ucum="ng/dL",
        column=Column(28, "float", "repeat early-morning total testosterone", _LAB),
    ),
    Field(
        "igf1_ng_ml",
        "laboratory",
        "number",
        _l("IGF-1"),
        5,
        engine="igf1_ng_ml",
        ucum="ng/mL",
        column=Column(30, "float", "IGF-1", _LAB),
    ),
    Field(
        "igf1_lln_ng_ml",
        "laboratory",
        "number",
        _l("IGF-1, lab lower limit for age and sex"),
        5,
        engine="igf1_lln_ng_ml",
        ucum="ng/mL",
        help=_l("The lower reference limit for the patient's age and sex printed by your laboratory."),
        column=Column(31, "float", "the laboratory's lower limit for age and sex", "lab report"),
    ),
    Field(
        "hba1c_pct",
        "laboratory",
        "number",
        _l("HbA1c"),
        5,
        engine="hba1c_pct",
        ucum="%",
        units=(
            Unit("%", "% (NGSP)"),
            Unit(
                "mmol/mol",
                "mmol/mol (IFCC)",
                hba1c_mmol_mol_to_pct,
                f"NGSP; mmol/mol ÷ {HBA1C_IFCC_FACTOR} + {HBA1C_IFCC_OFFSET}",
            ),
        ),
        unit_choice=UnitChoice("hba1c_unit"),
        column=Column(32, "float", "HbA1c", _LAB),
    ),
    Field(
        "egfr_ml_min_1_73m2",
        "laboratory",
        "number",
        _l("eGFR"),
        6,
        keep_case=True,
        engine="egfr_ml_min_1_73m2",
        ucum="mL/min/{1.73_m2}",
        column=Column(33, "float", "estimated GFR", _LAB),
    ),
    Field(
        "dialysis",
        "laboratory",
        "yesno",
        _l("on dialysis"),
        6,
        engine="dialysis",
        column=Column(34, "bool", "on dialysis", **_YES_NO),
    ),
    # Nutrition and activity
    Field(
        "weight_loss_pct_6mo",
        "nutrition",
        "number",
        _l("Weight loss within 6 months"),
        1,
        engine="weight_loss_pct_6mo",
        ucum="%",
        column=Column(36, "float", "unintended weight loss within 6 months", _HISTORY),
    ),
    Field(
        "weight_loss_pct_gt6mo",
        "nutrition",
        "number",
        _l("Weight loss beyond 6 months"),
        1,
        engine="weight_loss_pct_gt6mo",
        ucum="%",
        column=Column(37, "float", "unintended weight loss beyond 6 months", _HISTORY),
    ),
    Field(
        "intake_pct_energy_req",
        "nutrition",
        "number",
        _l("Food intake, share of energy needs"),
        1,
        engine="intake_pct_energy_req",
        ucum="%",
        help=_l("Estimated food intake as a share of energy requirements."),
        column=Column(38, "float", "food intake as a share of energy requirement", "dietary history"),
    ),
    Field(
        "intake_reduced_days",
        "nutrition",
        "integer",
        _l("Days of reduced intake"),
        2,
        engine="intake_reduced_days",
        ucum="d",
        column=Column(39, "int", "days of reduced intake", "dietary history"),
    ),
    Field(
        "protein_intake_g_kg_day",
        "nutrition",
        "number",
        _l("Protein intake"),
        2,
        engine="protein_intake_g_kg_day",
        ucum="g/kg/d",
        help=_l("Estimated protein intake per kg body weight per day."),
        column=Column(40, "float", "protein intake", "dietary history"),
    ),
    Field(
        "mvpa_min_week",
        "nutrition",
        "integer",
        _l("Moderate-to-vigorous activity"),
        2,
        engine="mvpa_min_week",
        ucum="min/wk",
        help=_l("Minutes of moderate-to-vigorous physical activity in a usual week."),
        column=Column(25, "int", "moderate-to-vigorous physical activity", "usual week, by interview"),
    ),
    Field(
        "strength_days_week",
        "nutrition",
        "integer",
        _l("Muscle-strengthening days"),
        3,
        engine="strength_days_week",
        ucum="d/wk",
        help=_l("Days per week with muscle-strengthening activity."),
        column=Column(41, "int", "days per week with muscle-strengthening activity", "interview"),
    ),
    Field(
        "mobility",
        "nutrition",
        "choice",
        _l("mobility"),
        3,
        engine="mobility",
        column=Column(42, "mobility", "mobility", "observation"),
    ),
    Field(
        "hospitalised_last_90d",
        "nutrition",
        "yesno",
        _l("hospitalised in the last 90 days"),
        3,
        engine="hospitalised_last_90d",
        column=Column(43, "bool", "hospital admission in the last 90 days", "history", **_YES_NO),
    ),
    # Shown with the laboratory on the form (beside TNF-α), with nutrition and activity on the visit page
    Field(
        "hypogonadal_symptoms",
        "laboratory",
        "yesno",
        _l("symptoms of hypogonadism"),
        3,
        page_group="nutrition",
        engine="hypogonadal_symptoms",
        column=Column(29, "bool", "symptoms or signs of hypogonadism", "clinical history", **_YES_NO),
    ),
    # AWGS 2025 (DECISIONS.md §8): None = not answered, never "no"
    Field(
        "dysphagia",
        "awgs2025",
        "yesno",
        _l("dysphagia or swallowing difficulty"),
        1,
        engine="dysphagia",
        column=Column(
            47, "bool", "dysphagia or swallowing difficulty (empty = not asked)", "history; AWGS 2025 R3", **_YES_NO
        ),
    ),
    Field(
        "perceived_weakness",
        "awgs2025",
        "yesno",
        _l("perceived weakness"),
        1,
        engine="perceived_weakness",
        help=_l("Self-perceived or clinician-observed weakness or low physical performance."),
        column=Column(
            48,
            "bool",
            "self-perceived or clinician-observed weakness or low physical performance (empty = not asked)",
            "history or observation; AWGS 2025 R6",
            **_YES_NO,
        ),
    ),
    Field(
        "weight_loss_kg_6mo",
        "awgs2025",
        "number",
        _l("Weight loss within 6 months (kg)"),
        1,
        engine="weight_loss_kg_6mo",
        ucum="kg",
        help=_l(
            "Unintended loss within 6 months. If only the percentage is known, enter that "
            "instead: kg is worked out from it and the current weight."
        ),
        column=Column(
            49,
            "float",
            "unintended weight loss within 6 months",
            "history or records; AWGS 2025 R4 "
            "(≥ 2 kg). With only `weight_loss_pct_6mo`, kg = weight × p ÷ (100 − p), half up to 0.1 kg",
        ),
    ),
    Field(
        "finger_ring_test",
        "awgs2025",
        "choice",
        _l("finger-ring test"),
        2,
        measured=True,
        engine="finger_ring_test",
        help=_l(
            "Encircle the thickest part of the calf with both thumbs and index fingers: "
            "bigger, just fits, or smaller than the ring."
        ),
        column=Column(
            50,
            "finger_ring",
            "finger-ring (Yubi-wakka) test",
            "encircle the thickest part of the calf "
            "with both thumbs and index fingers; `smaller` (a gap) is abnormal; AWGS 2025 case finding, "
            "cut-offs from age 65",
        ),
    ),
    # Conditions and medications (mechanisms.md §4.1 codes); None = not recorded, [] = none of them
    Field(
        "conditions",
        "history",
        "codes",
        _l("conditions"),
        1,
        engine="conditions",
        column=Column(
            44,
            "conditions",
            "coded conditions, `;`-separated; `none` = asked, none present",
            "history",
            hard="known codes only",
        ),
    ),
    Field(
        "medications",
        "history",
        "codes",
        _l("medications"),
        1,
        engine="medications",
        column=Column(
            45,
            "medications",
            "coded medications, `;`-separated; `none` = asked, none taken",
            "history",
            hard="known codes only",
        ),
    ),
    Field("notes", "history", "text", _l("notes"), 2, wide=True),
)

BY_NAME: dict[str, Field] = {field.name: field for field in FIELDS}


def label(name: str) -> Promise:
    """A field's label (the model's verbose name)."""
    return BY_NAME[name].label


def fields_in(section: str) -> tuple[Field, ...]:
    return tuple(field for field in FIELDS if field.section == section)


def timed_tests() -> dict[str, str]:
    """Timed test -> the field recording "unable to perform" it."""
    return {field.name: field.unable for field in FIELDS if field.unable}


def columns() -> tuple[Field, ...]:
    """The fields that are CSV columns, in the published column order."""
    return tuple(sorted((field for field in FIELDS if field.column), key=lambda field: field.column.position))


def unit_choices() -> dict[UnitChoice, tuple[Field, ...]]:
    """The form's unit selectors, each with the fields it converts (in form order)."""
    found: dict[UnitChoice, list[Field]] = {}
    for field in FIELDS:
        if field.unit_choice:
            found.setdefault(field.unit_choice, []).append(field)
    return {choice: tuple(fields) for choice, fields in found.items()}
