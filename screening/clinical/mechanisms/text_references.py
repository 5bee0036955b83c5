"""How a reference is written on the screens and in the report, and how it weighs on a rule.

The citation itself (authors, title, journal) stays in its original language; the words around it, the
relation labels and the notes on superseded or unverified details, are in both languages.
"""

from __future__ import annotations

# schema.RELATIONS, as the label printed beside the citation and the rule it concerns.
RELATION_LABELS = {
    "supports": {"en": "Supports", "zh-hans": "支持"},
    "contrary": {"en": "Contrary evidence", "zh-hans": "相反证据"},
    "caution": {"en": "Caution", "zh-hans": "注意"},
    "superseded": {"en": "Superseded", "zh-hans": "已被取代"},
}

SUPERSEDED_BY = {"en": "Superseded by {ref}.", "zh-hans": "已被 {ref} 取代。"}

# schema.UNVERIFIABLE: what no primary record confirmed.
UNVERIFIED = {"en": "Not verified against a primary record: {details}.", "zh-hans": "未能与原始记录核实：{details}。"}
UNVERIFIED_SHORT = {"en": "({details} not verified)", "zh-hans": "（{details}未核实）"}  # printed report
UNVERIFIED_DETAILS = {
    "authors": {"en": "author list", "zh-hans": "作者"},
    "identifier": {"en": "DOI/PMID", "zh-hans": "DOI/PMID"},
    "volume": {"en": "volume", "zh-hans": "卷期"},
    "pages": {"en": "pages", "zh-hans": "页码"},
}
DETAIL_SEPARATORS = {"en": ", ", "zh-hans": "、"}
