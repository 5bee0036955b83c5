"""Two clinicians edit one visit: the second save is refused with what changed; nothing is lost."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from screening.models import ReportPrint, Visit
from screening.visits.services import visit_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(patient_a, clinician_a):
    return visit_save(
        visit=Visit(
            patient=patient_a,
            visit_date=date(2026, 5, 1),
            setting="community",
            grip_right_1=15.0,
            grip_strength_kg=15.0,
            clinician=clinician_a,
        )
    )


def form_data(response) -> dict:
    """The edit form's current values, as a browser would post them back."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value in (None, [], False):
            continue
        data[name] = value
    return data


def test_it_refuses_the_second_save_and_keeps_the_first(client, clinician_a, visit):
    from django.contrib.auth.models import User
    from django.test import Client

    colleague = User.objects.create_user("colleague", password="x-long-password-1")
    from screening.models import Membership

    Membership.objects.create(user=colleague, site=visit.patient.site)
    first, second = Client(), Client()
    first.force_login(clinician_a)
    second.force_login(colleague)
    url = reverse("screening:visit_edit", args=[visit.pk])
    data_first, data_second = form_data(first.get(url)), form_data(second.get(url))
    assert first.post(url, {**data_first, "grip_right_1": "16.5"}).status_code == 302
    response = second.post(url, {**data_second, "grip_right_1": "14.0", "height_cm": "150"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "changed by someone else" in page and "15.0 → 16.5" in page
    visit.refresh_from_db()
    assert visit.grip_right_1 == 16.5 and visit.height_cm is None and visit.version == 2


def test_it_asks_for_a_reason_to_edit_a_printed_visit_and_stores_it(client_a, clinician_a, visit):
    ReportPrint.objects.create(visit=visit, language="en", fingerprint="f" * 64, rule_set_version="x")
    url = reverse("screening:visit_edit", args=[visit.pk])
    data = form_data(client_a.get(url))
    response = client_a.post(url, {**data, "grip_right_1": "17"})
    assert response.status_code == 200 and response.context["form"].errors.get("change_reason")
    assert client_a.post(url, {**data, "grip_right_1": "17", "change_reason": "typo in trial 1"}).status_code == 302
    assert visit.history.first().history_change_reason == "typo in trial 1"


# --- every write path needs the version its user started from ------------------------------------------


def _admin_form_data(client, url: str) -> dict:
    """The admin change form's current values, as the browser would post them back."""
    from tests.screening.cohort.test_cohort_admin import _change_form_data

    return _change_form_data(client, url)


def test_the_admin_refuses_a_stale_visit_form_and_keeps_the_clinicians_save(admin_client, client_a, visit):
    admin_url = reverse("admin:screening_visit_change", args=[visit.pk])
    stale = _admin_form_data(admin_client, admin_url)  # the admin opens the visit
    url = reverse("screening:visit_edit", args=[visit.pk])
    mine = form_data(client_a.get(url))
    saved = client_a.post(
        url, {**mine, "weight_kg": "58.75", "height_cm": "155", "notes": "tired today", "confirm_warnings": "on"}
    )
    assert saved.status_code == 302
    response = admin_client.post(admin_url, {**stale, "height_cm": "160"})  # the admin saves the stale form
    assert response.status_code == 200
    page = response.content.decode()
    assert "Not saved: this visit was changed by someone else after you opened it." in page
    assert "clin-a" in page
    visit.refresh_from_db()
    assert (visit.weight_kg, visit.height_cm, visit.notes, visit.version) == (58.75, 155, "tired today", 2)


def test_the_admin_saves_a_visit_form_opened_at_the_current_version(admin_client, visit):
    url = reverse("admin:screening_visit_change", args=[visit.pk])
    assert admin_client.post(url, {**_admin_form_data(admin_client, url), "height_cm": "160"}).status_code == 302
    visit.refresh_from_db()
    assert (visit.height_cm, visit.version) == (160, 2)


def test_the_admin_refuses_a_visit_form_without_its_version(admin_client, visit):
    url = reverse("admin:screening_visit_change", args=[visit.pk])
    data = _admin_form_data(admin_client, url)
    del data["loaded_version"]
    response = admin_client.post(url, {**data, "height_cm": "160"})
    assert response.status_code == 200 and "changed by someone else" in response.content.decode()
    visit.refresh_from_db()
    assert (visit.height_cm, visit.version) == (None, 1)


def test_a_post_without_loaded_version_is_refused_like_a_stale_one(client_a, clinician_a, visit):
    url = reverse("screening:visit_edit", args=[visit.pk])
    data = form_data(client_a.get(url))
    data.pop("loaded_version")
    response = client_a.post(url, {**data, "grip_right_1": "14.0"})
    assert response.status_code == 200 and "changed by someone else" in response.content.decode()
    visit.refresh_from_db()
    assert (visit.grip_right_1, visit.version) == (15.0, 1)


def test_the_service_refuses_an_edit_that_names_no_version(visit):
    from screening.visits.services import StaleVisitError

    visit.height_cm = 150
    with pytest.raises(StaleVisitError):
        visit_save(visit=visit)
    visit.refresh_from_db()
    assert visit.height_cm is None


def test_a_second_patient_edit_is_refused_and_keeps_the_first(client, clinician_a, patient_a):
    from django.contrib.auth.models import User
    from django.test import Client

    from screening.models import Membership

    colleague = User.objects.create_user("colleague", password="x-long-password-1")
    Membership.objects.create(user=colleague, site=patient_a.site)
    first, second = Client(), Client()
    first.force_login(clinician_a)
    second.force_login(colleague)
    url = reverse("screening:patient_edit", args=[patient_a.pk])
    data_first, data_second = form_data(first.get(url)), form_data(second.get(url))
    assert first.post(url, {**data_first, "notes": "lives alone"}).status_code == 302
    response = second.post(url, {**data_second, "notes": "daughter visits"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "this patient was changed by someone else" in page and "lives alone" in page
    patient_a.refresh_from_db()
    assert (patient_a.notes, patient_a.version) == ("lives alone", 2)


def test_a_patient_edit_without_its_version_is_refused(client_a, patient_a):
    url = reverse("screening:patient_edit", args=[patient_a.pk])
    data = form_data(client_a.get(url))
    data.pop("loaded_version")
    response = client_a.post(url, {**data, "notes": "x"})
    assert response.status_code == 200 and "changed by someone else" in response.content.decode()
    patient_a.refresh_from_db()
    assert (patient_a.notes, patient_a.version) == ("", 1)


def test_a_new_patient_starts_at_version_one_and_each_edit_counts(client_a, site_a):
    from screening.models import Patient

    data = {"site": str(site_a.pk), "identifier": "N-1", "sex": "M", "date_of_birth": "1950-01-02"}
    assert client_a.post(reverse("screening:patient_create"), data).status_code == 302
    patient = Patient.objects.get(identifier="N-1")
    url = reverse("screening:patient_edit", args=[patient.pk])
    assert client_a.post(url, {**form_data(client_a.get(url)), "name": "张三"}).status_code == 302
    patient.refresh_from_db()
    assert (patient.name, patient.version) == ("张三", 2)


def test_the_admin_refuses_a_stale_patient_form(admin_client, client_a, patient_a):
    admin_url = reverse("admin:screening_patient_change", args=[patient_a.pk])
    stale = _admin_form_data(admin_client, admin_url)
    url = reverse("screening:patient_edit", args=[patient_a.pk])
    assert client_a.post(url, {**form_data(client_a.get(url)), "notes": "lives alone"}).status_code == 302
    response = admin_client.post(admin_url, {**stale, "name": "Wang"})
    assert response.status_code == 200
    assert "Not saved: this patient was changed by someone else after you opened it." in response.content.decode()
    patient_a.refresh_from_db()
    assert (patient_a.notes, patient_a.name, patient_a.version) == ("lives alone", "王秀英", 2)
