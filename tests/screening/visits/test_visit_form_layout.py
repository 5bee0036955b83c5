"""The visit form: jump links to each section, Save and Cancel in a sticky bar, SPPB sub-scores that say
0–4, eGFR and hs-CRP spelt as such, the testosterone unit beside its field, and a soft warning in amber
(data-soft-warning) while a refusal stays red."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from screening.catalogue import fields as catalogue
from screening.visits.forms.visit import VisitForm
from screening.visits.forms.visit_layout import SECTIONS
from tests.screening.visits.test_visit_form import BASE

pytestmark = pytest.mark.django_db


def form_page(client, patient, data=None) -> str:
    url = reverse("screening:visit_create", args=[patient.pk])
    response = client.post(url, data) if data is not None else client.get(url)
    return response.content.decode()


CHOICE_LISTS = {"conditions", "medications", *(f.name for f in catalogue.FIELDS if f.question)}


def test_it_links_every_section_and_keeps_save_and_cancel_together(client_a, patient_a):
    page = form_page(client_a, patient_a)
    for css_id, _label in SECTIONS:
        assert f'href="#{css_id}"' in page and f'id="{css_id}"' in page
    bar = re.search(r'<div class="sticky-bottom[^"]*" id="form-actions">(.*?)</div>', page, re.S).group(1)
    assert 'type="submit"' in bar and f'href="{reverse("screening:patient_detail", args=[patient_a.pk])}"' in bar


def test_labels_and_hints(client_a, patient_a):
    page = form_page(client_a, patient_a)
    assert re.search(r'<label for="id_egfr_ml_min_1_73m2"[^>]*>\s*eGFR', page)
    assert re.search(r'<label for="id_hs_crp_mg_l"[^>]*>\s*hs-CRP', page)
    for name in ("sppb_balance", "sppb_gait", "sppb_chair"):
        assert re.search(rf'id="id_{name}_helptext"[^>]*>\s*Sub-score 0–4\.', page), name
    unit = page.index('id="id_testosterone_unit"')
    assert abs(unit - page.index('id="id_total_testosterone_ng_dl"')) < 1500  # the same row


def test_a_soft_warning_is_amber_and_a_refusal_red(client_a, patient_a):
    # criteria.md §8: height 134 cm is below the soft limit (135 cm); a grip of 0 kg is refused (0 < x ≤ 100)
    page = form_page(client_a, patient_a, {**BASE, "height_cm": "134", "grip_right_1": "0", "grip_left_1": "20"})
    height = re.search(r'<input[^>]*id="id_height_cm"[^>]*>', page).group(0)
    grip = re.search(r'<input[^>]*id="id_grip_right_1"[^>]*>', page).group(0)
    assert 'data-soft-warning="true"' in height and "is-invalid" in height
    assert "data-soft-warning" not in grip and "is-invalid" in grip


def test_every_field_is_drawn_once_in_its_section(client_a, patient_a):
    # the plan is built from the catalogue; nothing of the form may be lost or doubled on the page
    page = form_page(client_a, patient_a)
    form_fields = re.search(r"<form [^>]*data-preview-url.*?</form>", page, re.S).group(0)
    for name in VisitForm(patient=patient_a).fields:
        if name == "confirm_warnings":  # shown only when there is something to confirm
            continue
        drawn = re.findall(rf'<(?:input|select|textarea)[^>]*\sname="{name}"', form_fields)
        choices = len(VisitForm(patient=patient_a).fields[name].widget.choices) if name in CHOICE_LISTS else 1
        assert len(drawn) == choices, name
    for section in catalogue.SECTIONS:
        fieldset = re.search(
            rf"<fieldset[^>]*>\s*<legend>{re.escape(str(section.title))}</legend>(.*?)</fieldset>\s*(?:<fieldset|<input)",
            form_fields,
            re.S,
        )
        assert fieldset, section.key
        for field in catalogue.fields_in(section.key):
            assert f'name="{field.name}"' in fieldset.group(1), (section.key, field.name)


def test_a_refused_value_names_its_message_for_screen_readers(client_a, patient_a):
    # criteria.md §8: a grip of 0 kg is refused (0 < x ≤ 100)
    page = form_page(client_a, patient_a, {**BASE, "grip_right_1": "0", "grip_left_1": "20"})
    grip = re.search(r'<input[^>]*id="id_grip_right_1"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in grip and 'aria-describedby="id_grip_right_1_error"' in grip
    feedback = re.search(r'<div id="id_grip_right_1_error" class="invalid-feedback">(.*?)</div>', page, re.S)
    assert "0 kg is not possible" in feedback.group(1)


def test_a_unit_shown_beside_a_number_is_the_catalogue_unit(client_a, patient_a):
    page = form_page(client_a, patient_a)
    for name, unit in (("height_cm", "cm"), ("gait_speed_m_s", "m/s"), ("il6_pg_ml", "pg/mL")):
        group = re.search(rf'<input[^>]*id="id_{name}"[^>]*>\s*<span class="input-group-text">([^<]*)</span>', page)
        assert group and group.group(1) == unit, name
