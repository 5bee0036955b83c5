"""Voiding a visit: the reason and the version the clinician saw; parsing only (services.visit_void writes)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _l

REASON_MAX = 500


class VisitVoidForm(forms.Form):
    """The reason is required; `confirm` is set by the confirmation step, so the first post only asks."""

    reason = forms.CharField(
        label=_l("Reason for voiding"),
        max_length=REASON_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_l("For example: entered for the wrong patient, or a duplicate of another visit."),
        error_messages={"required": _l("Give the reason for voiding this visit.")},
    )
    loaded_version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class VisitRestoreForm(forms.Form):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput)
