"""The dashboard's context: the (cached) figures worded for the template, in the request's language.

Cut-offs drawn on the histograms are read from the engine's `Cutoff` objects, never retyped.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from screening.clinical import text
from screening.clinical.criteria import awgs2019, awgs2025, ewgsop2, fnih, sdoc
from screening.clinical.criteria.base import Cutoff
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.clinical.mechanisms import KNOWLEDGE
from screening.cohort import aggregates, tables
from screening.cohort.bands import AGE_BAND_CHOICES, UNDER_60
from screening.cohort.figures import CohortFigures, cohort_figures
from screening.cohort.forms import CohortFilters
from screening.cohort.selectors import category_field
from screening.cohort.stats import Agreement, Proportion
from screening.cohort.svg import CutLine, histogram_svg
from screening.display import content_language
from screening.models import SEX_CHOICES

CROSS_PAIR = (ewgsop2.CODE, awgs2019.CODE)
# Every pair whose agreement the dashboard shows, each with Cohen's kappa; the first is CROSS_PAIR.
CROSS_PAIRS = (CROSS_PAIR, (awgs2019.CODE, awgs2025.CODE), (ewgsop2.CODE, awgs2025.CODE))
CUTOFFS: dict[str, tuple[tuple[str, Cutoff], ...]] = {
    "grip_strength": (
        ("EWGSOP2", ewgsop2.GRIP),
        ("AWGS 2019", awgs2019.GRIP),
        ("FNIH", fnih.GRIP),
        ("SDOC", sdoc.GRIP),
    ),
    "gait_speed": (("EWGSOP2", ewgsop2.GAIT), ("AWGS 2019", awgs2019.GAIT), ("FNIH", fnih.GAIT), ("SDOC", sdoc.GAIT)),
    "asmi": (("EWGSOP2", ewgsop2.ASMI), ("AWGS 2019 DXA", awgs2019.ASMI_DXA), ("AWGS 2019 BIA", awgs2019.ASMI_BIA)),
}


def lang() -> str:
    return content_language(get_language())


def set_label(code: str) -> str:
    return text.label(f"set.{code}", lang())


def category_label(code: str, category: str | None) -> str:
    return text.label(f"category.{code}.{category}", lang()) if category else _("No result")


def proportion_text(p: Proportion | None) -> str:
    if p is None or p.p is None:
        return "—"
    return f"{p.p * 100:.1f}% ({p.low * 100:.1f}–{p.high * 100:.1f})"


@dataclass(frozen=True)
class Matrix:
    title: str
    row_title: str
    col_title: str
    row_labels: list[str]
    col_labels: list[str]
    cells: list[list[int]]

    @property
    def labelled_rows(self) -> list[tuple[str, list[int]]]:
        return list(zip(self.row_labels, self.cells))


def _group_label(group: tuple[str, str]) -> str:
    dimension, value = group
    if dimension == "all":
        return _("All patients")
    if dimension == aggregates.SEX_COLUMN:
        return str(dict(SEX_CHOICES)[value])
    return _("Age under 60") if value == UNDER_60 else _("Age %(band)s") % {"band": dict(AGE_BAND_CHOICES)[value]}


def prevalence_tables(cube: list[dict]) -> list[dict]:
    groups = [(aggregates.SEX_COLUMN, sex) for sex, _label in SEX_CHOICES]
    groups += [(aggregates.BAND_COLUMN, band) for band in (UNDER_60, *dict(AGE_BAND_CHOICES))]
    result = []
    for code in CRITERIA_SETS:
        rows = tables.prevalence(code, cube, category_field(code), groups)
        middle, risk = tables.intermediate(code), tables.at_risk(code)
        result.append(
            {
                "title": set_label(code),
                "positive": ", ".join(
                    category_label(code, c) for c in tables.display_order(code) if c in CRITERIA_SETS[code].positive
                ),
                "intermediate": ", ".join(category_label(code, c) for c in middle),
                "at_risk": ", ".join(category_label(code, c) for c in risk),
                "rows": [
                    {
                        "group": _group_label(r.group),
                        "row": r,
                        "positive": proportion_text(r.positive),
                        "intermediate": proportion_text(r.intermediate),
                        "at_risk": proportion_text(r.at_risk),
                    }
                    for r in rows
                    if r.patients
                ],
            }
        )
    return result


def _matrix(title: str, pairs, row_code: str, col_code: str, row_title: str, col_title: str) -> Matrix:
    rows, cols = tables.display_order(row_code), tables.display_order(col_code)
    return Matrix(
        title,
        row_title,
        col_title,
        [category_label(row_code, c) for c in rows],
        [category_label(col_code, c) for c in cols],
        tables.cross_table(pairs, rows, cols),
    )


def agreement(cube: list[dict], pair: tuple[str, str] = CROSS_PAIR) -> tuple[Matrix, list[list[int]], Agreement]:
    a, b = pair
    pairs = tables.pair_counts(cube, category_field(a), category_field(b))
    full = _matrix(
        _("%(a)s × %(b)s, latest visits") % {"a": set_label(a), "b": set_label(b)},
        pairs,
        a,
        b,
        set_label(a),
        set_label(b),
    )
    collapsed, kappa = tables.collapsed_agreement(pairs, a, b)
    return full, collapsed, kappa


def agreements(cube: list[dict]) -> list[dict]:
    """Each pair of CROSS_PAIRS: its full table, the yes/no table with Cohen's kappa, and its title."""
    shown = []
    for a, b in CROSS_PAIRS:
        cross, collapsed, kappa = agreement(cube, (a, b))
        title = _("Agreement between %(a)s and %(b)s") % {"a": set_label(a), "b": set_label(b)}
        shown.append(
            {
                "title": title,
                "cross": cross,
                "collapsed": collapsed,
                "kappa": kappa,
                "labels": (set_label(a), set_label(b)),
                "slug": f"{a}-{b}",
            }
        )
    return shown


def transitions(cube: list[dict]) -> list[Matrix]:
    matrices = []
    for code in CRITERIA_SETS:
        pairs = tables.pair_counts(cube, f"first_{code}", category_field(code))
        matrices.append(_matrix(set_label(code), pairs, code, code, _("First visit"), _("Latest visit")))
    return matrices


def cut_lines(measure: str, sex: str) -> list[CutLine]:
    """The engine's cut-offs for this measure and sex, one line per value (sets sharing it named together)."""
    by_value: dict[float, list[str]] = {}
    for name, cutoff in CUTOFFS[measure]:
        value = cutoff.cutoff_for(sex)
        if value is not None:
            by_value.setdefault(value, []).append(name)
    return [CutLine(value, " · ".join(names)) for value, names in sorted(by_value.items())]


def histograms(figures: CohortFigures) -> list[dict]:
    result = []
    for measure in aggregates.MEASURES:
        bins = figures.histograms[measure.code]
        name = text.label(f"test.{measure.code}", lang())
        for sex, sex_label in SEX_CHOICES:
            title = f"{name} ({measure.unit}), {sex_label}"
            svg = histogram_svg(
                bins.get(sex, {}),
                measure.width,
                cut_lines(measure.code, sex),
                title=title,
                unit=measure.unit,
                empty_text=_("No values"),
                x_label=f"{name} ({measure.unit})",
                y_label=_("Patients"),
            )
            # B308/B703 accepted: histogram_svg escapes every text it writes (cohort/svg.py); the rest are numbers
            result.append({"title": title, "svg": mark_safe(svg), "n": sum(bins.get(sex, {}).values())})  # nosec B308 B703
    return result


def mechanisms(counts: dict[str, tuple[int, int]]) -> list[dict]:
    """Every mechanism of the knowledge base; the background ones are explained, never flagged."""
    return [
        {
            "label": m.name[lang()],
            "likely": counts.get(m.id, (0, 0))[0],
            "possible": counts.get(m.id, (0, 0))[1],
            "never_flagged": m.background,
        }
        for m in KNOWLEDGE.mechanisms
    ]


def dashboard_context(*, user, filters: CohortFilters, refresh: bool = False) -> dict:
    figures = cohort_figures(user=user, filters=filters, refresh=refresh)
    cross, collapsed, kappa = agreement(figures.cube)
    return {
        "counts": figures.counts,
        "computed_at": figures.computed_at,
        "prevalence": prevalence_tables(figures.cube),
        "cross": cross,
        "collapsed": collapsed,
        "kappa": kappa,
        "collapsed_labels": (set_label(CROSS_PAIR[0]), set_label(CROSS_PAIR[1])),
        "agreements": agreements(figures.cube),
        "transitions": transitions(figures.transitions),
        "histograms": histograms(figures),
        "mechanisms": mechanisms(figures.mechanisms),
    }
