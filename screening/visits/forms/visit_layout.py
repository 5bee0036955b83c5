"""How the visit form looks: the catalogue's sections and rows (screening/catalogue/fields.py), units beside
every field, help on how to measure, SARC-F wording.

Each section is a fieldset; its fields sit in rows of up to three columns by their catalogue `row`.
A number shows its canonical unit beside it, or the unit selector beside the first field it converts.

The plan of sections, rows and cells is built once from the catalogue; a request only pairs it with
the form's bound fields, and one template (`screening/_visit_form_fields.html`) writes Bootstrap 5's
markup in a single loop. The form has some eighty fields: laid out with crispy-forms' nested layout
objects, whose every row, column and field renders templates of its own, it cost most of the edit
page's time (README, "Load").
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _l

from screening.catalogue import fields as catalogue
from screening.catalogue.units import unit_text

SARC_F_QUESTIONS = {field.name: field.question for field in catalogue.FIELDS if field.question}
HELP_TEXTS = {field.name: field.help for field in catalogue.FIELDS if field.help}

# The form's sections with a jump link, in order (css ids of the fieldsets).
SECTIONS = tuple((section.css_id, section.title) for section in catalogue.SECTIONS if section.css_id)

_NOTES = {
    "questionnaires": _l("SARC-F: ask each question; total 0–10, positive at 4 or more.")
}  # a section's first line

COLUMN = "col-md-6 col-lg-4"  # up to three fields side by side
UNIT_ROW = "col-md-4"  # a unit selector on a row of its own


@dataclass(frozen=True)
class CellPlan:
    """One field's place: its unit shown beside it (`unit`), or a unit selector beside it (`unit_field`)."""

    name: str
    unit: str = ""
    unit_field: str = ""


@dataclass(frozen=True)
class RowPlan:
    cells: tuple[CellPlan, ...]
    column: str = COLUMN  # each cell's column classes; "" for one full-width field


@dataclass(frozen=True)
class SectionPlan:
    css_id: str
    title: Promise
    note: Promise | None
    rows: tuple[RowPlan, ...]


def _cell(field: catalogue.Field, placed: set[str]) -> CellPlan:
    """A field as its row shows it; `placed` collects the unit selectors already shown."""
    lim = field.limits
    if lim is None or lim.unit == "points":
        return CellPlan(field.name)
    choice = field.unit_choice
    if choice and not choice.own_row and choice.name not in placed:
        placed.add(choice.name)
        return CellPlan(field.name, unit_field=choice.name)
    return CellPlan(field.name, unit=field.canonical_unit)


def _section(section: catalogue.Section) -> SectionPlan:
    fields = catalogue.fields_in(section.key)
    rows = [
        RowPlan((CellPlan(choice.name),), UNIT_ROW)
        for choice in dict.fromkeys(f.unit_choice for f in fields if f.unit_choice and f.unit_choice.own_row)
    ]
    placed: set[str] = set()
    for _row, members in groupby(sorted(fields, key=lambda f: f.row), key=lambda f: f.row):
        row = list(members)
        if len(row) == 1 and row[0].wide:
            rows.append(RowPlan((CellPlan(row[0].name),), column=""))
        else:
            rows.append(RowPlan(tuple(_cell(field, placed) for field in row)))
    return SectionPlan(section.css_id, section.title, _NOTES.get(section.key), tuple(rows))


PLAN = tuple(_section(section) for section in catalogue.SECTIONS)

# Bootstrap's class for each kind of widget
_CHOICE_LISTS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def widget_class(widget: forms.Widget) -> str:
    if isinstance(widget, (forms.CheckboxInput, *_CHOICE_LISTS)):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


def _kind(widget: forms.Widget) -> str:
    if isinstance(widget, _CHOICE_LISTS):
        return "choices"  # a fieldset of radio buttons or tick boxes
    if isinstance(widget, forms.CheckboxInput):
        return "check"
    return "input"


def bound(form: forms.Form, name: str, unit: str = "") -> dict:
    """What the template needs of one field: the widget rendered red when refused (amber comes from its
    `data-soft-warning`, app.css), its errors and help linked for screen readers, its unit."""
    bf = form[name]
    widget = bf.field.widget
    kind = _kind(widget)
    errors = bf.errors
    attrs = {}
    if errors:
        attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid"
        attrs["aria-describedby"] = " ".join(
            [*([f"{bf.auto_id}_helptext"] if bf.help_text else []), f"{bf.auto_id}_error"]
        )
    return {
        "bf": bf,
        "kind": kind,
        "widget": "" if kind == "choices" else bf.as_widget(attrs=attrs),  # choices: one input per option
        "errors": errors,
        "unit": unit_text(unit) if unit else "",
    }


def sections(form: forms.Form) -> list[dict]:
    """The plan filled with this form's fields, for `screening/_visit_form_fields.html`; after the
    sections, outside any fieldset, the reason for changing a printed visit when it is asked."""
    filled = [
        _filled(form, plan.rows) | {"css_id": plan.css_id, "title": plan.title, "note": plan.note} for plan in PLAN
    ]
    if "change_reason" in form.fields:
        filled.append(_filled(form, (RowPlan((CellPlan("change_reason"),), column=""),)))
    return filled


def _filled(form: forms.Form, rows: tuple[RowPlan, ...]) -> dict:
    return {
        "rows": [
            {
                "column": row.column,
                "cells": [
                    {
                        "paired": bool(cell.unit_field),  # a unit selector beside the field
                        "fields": [
                            bound(form, cell.name, cell.unit),
                            *([bound(form, cell.unit_field)] if cell.unit_field else []),
                        ],
                    }
                    for cell in row.cells
                ],
            }
            for row in rows
        ]
    }
