"""The mechanisms knowledge base: the eleven mechanisms of DECISIONS.md §6, validated at import.

The data lives in one module per group (kb_inflammation, kb_endocrine, kb_nutrition, kb_activity,
kb_references) so that each stays readable; this module only assembles and checks it, so a malformed
entry stops the app at start-up rather than at a visit.
"""

from __future__ import annotations

from .kb_activity import GUT_MICROBIOTA, INACTIVITY, MITOCHONDRIAL, NEUROMUSCULAR_JUNCTION
from .kb_endocrine import HORMONAL, HYPOGONADISM, VITAMIN_D
from .kb_inflammation import IMMUNOSENESCENCE, INFLAMMATION
from .kb_nutrition import MALNUTRITION, PROTEIN_ANABOLISM
from .kb_references import REFERENCES, RELATIONS
from .schema import KnowledgeBase, Mechanism, load_knowledge

MECHANISMS: tuple[Mechanism, ...] = (
    MALNUTRITION,
    INFLAMMATION,
    VITAMIN_D,
    HYPOGONADISM,
    HORMONAL,
    INACTIVITY,
    NEUROMUSCULAR_JUNCTION,
    GUT_MICROBIOTA,
    MITOCHONDRIAL,
    PROTEIN_ANABOLISM,
    IMMUNOSENESCENCE,
)

KNOWLEDGE: KnowledgeBase = load_knowledge(MECHANISMS, REFERENCES, RELATIONS)
