"""The staff upload of a FHIR Bundle."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _l

from screening.models import Site


class FhirImportForm(forms.Form):
    site = forms.ModelChoiceField(label=_l("Site"), queryset=Site.objects.none())
    file = forms.FileField(label=_l("FHIR R4 Bundle (JSON)"))
    dry_run = forms.BooleanField(label=_l("Check only, write nothing"), required=False, initial=True)

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.helper = FormHelper()
        self.helper.add_input(Submit("upload", _l("Upload")))
