"""The cohort dashboard on a ten-patient cohort whose figures are worked out by hand below.

Latest visits on 2025-06-01 (ages: born 1940 → 84, 1950 → 74, 1960 → 64), categories EWGSOP2 / AWGS 2019:

  P1  F 1950  earlier 2024-01-10 severe/severe        latest no_sarcopenia / no_sarcopenia
  P2  F 1950                                           confirmed / sarcopenia
  P3  M 1940                                           confirmed / possible
  P4  M 1940  earlier 2024-02-01 no_sarcopenia/no_s.   severe / severe
  P5  F 1950                                           probable / possible
  P6  F 1960                                           probable / sarcopenia
  P7  M 1960                                           no_sarcopenia / no_sarcopenia
  P8  F 1940                                           no_sarcopenia / possible
  P9  M 1950                                           no_sarcopenia / no_sarcopenia
  P10 F 1950                                           insufficient_data / insufficient_data
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from screening.clinical.criteria import awgs2019, ewgsop2, fnih, sdoc
from screening.cohort import aggregates
from screening.cohort.bands import band_of_age
from screening.cohort.forms import CohortFilters
from screening.cohort.selectors import visits_filtered
from screening.models import Cohort
from tests.screening.cohort.cohort_support import fresh_cache, patient, reviewer, visit  # noqa: F401 (autouse)

pytestmark = pytest.mark.django_db
LATEST, BORN = date(2025, 6, 1), {1940: date(1940, 6, 15), 1950: date(1950, 6, 15), 1960: date(1960, 6, 15)}
COHORT = [  # identifier, sex, birth year, EWGSOP2, AWGS 2019, earlier visit (EWGSOP2, AWGS 2019, date) or None
    ("P1", "F", 1950, "no_sarcopenia", "no_sarcopenia", ("severe", "severe", date(2024, 1, 10))),
    ("P2", "F", 1950, "confirmed", "sarcopenia", None),
    ("P3", "M", 1940, "confirmed", "possible", None),
    ("P4", "M", 1940, "severe", "severe", ("no_sarcopenia", "no_sarcopenia", date(2024, 2, 1))),
    ("P5", "F", 1950, "probable", "possible", None),
    ("P6", "F", 1960, "probable", "sarcopenia", None),
    ("P7", "M", 1960, "no_sarcopenia", "no_sarcopenia", None),
    ("P8", "F", 1940, "no_sarcopenia", "possible", None),
    ("P9", "M", 1950, "no_sarcopenia", "no_sarcopenia", None),
    ("P10", "F", 1950, "insufficient_data", "insufficient_data", None),
]
GRIP = {"P1": 20.5, "P2": 12.0, "P5": 13.9, "P3": 24.0}
MECHANISMS = {"P2": ("malnutrition;vitamin_d", ""), "P3": ("malnutrition", ""), "P4": ("", "inflammation")}


@pytest.fixture
def cohort(site_a):
    patients = {}
    for identifier, sex, year, ewg, awgs, earlier in COHORT:
        p = patients[identifier] = patient(site_a, identifier, sex=sex, born=BORN[year])
        if earlier:  # mechanisms on an earlier visit must not be counted: only latest visits are
            visit(
                p,
                earlier[2],
                {"ewgsop2": earlier[0], "awgs2019": earlier[1]},
                mechanisms_likely="malnutrition",
                grip_strength_kg=30.0,
            )
        likely, possible = MECHANISMS.get(identifier, ("", ""))
        visit(
            p,
            LATEST,
            {"ewgsop2": ewg, "awgs2019": awgs},
            grip_strength_kg=GRIP.get(identifier),
            mechanisms_likely=likely,
            mechanisms_possible=possible,
        )
    return patients


@pytest.fixture
def admin_client(client, db):
    client.force_login(reviewer("reviewer", superuser=True))
    return client


def _rows(response, set_index: int) -> dict[str, object]:
    return {item["group"]: item["row"] for item in response.context["prevalence"][set_index]["rows"]}


def test_it_counts_patients_and_visits(admin_client, cohort):
    response = admin_client.get(reverse("cohort:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["counts"] == {"patients": 10, "visits": 12}
    assert "latest visit" in response.content.decode()


def test_it_computes_prevalence_at_the_latest_visit_with_wilson_intervals(admin_client, cohort):
    rows = _rows(admin_client.get(reverse("cohort:dashboard"), HTTP_ACCEPT_LANGUAGE="en"), 0)  # EWGSOP2
    overall = rows["All patients"]
    # Classified: 9 (P10 has insufficient data); confirmed + severe: P2, P3, P4 → 3/9; probable: P5, P6 → 2/9.
    assert (overall.patients, overall.insufficient, overall.positive.k, overall.positive.n) == (10, 1, 3, 9)
    assert (overall.positive.low, overall.positive.high) == pytest.approx((0.120586, 0.645798), abs=1e-5)
    assert (overall.intermediate.k, overall.intermediate.n) == (2, 9)
    # Women: P1, P2, P5, P6, P8 classified → 1/5 positive, 2/5 probable; men: P3, P4 of four → 2/4.
    assert (rows["Female"].positive.k, rows["Female"].positive.n, rows["Female"].intermediate.k) == (1, 5, 2)
    assert (rows["Male"].positive.k, rows["Male"].positive.n) == (2, 4)
    # 80+: P3, P4, P8 → 2/3; 70–79: P1, P2, P5, P9 (+P10 insufficient) → 1/4; 60–69: P6, P7 → 0/2.
    assert (rows["Age 80+"].positive.k, rows["Age 80+"].positive.n) == (2, 3)
    assert (rows["Age 70–79"].positive.k, rows["Age 70–79"].positive.n, rows["Age 70–79"].insufficient) == (1, 4, 1)
    assert (rows["Age 60–69"].positive.k, rows["Age 60–69"].positive.n) == (0, 2)


def test_it_counts_awgs_sarcopenia_and_possible_separately(admin_client, cohort):
    overall = _rows(admin_client.get(reverse("cohort:dashboard"), HTTP_ACCEPT_LANGUAGE="en"), 1)["All patients"]
    # Sarcopenia + severe: P2, P4, P6 → 3/9; possible: P3, P5, P8 → 3/9.
    assert (overall.positive.k, overall.positive.n, overall.intermediate.k) == (3, 9, 3)


def test_it_cross_tabulates_ewgsop2_and_awgs_with_cohens_kappa(admin_client, cohort):
    context = admin_client.get(reverse("cohort:dashboard")).context
    # Yes/no over the 9 classifiable patients: yes/yes P2, P4; yes/no P3; no/yes P6; no/no P1, P5, P7, P8, P9.
    # p_o = 7/9; rows 3, 6; columns 3, 6; p_e = (9 + 36)/81 = 5/9; κ = (7/9 − 5/9)/(4/9) = 0.5.
    assert context["collapsed"] == [[2, 1], [1, 5]]
    assert context["kappa"].kappa == pytest.approx(0.5)
    cross = context["cross"]  # full table, EWGSOP2 rows in severity order, AWGS 2019 columns likewise
    confirmed, sarcopenia = 2, 2  # indices in (no_sarcopenia, probable|possible, confirmed|sarcopenia, severe, …)
    assert cross.cells[confirmed][sarcopenia] == 1 and sum(map(sum, cross.cells)) == 10


def test_it_counts_transitions_between_first_and_latest_visit(admin_client, cohort):
    matrix = admin_client.get(reverse("cohort:dashboard")).context["transitions"][0]  # EWGSOP2
    none, severe = 0, 3
    # Only P1 (severe → no sarcopenia) and P4 (no sarcopenia → severe) have two visits.
    assert matrix.cells[severe][none] == 1 and matrix.cells[none][severe] == 1
    assert sum(map(sum, matrix.cells)) == 2


def test_it_counts_mechanisms_at_the_latest_visit_only(admin_client, cohort):
    rows = {
        m["label"]: m
        for m in admin_client.get(reverse("cohort:dashboard"), HTTP_ACCEPT_LANGUAGE="en").context["mechanisms"]
    }
    counts = {label: (m["likely"], m["possible"]) for label, m in rows.items() if m["likely"] or m["possible"]}
    assert sorted(counts.values()) == [
        (0, 1),
        (1, 0),
        (2, 0),
    ]  # malnutrition 2 (not P1's earlier), vitamin D, inflammation


def test_it_bins_grip_strength_by_sex_in_the_database(site_a, cohort):
    visits = visits_filtered(user=reviewer("r", superuser=True), filters=CohortFilters())
    grip = aggregates.histogram(visits, aggregates.MEASURES[0])
    # Width 2 kg, latest visits only (the earlier 30 kg of P1 and P4 would be bin 15): women 20.5 → bin 10,
    # 12.0 and 13.9 → bin 6; men 24.0 → bin 12; latest visits without a grip (P4's) are left out.
    assert grip == {"F": {6: 2, 10: 1}, "M": {12: 1}}


def test_it_draws_histograms_as_svg_with_the_engine_cut_offs(admin_client, cohort):
    page = admin_client.get(reverse("cohort:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count("<svg") == 6 and "<script" not in page and "style=" not in page
    women = f"EWGSOP2 · FNIH {ewgsop2.GRIP_LOW_WOMEN_KG:g}"
    assert women == f"EWGSOP2 · FNIH {fnih.GRIP_LOW_WOMEN_KG:g}" and women in page
    assert f"SDOC {sdoc.GRIP_LOW_MEN_KG:g}" in page and f"AWGS 2019 {awgs2019.GAIT_LOW_M_S:g}" in page


@pytest.mark.parametrize(
    "query, patients, visits",
    [
        ({"sex": "M"}, 4, 5),
        ({"age_band": "80+"}, 3, 4),  # P3, P4 (both visits at 80+? P4's 2024 visit: age 83), P8
        ({"age_band": "60-69"}, 2, 2),
        ({"date_to": "2024-12-31"}, 2, 2),  # only the earlier visits of P1 and P4
        ({"date_from": "2025-01-01", "setting": "community"}, 10, 10),
        ({"setting": "hospital"}, 0, 0),
    ],
)
def test_it_applies_the_filters(admin_client, cohort, query, patients, visits):
    context = admin_client.get(reverse("cohort:dashboard"), query).context
    assert context["counts"] == {"patients": patients, "visits": visits}


def test_it_uses_the_latest_visit_within_the_date_filter(admin_client, cohort):
    rows = _rows(admin_client.get(reverse("cohort:dashboard"), {"date_to": "2024-12-31"}, HTTP_ACCEPT_LANGUAGE="en"), 0)
    assert (rows["All patients"].positive.k, rows["All patients"].positive.n) == (1, 2)  # P1's severe visit


def test_it_filters_by_cohort_and_site(admin_client, cohort, site_b):
    study = Cohort.objects.create(name="Study arm")
    study.patients.add(cohort["P2"], cohort["P3"])
    patient(site_b, "B1")
    assert admin_client.get(reverse("cohort:dashboard"), {"cohort": study.pk}).context["counts"]["patients"] == 2
    assert admin_client.get(reverse("cohort:dashboard"), {"site": site_b.code}).context["counts"]["patients"] == 0


def test_it_shows_nothing_for_an_invalid_filter_and_says_so(admin_client, cohort):
    response = admin_client.get(reverse("cohort:dashboard"), {"date_from": "2025-02-01", "date_to": "2025-01-01"})
    assert response.context["form"].errors and response.context["counts"]["patients"] == 0
    assert "These filters are not valid" in response.content.decode()


def _dashboard_queries(client, **query) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("cohort:dashboard"), query).status_code == 200
    return [q["sql"] for q in queries.captured_queries if "screening_" in q["sql"]]


def test_it_aggregates_with_a_fixed_number_of_queries(admin_client, cohort, site_a):
    small = _dashboard_queries(admin_client)
    for n in range(20):
        visit(patient(site_a, f"X{n}"), LATEST)
    large = _dashboard_queries(admin_client)
    # 4 index lookups for the cache key (newest result, visit history, patient history, cohort link),
    # the latest visits grouped every way (cube, 3 histograms), mechanism lists, visit count, transitions,
    # then the site and cohort choices of the form.
    assert len(small) == len(large) == 10, "\n".join(sql[:100] for sql in large)


def test_it_reuses_the_figures_until_the_data_change(admin_client, cohort, site_a):
    assert len(_dashboard_queries(admin_client)) == 10
    assert len(_dashboard_queries(admin_client)) == 6  # cache key and form choices only
    assert admin_client.get(reverse("cohort:dashboard")).context["counts"]["patients"] == 10
    visit(patient(site_a, "NEW"), LATEST)
    assert admin_client.get(reverse("cohort:dashboard")).context["counts"]["patients"] == 11
    assert len(_dashboard_queries(admin_client, refresh="1")) == 10  # recomputed on request


@pytest.mark.parametrize(
    "years, band", [(59, "lt60"), (60, "60-69"), (69, "60-69"), (70, "70-79"), (79, "70-79"), (80, "80+"), (104, "80+")]
)
def test_it_bands_ages_in_whole_years_as_the_filters_do(years, band):
    assert band_of_age(years) == band  # the cube groups by age in years, then bands in Python


@pytest.mark.parametrize(
    "speed, expected_bin", [(0.30, 3), (0.60, 6), (0.70, 7), (1.40, 14), (1.90, 19), (0.29, 2), (0.795, 8), (1.0, 10)]
)
def test_it_bins_gait_speed_at_exact_decimal_edges(site_a, speed, expected_bin):
    """Rule-set 2026.2: values binned as compared (rounded half up to 2 decimals, DECISIONS.md §1), edges
    exact: 0.30, 0.60, 0.70, 1.40 and 1.90 m/s land in their own 0.1 m/s bin, not one below."""
    p = patient(site_a, "G1", sex="F", born=BORN[1950])
    visit(p, LATEST, {"ewgsop2": "no_sarcopenia", "awgs2019": "no_sarcopenia"}, gait_speed_m_s=speed)
    visits = visits_filtered(user=reviewer("r", superuser=True), filters=CohortFilters())
    assert aggregates.histogram(visits, aggregates.MEASURES[1]) == {"F": {expected_bin: 1}}


def test_it_bins_a_derived_gait_speed_as_the_engine_rounds_it(site_a):
    """6 m in 20 s is 0.30 m/s: bin 3 (course ÷ time as the engine derives it)."""
    p = patient(site_a, "G2", sex="M", born=BORN[1950])
    visit(p, LATEST, {"ewgsop2": "no_sarcopenia", "awgs2019": "no_sarcopenia"}, gait_course_m=6.0, gait_time_s=20.0)
    visits = visits_filtered(user=reviewer("r", superuser=True), filters=CohortFilters())
    assert aggregates.histogram(visits, aggregates.MEASURES[1]) == {"M": {3: 1}}


def test_it_shows_awgs2025_at_risk_as_its_own_column_with_a_wilson_interval(admin_client, site_a):
    # AWGS 2025 (DECISIONS.md §8): 2 sarcopenia, 1 possible, 3 at risk, 3 no sarcopenia, 1 not applicable (under
    # 50: out of the denominator), 1 insufficient data: 9 classified, at risk 3/9 (Wilson 12.1–64.6 %).
    categories = (
        ["sarcopenia"] * 2
        + ["possible"]
        + ["at_risk"] * 3
        + ["no_sarcopenia"] * 3
        + ["not_applicable", "insufficient_data"]
    )
    for i, category in enumerate(categories):
        visit(patient(site_a, f"R{i}", sex="F", born=BORN[1950]), LATEST, {"awgs2025": category})
    response = admin_client.get(reverse("cohort:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    table = response.context["prevalence"][2]
    overall = {item["group"]: item for item in table["rows"]}["All patients"]
    row = overall["row"]
    assert (row.patients, row.insufficient, row.positive.k, row.positive.n) == (11, 1, 2, 9)
    assert (row.intermediate.k, row.at_risk.k, row.at_risk.n) == (1, 3, 9)
    assert (row.at_risk.low, row.at_risk.high) == pytest.approx((0.120586, 0.645798), abs=1e-5)
    assert table["at_risk"] == "At risk for sarcopenia"
    assert overall["at_risk"] == "33.3% (12.1–64.6)"
    html = response.content.decode()
    assert '<th scope="col">At risk for sarcopenia</th>' in html
    # The sets without such a category show no at-risk column.
    assert [t["at_risk"] for t in response.context["prevalence"]] == ["", "", "At risk for sarcopenia", "", ""]
    zh = admin_client.get(reverse("cohort:dashboard"), HTTP_ACCEPT_LANGUAGE="zh-hans").context["prevalence"][2]
    assert zh["at_risk"] == "肌少症风险"
