"""Patient entry and search: parsing and validation only."""

from __future__ import annotations

from datetime import date

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from screening.catalogue.validation import clean_identifier, date_of_birth_problem
from screening.models import Patient, Site

SEARCH_MAX = 100


class PatientForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Patient
        fields = ["site", "identifier", "name", "sex", "date_of_birth", "notes"]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        if self.instance._state.adding and len(sites) == 1:
            self.initial["site"] = sites[0].pk
        self.initial.setdefault("loaded_version", self.instance.version)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save patient")))

    def clean_identifier(self) -> str:
        return clean_identifier(self.cleaned_data["identifier"])

    def clean_date_of_birth(self) -> date:
        dob = self.cleaned_data["date_of_birth"]
        problem = date_of_birth_problem(dob, timezone.localdate())
        if problem:
            raise forms.ValidationError(problem)
        return dob

    def clean(self):
        data = super().clean()
        site, identifier = data.get("site"), data.get("identifier")
        if site and identifier:
            clash = Patient.objects.filter(site=site, identifier=identifier).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("identifier", _("Another patient of this site has this identifier."))
        return data


class PatientSearchForm(forms.Form):
    """An invalid search (too long, an unknown site) shows its error and no patients at all."""

    q = forms.CharField(
        label=_l("Search by identifier or name"),
        required=False,
        max_length=SEARCH_MAX,
        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}),
    )
    site = forms.ModelChoiceField(
        label=_l("Site"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_l("All sites"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
