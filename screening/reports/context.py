"""Step 1 of the report pipeline: a visit -> plain data the print template only lays out.

Everything clinical comes from the stored results through the presenters and the engine's labels:
cut-offs, operators and low/normal flags are the primary set's stored Test records, so the report
shows what the engine decided and never compares a value itself. HTML (`html.py`) and PDF (`pdf.py`)
are separate steps, so this data and the HTML can be tested without WeasyPrint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from screening.clinical import text as clinical_text
from screening.clinical.criteria.registry import ordered_codes
from screening.clinical.mechanisms import LIKELY, POSSIBLE
from screening.clinical.results import Test
from screening.display import HTML_LANG, operator_symbol
from screening.models import Visit
from screening.reports import charts
from screening.reports.fingerprint import TREND_TESTS, clinician_name, visit_fingerprint
from screening.reports.text import what_this_means, words
from screening.results.visit_results import visit_results
from screening.selectors import patient_visits
from screening.visits import presenters
from screening.visits.mechanism_presenter import mechanism_groups, reference_line

BAND_TESTS = TREND_TESTS  # grip strength, gait speed, ASMI


@dataclass
class ReportContext:
    """What the print template shows; empty lists and None mean "leave the section out"."""

    lang: str
    html_lang: str
    words: dict[str, str]
    fingerprint: str
    rule_set_version: str
    generated_at: str
    header: dict
    primary: dict | None
    measurements: list[dict] = field(default_factory=list)
    bands: list[dict] = field(default_factory=list)
    sets: list[dict] = field(default_factory=list)
    trends: dict | None = None
    mechanisms: list[dict] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    what_this_means: list[str] = field(default_factory=list)


def report_visits(visit: Visit) -> list[Visit]:
    """The patient's visits up to and including this one, oldest first, results prefetched.

    Later visits are left out so that an old visit's report, and its fingerprint, stay as printed.
    """
    visits = list(patient_visits(patient=visit.patient))
    index = next((i for i, v in enumerate(visits) if v.pk == visit.pk), len(visits))
    history = [*visits[:index], visit]  # the caller's object: it carries the clinician
    for earlier in history:
        earlier.patient = visit.patient
    return history


def report_fingerprint(visit: Visit, lang: str, history: list[Visit] | None = None) -> str:
    return visit_fingerprint(visit, lang, history if history is not None else report_visits(visit))


def build_context(
    visit: Visit,
    lang: str,
    history: list[Visit] | None = None,
    fingerprint: str | None = None,
    now: datetime | None = None,
) -> ReportContext:
    """The report of one visit in one language ("zh-hans" or "en")."""
    history = history if history is not None else report_visits(visit)
    w = words(lang)
    primary = visit.patient.site.primary
    reading = visit_results(visit)
    results = reading.engine
    primary_result = results.get(primary)
    tests = _tests(primary_result) if primary_result else {}
    return ReportContext(
        lang=lang,
        html_lang=HTML_LANG[lang],
        words=w,
        fingerprint=fingerprint or report_fingerprint(visit, lang, history),
        rule_set_version=visit.rule_set_version,
        generated_at=timezone.localtime(now or timezone.now()).strftime("%Y-%m-%d %H:%M"),
        header=_header(visit, primary, w, lang),
        primary=_primary(primary_result, lang) if primary_result else None,
        measurements=_measurement_rows(visit, tests, w, lang),
        bands=_bands(tests, w, lang),
        sets=_sets(visit, results, lang, w),
        trends=_trends(history, primary, tests, w, lang),
        **_mechanisms(reading.mechanism_details, lang, w),
        what_this_means=what_this_means(lang),
    )


def _header(visit: Visit, primary: str, w: dict, lang: str) -> dict:
    patient = visit.patient
    return {
        "site": patient.site.name,
        "name": patient.name,
        "identifier": patient.identifier,
        "sex": w[f"sex.{patient.sex}"],
        "age": w["age_value"].format(age=patient.age_on(visit.visit_date)),
        "visit_date": visit.visit_date.isoformat(),
        "clinician": clinician_name(visit) or "—",
        "primary_set": clinical_text.label(f"set.{primary}", lang),
    }


# Notes about case finding the report repeats beside it (AWGS 2025: the finger ring, cut-offs from 65)
CASE_FINDING_NOTES = (
    "finger_ring_bigger",
    "finger_ring_just_fits",
    "finger_ring_smaller",
    "case_finding_cutoffs_from_65",
    "case_finding_chronic_condition",
)


def _primary(result, lang: str) -> dict:
    panel = presenters.result_panel(result, True, lang)
    shown = {
        key: panel[key]
        for key in (
            "name",
            "category",
            "category_label",
            "reason",
            "next_step",
            "case_finding",
            "to_complete",
            "tone",
            "caveats",
        )
    }
    shown["case_finding_notes"] = [
        clinical_text.label(f"note.{n}", lang) for n in result.notes if n in CASE_FINDING_NOTES
    ]
    return shown


def _tests(result) -> dict[str, Test]:
    tests: dict[str, Test] = {}
    for component in result.components:
        for test in component.tests:
            tests.setdefault(test.name, test)
    return tests


def _unit(unit: str, lang: str) -> str:
    try:
        return clinical_text.label(f"unit.{unit}", lang)
    except KeyError:
        return unit


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def finding_cells(test: Test, w: dict, lang: str) -> dict:
    """One stored test as printed: value, unit, the cut-off it was compared with, the engine's finding."""
    answer = test.unit == "answer"  # an AWGS 2025 yes/no risk factor: the finding says it all
    unit = "" if answer else _unit(test.unit, lang)
    value = "" if answer else w["unable"] if test.unable else _number(test.value)
    cutoff = "—" if test.cutoff is None else f"{operator_symbol(test.operator)} {_number(test.cutoff)} {unit}"
    return {
        "label": clinical_text.label(f"test.{test.name}", lang),
        "value": value,
        "unit": "" if test.unable else unit,
        "cutoff": cutoff,
        "outcome": test.outcome,
        "outcome_label": clinical_text.label(f"outcome.{test.outcome}", lang),
        "note": w["calculated"] if test.derived else "",
    }


def _measurement_rows(visit: Visit, tests: dict[str, Test], w: dict, lang: str) -> list[dict]:
    """Measured tests with the primary set's cut-off and flag, then body measures without a cut-off."""
    rows = [finding_cells(t, w, lang) for t in tests.values() if t.value is not None or t.unable]
    m = visit_results(visit).measurements
    plain = (
        (w["height"], m.height_cm, "cm"),
        (w["weight"], m.weight_kg, "kg"),
        (w["bmi"], m.bmi_rounded, "kg/m²"),
        (clinical_text.label("case_finding.calf_circumference", lang), m.calf_circumference_cm, "cm"),
        (clinical_text.label("case_finding.sarc_f", lang), m.sarc_f_score, "/ 10"),
    )
    rows += [
        {
            "label": label,
            "value": _number(value),
            "unit": unit,
            "cutoff": "",
            "outcome": "",
            "outcome_label": "",
            "note": "",
        }
        for label, value, unit in plain
        if value is not None
    ]
    return rows


def _bands(tests: dict[str, Test], w: dict, lang: str) -> list[dict]:
    bands = []
    for name in BAND_TESTS:
        test = tests.get(name)
        if test is None or test.cutoff is None or (test.value is None and not test.unable):
            continue
        band = charts.Band(
            value=test.value,
            unable=test.unable,
            cutoff=test.cutoff,
            operator=test.operator,
            outcome=test.outcome,
            unit=_unit(test.unit, lang),
            low_word=w["band_low"],
            normal_word=w["band_normal"],
            unable_word=w["unable"],
        )
        bands.append(
            {
                "name": name,
                "label": w[f"chart.{name}"],
                "outcome_label": clinical_text.label(f"outcome.{test.outcome}", lang),
                "outcome": test.outcome,
                "svg": charts.band_svg(band),
            }
        )
    return bands


def _sets(visit: Visit, results: dict, lang: str, w: dict) -> list[dict]:
    """Every set's verdict, primary first, with the findings that decided it."""
    rows = []
    for panel_index, code in enumerate(ordered_codes(visit.patient.site.population, visit.patient.site.primary)):
        result = results.get(code)
        if result is None:
            continue
        rows.append(
            {
                "code": code,
                "primary": panel_index == 0,
                "name": clinical_text.label(f"set.{code}", lang),
                "category": result.category,
                "category_label": clinical_text.category_label(code, result.category, lang),
                "reason": clinical_text.label(f"reason.{result.reason}", lang),
                "decisive": [finding_cells(t, w, lang) for t in result.decisive],
                "tone": presenters.tone(result),
                "caveats": presenters.caveat_lines(result, lang),
            }
        )
    return rows


def _trend_points(history: list[Visit], primary: str, name: str) -> list[charts.Point]:
    points, previous = [], None
    for visit in history:
        reading = visit_results(visit)
        test = reading.tests(primary).get(name, {})
        category = reading.category(primary)
        points.append(
            charts.Point(
                visit.visit_date.isoformat(),
                test.get("value"),
                test.get("outcome", ""),
                previous is not None and category != previous,
            )
        )
        previous = category
    return points


def _trend_cutoff(history: list[Visit], primary: str, name: str) -> tuple[float | None, str]:
    """The latest visit's cut-off for this test (it can change with the muscle-mass method)."""
    for visit in reversed(history):
        test = visit_results(visit).tests(primary).get(name)
        if test and test["cutoff"] is not None:
            return test["cutoff"], test["operator"]
    return None, "<"


def _trends(history: list[Visit], primary: str, tests: dict[str, Test], w: dict, lang: str) -> dict | None:
    """Grip, gait speed and ASMI across visits; a chart needs two visits with that value."""
    charts_out = []
    for name in BAND_TESTS:
        points = _trend_points(history, primary, name)
        if sum(p.value is not None for p in points) < 2:
            continue
        cutoff, operator = _trend_cutoff(history, primary, name)
        unit = _unit(tests[name].unit, lang) if name in tests else ""
        charts_out.append(
            {
                "name": name,
                "label": w[f"chart.{name}"],
                "unit": w["in_unit"].format(unit=unit) if unit else "",
                "svg": charts.trend_svg(points, cutoff, operator),
            }
        )
    if not charts_out:
        return None
    set_name = clinical_text.label(f"set.{primary}", lang)
    return {
        "charts": charts_out,
        "note": w["trends_note"].format(set=set_name),
        "categories_title": w["trend_categories"].format(set=set_name),
        "categories": _trend_categories(history, primary, lang),
    }


def _trend_categories(history: list[Visit], primary: str, lang: str) -> list[dict]:
    rows, previous = [], None
    for visit in history:
        category = visit_results(visit).category(primary) or "insufficient_data"
        rows.append(
            {
                "date": visit.visit_date.isoformat(),
                "category": category,
                "label": clinical_text.category_label(primary, category, lang),
                "changed": previous is not None and category != previous,
            }
        )
        previous = category
    return rows


def _mechanisms(stored: dict, lang: str, w: dict) -> dict:
    """Likely and possible mechanisms in patient words; the sources of their findings numbered once each.

    An item cites the review, the source of each rule that fired and any source weighing on those rules
    or on the mechanism (contrary, caution, superseded), which is printed beside it with its label and
    number. The full reference list of each mechanism is on the visit page; the report keeps to two pages.
    """
    groups, ref_ids = [], []

    def number(ref_id: str) -> int:
        if ref_id not in ref_ids:
            ref_ids.append(ref_id)
        return ref_ids.index(ref_id) + 1

    for group in mechanism_groups(stored, lang, audience="patient"):
        if group["status"] not in (LIKELY, POSSIBLE):
            continue
        items = []
        for item in group["items"]:
            numbers = [number(ref_id) for ref_id in item["sources"]]
            evidence = [
                {"relation": e["relation"], "label": e["label"], "text": e["note"], "ref": number(e["ref"])}
                for e in item["evidence"]
            ]  # the number names the source
            items.append(
                {
                    "id": item["id"],
                    "name": item["name"],
                    "text": item["text"],
                    "triggers": item["triggers"],
                    "refs": ", ".join(map(str, numbers)),
                    "evidence": evidence,
                }
            )
        groups.append({"status": group["status"], "title": w[group["status"]], "items": items})
    # compact: three authors and one identifier, so that the report keeps to two pages
    references = [reference_line(ref_id, lang, compact=True) for ref_id in ref_ids]
    return {"mechanisms": groups, "references": references if groups else []}


def patient_trends(visits: list[Visit], lang: str) -> dict | None:
    """The patient page's trend charts (grip, gait speed, ASMI with the primary set's cut-offs), drawn as
    in the report; `visits` oldest first with their patient loaded. None with fewer than two values."""
    if not visits:
        return None
    primary = visits[-1].patient.site.primary
    latest = visit_results(visits[-1]).engine.get(primary)
    return _trends(visits, primary, _tests(latest) if latest else {}, words(lang), lang)
