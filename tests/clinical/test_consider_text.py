"""Each mechanism the engine can flag says what to consider in one sentence, in both languages."""

import pytest

from screening.clinical.mechanisms import KNOWLEDGE, LANGS, consider_text

NEVER_FLAGGED = {"neuromuscular_junction", "gut_microbiota"}  # explained only (text_mechanisms.py)


@pytest.mark.parametrize("lang", LANGS)
def test_every_flaggable_mechanism_has_a_consider_sentence(lang):
    for mech in KNOWLEDGE.mechanisms:
        text = consider_text(mech.id, lang)
        if mech.id in NEVER_FLAGGED:
            assert text == ""
        else:
            assert text and len(text) < 300, (mech.id, text)
