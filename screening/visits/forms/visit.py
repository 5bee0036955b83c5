"""The visit form: parses entered values, converts units to canonical, and applies the shared
validation (hard limits refuse at the field; soft limits warn and need the clinician's confirmation).
No clinical classification happens here.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from screening.catalogue.units import unit_text
from screening.catalogue.validation import validate_visit
from screening.clinical.limits import GRIP_FIELDS, SARC_F_ITEMS, SPPB_ITEMS, limit_for
from screening.clinical.measurements import (
    albumin_g_dl_to_g_l,
    hba1c_mmol_mol_to_pct,
    lb_to_kg,
    testosterone_nmol_l_to_ng_dl,
    vitamin_d_nmol_l_to_ng_ml,
)
from screening.models import CONDITION_CHOICES, MEDICATION_CHOICES, Visit
from screening.visits.forms.fields import strict_numbers
from screening.visits.forms.visit_layout import HELP_TEXTS, SARC_F_QUESTIONS, build_helper

# unit field -> (choices, {non-canonical unit: converter}, fields it applies to)
UNIT_FIELDS = {
    "grip_unit": ([("kg", "kg"), ("lb", "lb")], {"lb": lb_to_kg}, (*GRIP_FIELDS, "grip_strength_kg")),
    "vitamin_d_unit": ([("ng/mL", "ng/mL"), ("nmol/L", "nmol/L")], {"nmol/L": vitamin_d_nmol_l_to_ng_ml},
                       ("vitamin_d_25oh_ng_ml",)),
    "albumin_unit": ([("g/L", "g/L"), ("g/dL", "g/dL")], {"g/dL": albumin_g_dl_to_g_l}, ("albumin_g_l",)),
    "testosterone_unit": ([("ng/dL", "ng/dL"), ("nmol/L", "nmol/L")], {"nmol/L": testosterone_nmol_l_to_ng_dl},
                          ("total_testosterone_ng_dl", "total_testosterone_repeat_ng_dl")),
    "hba1c_unit": ([("%", "% (NGSP)"), ("mmol/mol", "mmol/mol (IFCC)")], {"mmol/mol": hba1c_mmol_mol_to_pct},
                   ("hba1c_pct",)),
}
NONE_CODE = "none"

VISIT_FIELDS = [
    "visit_date", "setting", "clinical_suspicion",
    "height_cm", "weight_kg", "calf_circumference_cm",
    *GRIP_FIELDS, "grip_strength_kg", "chair_stand_5x_s", "chair_stand_unable",
    "muscle_mass_method", "asm_kg", "asmi_kg_m2",
    "gait_speed_m_s", "gait_course_m", "gait_time_s", "gait_unable", *SPPB_ITEMS, "sppb_score",
    "tug_s", "tug_unable", "walk_400m_s", "walk_400m_unable",
    *SARC_F_ITEMS, "sarc_f_score", "mna_sf_score", "snaq_score",
    "vitamin_d_25oh_ng_ml", "hs_crp_mg_l", "hs_crp_repeat_mg_l", "il6_pg_ml", "tnf_alpha_pg_ml",
    "tnf_alpha_uln_pg_ml", "albumin_g_l", "lymphocyte_count_per_ul", "total_testosterone_ng_dl",
    "total_testosterone_repeat_ng_dl", "igf1_ng_ml", "igf1_lln_ng_ml", "hba1c_pct", "egfr_ml_min_1_73m2",
    "dialysis",
    "weight_loss_pct_6mo", "weight_loss_pct_gt6mo", "intake_pct_energy_req", "intake_reduced_days",
    "protein_intake_g_kg_day", "mvpa_min_week", "strength_days_week", "mobility", "hospitalised_last_90d",
    "hypogonadal_symptoms", "dysphagia", "perceived_weakness", "weight_loss_kg_6mo", "finger_ring_test",
    "conditions", "medications", "notes",
]


def _coded_list_field(label, choices, none_label) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, required=False, widget=forms.CheckboxSelectMultiple,
        choices=[*choices, (NONE_CODE, none_label)],
        help_text=_l("Leave all unticked if not asked; tick “none of these” if asked and absent."),
    )


class VisitForm(forms.ModelForm):
    confirm_warnings = forms.BooleanField(
        label=_l("I have checked the unusual values above and they are correct"), required=False)
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    change_reason = forms.CharField(
        label=_l("Reason for changing a visit whose report was already printed"), required=False, max_length=300)
    conditions = _coded_list_field(_l("Conditions"), CONDITION_CHOICES, _l("None of these"))
    medications = _coded_list_field(_l("Medications"), MEDICATION_CHOICES, _l("None of these"))

    class Meta:
        model = Visit
        fields = VISIT_FIELDS
        formfield_callback = strict_numbers
        widgets = {
            "visit_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
            **{name: forms.RadioSelect for name in SARC_F_ITEMS},
        }

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.warnings: dict[str, list[str]] = {}
        for name, (choices, _conv, _fields) in UNIT_FIELDS.items():
            self.fields[name] = forms.ChoiceField(label=_l("Unit"), choices=choices, required=False)
        for name in SARC_F_ITEMS:
            question, answers = SARC_F_QUESTIONS[name]
            self.fields[name] = forms.TypedChoiceField(
                label=question, choices=[("", _l("Not asked")), *enumerate(answers)], coerce=int,
                empty_value=None, required=False, widget=forms.RadioSelect)
        for name, text in HELP_TEXTS.items():
            if name in self.fields:
                self.fields[name].help_text = text
        if self.instance._state.adding:
            self.initial["setting"] = self.initial.get("setting") or patient.site.default_setting
            self.initial["visit_date"] = self.initial.get("visit_date") or date.today()
        for name in ("conditions", "medications"):
            stored = getattr(self.instance, name)
            if stored is not None and not self.instance._state.adding:
                self.initial[name] = stored or [NONE_CODE]
        self.initial.setdefault("loaded_version", self.instance.version)
        self.needs_reason = not self.instance._state.adding and self.instance.prints.exists()
        if not self.needs_reason:
            del self.fields["change_reason"]
        for name in ("egfr_ml_min_1_73m2", "hs_crp_mg_l", "hs_crp_repeat_mg_l"):  # no capital: eGFR, hs-CRP
            self.fields[name].label = Visit._meta.get_field(name).verbose_name
        self._name_units()
        self.helper = build_helper(self)

    def _name_units(self) -> None:
        """Screen readers hear the unit with the label (the visible unit sits beside the input)."""
        for name, field in self.fields.items():
            try:
                unit = limit_for(name).unit
            except KeyError:
                continue
            if unit != "points" and not any(name in targets for _c, _v, targets in UNIT_FIELDS.values()):
                field.widget.attrs["aria-label"] = f"{field.label} ({unit_text(unit)})"

    def _convert_units(self, data: dict) -> None:
        for unit_field, (_choices, converters, targets) in UNIT_FIELDS.items():
            convert = converters.get(data.get(unit_field) or "")
            if convert is None:
                continue
            for name in targets:
                if data.get(name) is not None:
                    data[name] = convert(data[name])  # compared unrounded (DECISIONS.md §1)

    def _clean_coded_lists(self, data: dict) -> None:
        for name in ("conditions", "medications"):
            codes = data.get(name) or []
            if NONE_CODE in codes and len(codes) > 1:
                self.add_error(name, _("“None of these” cannot be ticked together with an item."))
            data[name] = None if not codes else [c for c in codes if c != NONE_CODE]

    def clean_visit_date(self) -> date:
        day = self.cleaned_data["visit_date"]
        if day > date.today():
            raise forms.ValidationError(_("The visit date cannot be in the future."))
        if day < self.patient.date_of_birth:
            raise forms.ValidationError(_("The visit date is before the date of birth."))
        return day

    def clean(self):
        data = super().clean()
        if self.needs_reason and not (data.get("change_reason") or "").strip():
            self.add_error("change_reason", _("A report of this visit was printed: say why you change it."))
        self._convert_units(data)
        self._clean_coded_lists(data)
        findings = validate_visit(data, sex=self.patient.sex, date_of_birth=self.patient.date_of_birth)
        for name, messages in findings.errors.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
        self.warnings = findings.warnings
        if findings.warnings and not data.get("confirm_warnings"):
            for name, messages in findings.warnings.items():
                for message in messages:
                    self.add_error(name, forms.ValidationError(message, code="soft_warning"))
                if name in self.fields and name not in findings.errors:  # amber, not red (app.css)
                    self.fields[name].widget.attrs["data-soft-warning"] = "true"
        return data

    def _post_clean(self):
        """ModelForm's model validation without re-checking the database check constraints.

        Django checks each CheckConstraint with its own query (some fifty for a visit, most of the
        cost of a save). Every one of them is a hard limit that `validate_visit` has just checked
        field by field, with a clearer message; the database still enforces them all on save.
        """
        exclude = self._get_validation_exclusions()
        try:
            self.instance = forms.models.construct_instance(self, self.instance, self._meta.fields,
                                                             self._meta.exclude)
        except forms.ValidationError as exc:
            self._update_errors(exc)
        try:
            self.instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except forms.ValidationError as exc:
            self._update_errors(exc)
        if self._validate_unique:
            self.validate_unique()

    @property
    def has_only_warnings(self) -> bool:
        """True when every error is an unconfirmed soft warning (the page then offers to confirm)."""
        return bool(self.errors) and all(
            e.code == "soft_warning" for errs in self.errors.as_data().values() for e in errs)

    def build_unsaved(self) -> Visit:
        """The visit these values describe, never saved (the live preview): also when the only errors
        are unconfirmed unusual values."""
        visit = forms.models.construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
        data = self.cleaned_data
        visit.patient = self.patient
        for name in ("grip_strength_kg", "sarc_f_score", "sppb_score"):
            setattr(visit, name, data.get(name))
        visit.conditions, visit.medications = data.get("conditions"), data.get("medications")
        return visit

    def save(self, commit: bool = True) -> Visit:
        visit = super().save(commit=False)
        data = self.cleaned_data
        visit.patient = self.patient
        for name in ("grip_strength_kg", "sarc_f_score", "sppb_score"):  # derived in validate_visit
            setattr(visit, name, data.get(name))
        visit.conditions, visit.medications = data["conditions"], data["medications"]
        visit.warnings = [m for messages in self.warnings.values() for m in messages]
        visit.warnings_confirmed = bool(self.warnings)
        return visit
