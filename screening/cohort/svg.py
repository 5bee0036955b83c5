"""Histograms as inline SVG drawn on the server: no JavaScript, no inline styles (CSS classes only).

Plain Python; every text that reaches the markup is escaped here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 420, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 46, 28


@dataclass(frozen=True)
class CutLine:
    """A cut-off drawn on the axis: its value and who uses it (e.g. "EWGSOP2 · FNIH")."""

    value: float
    label: str


def _fmt(value: float) -> str:
    return f"{value:g}"


def _ticks(first: int, last: int) -> list[int]:
    step = max(1, (last - first + 1) // 6)
    return list(range(first, last + 2, step))


def histogram_svg(bins: Mapping[int, int], width: float, cuts: Sequence[CutLine], *, title: str, unit: str,
                  empty_text: str) -> str:
    """Bars for bins {i: count} (bin i covers [i·width, (i+1)·width)) with vertical cut-off lines."""
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="cohort-hist" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>')
    if not bins:
        return head + f'<text class="hist-empty" x="{WIDTH / 2}" y="{HEIGHT / 2}">{escape(empty_text)}</text></svg>'
    cut_bins = [int(c.value // width) for c in cuts]
    first, last = min(*bins, *cut_bins), max(*bins, *cut_bins)
    tallest = max(bins.values())
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    bar_w = plot_w / (last - first + 1)

    def x(value_in_bins: float) -> float:
        return LEFT + (value_in_bins - first) * bar_w

    parts = [head, f'<line class="hist-axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}"/>']
    for i, count in sorted(bins.items()):
        h = plot_h * count / tallest
        parts.append(f'<rect class="hist-bar" x="{x(i):.1f}" y="{TOP + plot_h - h:.1f}" width="{max(bar_w - 1, 1):.1f}" '
                     f'height="{h:.1f}"><title>{_fmt(i * width)}–{_fmt((i + 1) * width)} {escape(unit)}: {count}</title></rect>')
    for tick in _ticks(first, last):
        parts.append(f'<text class="hist-tick" x="{x(tick):.1f}" y="{HEIGHT - 10}">{_fmt(round(tick * width, 3))}</text>')
    parts.append(f'<text class="hist-tick" x="{LEFT - 4}" y="{TOP + 4}" text-anchor="end">{tallest}</text>')
    for n, cut in enumerate(cuts):
        cx = x(cut.value / width)
        parts.append(f'<line class="hist-cut" x1="{cx:.1f}" y1="{TOP - 4}" x2="{cx:.1f}" y2="{TOP + plot_h}"/>')
        parts.append(f'<text class="hist-cut-label" x="{cx:.1f}" y="{10 + 11 * (n % 3)}">'
                     f'{escape(cut.label)} {_fmt(cut.value)}</text>')
    return "".join(parts) + "</svg>"
