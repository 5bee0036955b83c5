"""Form fields that parse typed numbers with the import's rule (screening.catalogue.validation.parse_number)."""

from __future__ import annotations

from django import forms
from django.db import models

from screening.catalogue.validation import parse_number


class StrictFloatField(forms.FloatField):
    """Digits with at most one decimal point: Django's own would read `1_55` as 155 and accept `1e3`."""

    def to_python(self, value):
        if isinstance(value, str):
            if value.strip() in self.empty_values:
                return None
            value = parse_number(value)
        return super().to_python(value)


class StrictIntegerField(forms.IntegerField):
    """ASCII digits only: Django's own would read `1_5` as 15 and `５` as 5."""

    def to_python(self, value):
        if isinstance(value, str):
            if value.strip() in self.empty_values:
                return None
            value = parse_number(value, integer=True)
        return super().to_python(value)


def strict_numbers(db_field: models.Field, **kwargs) -> forms.Field | None:
    """ModelForm `formfield_callback`: number fields without choices parse with the strict rule."""
    if not db_field.choices:
        if isinstance(db_field, models.FloatField):
            kwargs.setdefault("form_class", StrictFloatField)
        elif isinstance(db_field, models.IntegerField) and not isinstance(db_field, models.AutoField):
            kwargs.setdefault("form_class", StrictIntegerField)
    return db_field.formfield(**kwargs)
