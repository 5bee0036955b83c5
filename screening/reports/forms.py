"""Forms of the report pages: they only parse (a fingerprint, a list of visit ids, a language)."""

from __future__ import annotations

import re
import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _l

FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")
MAX_BATCH = 500
LANGUAGE_CHOICES = [("zh-hans", "简体中文"), ("en", "English")]  # screening.reports.text.LANGS


class VerifyForm(forms.Form):
    fingerprint = forms.CharField(
        label=_l("Report fingerprint (SHA-256)"),
        max_length=200,
        help_text=_l("The 64 characters printed at the foot of every page of the report."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.add_input(Submit("check", _l("Check")))

    def clean_fingerprint(self) -> str:
        """Accept it as people copy it: any case, spaces or line breaks in between."""
        value = re.sub(r"\s+", "", self.cleaned_data["fingerprint"]).lower()
        value = value.removeprefix("sha-256").removeprefix("sha256").lstrip(":")
        if not FINGERPRINT.match(value):
            raise forms.ValidationError(_l("A fingerprint is 64 hexadecimal characters (0-9, a-f)."))
        return value


class VisitIdsField(forms.Field):
    """Repeated `visit=<uuid>` parameters as a list of UUIDs, without duplicates, order kept."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[uuid.UUID]:
        ids: list[uuid.UUID] = []
        for raw in value or []:
            try:
                parsed = uuid.UUID(str(raw))
            except ValueError as exc:
                raise forms.ValidationError(_l("Not a visit id: %(value)s"), params={"value": raw}) from exc
            if parsed not in ids:
                ids.append(parsed)
        if len(ids) > MAX_BATCH:
            raise forms.ValidationError(_l("At most %(max)d visits at a time."), params={"max": MAX_BATCH})
        return ids


class ReportBatchForm(forms.Form):
    visit = VisitIdsField(label=_l("Visits"))
    lang = forms.ChoiceField(label=_l("Report language"), choices=LANGUAGE_CHOICES)
