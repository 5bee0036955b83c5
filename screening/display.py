"""How pages and documents write what the engine returned, defined once: the content language, the
comparison operators.

The engine's labels, the reports and the take-home page come in two languages; a request's interface
language (any `zh*` code, else English) picks one. Templates and reports print an operator as its
symbol from one table, so a cut-off reads the same on the visit page, the report and its charts.
"""

from __future__ import annotations

LANGS = ("zh-hans", "en")  # the content languages: the engine's labels and the report wording
HTML_LANG = {"zh-hans": "zh-Hans", "en": "en"}  # a content language as an HTML `lang` attribute
OPERATOR_SYMBOLS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}


def content_language(code: str | None) -> str:
    """The content language for an interface language code ("zh", "zh-hans", "zh-Hant-TW"… -> "zh-hans")."""
    return "zh-hans" if (code or "").lower().startswith("zh") else "en"


def operator_symbol(operator: str) -> str:
    """ "≤" for "<=" and so on; an operator without a symbol as it is ("" for a yes/no finding)."""
    return OPERATOR_SYMBOLS.get(operator, operator)
