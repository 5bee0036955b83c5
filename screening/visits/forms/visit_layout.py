"""How the visit form looks: the catalogue's sections and rows (screening/catalogue/fields.py), units beside
every field, help on how to measure, SARC-F wording.

Each section is a fieldset; its fields sit in rows of up to three columns by their catalogue `row`.
A number shows its canonical unit beside it, or the unit selector beside the first field it converts.
"""

from __future__ import annotations

from itertools import groupby

from crispy_forms.bootstrap import AppendedText
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Field, Fieldset, Layout, Row

from screening.catalogue import fields as catalogue
from screening.catalogue.units import unit_text

SARC_F_QUESTIONS = {field.name: field.question for field in catalogue.FIELDS if field.question}
HELP_TEXTS = {field.name: field.help for field in catalogue.FIELDS if field.help}

# The form's sections with a jump link, in order (css ids of the fieldsets).
SECTIONS = tuple((section.css_id, section.title) for section in catalogue.SECTIONS if section.css_id)

_NOTES = {  # a line at the top of a section
    "questionnaires": HTML(
        "<p class='text-body-secondary small'>{% load i18n %}"
        "{% translate 'SARC-F: ask each question; total 0–10, positive at 4 or more.' %}</p>"
    )
}


def _num(name: str, unit_field: str | None = None) -> Div:
    """A number input with its canonical unit beside it, or with a unit choice next to it."""
    if unit_field:
        return Row(Column(Field(name), css_class="col-8"), Column(Field(unit_field), css_class="col-4"))
    return Div(AppendedText(name, unit_text(catalogue.BY_NAME[name].canonical_unit)))


def _cols(*items) -> Row:
    return Row(*(Column(item, css_class="col-md-6 col-lg-4") for item in items))


def _cell(field: catalogue.Field, placed: set[str]):
    """A field as its row shows it; `placed` collects the unit selectors already shown."""
    lim = field.limits
    if lim is None or lim.unit == "points":
        return field.name
    choice = field.unit_choice
    if choice and not choice.own_row and choice.name not in placed:
        placed.add(choice.name)
        return _num(field.name, choice.name)
    return _num(field.name)


def _section(section: catalogue.Section) -> Fieldset:
    fields = catalogue.fields_in(section.key)
    items = [_NOTES[section.key]] if section.key in _NOTES else []
    items += [
        Row(Column(Field(choice.name), css_class="col-md-4"))
        for choice in dict.fromkeys(f.unit_choice for f in fields if f.unit_choice and f.unit_choice.own_row)
    ]
    placed: set[str] = set()
    for _row, members in groupby(sorted(fields, key=lambda f: f.row), key=lambda f: f.row):
        row = list(members)
        if len(row) == 1 and row[0].wide:
            items.append(Field(row[0].name))
        else:
            items.append(_cols(*(_cell(field, placed) for field in row)))
    return Fieldset(section.title, *items, css_id=section.css_id or None)


def build_helper(form) -> FormHelper:
    helper = FormHelper(form)
    helper.form_tag = False  # the page adds the confirmation box and the button when needed
    helper.disable_csrf = True  # the page's <form> carries the one CSRF token
    helper.layout = Layout(
        *(_section(section) for section in catalogue.SECTIONS),
        Field("loaded_version"),
        *([Field("change_reason")] if "change_reason" in form.fields else []),
    )
    return helper
