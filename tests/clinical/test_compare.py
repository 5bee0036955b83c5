"""Why sets disagree (compare.py): one reason code per mechanism, deterministic, never unexplained."""

from __future__ import annotations

from hypothesis import given, settings

from screening.clinical import Measurements, evaluate_all
from screening.clinical.criteria.compare import FALLBACK, REASONS, Disagreement, contrasted, disagreements
from tests.clinical.criteria_support import visits


def explain(**fields: object) -> list[Disagreement]:
    m = Measurements(**fields)
    return disagreements(evaluate_all(m), m)


def reasons(found: list[Disagreement], higher: str, lower: str) -> tuple[str, ...]:
    [match] = [d for d in found if (d.higher, d.lower) == (higher, lower)]
    return match.reasons


def test_it_explains_a_grip_between_the_two_cutoffs() -> None:
    # 27.5 kg: low for AWGS (< 28), normal for EWGSOP2 (< 27).
    found = explain(sex="M", grip_strength_kg=27.5, asmi_kg_m2=6.5, muscle_mass_method="DXA")
    assert reasons(found, "awgs2019", "ewgsop2") == ("different_grip_cutoffs",)


def test_it_explains_awgs_counting_performance_without_strength() -> None:
    # criteria.md §10.2 vector 18.
    found = explain(sex="F", grip_strength_kg=20.0, asmi_kg_m2=5.0, muscle_mass_method="DXA", gait_speed_m_s=0.7)
    assert reasons(found, "awgs2019", "ewgsop2") == ("awgs_counts_performance_without_strength",)
    assert reasons(found, "awgs2019", "sdoc") == ("awgs_counts_performance_without_strength",)
    assert reasons(found, "awgs2019", "fnih") == ("awgs_counts_performance_without_strength", "fnih_uses_alm_bmi")


def test_it_explains_fnih_lean_mass_as_alm_bmi() -> None:
    # 24 kg over 1.80 m and 100 kg: ASMI 7.41 (normal) but ALM/BMI 0.778 (< 0.789).
    found = explain(
        sex="M", grip_strength_kg=20.0, asm_kg=24.0, height_cm=180.0, weight_kg=100.0, muscle_mass_method="DXA"
    )
    assert reasons(found, "fnih", "ewgsop2") == ("fnih_uses_alm_bmi",)


def test_it_explains_ewgsop2_counting_absolute_asm() -> None:
    found = explain(sex="F", grip_strength_kg=12.0, asm_kg=14.0, height_cm=145.0, muscle_mass_method="DXA")
    assert reasons(found, "ewgsop2", "awgs2019") == ("ewgsop2_counts_absolute_asm",)


def test_it_explains_an_asmi_between_the_two_cutoffs_both_ways() -> None:
    dxa = explain(sex="F", grip_strength_kg=12.0, asmi_kg_m2=5.45, muscle_mass_method="DXA")
    bia = explain(sex="F", grip_strength_kg=12.0, asmi_kg_m2=5.6, muscle_mass_method="BIA")
    assert reasons(dxa, "ewgsop2", "awgs2019") == ("different_mass_cutoffs",)
    assert reasons(bia, "awgs2019", "ewgsop2") == ("different_mass_cutoffs",)


def test_it_explains_ewgsop2_counting_the_chair_stand_as_strength() -> None:
    found = explain(sex="M", grip_strength_kg=30.0, chair_stand_5x_s=16.0, asmi_kg_m2=6.5, muscle_mass_method="DXA")
    assert reasons(found, "ewgsop2", "fnih") == ("ewgsop2_counts_chair_stand_as_strength", "fnih_uses_alm_bmi")


def test_it_explains_sdoc_ignoring_mass() -> None:
    found = explain(sex="F", grip_strength_kg=15.0, gait_speed_m_s=0.7, asmi_kg_m2=6.0, muscle_mass_method="DXA")
    assert reasons(found, "sdoc", "ewgsop2") == ("sdoc_ignores_mass",)
    assert reasons(found, "sdoc", "awgs2019") == ("sdoc_ignores_mass",)


def test_it_explains_sdoc_requiring_slowness() -> None:
    found = explain(sex="F", grip_strength_kg=15.0, asmi_kg_m2=5.0, muscle_mass_method="DXA", gait_speed_m_s=1.0)
    assert reasons(found, "ewgsop2", "sdoc") == ("sdoc_requires_slowness",)


def test_it_explains_a_severity_gap_from_different_gait_cutoffs() -> None:
    # criteria.md §10.2 vector 17: AWGS severe (0.9 < 1.0), EWGSOP2 confirmed (0.9 > 0.8).
    found = explain(sex="M", grip_strength_kg=25.0, asmi_kg_m2=6.5, muscle_mass_method="DXA", gait_speed_m_s=0.9)
    [severity] = [d for d in found if d.kind == "severity"]
    assert (severity.higher, severity.higher_category, severity.lower, severity.lower_category) == (
        "awgs2019",
        "severe",
        "ewgsop2",
        "confirmed",
    )
    assert severity.reasons == ("different_gait_cutoffs",)


def test_it_explains_a_gait_of_exactly_0_8_by_the_operator() -> None:
    # EWGSOP2 counts 0.80 as low (<=), FNIH does not (<): criteria.md §12.3.
    found = explain(
        sex="M",
        grip_strength_kg=20.0,
        asmi_kg_m2=6.5,
        asm_kg=15.0,
        height_cm=150.0,
        weight_kg=45.0,
        muscle_mass_method="DXA",
        gait_speed_m_s=0.8,
    )
    assert reasons(found, "ewgsop2", "fnih") == ("different_gait_operator",)


def test_it_explains_an_sppb_between_the_two_cutoffs() -> None:
    found = explain(sex="M", grip_strength_kg=20.0, asmi_kg_m2=6.5, muscle_mass_method="DXA", sppb_score=9)
    assert reasons(found, "awgs2019", "ewgsop2") == ("different_sppb_cutoffs",)


def test_it_explains_performance_tests_one_set_does_not_use() -> None:
    found = explain(sex="M", grip_strength_kg=20.0, asmi_kg_m2=6.5, muscle_mass_method="DXA", tug_s=25.0)
    assert reasons(found, "ewgsop2", "awgs2019") == ("different_performance_tests",)


def test_it_finds_nothing_when_the_sets_agree() -> None:
    assert explain(sex="M", grip_strength_kg=45.0, gait_speed_m_s=1.3) == []


def test_it_skips_sets_with_insufficient_data() -> None:
    found = explain(sex="M", grip_strength_kg=25.0, asmi_kg_m2=6.5, muscle_mass_method="DXA", gait_speed_m_s=0.9)
    assert all("fnih" not in (d.higher, d.lower) for d in found)


def test_it_lists_disagreements_in_registry_pair_order_with_plain_dicts() -> None:
    found = explain(sex="F", grip_strength_kg=20.0, asmi_kg_m2=5.0, muscle_mass_method="DXA", gait_speed_m_s=0.7)
    assert [(d.higher, d.lower) for d in found] == [("awgs2019", "ewgsop2"), ("awgs2019", "fnih"), ("awgs2019", "sdoc")]
    assert found[0].to_dict() == {
        "kind": "diagnosis",
        "higher": "awgs2019",
        "higher_category": "sarcopenia",
        "lower": "ewgsop2",
        "lower_category": "no_sarcopenia",
        "reasons": ["awgs_counts_performance_without_strength"],
    }


@settings(max_examples=400, deadline=None)
@given(visits())
def test_it_always_finds_a_specific_reason(m: Measurements) -> None:
    results = evaluate_all(m)
    found = disagreements(results, m)
    assert found == disagreements(results, m)
    for d in found:
        assert d.reasons and FALLBACK not in d.reasons, d
        assert set(d.reasons) <= set(REASONS)


# --- FNIH's ALM/BMI and AWGS 2025's ASM/BMI are one value (DECISIONS.md §8) -----------------------


def test_it_matches_fnih_alm_bmi_with_awgs2025_asm_bmi_as_one_value_with_two_cutoffs() -> None:
    # 24 kg over 1.80 m and 100 kg: ASMI 7.41, ALM/BMI 0.778: low for FNIH (< 0.789, criteria.md §4),
    # normal for AWGS 2025 (DXA, 65+, men: < 0.73, criteria.md §2.3 Table 2).
    found = explain(
        sex="M",
        age_years=70,
        grip_strength_kg=20.0,
        asm_kg=24.0,
        height_cm=180.0,
        weight_kg=100.0,
        muscle_mass_method="DXA",
    )
    assert reasons(found, "fnih", "awgs2025") == ("different_alm_bmi_cutoffs",)
    # AWGS 2019 judges ASMI only: there the sentence that FNIH uses ALM/BMI is the right one.
    assert reasons(found, "fnih", "awgs2019") == ("fnih_uses_alm_bmi",)


def test_it_explains_an_awgs2025_asm_bmi_low_against_fnih_by_the_cutoffs() -> None:
    # 26 kg over 1.80 m and 100 kg: ASMI 8.02 (normal), ASM/BMI 0.842: low for AWGS 2025 (BIA, 50–64, men:
    # < 0.90, criteria.md §2.3 Table 2), normal for FNIH (< 0.789, criteria.md §4).
    found = explain(
        sex="M",
        age_years=55,
        grip_strength_kg=20.0,
        asm_kg=26.0,
        height_cm=180.0,
        weight_kg=100.0,
        muscle_mass_method="BIA",
    )
    assert reasons(found, "awgs2025", "fnih") == ("different_alm_bmi_cutoffs",)
    # EWGSOP2 has no such test: AWGS 2025 counting ASM/BMI is the reason there.
    assert reasons(found, "awgs2025", "ewgsop2") == ("awgs2025_counts_asm_bmi",)


def test_it_explains_an_awgs2025_asmi_low_against_fnih_without_saying_awgs2025_uses_asmi_alone() -> None:
    # 16.6 kg over 1.60 m and 50 kg: ASMI 6.48, low for AWGS 2025 (DXA, 65+, men: < 7.0, criteria.md §2.3);
    # ALM/BMI 0.850, normal for both FNIH (< 0.789) and AWGS 2025 (< 0.73).
    found = explain(
        sex="M",
        age_years=70,
        grip_strength_kg=20.0,
        asm_kg=16.6,
        height_cm=160.0,
        weight_kg=50.0,
        muscle_mass_method="DXA",
    )
    assert reasons(found, "awgs2025", "fnih") == ("awgs2025_also_counts_asmi",)
    # The ASMI-only sets against FNIH keep the sentence that FNIH uses ALM/BMI and they ASMI.
    assert reasons(found, "awgs2019", "fnih") == ("fnih_uses_alm_bmi",)


def test_each_mass_sentence_names_what_each_side_of_its_pair_measures() -> None:
    from screening.clinical import text

    assert "ALM/BMI" in text.label("disagreement.fnih_uses_alm_bmi", "en")
    both = text.label("disagreement.awgs2025_also_counts_asmi", "en")
    assert "ASMI" in both and "ASM/BMI" in both and "FNIH" in both
    assert "same value" in text.label("disagreement.different_alm_bmi_cutoffs", "en")
    assert "数值相同" in text.label("disagreement.different_alm_bmi_cutoffs", "zh-hans")


# A strong grip, a slow chair stand, a low ASMI: two sets find sarcopenia, three do not (test below)
SLOW_CHAIR_STAND = dict(
    sex="F",
    age_years=90,
    grip_strength_kg=38.3,
    chair_stand_5x_s=20.3,
    asm_kg=15.1,
    height_cm=182.1,
    gait_speed_m_s=1.21,
    muscle_mass_method="BIA",
)


def test_a_reason_names_every_set_it_is_contrasted_with_never_its_own_subject() -> None:
    # criteria.md §1 (EWGSOP2: chair stand > 15 s is low strength; ASMI by BIA), §2 (AWGS 2019: chair stand
    # ≥ 12 s is low performance), §4 (FNIH: grip and ALM/BMI only). A strong grip, a slow chair stand and a
    # low ASMI (15.1 kg / 1.821 m² = 4.55 kg/m²): EWGSOP2 and AWGS 2019 find sarcopenia, the others do not.
    found = explain(**SLOW_CHAIR_STAND)
    assert {d.higher for d in found} == {"ewgsop2", "awgs2019"}
    assert contrasted(found, "ewgsop2_counts_chair_stand_as_strength") == ["awgs2025", "fnih", "sdoc"]
    # FNIH is the milder set here: its sentence contrasts it with the sets that judged the ASMI
    assert contrasted(found, "fnih_uses_alm_bmi") == ["ewgsop2", "awgs2019"]
    assert "fnih" not in contrasted(found, "fnih_uses_alm_bmi")
