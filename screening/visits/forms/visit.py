"""The visit form: parses entered values, converts units to canonical, and applies the shared
validation (hard limits refuse at the field; soft limits warn and need the clinician's confirmation).
No clinical classification happens here.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from screening.catalogue import fields as catalogue
from screening.catalogue.units import unit_text
from screening.catalogue.validation import validate_visit
from screening.models import CONDITION_CHOICES, MEDICATION_CHOICES, Visit
from screening.visits.forms import visit_layout
from screening.visits.forms.fields import strict_numbers
from screening.visits.forms.visit_layout import HELP_TEXTS, SARC_F_QUESTIONS

# unit field -> (choices, {non-canonical unit: converter}, fields it applies to): the catalogue's selectors
UNIT_FIELDS = {
    choice.name: (
        [unit.choice for unit in fields[0].units],
        {unit.code: unit.to_canonical for unit in fields[0].units if unit.to_canonical},
        tuple(field.name for field in fields),
    )
    for choice, fields in catalogue.unit_choices().items()
}
NONE_CODE = "none"

VISIT_FIELDS = [field.name for field in catalogue.FIELDS]
# Labels that keep their first letter's case (eGFR, hs-CRP); the others are capitalised as usual
_KEEP_CASE = tuple(field.name for field in catalogue.FIELDS if field.keep_case)
# Fields whose unit is fixed: screen readers hear it with the label
_FIXED_UNITS = {
    field.name: field.limits.unit
    for field in catalogue.FIELDS
    if field.limits and field.limits.unit != "points" and not field.unit_choice
}


def _coded_list_field(label, choices, none_label) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[*choices, (NONE_CODE, none_label)],
        help_text=_l("Leave all unticked if not asked; tick “none of these” if asked and absent."),
    )


class VisitForm(forms.ModelForm):
    confirm_warnings = forms.BooleanField(
        label=_l("I have checked the unusual values above and they are correct"), required=False
    )
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    change_reason = forms.CharField(
        label=_l("Reason for changing a visit whose report was already printed"), required=False, max_length=300
    )
    conditions = _coded_list_field(_l("Conditions"), CONDITION_CHOICES, _l("None of these"))
    medications = _coded_list_field(_l("Medications"), MEDICATION_CHOICES, _l("None of these"))

    class Meta:
        model = Visit
        fields = VISIT_FIELDS
        formfield_callback = strict_numbers
        widgets = {
            "visit_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
            **{name: forms.RadioSelect for name in SARC_F_QUESTIONS},
        }

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.warnings: dict[str, list[str]] = {}
        for name, (choices, _conv, _fields) in UNIT_FIELDS.items():
            self.fields[name] = forms.ChoiceField(label=_l("Unit"), choices=choices, required=False)
        for name, (question, answers) in SARC_F_QUESTIONS.items():
            self.fields[name] = forms.TypedChoiceField(
                label=question,
                choices=[("", _l("Not asked")), *enumerate(answers)],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
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
        for name in _KEEP_CASE:
            self.fields[name].label = Visit._meta.get_field(name).verbose_name
        self._name_units()
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", visit_layout.widget_class(field.widget))

    def layout(self) -> list[dict]:
        """The fields in their sections and rows, as the page shows them (visit_layout.py)."""
        return visit_layout.sections(self)

    def _name_units(self) -> None:
        """Screen readers hear the unit with the label (the visible unit sits beside the input)."""
        for name, unit in _FIXED_UNITS.items():
            field = self.fields[name]
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
            self.instance = forms.models.construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
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
            e.code == "soft_warning" for errs in self.errors.as_data().values() for e in errs
        )

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
