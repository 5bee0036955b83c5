"""The visit page puts the verdict first: the primary set's category, what decided it, the next step, the
other sets in one line and, only when sets disagree, one sentence why; then the tables, the mechanisms one
line each, and one numbered reference list."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.urls import reverse

from screening.clinical.mechanisms.text_mechanisms import MAINSTAY
from tests.screening.reports.test_report_fixtures import four_visits, latest, make_visit, report_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def page_of(client, user, visit, lang="en") -> str:
    client.force_login(user)
    response = client.get(reverse("screening:visit_detail", args=[visit.pk]), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def verdict_block(page: str) -> str:
    return re.search(r'<section[^>]*id="verdict".*?</section>', page, re.S).group(0)


def test_it_shows_the_primary_verdict_before_the_per_set_tables(client, clinician_a, patient_a):
    """Site A is Asian: AWGS 2019 is primary. Grip 17 kg (woman) is low under AWGS 2019 (< 18 kg) and
    normal under EWGSOP2 (< 16 kg) (criteria.md §2, §3); ASMI 5.0 kg/m² by DXA is low under both."""
    visit = make_visit(
        patient_a, clinician_a, date(2026, 6, 1), grip_strength_kg=17.0, asmi_kg_m2=5.0, gait_speed_m_s=1.2
    )
    page = page_of(client, clinician_a, visit)
    block = verdict_block(page)
    assert page.index('id="verdict"') < page.index("data-criteria-set=")
    assert 'data-verdict="awgs2019"' in block
    assert re.search(r"data-verdict-category>Sarcopenia<", block)
    assert "Grip strength <strong>17</strong>" in block and "cut-off < 18" in block
    assert "Next step" in block
    others = re.search(r"data-other-sets>(.*?)</p>", block, re.S).group(1)
    assert all(name in others for name in ("EWGSOP2 (2019)", "FNIH (2014)", "SDOC (2020)"))
    (why,) = re.findall(r"data-why-differ>(.*?)</p>", page, re.S)
    assert why.startswith("Sarcopenia under AWGS 2019, AWGS 2025 but not under EWGSOP2 (2019)")
    assert "Grip strength lies between the sets' cut-offs" in why


def test_no_disagreement_sentence_when_the_sets_agree(client, clinician_a, patient_a):
    visit = make_visit(
        patient_a, clinician_a, date(2026, 6, 1), grip_strength_kg=25.0, asmi_kg_m2=6.5, gait_speed_m_s=1.2
    )
    page = page_of(client, clinician_a, visit)
    assert "data-why-differ" not in page
    assert page.count("alert-info") == 0


def test_mechanisms_are_one_line_each_with_one_numbered_reference_list(client, clinician_a, latest):
    page = page_of(client, clinician_a, latest)
    assert page.count(MAINSTAY["en"]) == 1
    assert "<details open" not in page  # one line each; the explanation and pathways open on request
    vitamin_d = re.search(r'data-mechanism="vitamin_d">\s*<summary>(.*?)</summary>', page, re.S).group(1)
    assert "→" in vitamin_d and "Whether and how to correct a low level is for local guidance" in vitamin_d
    assert page.count('<ol class="small references') == 1
    listed = re.findall(r'<li data-ref="(\w+)" data-relation="\w+"><span id="ref-(\d+)">', page)
    assert [int(n) for _, n in listed] == list(range(1, len(listed) + 1))
    assert len({ref for ref, _ in listed}) == len(listed)  # each source once
    cited = {int(n) for n in re.findall(r'href="#ref-(\d+)"', page)}
    assert cited == set(range(1, len(listed) + 1))


def test_every_entered_value_is_shown_with_history_and_suspicion(client, clinician_a, patient_a):
    visit = make_visit(
        patient_a,
        clinician_a,
        date(2026, 6, 1),
        grip_strength_kg=25.0,
        clinical_suspicion=True,
        conditions=["diabetes", "copd"],
        medications=[],
    )
    page = page_of(client, clinician_a, visit)
    assert re.search(r"clinical suspicion of sarcopenia</th><td>yes", page)
    assert re.search(r"conditions</th><td>Diabetes, COPD", page)
    assert re.search(r"medications</th><td>none of those listed", page)


def test_the_verdict_reads_in_chinese(client, clinician_a, patient_a):
    visit = make_visit(
        patient_a, clinician_a, date(2026, 6, 1), grip_strength_kg=17.0, asmi_kg_m2=5.0, gait_speed_m_s=1.2
    )
    page = page_of(client, clinician_a, visit, lang="zh-hans")
    block = verdict_block(page)
    assert "其他诊断标准" in block and "切点" in block
    assert "判定为肌少症，而" in block


def test_several_reasons_for_a_disagreement_read_as_separate_sentences_in_english():
    from screening.clinical import Measurements, evaluate_all
    from screening.visits.presenters import disagreement_sentence

    m = Measurements(
        sex="M",
        age_years=70,
        grip_strength_kg=27.7,
        chair_stand_5x_s=15.5,
        asm_kg=17.2,
        height_cm=168.8,
        weight_kg=64.9,
        gait_speed_m_s=1.0,
        muscle_mass_method="BIA",
        population="asian",
    )
    results = evaluate_all(m)
    english, chinese = disagreement_sentence(results, "en"), disagreement_sentence(results, "zh-hans")
    why = english.split(": ", 1)[1]
    assert why.count(". ") >= 1 and all(part[0].isupper() for part in why.split(". "))
    assert "；" in chinese and ". " not in chinese


def test_each_reason_names_the_sets_it_sets_apart_in_both_languages():
    # the visit of tests/clinical/test_compare.py: EWGSOP2 and AWGS 2019 find sarcopenia, three sets do not
    from screening.clinical import Measurements, evaluate_all
    from screening.visits.presenters import disagreement_sentence
    from tests.clinical.test_compare import SLOW_CHAIR_STAND

    results = evaluate_all(Measurements(**SLOW_CHAIR_STAND))
    english, chinese = disagreement_sentence(results, "en"), disagreement_sentence(results, "zh-hans")
    assert "low strength, AWGS 2025, FNIH (2014), SDOC (2020) only a weak grip" in english
    assert "FNIH measures lean mass as ALM/BMI, EWGSOP2 (2019), AWGS 2019 as ASMI" in english
    assert "the other set" not in english and "%(" not in english
    assert "AWGS 2025（亚洲）、FNIH（2014）、SDOC（2020）仅以握力评估肌肉力量" in chinese and "另一标准" not in chinese
