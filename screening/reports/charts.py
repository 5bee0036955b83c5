"""Server-side SVG for the report: a coloured band per measure and a trend chart across visits.

Plain strings, no Django and no plotting library: the PDF must not depend on JavaScript, and SVG text
does not inherit the page's font in WeasyPrint, so every <text> names the CJK font explicitly. The
charts only draw what they are given: cut-offs, operators and low/normal outcomes come from the
engine's stored tests; nothing here decides whether a value is low.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from screening.display import operator_symbol

FONT_FAMILY = "Noto Sans CJK SC"
LOW_FILL, NORMAL_FILL = "#f6d5d8", "#d3ecdc"
LOW_INK, NORMAL_INK, INK, MUTED = "#b02a37", "#146c43", "#212529", "#6c757d"


@dataclass(frozen=True)
class Band:
    """One measure against one cut-off: where the value lies and what the engine said about it."""

    value: float | None
    unable: bool
    cutoff: float
    operator: str  # "<" / "<=": low lies below the cut-off; ">" / ">=": above it
    outcome: str  # "low" / "normal" / "unknown", from the stored test
    unit: str
    low_word: str
    normal_word: str
    unable_word: str


@dataclass(frozen=True)
class Point:
    label: str  # the visit date as printed
    value: float | None
    outcome: str
    changed: bool  # the primary category differs from the previous visit's


def _text(
    x: float,
    y: float,
    body: str,
    size: float,
    anchor: str = "start",
    fill: str = INK,
    weight: str = "normal",
    css: str = "",
) -> str:
    """A label; SVG's defaults (normal weight, start anchor) are left out, as every attribute costs parsing."""
    cls = f' class="{css}"' if css else ""
    weight_attr = "" if weight == "normal" else f' font-weight="{weight}"'
    anchor_attr = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT_FAMILY}" font-size="{size}"{weight_attr}'
        f'{anchor_attr} fill="{fill}"{cls}>{escape(body)}</text>'
    )


def _number(value: float) -> str:
    return f"{value:g}"


def _nice_step(span: float, ticks: int = 4) -> float:
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _low_below(operator: str) -> bool:
    return operator in ("<", "<=")


def band_svg(band: Band) -> str:
    """A horizontal bar: the low zone and the normal zone either side of the cut-off, and a marker."""
    width, height, left, right, bar_y, bar_h = 200.0, 44.0, 6.0, 194.0, 14.0, 10.0
    top_value = max(band.cutoff * 2, (band.value or 0) * 1.15)
    top = math.ceil(top_value / _nice_step(top_value)) * _nice_step(top_value)

    def x_of(v: float) -> float:
        return left + (right - left) * min(max(v, 0.0), top) / top

    cut_x = x_of(band.cutoff)
    low_zone = (left, cut_x) if _low_below(band.operator) else (cut_x, right)
    normal_zone = (cut_x, right) if _low_below(band.operator) else (left, cut_x)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" class="band" '
        f'font-family="{FONT_FAMILY}">',
        f'<rect x="{low_zone[0]:.1f}" y="{bar_y}" width="{low_zone[1] - low_zone[0]:.1f}" height="{bar_h}" '
        f'fill="{LOW_FILL}"/>',
        f'<rect x="{normal_zone[0]:.1f}" y="{bar_y}" width="{normal_zone[1] - normal_zone[0]:.1f}" '
        f'height="{bar_h}" fill="{NORMAL_FILL}"/>',
        _text((low_zone[0] + low_zone[1]) / 2, bar_y + 7.2, band.low_word, 6, "middle", LOW_INK),
        _text((normal_zone[0] + normal_zone[1]) / 2, bar_y + 7.2, band.normal_word, 6, "middle", NORMAL_INK),
        f'<line x1="{cut_x:.1f}" y1="{bar_y - 3}" x2="{cut_x:.1f}" y2="{bar_y + bar_h + 3}" stroke="{INK}" '
        f'stroke-width="0.8" class="cutoff"/>',
        _text(
            cut_x,
            bar_y + bar_h + 10,
            f"{operator_symbol(band.operator)} {_number(band.cutoff)} {band.unit}",
            6,
            "middle",
            INK,
        ),
    ]
    parts.append(_marker(band, x_of(band.value if band.value is not None else 0.0), bar_y))
    parts.append("</svg>")
    return "".join(parts)


def _marker(band: Band, x: float, bar_y: float) -> str:
    ink = LOW_INK if band.outcome == "low" else NORMAL_INK if band.outcome == "normal" else MUTED
    shown = band.unable_word if band.value is None else f"{_number(band.value)} {band.unit}"
    anchor = "start" if x < 40 else "end" if x > 160 else "middle"
    return (
        f'<path d="M{x - 3.5:.1f},{bar_y - 5:.1f} L{x + 3.5:.1f},{bar_y - 5:.1f} L{x:.1f},{bar_y + 1:.1f} Z" '
        f'fill="{ink}" class="marker"/>' + _text(x, bar_y - 6.5, shown, 6.5, anchor, ink, "bold")
    )


@dataclass(frozen=True)
class _Frame:
    left: float = 22.0
    right: float = 194.0
    top: float = 10.0
    bottom: float = 82.0


def _y_range(values: list[float], cutoff: float | None) -> tuple[float, float, float]:
    pool = values + ([cutoff] if cutoff is not None else [])
    low, high = min(pool), max(pool)
    pad = (high - low) * 0.25 or abs(high) * 0.1 or 1.0
    step = _nice_step(high - low + 2 * pad, 3)
    bottom = max(0.0, math.floor((low - pad) / step) * step)
    return bottom, math.ceil((high + pad) / step) * step, step


def trend_svg(points: list[Point], cutoff: float | None, operator: str) -> str:
    """Values across visits, the cut-off as a dashed line with the low side shaded, changes marked.

    The unit goes in the caption (HTML), which keeps the SVG to the few labels it needs.
    """
    values = [p.value for p in points if p.value is not None]
    f = _Frame()
    y0, y1, step = _y_range(values, cutoff)
    inset = 18.0  # half a date label, so every label can be centred under its point
    span_x = (f.right - f.left - 2 * inset) / max(len(points) - 1, 1)

    def x_of(i: int) -> float:
        return f.left + inset + i * span_x if len(points) > 1 else (f.left + f.right) / 2

    def y_of(v: float) -> float:
        return f.bottom - (f.bottom - f.top) * (v - y0) / (y1 - y0)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 94" class="trend" font-family="{FONT_FAMILY}">']
    parts += _axes(f, y0, y1, step, y_of)
    if cutoff is not None:
        parts += _cutoff_line(f, y_of(cutoff), operator)
    parts += _changes(points, x_of, f)
    parts += _series(points, x_of, y_of)
    parts += _x_labels(points, x_of, f)
    parts.append("</svg>")
    return "".join(parts)


def _axes(f: _Frame, y0: float, y1: float, step: float, y_of) -> list[str]:
    """Frame, grid and tick labels; the grid is one path (WeasyPrint pays per SVG element)."""
    ticks, tick = [], y0
    while tick <= y1 + step / 1000:
        ticks.append(tick)
        tick += step
    grid = " ".join(f"M{f.left},{y_of(t):.1f} H{f.right}" for t in ticks[1:-1])
    parts = [
        f'<rect x="{f.left}" y="{f.top}" width="{f.right - f.left}" height="{f.bottom - f.top}" '
        f'fill="none" stroke="#adb5bd" stroke-width="0.5"/>'
    ]
    if grid:
        parts.append(f'<path d="{grid}" stroke="#e9ecef" stroke-width="0.5"/>')
    parts += [_text(f.left - 2, y_of(t) + 2.2, f"{round(t, 6):g}", 6.5, "end", MUTED) for t in ticks]
    return parts


def _cutoff_line(f: _Frame, y: float, operator: str) -> list[str]:
    y_top, y_bottom = (y, f.bottom) if _low_below(operator) else (f.top, y)
    return [
        f'<rect x="{f.left}" y="{y_top:.1f}" width="{f.right - f.left}" height="{max(y_bottom - y_top, 0):.1f}" '
        f'fill="{LOW_FILL}" fill-opacity="0.6"/>',
        f'<line x1="{f.left}" y1="{y:.1f}" x2="{f.right}" y2="{y:.1f}" stroke="{LOW_INK}" stroke-width="0.8" '
        f'stroke-dasharray="3,2" class="cutoff"/>',
    ]


def _changes(points: list[Point], x_of, f: _Frame) -> list[str]:
    """A dotted vertical line at each visit whose category differs from the one before."""
    return [
        f'<path d="M{x_of(i):.1f},{f.top} V{f.bottom}" stroke="{INK}" stroke-width="0.6" '
        f'stroke-dasharray="1,1.5" class="change"/>'
        for i, p in enumerate(points)
        if p.changed
    ]


def _series(points: list[Point], x_of, y_of) -> list[str]:
    known = [(x_of(i), y_of(p.value), p) for i, p in enumerate(points) if p.value is not None]
    path = " ".join(f"{'M' if n == 0 else 'L'}{x:.1f},{y:.1f}" for n, (x, y, _p) in enumerate(known))
    parts = [f'<path d="{path}" fill="none" stroke="{INK}" stroke-width="1"/>'] if len(known) > 1 else []
    for x, y, p in known:
        fill = LOW_INK if p.outcome == "low" else NORMAL_INK if p.outcome == "normal" else MUTED
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.4" fill="{fill}" class="point"/>')
        parts.append(_text(x, y - 4, _number(p.value), 6, "middle", INK))
    return parts


def _x_labels(points: list[Point], x_of, f: _Frame) -> list[str]:
    """Visit dates under the axis; with many visits, every few of them and always the last."""
    every = max(1, math.ceil(len(points) / 4))
    last = len(points) - 1
    shown = {i for i in range(0, len(points), every) if last - i >= every or i == 0} | {last}
    return [_text(x_of(i), f.bottom + 9, p.label, 6, "middle", MUTED) for i, p in enumerate(points) if i in shown]
