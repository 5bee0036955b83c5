"""The patient list sorts by name, age, last visit and reassessment due from its column headers, keeps the
search while sorting and the sort while paging, ignores an unknown sort key, and costs the same queries
sorted or not."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from screening.models import Patient
from screening.selectors import PAGE_SIZE
from tests.screening.reports.test_report_fixtures import make_visit, report_cache  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def four(site_a, clinician_a):
    """Four patients: identifiers, names, births and last visits in different orders; D never visited."""
    rows = {
        "A": ("Zhou", date(1950, 1, 1), date(2026, 3, 1)),
        "B": ("Chen", date(1940, 1, 1), date(2025, 6, 1)),
        "C": ("Wang", date(1960, 1, 1), date(2026, 9, 1)),
        "D": ("Li", date(1945, 1, 1), None),
    }
    for ident, (name, born, visited) in rows.items():
        patient = Patient.objects.create(site=site_a, identifier=ident, name=name, sex="F", date_of_birth=born)
        if visited:
            make_visit(patient, clinician_a, date(2024, 1, 1), grip_strength_kg=20.0)  # an earlier visit
            make_visit(patient, clinician_a, visited, grip_strength_kg=20.0)


def identifiers(client, **params) -> list[str]:
    page = client.get(reverse("screening:patient_list"), params, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    return re.findall(r'<tr data-patient-row><td><a href="[^"]+">([^<]+)</a>', page)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["A", "B", "C", "D"]),  # the default: by identifier
        ("name", ["B", "D", "C", "A"]),
        ("-name", ["A", "C", "D", "B"]),
        ("age", ["C", "A", "D", "B"]),
        ("-age", ["B", "D", "A", "C"]),  # youngest first / oldest first
        ("-last_visit", ["C", "A", "B", "D"]),
        ("last_visit", ["B", "A", "C", "D"]),  # never visited: last
        ("due", ["B", "A", "C", "D"]),
        ("-due", ["C", "A", "B", "D"]),  # longest overdue first
    ],
)
def test_it_sorts_by_the_column_asked_for(client_a, four, sort, expected):
    assert identifiers(client_a, sort=sort) == expected


@pytest.mark.parametrize("sort", ["patient.name", "date_of_birth", "-", "name; DROP TABLE", "visits__grip"])
def test_an_unknown_sort_key_gives_the_default_order_without_an_error(client_a, four, sort):
    response = client_a.get(reverse("screening:patient_list"), {"sort": sort}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert identifiers(client_a, sort=sort) == ["A", "B", "C", "D"]
    assert 'id="search-errors"' not in response.content.decode()
    assert 'aria-sort="ascending"><a class="sort-link" href="?sort=-identifier"' in response.content.decode()


def test_the_headers_say_the_order_and_keep_the_search(client_a, four):
    page = client_a.get(
        reverse("screening:patient_list"), {"q": "A", "sort": "-last_visit", "page": "1"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    headers = re.findall(
        r'<th scope="col"( aria-sort="\w+")?>(?:<a class="sort-link" href="([^"]+)"'
        r' data-sort-key="(\w+)">)?',
        page,
    )
    sortable = {key: (aria.strip(), href.replace("&amp;", "&")) for aria, href, key in headers if key}
    assert sortable == {
        "identifier": ("", "?q=A&sort=identifier"),
        "name": ("", "?q=A&sort=name"),
        "age": ("", "?q=A&sort=age"),
        "last_visit": ('aria-sort="descending"', "?q=A&sort=last_visit"),  # the sorted column reverses
        "due": ("", "?q=A&sort=due"),
    }
    assert sum(1 for aria, _href, _key in headers if aria) == 1  # one sorted column; sex, result, site are not
    assert '<input type="hidden" name="sort" value="-last_visit">' in page  # a new search keeps the order


def test_paging_keeps_the_order(client_a, site_a):
    for i in range(PAGE_SIZE + 3):
        Patient.objects.create(
            site=site_a,
            identifier=f"P-{i:03d}",
            name=f"N{PAGE_SIZE + 3 - i:03d}",
            sex="M",
            date_of_birth=date(1950, 1, 1),
        )
    first = client_a.get(reverse("screening:patient_list"), {"sort": "name"}).content.decode()
    assert 'href="?sort=name&amp;page=2"' in first
    assert identifiers(client_a, sort="name", page="2") == ["P-002", "P-001", "P-000"]


@pytest.mark.parametrize("sort", ["", "name", "-age", "-last_visit", "due"])
def test_its_query_count_is_the_same_in_every_order(client_a, clinician_a, site_a, sort, django_assert_num_queries):
    for i in range(30):
        patient = Patient.objects.create(
            site=site_a, identifier=f"Q-{i:03d}", name=f"P{i}", sex="F", date_of_birth=date(1945, 1, 1 + i % 28)
        )
        make_visit(patient, clinician_a, date(2026, 1, 1 + i % 28), grip_strength_kg=20.0)
    client_a.get(reverse("screening:patient_list"))  # warm the session
    # the session, the user, the page of patients with their sites (joined to their latest visits when sorted
    # by a visit date), the page's latest visits, the site choices of the search form
    with django_assert_num_queries(5):
        response = client_a.get(reverse("screening:patient_list"), {"sort": sort})
    assert response.content.decode().count("data-patient-row") == PAGE_SIZE


def test_patients_without_a_visit_follow_on_the_next_pages(client_a, clinician_a, site_a):
    for ident, day in (("V-1", date(2026, 2, 1)), ("V-2", date(2026, 1, 1))):
        patient = Patient.objects.create(site=site_a, identifier=ident, sex="M", date_of_birth=date(1950, 1, 1))
        make_visit(patient, clinician_a, day, grip_strength_kg=20.0)
    for i in range(PAGE_SIZE + 3):
        Patient.objects.create(site=site_a, identifier=f"N-{i:03d}", sex="M", date_of_birth=date(1950, 1, 1))
    unvisited = [f"N-{i:03d}" for i in range(PAGE_SIZE + 3)]
    assert identifiers(client_a, sort="due") == ["V-2", "V-1", *unvisited[: PAGE_SIZE - 2]]
    assert identifiers(client_a, sort="due", page="2") == unvisited[PAGE_SIZE - 2 :]
    assert identifiers(client_a, sort="-last_visit", page="2") == unvisited[PAGE_SIZE - 2 :]
    assert identifiers(client_a, sort="due", page="3") == []
