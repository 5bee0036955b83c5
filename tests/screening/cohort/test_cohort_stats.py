"""Wilson intervals and Cohen's kappa against values computed by hand (no database)."""

from __future__ import annotations

import pytest

from screening.cohort.stats import cohen_kappa, wilson_interval


def test_it_computes_the_wilson_interval_of_3_in_9():
    # By hand, z = 1.96, z² = 3.8416, p̂ = 1/3, n = 9:
    #   z²/n = 0.426844, denominator = 1.426844
    #   centre = (0.333333 + 3.8416/18) / 1.426844 = 0.546756 / 1.426844 = 0.383192
    #   half = 1.96 / 1.426844 · √(0.333333·0.666667/9 + 3.8416/324) = 1.373659 · √0.036547 = 0.262606
    #   interval = (0.120586, 0.645798); published tables give 0.121–0.646.
    result = wilson_interval(3, 9)
    assert result.p == pytest.approx(1 / 3)
    assert result.low == pytest.approx(0.120586, abs=1e-5)
    assert result.high == pytest.approx(0.645798, abs=1e-5)


def test_it_keeps_the_interval_inside_zero_and_one_at_the_edges():
    # 0 of 10: centre = (0 + 0.19208) / 1.38416 = 0.138770 and half = 1.416 · √(3.8416/400) = 0.138770,
    # so the interval is (0, 0.27754): never negative, unlike the Wald interval (0 ± 0).
    none = wilson_interval(0, 10)
    assert none.low == 0.0 and none.high == pytest.approx(0.27754, abs=1e-5)
    every = wilson_interval(10, 10)
    assert every.high == 1.0 and every.low == pytest.approx(1 - 0.27754, abs=1e-5)


def test_it_reports_no_interval_for_an_empty_group_and_refuses_impossible_counts():
    assert wilson_interval(0, 0).p is None and wilson_interval(0, 0).low is None
    with pytest.raises(ValueError):
        wilson_interval(5, 4)


def test_it_computes_cohens_kappa_for_a_two_by_two_table():
    # [[20, 5], [10, 15]]: N = 50, p_o = 35/50 = 0.7; rows 25, 25; columns 30, 20;
    # p_e = (25·30 + 25·20) / 50² = 1250/2500 = 0.5; κ = (0.7 − 0.5) / (1 − 0.5) = 0.4.
    agreement = cohen_kappa([[20, 5], [10, 15]])
    assert (agreement.n, agreement.observed, agreement.expected) == (50, 0.7, 0.5)
    assert agreement.kappa == pytest.approx(0.4)


def test_it_computes_kappa_for_three_categories():
    # [[10, 2, 0], [1, 5, 2], [0, 1, 4]]: N = 25, p_o = 19/25 = 0.76; rows 12, 8, 5; columns 11, 8, 6;
    # p_e = (12·11 + 8·8 + 5·6) / 625 = 226/625 = 0.3616; κ = (0.76 − 0.3616) / 0.6384 = 0.624060.
    agreement = cohen_kappa([[10, 2, 0], [1, 5, 2], [0, 1, 4]])
    assert agreement.kappa == pytest.approx(0.624060, abs=1e-6)


def test_it_gives_perfect_agreement_kappa_one_and_chance_agreement_kappa_zero():
    assert cohen_kappa([[7, 0], [0, 3]]).kappa == pytest.approx(1.0)
    # Rows 10, 10 and columns 10, 10: p_e = 0.5; p_o = (5 + 5)/20 = 0.5, so κ = 0.
    assert cohen_kappa([[5, 5], [5, 5]]).kappa == pytest.approx(0.0)


def test_it_leaves_kappa_undefined_when_both_raters_use_one_category_or_there_are_no_subjects():
    assert cohen_kappa([[8, 0], [0, 0]]).kappa is None  # p_e = 1
    assert cohen_kappa([[0, 0], [0, 0]]).kappa is None
    with pytest.raises(ValueError):
        cohen_kappa([[1, 2]])
