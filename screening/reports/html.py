"""Step 2 of the report pipeline: context -> HTML, rendered in the report's language.

The page margins (site, patient, "page X of Y", rule-set version, generation time, fingerprint) are
CSS `content:` strings in `@page` margin boxes; values that came from users (site and patient names)
are escaped for CSS here, because autoescaping is for HTML and would not stop a `"` or `</style>`.
"""

from __future__ import annotations

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
    footer = (f"{w['rule_set']} {ctx.rule_set_version} · {w['generated']} {ctx.generated_at}\n"
              f"SHA-256 {ctx.fingerprint}")
    counter = (f"{css_string(w['page'])} counter(page) {css_string(w['page_of'])} counter(pages) "
               f"{css_string(w['page_end'])}")
    return {
        "top_left": mark_safe(css_string(f"{h['site']} · {w['title']}")),  # noqa: S308 (escaped above)
        "top_right": mark_safe(css_string(patient)),  # noqa: S308
        "bottom_left": mark_safe(css_string(footer)),  # noqa: S308
        "bottom_right": mark_safe(counter),  # noqa: S308
    }


def render_html(ctx: ReportContext) -> str:
    """The report's HTML; `{% translate %}`, dates and numbers follow the report's language."""
    with translation.override(ctx.lang):
        return render_to_string(TEMPLATE, {"r": ctx, "w": ctx.words, "margins": margin_boxes(ctx)})
