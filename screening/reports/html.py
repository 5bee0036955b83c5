"""Step 2 of the report pipeline: context -> HTML, rendered in the report's language.

The page margins (site, patient, "page X of Y", rule-set version, generation time, fingerprint) are
CSS `content:` strings in `@page` margin boxes; values that came from users (site and patient names)
are escaped for CSS here, because autoescaping is for HTML and would not stop a `"` or `</style>`.
"""

from __future__ import annotations

import unicodedata

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from screening.reports.context import ReportContext

TEMPLATE = "report/visit_report.html"


def css_string(text: str) -> str:
    """A quoted CSS string that cannot end the string, the rule or the <style> element."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\A ")
        elif ord(char) < 0x20 or ord(char) == 0x7F or char in "<>&":
            out.append(f"\\{ord(char):X} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def margin_boxes(ctx: ReportContext) -> dict[str, SafeString]:
    """CSS `content` values for the @page margin boxes, ready to drop into the stylesheet."""
    w, h = ctx.words, ctx.header
    patient = " · ".join(part for part in (h["name"], h["identifier"], h["visit_date"]) if part)
    footer = f"{w['rule_set']} {ctx.rule_set_version} · {w['generated']} {ctx.generated_at}\nSHA-256 {ctx.fingerprint}"
    counter = (
        f"{css_string(w['page'])} counter(page) {css_string(w['page_of'])} counter(pages) {css_string(w['page_end'])}"
    )
    # B308/B703 accepted: every value is a CSS string quoted and escaped by css_string, or counter()
    return {
        "top_left": mark_safe(css_string(f"{h['site']} · {w['title']}")),  # noqa: S308  # nosec B308 B703
        "top_right": mark_safe(css_string(patient)),  # noqa: S308  # nosec B308 B703
        "bottom_left": mark_safe(css_string(footer)),  # noqa: S308  # nosec B308 B703
        "bottom_right": mark_safe(counter),  # noqa: S308  # nosec B308 B703
    }


REFERENCE_LINE_WIDTH = 80  # Latin characters in a line of a reference column (6.5pt, half the A4 width)


def _lines(text: str) -> int:
    """About how many lines a reference takes in its column: a CJK character is as wide as two Latin ones."""
    width = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return max(1, -(-width // REFERENCE_LINE_WIDTH))


def reference_columns(references: list[str]) -> dict:
    """The numbered references in two columns of about equal height, the first one the taller.

    What CSS column balancing does, estimated from line counts instead of WeasyPrint laying the list
    out again and again.
    """
    lines = [_lines(ref) for ref in references]
    total = sum(lines)
    best, best_height = len(references), total
    running = 0
    for split in range(len(references) + 1):
        height = max(running, total - running)
        if height < best_height or (height == best_height and running >= total - running):
            best, best_height = split, height
        if split < len(references):
            running += lines[split]
    return {"left": references[:best], "right": references[best:], "right_start": best + 1}


def render_html(ctx: ReportContext) -> str:
    """The report's HTML; `{% translate %}`, dates and numbers follow the report's language."""
    with translation.override(ctx.lang):
        return render_to_string(
            TEMPLATE,
            {
                "r": ctx,
                "w": ctx.words,
                "margins": margin_boxes(ctx),
                "references": reference_columns(list(ctx.references or [])),
            },
        )
