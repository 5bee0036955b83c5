"""Histograms as inline SVG drawn on the server: no JavaScript, no inline styles (CSS classes only).

Plain Python; every text that reaches the markup is escaped here. Each chart names its axes (the
measure with its unit below, patients on the left with counted ticks), keeps every tick label inside
the drawing, and numbers its cut-off lines at the top, naming them in a legend under the axis (labels
on the lines themselves overlapped where sets' cut-offs lie close together).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 480
LEFT, RIGHT, TOP = 58, 22, 26
PLOT_H = 170
AXIS_BELOW = 46  # tick labels and the x-axis title under the plot
LEGEND_LINE = 16
CHAR_W = 6.2  # an estimate of a tick label's character width at 11px, to keep labels apart and inside


@dataclass(frozen=True)
class CutLine:
    """A cut-off drawn on the axis: its value and who uses it (e.g. "EWGSOP2 · FNIH")."""

    value: float
    label: str


def _fmt(value: float) -> str:
    return f"{value:g}"


def _ticks(first: int, last: int) -> list[int]:
    step = max(1, math.ceil((last - first + 1) / 6))
    return list(range(first, last + 2, step))


def _count_ticks(tallest: int) -> list[int]:
    """0, the top, and round steps between (at most five ticks)."""
    if tallest <= 4:
        return list(range(0, tallest + 1))
    raw = tallest / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return list(range(0, tallest + 1, int(step)))


def histogram_svg(
    bins: Mapping[int, int],
    width: float,
    cuts: Sequence[CutLine],
    *,
    title: str,
    unit: str,
    empty_text: str,
    x_label: str = "",
    y_label: str = "",
) -> str:
    """Bars for bins {i: count} (bin i covers [i·width, (i+1)·width)) with numbered vertical cut-off lines."""
    height = TOP + PLOT_H + AXIS_BELOW + LEGEND_LINE * len(cuts) + 6
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cohort-hist" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    )
    if not bins:
        return head + f'<text class="hist-empty" x="{WIDTH / 2}" y="{height / 2}">{escape(empty_text)}</text></svg>'
    cut_bins = [int(c.value // width) for c in cuts]
    first, last = min(*bins, *cut_bins), max(*bins, *cut_bins)
    tallest = max(bins.values())
    count_ticks = _count_ticks(tallest)
    top_count = max(tallest, count_ticks[-1])
    plot_w = WIDTH - LEFT - RIGHT
    bar_w = plot_w / (last - first + 1)
    base = TOP + PLOT_H

    def x(value_in_bins: float) -> float:
        return LEFT + (value_in_bins - first) * bar_w

    def y(count: float) -> float:
        return base - PLOT_H * count / top_count

    parts = [
        head,
        f'<line class="hist-axis" x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}"/>',
        f'<line class="hist-axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base}"/>',
    ]
    for count in count_ticks:
        parts.append(
            f'<line class="hist-grid" x1="{LEFT}" y1="{y(count):.1f}" x2="{WIDTH - RIGHT}" y2="{y(count):.1f}"/>'
        )
        parts.append(f'<text class="hist-tick" x="{LEFT - 5}" y="{y(count) + 4:.1f}" text-anchor="end">{count}</text>')
    for i, count in sorted(bins.items()):
        h = PLOT_H * count / top_count
        parts.append(
            f'<rect class="hist-bar" x="{x(i):.1f}" y="{base - h:.1f}" width="{max(bar_w - 1, 1):.1f}" '
            f'height="{h:.1f}"><title>{_fmt(i * width)}–{_fmt((i + 1) * width)} {escape(unit)}: {count}</title></rect>'
        )
    ticks = _ticks(first, last)
    widest = max(len(_fmt(round(t * width, 3))) for t in ticks) * CHAR_W + 6
    every = max(1, math.ceil(widest / (bar_w * (ticks[1] - ticks[0] if len(ticks) > 1 else 1))))
    for tick in ticks[::every]:
        label = _fmt(round(tick * width, 3))
        half = len(label) * CHAR_W / 2
        tx = min(max(x(tick), half + 1), WIDTH - half - 1)  # never clipped at either edge
        parts.append(f'<line class="hist-axis" x1="{x(tick):.1f}" y1="{base}" x2="{x(tick):.1f}" y2="{base + 4}"/>')
        parts.append(f'<text class="hist-tick" x="{tx:.1f}" y="{base + 16}" text-anchor="middle">{label}</text>')
    if x_label:
        parts.append(
            f'<text class="hist-axis-label" x="{LEFT + plot_w / 2:.1f}" y="{base + 36}" '
            f'text-anchor="middle">{escape(x_label)}</text>'
        )
    if y_label:
        parts.append(
            f'<text class="hist-axis-label" x="14" y="{TOP + PLOT_H / 2:.1f}" text-anchor="middle" '
            f'transform="rotate(-90 14 {TOP + PLOT_H / 2:.1f})">{escape(y_label)}</text>'
        )
    placed: list[tuple[float, int]] = []
    for n, cut in enumerate(cuts, start=1):
        cx = x(cut.value / width)
        taken = {row for other, row in placed if abs(other - cx) < 16}  # markers of close cut-offs stack down
        row = next(r for r in range(len(cuts) + 1) if r not in taken)
        placed.append((cx, row))
        my, mx = TOP - 14 + 16 * row, cx
        parts.append(f'<line class="hist-cut" x1="{cx:.1f}" y1="{TOP - 4}" x2="{cx:.1f}" y2="{base}"/>')
        parts.append(
            f'<circle class="hist-cut-marker" cx="{mx:.1f}" cy="{my + 4}" r="7"/>'
            f'<text class="hist-cut-number" x="{mx:.1f}" y="{my + 8}" text-anchor="middle">{n}</text>'
        )
        ly = base + AXIS_BELOW + LEGEND_LINE * (n - 1) + 4
        parts.append(
            f'<circle class="hist-cut-marker" cx="{LEFT + 7}" cy="{ly - 4}" r="7"/>'
            f'<text class="hist-cut-number" x="{LEFT + 7}" y="{ly}" text-anchor="middle">{n}</text>'
            f'<text class="hist-cut-label" x="{LEFT + 20}" y="{ly}">{escape(cut.label)} {_fmt(cut.value)} '
            f"{escape(unit)}</text>"
        )
    return "".join(parts) + "</svg>"
