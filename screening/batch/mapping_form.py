"""The column mapping form of a device export: per column a data dictionary field and its unit, or ignore."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _l

from screening.batch.import_profiles import ENCODINGS, TARGETS, UNITS, ColumnMap

_UNIT_CHOICES = sorted({unit for units in UNITS.values() for unit in units})


class MappingForm(forms.Form):
    encoding = forms.ChoiceField(
        label=_l("Encoding"),
        required=False,
        choices=[(e, e) for e in ENCODINGS],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    profile_name = forms.CharField(
        label=_l("Save this mapping as the site's profile named"), max_length=100, required=False
    )

    def __init__(self, *args, mapping: list[ColumnMap], xlsx: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.mapping = mapping
        if xlsx:
            del self.fields["encoding"]
        targets = [("", _l("ignore this column")), *((name, name) for name in TARGETS)]
        units = [("", "—"), *((unit, unit) for unit in _UNIT_CHOICES)]
        for i, column in enumerate(mapping):
            self.fields[f"field_{i}"] = forms.ChoiceField(
                label=column.source, choices=targets, required=False, initial=column.field
            )
            self.fields[f"unit_{i}"] = forms.ChoiceField(
                label=_l("unit of %(column)s") % {"column": column.source},
                choices=units,
                required=False,
                initial=column.unit,
            )

    def rows(self):
        """(source column, target field, unit field) for the template's table."""
        return [(column.source, self[f"field_{i}"], self[f"unit_{i}"]) for i, column in enumerate(self.mapping)]

    def chosen(self) -> list[ColumnMap]:
        data = self.cleaned_data
        chosen = []
        for i, column in enumerate(self.mapping):
            target = data.get(f"field_{i}") or ""
            unit = (data.get(f"unit_{i}") or "") if target in UNITS else ""
            chosen.append(
                ColumnMap(column.source, target, unit or (next(iter(UNITS[target])) if target in UNITS else ""))
            )
        return chosen
