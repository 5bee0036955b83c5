"""How the visit form looks: groups, units beside every field, help on how to measure, SARC-F wording.

SARC-F items and answers follow the English original (criteria.md §7.1; Malmstrom & Morley 2013):
"a flight of 10 stairs" (steps, not floors); the total is positive at ≥ 4.
"""

from __future__ import annotations

from crispy_forms.bootstrap import AppendedText
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Field, Fieldset, Layout, Row
from django.utils.translation import gettext_lazy as _l

from screening.catalogue.units import unit_text
from screening.clinical.limits import limit_for

SARC_F_QUESTIONS = {
    "sarc_f_strength": (_l("Strength: how much difficulty do you have in lifting and carrying 10 pounds (4.5 kg)?"),
                        (_l("None"), _l("Some"), _l("A lot or unable"))),
    "sarc_f_assistance": (_l("Assistance in walking: how much difficulty do you have walking across a room?"),
                          (_l("None"), _l("Some"), _l("A lot, use aids, or unable"))),
    "sarc_f_rise": (_l("Rise from a chair: how much difficulty do you have transferring from a chair or bed?"),
                    (_l("None"), _l("Some"), _l("A lot or unable without help"))),
    "sarc_f_climb": (_l("Climb stairs: how much difficulty do you have climbing a flight of 10 stairs?"),
                     (_l("None"), _l("Some"), _l("A lot or unable"))),
    "sarc_f_falls": (_l("Falls: how many times have you fallen in the past year?"),
                     (_l("None"), _l("1–3 falls"), _l("4 or more falls"))),
}

HELP_TEXTS = {
    "height_cm": _l("Standing height without shoes, in centimetres (not metres)."),
    "weight_kg": _l("Light clothing, no shoes."),
    "calf_circumference_cm": _l("Widest part of the calf, patient seated or standing, non-elastic tape."),
    "grip_left_1": _l("Hand dynamometer; up to three trials per hand. The best trial of either hand is used."),
    "grip_strength_kg": _l("Best trial. Filled in from the trials when trials are entered."),
    "chair_stand_5x_s": _l("Five rises from a chair with arms folded across the chest, as fast as possible."),
    "asm_kg": _l("Appendicular skeletal muscle mass from DXA or BIA."),
    "asmi_kg_m2": _l("Only if the device reports it; otherwise ASM ÷ height² is derived."),
    "gait_speed_m_s": _l("Usual pace. Enter the speed, or the course and time below."),
    "gait_time_s": _l("Time to walk the course at usual pace; speed = course ÷ time."),
    "sppb_balance": _l("Sub-score 0–4."),
    "sppb_gait": _l("Sub-score 0–4."),
    "sppb_chair": _l("Sub-score 0–4."),
    "sppb_score": _l("Filled in from the three sub-scores when all are given."),
    "tug_s": _l("Rise from a chair, walk 3 m, turn, walk back and sit down, at usual pace."),
    "walk_400m_s": _l("Time to complete 400 m at usual pace."),
    "sarc_f_score": _l("Filled in from the five items when all are answered. Positive at 4 or more."),
    "mna_sf_score": _l("Mini Nutritional Assessment short form, 0–14."),
    "snaq_score": _l("Simplified Nutritional Appetite Questionnaire, 4–20."),
    "hs_crp_repeat_mg_l": _l("A second hs-CRP at least two weeks after the first, when clinically stable."),
    "tnf_alpha_uln_pg_ml": _l("The upper reference limit printed by your laboratory."),
    "igf1_lln_ng_ml": _l("The lower reference limit for the patient's age and sex printed by your laboratory."),
    "intake_pct_energy_req": _l("Estimated food intake as a share of energy requirements."),
    "protein_intake_g_kg_day": _l("Estimated protein intake per kg body weight per day."),
    "mvpa_min_week": _l("Minutes of moderate-to-vigorous physical activity in a usual week."),
    "strength_days_week": _l("Days per week with muscle-strengthening activity."),
    "weight_loss_kg_6mo": _l("Unintended loss within 6 months. If only the percentage is known, enter that "
                             "instead: kg is worked out from it and the current weight."),
    "perceived_weakness": _l("Self-perceived or clinician-observed weakness or low physical performance."),
    "finger_ring_test": _l("Encircle the thickest part of the calf with both thumbs and index fingers: "
                           "bigger, just fits, or smaller than the ring."),
}


def _num(name: str, unit_field: str | None = None) -> Div:
    """A number input with its canonical unit beside it, or with a unit choice next to it."""
    if unit_field:
        return Row(Column(Field(name), css_class="col-8"), Column(Field(unit_field), css_class="col-4"))
    unit = limit_for(name).unit
    return Div(Field(name)) if unit == "points" else Div(AppendedText(name, unit_text(unit)))


def _cols(*items) -> Row:
    return Row(*(Column(item, css_class="col-md-6 col-lg-4") for item in items))


# The form's sections, in order: the page lists them as jump links (css ids of the fieldsets).
SECTIONS = (
    ("sec-visit", _l("Visit")), ("sec-anthropometry", _l("Anthropometry")), ("sec-strength", _l("Strength")),
    ("sec-mass", _l("Muscle mass")), ("sec-performance", _l("Physical performance")),
    ("sec-questionnaires", _l("Questionnaires")), ("sec-laboratory", _l("Laboratory")),
    ("sec-nutrition", _l("Nutrition and activity")), ("sec-history", _l("Conditions and medications")),
)


def build_helper(form) -> FormHelper:
    helper = FormHelper(form)
    helper.form_tag = False  # the page adds the confirmation box and the button when needed
    helper.disable_csrf = True  # the page's <form> carries the one CSRF token
    helper.layout = Layout(
        Fieldset(_l("Visit"), _cols("visit_date", "setting", "clinical_suspicion"), css_id="sec-visit"),
        Fieldset(_l("Anthropometry"), _cols(_num("height_cm"), _num("weight_kg"), _num("calf_circumference_cm")),
                 css_id="sec-anthropometry"),
        Fieldset(
            _l("Strength"),
            Row(Column(Field("grip_unit"), css_class="col-md-4")),
            _cols(_num("grip_left_1"), _num("grip_left_2"), _num("grip_left_3")),
            _cols(_num("grip_right_1"), _num("grip_right_2"), _num("grip_right_3")),
            _cols(_num("grip_strength_kg"), _num("chair_stand_5x_s"), "chair_stand_unable"),
            css_id="sec-strength",
        ),
        Fieldset(_l("Muscle mass"), _cols("muscle_mass_method", _num("asm_kg"), _num("asmi_kg_m2")), css_id="sec-mass"),
        Fieldset(
            _l("Physical performance"),
            _cols(_num("gait_speed_m_s"), "gait_course_m", _num("gait_time_s")),
            _cols("gait_unable", _num("tug_s"), "tug_unable"),
            _cols(_num("walk_400m_s"), "walk_400m_unable"),
            _cols("sppb_balance", "sppb_gait", "sppb_chair"),
            _cols("sppb_score"),
            css_id="sec-performance",
        ),
        Fieldset(
            _l("Questionnaires"),
            HTML("<p class='text-body-secondary small'>{% load i18n %}{% translate 'SARC-F: ask each question; total 0–10, positive at 4 or more.' %}</p>"),
            *(Field(name) for name in SARC_F_QUESTIONS),
            _cols("sarc_f_score", "mna_sf_score", "snaq_score"),
            css_id="sec-questionnaires",
        ),
        Fieldset(
            _l("Laboratory"),
            _cols(_num("vitamin_d_25oh_ng_ml", "vitamin_d_unit"), _num("albumin_g_l", "albumin_unit"),
                  _num("lymphocyte_count_per_ul")),
            _cols(_num("hs_crp_mg_l"), _num("hs_crp_repeat_mg_l"), _num("il6_pg_ml")),
            _cols(_num("tnf_alpha_pg_ml"), _num("tnf_alpha_uln_pg_ml"), "hypogonadal_symptoms"),
            _cols(_num("total_testosterone_ng_dl", "testosterone_unit"), _num("total_testosterone_repeat_ng_dl")),
            _cols(_num("igf1_ng_ml"), _num("igf1_lln_ng_ml"), _num("hba1c_pct", "hba1c_unit")),
            _cols(_num("egfr_ml_min_1_73m2"), "dialysis"),
            css_id="sec-laboratory",
        ),
        Fieldset(
            _l("Nutrition and activity"),
            _cols(_num("weight_loss_pct_6mo"), _num("weight_loss_pct_gt6mo"), _num("intake_pct_energy_req")),
            _cols(_num("intake_reduced_days"), _num("protein_intake_g_kg_day"), _num("mvpa_min_week")),
            _cols(_num("strength_days_week"), "mobility", "hospitalised_last_90d"),
            css_id="sec-nutrition",
        ),
        Fieldset(
            _l("AWGS 2025 risk factors and case finding"),
            _cols("dysphagia", "perceived_weakness", _num("weight_loss_kg_6mo")),
            _cols("finger_ring_test"),
        ),
        Fieldset(_l("Conditions and medications"), _cols("conditions", "medications"), Field("notes"),
                 css_id="sec-history"),
        Field("loaded_version"),
        *([Field("change_reason")] if "change_reason" in form.fields else []),
    )
    return helper
