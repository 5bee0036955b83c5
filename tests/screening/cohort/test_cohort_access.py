"""Who reaches cohort review: clinicians never; staff tied to site A see site A only, everywhere; superusers all."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from screening.models import Cohort
from tests.screening.cohort.cohort_support import fresh_cache, patient, reviewer, visit  # noqa: F401 (autouse)

pytestmark = pytest.mark.django_db
STAFF_PAGES = [
    reverse("cohort:dashboard"),
    reverse("cohort:export_csv"),
    reverse("cohort:export_xlsx"),
    *(reverse("cohort:worklist", args=[kind]) for kind in ("overdue", "warnings", "incomplete", "implausible")),
]


@pytest.fixture
def two_sites(site_a, site_b):
    a = visit(patient(site_a, "A-1", name="Alice A"), date(2025, 1, 1), warnings=["x"], height_cm=160.0)
    visit(a.patient, date(2025, 3, 1), height_cm=170.0)
    b = visit(patient(site_b, "B-1", name="Bob B"), date(2024, 1, 1), warnings=["y"], height_cm=150.0)
    visit(b.patient, date(2024, 3, 1), height_cm=160.0)
    study = Cohort.objects.create(name="Mixed")
    study.patients.add(a.patient, b.patient)
    return {"a": a, "b": b, "cohort": study}


@pytest.fixture
def staff_a(client, site_a):
    client.force_login(reviewer("staff-a", sites=(site_a,)))
    return client


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_it_refuses_clinicians_the_cohort_pages(client_a, two_sites, url):
    assert client_a.get(url).status_code == 403


def test_it_keeps_clinicians_out_of_the_admin(client_a, two_sites):
    response = client_a.get(reverse("admin:screening_visit_changelist"))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("url", STAFF_PAGES[:1] + STAFF_PAGES[3:])
def test_it_shows_site_a_staff_only_site_a_on_the_cohort_pages(staff_a, two_sites, url):
    body = _body(staff_a.get(url))
    assert "B-1" not in body and "Site B" not in body


def test_it_counts_only_site_a_on_the_dashboard_even_when_asked_for_site_b(staff_a, two_sites, site_b):
    assert staff_a.get(reverse("cohort:dashboard")).context["counts"] == {"patients": 1, "visits": 2}
    asked = staff_a.get(reverse("cohort:dashboard"), {"site": site_b.code})
    assert asked.context["form"].errors and asked.context["counts"]["patients"] == 0  # an invalid filter: nothing


@pytest.mark.parametrize("url", [reverse("cohort:export_csv"), reverse("cohort:export_csv") + "?pseudonymise=on"])
def test_it_exports_only_site_a_for_site_a_staff(staff_a, two_sites, url):
    rows = list(csv.DictReader(io.StringIO(_body(staff_a.get(url)).lstrip("\ufeff"))))
    assert len(rows) == 2 and {r["visit_date"] for r in rows} == {"2025-01-01", "2025-03-01"}


def test_it_lists_only_site_a_in_every_admin_list_and_filter(staff_a, two_sites):
    for name in ("visit", "patient", "site", "membership"):
        body = _body(staff_a.get(reverse(f"admin:screening_{name}_changelist")))
        assert "B-1" not in body and "Site B" not in body, name
    visits = staff_a.get(reverse("admin:screening_visit_changelist"))
    assert {v.patient.identifier for v in visits.context["cl"].result_list} == {"A-1"}
    cohorts = staff_a.get(reverse("admin:screening_cohort_changelist"))
    assert cohorts.context["cl"].result_list[0].member_count == 1  # of the cohort's two patients


def test_it_hides_site_b_objects_and_their_history_from_site_a_staff(staff_a, two_sites):
    b = two_sites["b"]
    change = staff_a.get(reverse("admin:screening_visit_change", args=[b.pk]))
    assert change.status_code == 302  # the admin's "does not exist" redirect
    assert staff_a.get(reverse("admin:screening_visit_history", args=[b.pk])).status_code == 404
    assert staff_a.get(reverse("admin:screening_patient_history", args=[b.patient.pk])).status_code == 404
    own = two_sites["a"]
    assert staff_a.get(reverse("admin:screening_visit_history", args=[own.pk])).status_code == 200


def test_it_does_not_let_site_a_staff_overwrite_a_shared_cohort(staff_a, two_sites):
    study = two_sites["cohort"]
    form = staff_a.get(reverse("admin:screening_cohort_change", args=[study.pk])).context["adminform"].form
    assert "patients" not in form.fields


def test_it_refuses_a_site_b_patient_in_a_visit_form_for_site_a_staff(staff_a, two_sites):
    form = staff_a.get(reverse("admin:screening_visit_change", args=[two_sites["a"].pk])).context["adminform"].form
    assert set(form.fields["patient"].queryset) == {two_sites["a"].patient}


def test_it_shows_superusers_every_site(client, two_sites):
    client.force_login(reviewer("root", superuser=True))
    visits = client.get(reverse("admin:screening_visit_changelist"))
    assert {v.patient.identifier for v in visits.context["cl"].result_list} == {"A-1", "B-1"}
    assert client.get(reverse("cohort:dashboard")).context["counts"] == {"patients": 2, "visits": 4}
    assert client.get(reverse("admin:screening_visit_history", args=[two_sites["b"].pk])).status_code == 200
