"""Unit words shown to people, translated; symbols (kg, m/s, ng/mL...) are the same in every language."""

from django.utils.translation import gettext_lazy as _l

UNIT_WORDS = {
    "s": _l("s"),
    "days": _l("days"),
    "days/week": _l("days/week"),
    "min/week": _l("min/week"),
    "g/kg/day": _l("g/kg/day"),
    "cells/µL": _l("cells/µL"),
    "points": _l("points"),
    "years": _l("years"),
}


def unit_text(unit: str) -> str:
    """The unit as the active language writes it."""
    word = UNIT_WORDS.get(unit)
    return str(word) if word is not None else unit
