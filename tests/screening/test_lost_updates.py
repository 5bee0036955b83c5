"""Two clinicians edit one visit: the second save is refused with what changed; nothing is lost."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from screening.models import ReportPrint, Visit
from screening.services import visit_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(patient_a, clinician_a):
    return visit_save(visit=Visit(patient=patient_a, visit_date=date(2026, 5, 1), setting="community",
                                  grip_right_1=15.0, grip_strength_kg=15.0, clinician=clinician_a))


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
