"""Turn stored visits and engine results into plain rows for templates, in the requested language.

Templates only print what this returns: every label, unit and flag is decided here or in the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _l

from screening.catalogue import fields as catalogue
from screening.catalogue.adapters import measurements_for_visit
from screening.catalogue.units import unit_text
from screening.clinical import text as clinical_text
from screening.clinical.criteria.base import CAVEATS, NO_SARCOPENIA, NOTE_LOW_COMPONENT, caveats
from screening.clinical.criteria.compare import awgs_versions, contrasted, disagreements
from screening.clinical.criteria.registry import ordered_codes
from screening.clinical.measurements import Measurements
from screening.clinical.results import CaseFinding, Test
from screening.clinical.results import CriteriaResult as EngineResult
from screening.display import content_language, operator_symbol
from screening.results.stored_results import category_of
from screening.results.visit_results import visit_results
from screening.visits.mechanism_presenter import mechanism_groups, number_citations, shared_caution

# The visit page's groups: each section of the catalogue shown on the page, with its fields (a timed
# test's "unable to perform" is shown as its value)
GROUPS = tuple(
    (section.title, tuple(f.name for f in catalogue.FIELDS if f.group == section.key and f.kind != "unable"))
    for section in catalogue.SECTIONS
    if section.on_page
)
UNABLE = catalogue.timed_tests()


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    unit: str = ""
    note: str = ""


def _unit(name: str) -> str:
    unit = catalogue.BY_NAME[name].canonical_unit
    return "" if unit in ("", "points") else unit_text(unit)


def _display(visit, name: str) -> str | None:
    field = visit._meta.get_field(name)
    value = getattr(visit, name)
    if name in UNABLE and getattr(visit, UNABLE[name]):
        return str(_l("unable to perform"))
    if value is None or value == "":
        return None
    if field.choices:
        return str(getattr(visit, f"get_{name}_display")())
    if isinstance(value, bool):
        return str(_l("yes") if value else _l("no"))
    return f"{value:g}" if isinstance(value, float) else str(value)


def history_rows(visit) -> list[Row]:
    """Conditions, medications and the clinical-suspicion tick, as entered (NULL list = not recorded)."""
    from screening.models import CONDITION_CHOICES, MEDICATION_CHOICES

    rows = [
        Row(
            str(visit._meta.get_field("clinical_suspicion").verbose_name),
            str(_l("yes") if visit.clinical_suspicion else _l("no")),
        )
    ]
    for name, choices in (("conditions", CONDITION_CHOICES), ("medications", MEDICATION_CHOICES)):
        codes = getattr(visit, name)
        labels = dict(choices)
        if codes is None:
            shown = str(_l("not recorded"))
        elif not codes:
            shown = str(_l("none of those listed"))
        else:
            shown = ", ".join(str(labels.get(code, code)) for code in codes)
        rows.append(Row(str(visit._meta.get_field(name).verbose_name), shown))
    return rows


def measurement_groups(visit) -> list[tuple[str, list[Row]]]:
    """Entered values by group, each with its unit; groups with nothing entered are left out."""
    groups = []
    for title, names in GROUPS:
        rows = []
        for name in names:
            shown = _display(visit, name)
            if shown is not None:
                rows.append(Row(str(visit._meta.get_field(name).verbose_name), shown, _unit(name)))
        if rows:
            groups.append((str(title), rows))
    groups.append((str(_l("History and clinical judgement")), history_rows(visit)))
    return groups


def _fmt(value: float | None, places: int = 2) -> str | None:
    return None if value is None else f"{value:.{places}f}"


def derived_rows(visit, m: Measurements) -> list[Row]:
    derived = str(_l("derived"))
    rows = [Row(str(_l("Age at visit")), str(m.age_years), str(_l("years")))]
    if m.bmi_rounded is not None:
        rows.append(Row("BMI", _fmt(m.bmi_rounded), "kg/m²", derived))
    if m.asmi_used_kg_m2 is not None:
        note = derived if m.asmi_is_derived else str(_l("reported by the device"))
        rows.append(Row("ASMI", _fmt(m.asmi_used_kg_m2), "kg/m²", f"{note} · {visit.muscle_mass_method}"))
    if m.alm_bmi is not None:
        rows.append(Row("ALM/BMI", _fmt(m.alm_bmi, 3), "m²", derived))
    if m.gait_speed_is_derived:
        course = f"{visit.gait_course_m:g} m"
        rows.append(Row(str(_l("Gait speed")), _fmt(m.gait_speed_used_m_s), "m/s", f"{derived} · {course}"))
    return rows


def patient_rows(patients: list, lang: str, today=None) -> list[dict]:
    """The patient list's rows: age, last visit, latest category under the site's primary set, when
    reassessment is due. One query for the page's latest visits (the `is_latest` mark)."""
    from datetime import date, timedelta

    from django.conf import settings

    from screening.models import Visit
    from screening.results.stored_results import CATEGORY_FIELDS

    today = today or date.today()
    latest = {
        v.patient_id: v
        for v in Visit.objects.filter(patient__in=[p.pk for p in patients], is_latest=True).only(
            "patient_id", "visit_date", *CATEGORY_FIELDS.values()
        )
    }
    rows = []
    for patient in patients:
        visit, primary = latest.get(patient.pk), patient.site.primary
        row = {"patient": patient, "age": patient.age_on(today), "visit": visit, "category": None, "due": None}
        if visit is not None:
            category = getattr(visit, CATEGORY_FIELDS[primary]) or "insufficient_data"
            due = visit.visit_date + timedelta(days=settings.REASSESSMENT_INTERVAL_DAYS)
            row.update(
                category=category,
                due=due,
                overdue=due <= today,
                category_label=clinical_text.category_label(primary, category, content_language(lang)),
            )
        rows.append(row)
    return rows


def preview(form, lang: str) -> dict:
    """The visit form's live panel: derived values and every set's provisional category, from the
    engine, for values that pass the hard checks (the caller previews unusual values as if confirmed).
    Saves nothing."""
    from screening.clinical.criteria.registry import evaluate_all

    if not form.is_valid():
        if any(name != "__all__" for name in form.errors):
            return {"message": str(_l("Correct the values marked in red to see a provisional result."))}
        return {"message": str(_l("Enter a measured value to see a provisional result."))}
    visit = form.build_unsaved()
    m = measurements_for_visit(visit)
    lang = content_language(lang)
    totals = (("grip_strength_kg", "kg"), ("sarc_f_score", "/ 10"), ("sppb_score", "/ 12"))
    rows = [
        Row(str(visit._meta.get_field(name).verbose_name), f"{getattr(visit, name):g}", unit)
        for name, unit in totals
        if getattr(visit, name) is not None
    ]
    results = evaluate_all(m)
    codes = ordered_codes(visit.patient.site.population, visit.patient.site.primary)
    return {
        "derived": rows + derived_rows(visit, m)[1:],
        "panels": [result_panel(results[c], i == 0, lang) for i, c in enumerate(codes) if c in results],
    }


def category_cells(visit, codes: list[str], lang: str) -> list[dict]:
    cells = []
    for code in codes:
        category = category_of(visit, code) or "insufficient_data"
        cells.append({"code": category, "label": clinical_text.category_label(code, category, content_language(lang))})
    return cells


def timeline(patient, visits: list, lang: str | None = None) -> dict:
    from django.utils.translation import get_language

    lang = lang or get_language()
    codes = ordered_codes(patient.site.population, patient.site.primary)
    rows = []
    for visit in visits:
        visit.patient = patient
        m = visit_results(visit).measurements
        rows.append(
            {
                "visit": visit,
                "age": m.age_years,
                "grip": _fmt(m.grip_strength_kg, 1),
                "gait": _fmt(m.gait_speed_used_m_s),
                "asmi": _fmt(m.asmi_used_kg_m2),
                "categories": category_cells(visit, codes, lang),
            }
        )
    names = [(code, clinical_text.label(f"set.{code}", content_language(lang))) for code in codes]
    return {"rows": rows, "set_names": names}


def _number(value) -> str:
    return "—" if value is None else f"{value:g}"


def _test_row(test: Test, decisive: set[str], lang: str) -> dict:
    op = operator_symbol(test.operator)  # "" for a yes/no
    value = str(_l("unable to perform")) if test.unable else _number(test.value)
    answer = test.unit == "answer"  # an AWGS 2025 yes/no risk factor: the finding says it all
    # AWGS 2025 age and BMI risk rows carry the outcome only (the values are shown with the visit)
    blank = answer or (test.value is None and not test.unable and test.name.startswith("risk_"))
    return {
        "label": clinical_text.label(f"test.{test.name}", lang),
        "value": "" if blank else value,
        "unit": "" if blank else clinical_text.label(f"unit.{test.unit}", lang),
        "operator": op,
        "cutoff": "" if answer else _number(test.cutoff),
        "outcome": test.outcome,
        "outcome_label": clinical_text.label(f"outcome.{test.outcome}", lang),
        "source": test.source,
        "decisive": test.name in decisive,
    }


def _case_finding_lines(cf: CaseFinding | None, lang: str) -> list[str]:
    if cf is None:
        return []
    lines = []
    if cf.sarc_f_score is not None:
        lines.append(f"SARC-F {cf.sarc_f_score}/10")
    if cf.calf_cm is not None:
        lines.append(f"{clinical_text.label('case_finding.calf_circumference', lang)} {cf.calf_cm:g} cm")
    if cf.sarc_calf_score is not None:
        lines.append(f"SARC-CalF {cf.sarc_calf_score}/20")
    state = "unknown" if cf.positive is None else "positive" if cf.positive else "negative"
    lines.append(clinical_text.label(f"case_finding_result.{state}", lang))
    return lines


def tone(result: EngineResult) -> str:
    """The colour a verdict is shown in: its category's, except that no sarcopenia with a low component
    is never shown in the reassuring colour (DECISIONS.md §7)."""
    if result.category == NO_SARCOPENIA and NOTE_LOW_COMPONENT in result.notes:
        return "no_sarcopenia_low"
    return result.category


def note_text(result: EngineResult, note: str, lang: str) -> str:
    """A note's words; the low-component caveat names the low components."""
    text = clinical_text.label(f"note.{note}", lang)
    if note == NOTE_LOW_COMPONENT:
        low = [clinical_text.label(f"component.{c.code}", lang) for c in result.components if c.status == "low"]
        text += (": " if lang == "en" else "：") + ", ".join(low)
    return text


def caveat_lines(result: EngineResult, lang: str) -> list[str]:
    return [note_text(result, n, lang) for n in caveats(result)]


def result_panel(result: EngineResult, primary: bool, lang: str) -> dict:
    code = result.criteria_set
    decisive = {t.name for t in result.decisive}
    return {
        "code": code,
        "primary": primary,
        "name": clinical_text.label(f"set.{code}", lang),
        "category": result.category,
        "category_label": clinical_text.category_label(code, result.category, lang),
        "reason": clinical_text.label(f"reason.{result.reason}", lang),
        "components": [
            {
                "label": clinical_text.label(f"component.{c.code}", lang),
                "status": c.status,
                "status_label": clinical_text.label(f"outcome.{c.status}", lang),
                "tests": [_test_row(t, decisive, lang) for t in c.tests],
            }
            for c in result.components
        ],
        "case_finding": _case_finding_lines(result.case_finding, lang),
        "to_complete": [clinical_text.label(f"to_complete.{c}", lang) for c in result.to_complete],
        "next_step": clinical_text.label(f"next_step.{result.next_step}", lang),
        "notes": [note_text(result, n, lang) for n in result.notes if n not in CAVEATS],
        "caveats": caveat_lines(result, lang),
        "tone": tone(result),
        "rule_set_version": result.rule_set_version,
    }


def _decided_by(result: EngineResult, lang: str) -> list[dict]:
    """The values that decided the category, each against its cut-off."""
    return [_test_row(t, set(), lang) for t in result.decisive]


def disagreement_sentence(results: dict[str, EngineResult], lang: str) -> str:
    """One sentence, only when sets disagree: which sets find sarcopenia (or severe) and why."""
    found = disagreements(results)
    if not found:
        return ""
    kind = "diagnosis" if any(d.kind == "diagnosis" for d in found) else "severity"
    found = [d for d in found if d.kind == kind]
    name = lambda code: clinical_text.label(f"set.{code}", lang)  # noqa: E731
    # Each reason is a clause of its own (some hold a semicolon already): sentences in English, 「；」 in Chinese.
    comma, semicolon = ("、", "；") if lang == "zh-hans" else (", ", ". ")
    higher = comma.join(name(c) for c in dict.fromkeys(d.higher for d in found))
    lower = comma.join(name(c) for c in dict.fromkeys(d.lower for d in found))
    reasons = semicolon.join(
        clinical_text.label(f"disagreement.{r}", lang) % {"other": comma.join(name(c) for c in contrasted(found, r))}
        for r in dict.fromkeys(r for d in found for r in d.reasons)
    )
    if kind == "diagnosis":
        text = _l("Sarcopenia under %(higher)s but not under %(lower)s: %(why)s.")
    else:
        text = _l("Severe sarcopenia under %(higher)s but not under %(lower)s: %(why)s.")
    return str(text) % {"higher": higher, "lower": lower, "why": reasons}


def verdict(panels: list[dict], results: dict[str, EngineResult], lang: str) -> dict | None:
    """The top of the visit page: the primary set's verdict, what decided it, the next step, the others."""
    if not panels:
        return None
    primary = panels[0]
    return {
        "panel": primary,
        "decided_by": _decided_by(results[primary["code"]], lang),
        "others": panels[1:],
        "why_differ": disagreement_sentence(results, lang),
    }


def provenance(visit) -> dict | None:
    """Where an imported visit came from: who imported it, from which file, when (None if entered)."""
    if visit.imported_at is None:
        return None
    return {
        "user": visit.imported_by.get_username() if visit.imported_by else "—",
        "file": visit.import_file or "—",
        "date": visit.imported_at,
    }


def awgs_versions_line(results: dict[str, EngineResult], lang: str) -> str | None:
    """One sentence on why AWGS 2025 and AWGS 2019 differ for this visit; None when they agree."""
    note = awgs_versions(results)
    return None if note is None else clinical_text.awgs_versions_sentence(note.reason, dict(note.values), lang)


def visit_page(visit, lang: str) -> dict:
    """Everything the visit page shows, primary criteria set first."""
    lang = content_language(lang)
    reading = visit_results(visit)
    m, results = reading.measurements, reading.engine
    codes = ordered_codes(visit.patient.site.population, visit.patient.site.primary)
    panels = [result_panel(results[c], i == 0, lang) for i, c in enumerate(codes) if c in results]
    mechanisms = mechanism_groups(reading.mechanism_details, lang)
    return {
        "visit": visit,
        "patient": visit.patient,
        "panels": panels,
        "age": m.age_years,
        "verdict": verdict(panels, results, lang),
        "provenance": provenance(visit),
        "rule_set_version": visit.rule_set_version,
        "awgs_versions": awgs_versions_line(results, lang),
        "groups": measurement_groups(visit),
        "derived": derived_rows(visit, m),
        "mechanisms": mechanisms,
        "shared_caution": shared_caution(lang),
        "references": number_citations(mechanisms, lang),
    }


def conflict_rows(error, model=None) -> dict:
    """What another user changed since this user opened the visit (or patient), labelled for the page."""
    from screening.models import Visit

    model = model or Visit
    rows = []
    for name, before, after in error.changes:
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except Exception:  # a history-only field
            label = name
        rows.append(Row(label, f"{before if before is not None else '—'} → {after if after is not None else '—'}"))
    return {"user": error.user, "rows": rows}


def conflict_message(error, model=None) -> str:
    """The conflict page's message as one line of text, for the admin (the same words as the app)."""
    from django.utils.translation import gettext as _

    from screening.models import Patient

    if model is Patient:
        parts = [_("Not saved: this patient was changed by someone else after you opened it.")]
    else:
        parts = [_("Not saved: this visit was changed by someone else after you opened it.")]
    if error.user:
        parts.append(_("Last saved by %(user)s.") % {"user": error.user})
    parts.append(_("Their changes are kept. Reload the page to see them, then enter your changes again."))
    rows = conflict_rows(error, model)["rows"]
    if rows:
        parts.append("; ".join(f"{r.label}: {r.value}" for r in rows))
    return " ".join(parts)
