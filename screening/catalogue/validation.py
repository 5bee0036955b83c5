"""Visit validation shared by the visit form and the CSV import, so both refuse and warn alike.

Input is a dict of canonical values (units already converted). Hard limits give errors, soft limits
warnings; both are keyed by the field the clinician should look at. The identifier, number and date
rules here are the only ones: the forms, the admin and the import all call them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from screening.catalogue.fields import FIELDS, timed_tests
from screening.catalogue.units import unit_text
from screening.clinical.limits import GRIP_FIELDS, SARC_F_ITEMS, SPPB_ITEMS, limit_for
from screening.clinical.measurements import Measurements, age_in_years

TIMED_TESTS = timed_tests()  # timed test -> its "unable to perform" field
CHECKED_FIELDS = tuple(field.name for field in FIELDS if field.limits)  # every field with limits (limits.py)


IDENTIFIER_MAX = 64
NUMBER_MAX_CHARACTERS = 40  # longer is a paste error, and would overflow a float or int() parsing
_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)
_INTEGER = re.compile(r"-?[0-9]+", re.ASCII)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def clean_identifier(raw: str) -> str:
    """A patient identifier, trimmed: 1–64 printable characters (no control, format or zero-width
    characters, no line breaks), so it prints, exports and sorts as it reads. Raises ValidationError."""
    value = raw.strip()
    if not value:
        raise ValidationError(_("Enter an identifier."), code="required")
    if len(value) > IDENTIFIER_MAX:
        raise ValidationError(
            _("An identifier has at most %(max)s characters (this one has %(n)s).")
            % {"max": IDENTIFIER_MAX, "n": len(value)},
            code="max_length",
        )
    if not value.isprintable():
        raise ValidationError(
            _("An identifier may hold printable characters only (no control or invisible characters)."), code="invalid"
        )
    return value


def validate_identifier(value: str) -> None:
    """Model-field validator: the stored identifier follows `clean_identifier` unchanged."""
    if clean_identifier(value) != value:
        raise ValidationError(_("An identifier cannot start or end with a space."), code="invalid")


def parse_number(raw: str, *, integer: bool = False) -> float | int:
    """A typed number: ASCII digits, an optional leading minus and (unless `integer`) at most one
    decimal point. No thousands separators, decimal commas, underscores, exponents or "nan"."""
    text = raw.strip()
    if len(text) > NUMBER_MAX_CHARACTERS or not (_INTEGER if integer else _NUMBER).fullmatch(text):
        if integer and _NUMBER.fullmatch(text):
            message = _("%(raw)s is not a whole number") % {"raw": text[:40]}
        elif "," in text:
            message = _("%(raw)s is not a number: use a point for decimals and no thousands separator") % {
                "raw": text[:40]
            }
        else:
            message = _("%(raw)s is not a number") % {"raw": text[:40]}
        raise ValidationError(message, code="invalid")
    return int(text) if integer else float(text)


def parse_iso_date(raw: str) -> date:
    """A date written YYYY-MM-DD and nothing else (no week dates, no 19500101)."""
    text = raw.strip()
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            _("%(raw)s is not a date in YYYY-MM-DD form") % {"raw": text[:40]}, code="invalid"
        ) from None


def date_of_birth_problem(date_of_birth: date, today: date) -> str | None:
    """Why a date of birth is impossible today (in the future, or an age outside the hard limits of
    `age_years`, criteria.md §8 and the data dictionary); None when it is possible."""
    if date_of_birth > today:
        return _("The date of birth cannot be in the future.")
    age = age_in_years(date_of_birth, today)
    lim = limit_for("age_years")
    if lim.is_refused(age):
        return _("The date of birth gives an age of %(age)s years: enter an age from %(min)s to %(max)s.") % {
            "age": age,
            "min": _fmt(lim.hard_min),
            "max": _fmt(lim.hard_max),
        }
    return None


# A visit must hold at least one of these (issue 15): a measured strength, muscle-mass, performance or
# case-finding value; "unable to perform" is a result. Otherwise nothing is screened and nothing saved.
MEASURED_FIELDS = tuple(field.name for field in FIELDS if field.measured)
WHOLE_VISIT = "__all__"  # the key of an error about the visit as a whole, not one field


@dataclass
class Findings:
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def warn(self, name: str, message: str) -> None:
        self.warnings.setdefault(name, []).append(message)


def _fmt(number: float) -> str:
    return f"{number:g}"


def check_range(
    findings: Findings,
    name: str,
    value: float,
    sex: str | None,
    limit_name: str | None = None,
    shown: str | None = None,
) -> None:
    """Refuse a value outside its hard limit; warn outside its soft limit."""
    lim = limit_for(limit_name or name)
    unit = "" if lim.unit == "points" else f" {unit_text(lim.unit)}"
    what = shown or _fmt(value)
    if lim.is_refused(value):
        message = (
            _("%(value)s%(unit)s is not possible: enter more than %(min)s and at most %(max)s%(unit)s.")
            if lim.min_exclusive
            else _("%(value)s%(unit)s is not possible: enter %(min)s to %(max)s%(unit)s.")
        )
        findings.error(
            name, message % {"value": what, "unit": unit, "min": _fmt(lim.hard_min), "max": _fmt(lim.hard_max)}
        )
        return
    side = lim.warning(value, sex)
    if side:
        low, high = lim.soft_bounds(sex)
        bound = low if side == "low" else high
        message = (
            _("%(value)s%(unit)s is unusually low (below %(bound)s%(unit)s): check the value and its unit.")
            if side == "low"
            else _("%(value)s%(unit)s is unusually high (above %(bound)s%(unit)s): check the value and its unit.")
        )
        findings.warn(name, message % {"value": what, "unit": unit, "bound": _fmt(bound)})


def derive_totals(values: dict) -> None:
    """Grip = best trial; SARC-F and SPPB totals = sum of items when every item is given."""
    lim = limit_for("grip_strength_kg")
    trials = [values[f] for f in GRIP_FIELDS if values.get(f) is not None and not lim.is_refused(values[f])]
    if trials:
        values["grip_strength_kg"] = max(trials)
    for items, total in ((SARC_F_ITEMS, "sarc_f_score"), (SPPB_ITEMS, "sppb_score")):
        given = [values.get(f) for f in items if values.get(f) is not None]
        if len(given) == len(items):
            values[total] = sum(given)


def _check_structure(values: dict, findings: Findings) -> None:
    for items, label in ((SARC_F_ITEMS, "SARC-F"), (SPPB_ITEMS, "SPPB")):
        given = [f for f in items if values.get(f) is not None]
        if 0 < len(given) < len(items):
            missing = [f for f in items if values.get(f) is None]
            for name in missing:
                findings.error(name, _("Answer every %(label)s item, or none.") % {"label": label})
    for test, unable in TIMED_TESTS.items():
        if values.get(unable) and values.get(test) is not None:
            findings.error(test, _("Enter a result or tick “unable to perform”, not both."))
    if values.get("gait_unable") and values.get("gait_time_s") is not None:
        findings.error("gait_time_s", _("Enter a result or tick “unable to perform”, not both."))
    # DECISIONS.md §1: the course is recorded with a timed walk and with a speed entered directly.
    if values.get("gait_time_s") is not None and values.get("gait_course_m") is None:
        findings.error("gait_course_m", _("Choose the course (4 m or 6 m) the time was measured over."))
    course_only = all(values.get(f) is None for f in ("gait_time_s", "gait_speed_m_s"))
    if values.get("gait_course_m") is not None and course_only and not values.get("gait_unable"):
        findings.error("gait_course_m", _("Enter the gait speed or the time over this course."))
    if values.get("gait_time_s") is not None and values.get("gait_speed_m_s") is not None:
        findings.error("gait_speed_m_s", _("Enter the gait speed or the course time, not both."))
    has_mass = values.get("asm_kg") is not None or values.get("asmi_kg_m2") is not None
    if has_mass and not values.get("muscle_mass_method"):
        findings.error("muscle_mass_method", _("Choose DXA or BIA: the cut-offs depend on the method."))


def _check_something_measured(values: dict, findings: Findings) -> None:
    if not any(values.get(name) not in (None, "", False) for name in MEASURED_FIELDS):
        findings.error(
            WHOLE_VISIT,
            _(
                "Enter at least one measured value: grip strength, chair stand, muscle mass, "
                "gait speed, SPPB, TUG, 400 m walk, SARC-F or calf circumference. "
                "Nothing was saved."
            ),
        )


def _check_derived(values: dict, sex: str | None, findings: Findings) -> None:
    """Derived values (DECISIONS.md §1, computed by the engine's Measurements) must be possible too."""
    usable = {
        name: values.get(name)
        for name in ("height_cm", "weight_kg", "asm_kg", "gait_time_s")
        if name not in findings.errors
    }
    m = Measurements(gait_distance_m=values.get("gait_course_m"), **usable)
    if m.bmi_rounded is not None:
        check_range(
            findings,
            "weight_kg",
            m.bmi_rounded,
            sex,
            "bmi_kg_m2",
            shown=_("BMI %(bmi)s") % {"bmi": _fmt(m.bmi_rounded)},
        )
    asmi = m.asmi_derived_kg_m2
    if asmi is not None and values.get("asmi_kg_m2") is None:
        check_range(findings, "asm_kg", asmi, sex, "asmi_kg_m2", shown=_("ASMI %(v)s") % {"v": _fmt(asmi)})
    speed = m.gait_speed_used_m_s
    if speed is not None:
        check_range(
            findings, "gait_time_s", speed, sex, "gait_speed_m_s", shown=_("%(speed)s m/s") % {"speed": _fmt(speed)}
        )


def _course_limit(name: str, values: dict) -> str | None:
    """A walk time is checked against its course's range (criteria.md §8), not one range for both."""
    course = values.get("gait_course_m")
    if name == "gait_time_s" and course in (4.0, 6.0):
        return f"gait_time_{course:g}m_s"
    return None


def validate_visit(values: dict, *, sex: str | None, date_of_birth: date | None) -> Findings:
    """All errors and warnings for one visit's canonical values (derived totals filled in first)."""
    findings = Findings()
    derive_totals(values)
    _check_something_measured(values, findings)
    _check_structure(values, findings)
    for name in CHECKED_FIELDS:
        value = values.get(name)
        if value is not None and name not in findings.errors:
            check_range(findings, name, value, sex, _course_limit(name, values))
    visit_date = values.get("visit_date")
    if visit_date and date_of_birth:
        age = age_in_years(date_of_birth, visit_date)
        check_range(findings, "visit_date", age, sex, "age_years", shown=_("Age %(age)s") % {"age": age})
    _check_derived(values, sex, findings)
    return findings
