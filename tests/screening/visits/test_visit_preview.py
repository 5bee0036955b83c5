"""The visit form's live panel: a preview endpoint that saves nothing, answers only for the user's sites
and with a CSRF token, and gives every set's provisional category and the derived values quickly."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from screening.models import Visit
from tests.screening.visits.test_visit_form import BASE

pytestmark = pytest.mark.django_db

# Woman, grip trials 12 and 14 kg (best 14 < 18 kg), gait 0.7 m/s (< 1.0), ASM 11.6 kg at 152 cm:
# ASMI 5.02 < 5.4 kg/m² (AWGS 2019, criteria.md §3): severe sarcopenia under AWGS 2019.
VALUES = {
    **BASE,
    "grip_left_1": "12",
    "grip_right_1": "14",
    "gait_speed_m_s": "0.7",
    "height_cm": "152",
    "weight_kg": "48",
    "asm_kg": "11.6",
    "muscle_mass_method": "DXA",
}


def preview(client, patient, data):
    return client.post(reverse("screening:visit_preview", args=[patient.pk]), data)


def test_it_previews_every_set_and_the_derived_values_and_saves_nothing(client_a, patient_a):
    preview(client_a, patient_a, VALUES)  # the first request warms templates and translations
    started = time.perf_counter()
    response = preview(client_a, patient_a, VALUES)
    elapsed = time.perf_counter() - started
    page = response.content.decode()
    assert response.status_code == 200
    for code in ("awgs2019", "ewgsop2", "fnih", "sdoc"):
        assert f'data-preview-set="{code}"' in page
    assert "Severe sarcopenia" in page
    assert "14 " in page and "20.78" in page and "5.02" in page  # best grip, BMI, ASMI
    assert not Visit.objects.exists()
    assert elapsed < 0.1


def test_an_unusual_value_is_previewed_and_a_refused_one_asks_for_a_correction(client_a, patient_a):
    assert "Severe sarcopenia" in preview(client_a, patient_a, {**VALUES, "height_cm": "134"}).content.decode()
    refused = preview(client_a, patient_a, {**VALUES, "height_cm": "99"}).content.decode()
    assert "Correct the values marked in red" in refused and "data-preview-set" not in refused
    empty = preview(client_a, patient_a, BASE).content.decode()
    assert "Enter a measured value" in empty


def test_another_sites_patient_is_not_found(client, clinician_b, patient_a):
    client.force_login(clinician_b)
    assert preview(client, patient_a, VALUES).status_code == 404


def test_it_needs_the_csrf_token(clinician_a, patient_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(clinician_a)
    assert preview(client, patient_a, VALUES).status_code == 403


def test_the_form_page_loads_the_module_from_static(client_a, patient_a):
    page = client_a.get(reverse("screening:visit_create", args=[patient_a.pk])).content.decode()
    assert '<script src="/static/js/visit-preview.js" defer></script>' in page
    assert f'data-preview-url="{reverse("screening:visit_preview", args=[patient_a.pk])}"' in page
    assert "<script>" not in page  # no inline script: CSP script-src 'self'
