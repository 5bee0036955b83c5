"""Every URL: anonymous → login; clinician of another site → 404; own clinician and staff → allowed."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from screening.models import Visit
from screening.visits.services import visit_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit_a(patient_a, clinician_a):
    return visit_save(
        visit=Visit(
            patient=patient_a,
            visit_date=date(2026, 5, 1),
            setting="community",
            clinician=clinician_a,
            grip_strength_kg=15.0,
        )
    )


def object_urls(patient, visit):
    """Every URL that addresses one patient's data, with the method to call it."""
    return [
        ("get", reverse("screening:patient_detail", args=[patient.pk])),
        ("get", reverse("screening:patient_edit", args=[patient.pk])),
        ("post", reverse("screening:patient_edit", args=[patient.pk])),
        ("get", reverse("screening:visit_create", args=[patient.pk])),
        ("post", reverse("screening:visit_create", args=[patient.pk])),
        ("get", reverse("screening:visit_detail", args=[visit.pk])),
        ("get", reverse("screening:visit_edit", args=[visit.pk])),
        ("post", reverse("screening:visit_edit", args=[visit.pk])),
    ]


GENERAL_URLS = [
    ("get", "screening:patient_list"),
    ("get", "screening:patient_create"),
    ("get", "screening:mechanisms_background"),
]


def test_it_sends_anonymous_users_to_login_from_every_page(client, patient_a, visit_a):
    urls = object_urls(patient_a, visit_a) + [(m, reverse(n)) for m, n in GENERAL_URLS]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url


def test_it_answers_404_to_a_clinician_of_another_site(client, clinician_b, patient_a, visit_a):
    client.force_login(clinician_b)
    for method, url in object_urls(patient_a, visit_a):
        assert getattr(client, method)(url).status_code == 404, url
    assert visit_a.patient.identifier not in client.get(reverse("screening:patient_list")).content.decode()


def test_it_lets_the_sites_clinician_and_staff_in(client, clinician_a, staff, patient_a, visit_a):
    for user in (clinician_a, staff):
        client.force_login(user)
        for method, url in object_urls(patient_a, visit_a):
            if method == "get":
                assert client.get(url).status_code == 200, (user, url)


def test_it_keeps_the_admin_for_staff_only(client, clinician_a, staff):
    client.force_login(clinician_a)
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 200


def test_it_serves_the_login_page_without_a_session(client):
    assert client.get(reverse("login")).status_code == 200


def test_it_puts_no_patient_name_or_identifier_in_urls(patient_a, visit_a):
    for _method, url in object_urls(patient_a, visit_a):
        assert patient_a.identifier not in url and patient_a.name not in url


def test_it_lists_only_patients_of_the_clinicians_sites(client, clinician_b, patient_a, site_b):
    from screening.models import Patient

    Patient.objects.create(site=site_b, identifier="B-001", sex="M", date_of_birth=date(1950, 1, 1))
    client.force_login(clinician_b)
    page = client.get(reverse("screening:patient_list")).content.decode()
    assert "B-001" in page and "A-001" not in page


def test_it_refuses_a_patient_at_a_site_the_clinician_does_not_belong_to(client_a, site_b):
    response = client_a.post(
        reverse("screening:patient_create"),
        {"site": site_b.pk, "identifier": "X-1", "sex": "F", "date_of_birth": "1950-01-01"},
    )
    assert response.status_code == 200 and response.context["form"].errors.get("site")


def test_the_patient_list_pages_without_counting_and_searches_identifier_or_name(client_a, site_a):
    from screening.models import Patient

    for i in range(30):
        Patient.objects.create(
            site=site_a, identifier=f"Q-{i:03d}", name=f"张{i}", sex="F", date_of_birth=date(1950, 1, 1)
        )
    first = client_a.get(reverse("screening:patient_list"))
    assert first.context["page"].has_next and len(first.context["page"].object_list) == 25
    second = client_a.get(reverse("screening:patient_list"), {"page": "2"})
    assert len(second.context["page"].object_list) == 5 and not second.context["page"].has_next
    by_name = client_a.get(reverse("screening:patient_list"), {"q": "张2"}).context["page"].object_list
    assert {p.identifier for p in by_name} == {"Q-002"} | {f"Q-{i:03d}" for i in range(20, 30)}
    by_id = client_a.get(reverse("screening:patient_list"), {"q": "Q-01"}).context["page"].object_list
    assert len(by_id) == 10
