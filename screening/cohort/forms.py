"""The cohort filters (GET parameters) parsed into a `CohortFilters` value; no querying logic here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from screening.cohort.bands import AGE_BAND_CHOICES
from screening.models import SETTING_CHOICES, SEX_CHOICES, Cohort, Site


@dataclass(frozen=True)
class CohortFilters:
    """What the dashboard, the worklists and the exports are restricted to; empty means all."""

    site: Site | None = None
    sex: str = ""
    age_band: str = ""
    cohort: Cohort | None = None
    setting: str = ""
    date_from: date | None = None
    date_to: date | None = None
    matches_nothing: bool = False  # the filters given were invalid: show nothing rather than everything

    def as_query(self) -> dict[str, str]:
        """The same filters as GET parameters, for links between the dashboard, worklists and exports."""
        values = {
            "site": self.site.code if self.site else "",
            "sex": self.sex,
            "age_band": self.age_band,
            "cohort": str(self.cohort.pk) if self.cohort else "",
            "setting": self.setting,
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
        }
        return {key: value for key, value in values.items() if value}


def _blank(choices) -> list[tuple[str, str]]:
    return [("", _("All")), *choices]


class CohortFilterForm(forms.Form):
    """GET filters shared by the dashboard, worklists and exports; sites limited to the user's."""

    site = forms.ModelChoiceField(
        label=_("Site"), queryset=Site.objects.none(), to_field_name="code", required=False, empty_label=_("All")
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=_blank(SEX_CHOICES), required=False)
    age_band = forms.ChoiceField(label=_("Age at visit"), choices=_blank(AGE_BAND_CHOICES), required=False)
    cohort = forms.ModelChoiceField(
        label=_("Cohort"), queryset=Cohort.objects.all(), required=False, empty_label=_("All")
    )
    setting = forms.ChoiceField(label=_("Setting"), choices=_blank(SETTING_CHOICES), required=False)
    date_from = forms.DateField(label=_("Visits from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Visits to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data=None, *, sites, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.fields["site"].queryset = sites
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            else:
                widget.attrs["class"] = (
                    "form-select form-select-sm" if isinstance(widget, forms.Select) else "form-control form-control-sm"
                )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def filters(self) -> CohortFilters:
        """The parsed filters; invalid filters match nothing (the page shows their errors), never
        everything: an unknown site or a mistyped date must not widen the list to the whole cohort."""
        if not self.is_bound:
            return CohortFilters()
        if not self.is_valid():
            return CohortFilters(matches_nothing=True)
        data = self.cleaned_data
        return CohortFilters(
            site=data["site"],
            sex=data["sex"],
            age_band=data["age_band"],
            cohort=data["cohort"],
            setting=data["setting"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )


class ExportForm(CohortFilterForm):
    """The filters plus the choice of a pseudonymised file."""

    pseudonymise = forms.BooleanField(label=_("Pseudonymise"), required=False)
