"""Forms of the staff pages."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _l

from screening.models import Site


class ImportForm(forms.Form):
    site = forms.ModelChoiceField(label=_l("Site"), queryset=Site.objects.none())
    file = forms.FileField(label=_l("CSV or XLSX file (data dictionary columns, or a device export to map)"))

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.helper = FormHelper()
        self.helper.add_input(Submit("preview", _l("Check the file")))
