"""The admin as a cohort-review tool: visit list, filters, query counts, cohorts, edits and history."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from screening.admin import paging as admin_paging
from screening.models import Cohort, Visit
from screening.results.stored_results import details
from screening.visits.services import visit_save
from tests.screening.cohort.cohort_support import patient, reviewer, visit

pytestmark = pytest.mark.django_db
VISITS = reverse("admin:screening_visit_changelist")
PATIENTS = reverse("admin:screening_patient_changelist")


@pytest.fixture
def admin_user(db):
    return reviewer("root", superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _listed(response) -> set[str]:
    return {v.patient.identifier for v in response.context["cl"].result_list}


def test_it_lists_visits_with_patient_name_iso_dates_and_category_badges(admin_client, site_a):
    p = patient(site_a, "A-1", born=date(1940, 6, 15))
    p.name = "林淑芬"
    p.save()
    visit(
        p,
        date(2025, 6, 1),
        {"ewgsop2": "severe", "awgs2019": "sarcopenia"},
        grip_strength_kg=12.5,
        gait_speed_m_s=0.62,
        height_cm=150.0,
        asm_kg=11.25,
        muscle_mass_method="DXA",
    )
    page = admin_client.get(VISITS, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "A-1" in page and "林淑芬" in page and "F · 84" in page and '<span title="Site A">site-a</span>' in page
    assert ">2025-06-01<" in page  # ISO, not "June 1, 2025"
    assert 'class="cohort-badge cat-severe">Severe sarcopenia<' in page
    assert 'class="cohort-badge cat-sarcopenia">Sarcopenia<' in page


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"category_ewgsop2": "severe"}, {"OLD-F"}),
        ({"category_awgs2019": "possible", "category_ewgsop2": "probable"}, {"YOUNG-M"}),
        ({"age_band": "80+"}, {"OLD-F"}),
        ({"age_band": "60-69"}, {"YOUNG-M"}),
        ({"patient__sex__exact": "F"}, {"OLD-F", "MID-F"}),
        ({"mechanism": "vitamin_d"}, {"MID-F"}),
        ({"setting": "hospital"}, {"B-1"}),
        ({"visit_date__gte": "2025-01-01", "visit_date__lt": "2025-07-01"}, {"OLD-F", "YOUNG-M"}),
        ({"q": "MID"}, {"MID-F"}),
        ({"q": "Name of YOUNG"}, {"YOUNG-M"}),
    ],
)
def test_it_filters_the_visit_list(admin_client, site_a, site_b, query, expected):
    visit(patient(site_a, "OLD-F", born=date(1940, 1, 1)), date(2025, 6, 1), {"ewgsop2": "severe"})
    visit(
        patient(site_a, "YOUNG-M", sex="M", born=date(1960, 1, 1)),
        date(2025, 6, 1),
        {"ewgsop2": "probable", "awgs2019": "possible"},
        mechanisms_likely="malnutrition",
    )
    visit(patient(site_a, "MID-F", born=date(1950, 1, 1)), date(2024, 6, 1), mechanisms_likely="malnutrition;vitamin_d")
    visit(patient(site_b, "B-1", sex="M", born=date(1945, 1, 1)), date(2023, 6, 1))  # aged 78
    assert _listed(admin_client.get(VISITS, query)) == expected


def test_it_filters_visits_by_site_and_cohort(admin_client, site_a, site_b):
    a = patient(site_a, "A-1")
    visit(a, date(2025, 1, 1))
    visit(patient(site_b, "B-1"), date(2025, 1, 1))
    study = Cohort.objects.create(name="Study")
    study.patients.add(a)
    assert _listed(admin_client.get(VISITS, {"site": str(site_b.pk)})) == {"B-1"}
    assert _listed(admin_client.get(VISITS, {"cohort": str(study.pk)})) == {"A-1"}


def test_it_keeps_the_changelist_query_count_flat(admin_client, site_a):
    def changelist_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(VISITS).status_code == 200
        return len(queries)

    for n in range(5):
        visit(patient(site_a, f"P{n}"), date(2025, 1, 1))
    changelist_queries()  # the first request of the minute also renews the session (SessionActivityMiddleware)
    five = changelist_queries()
    for n in range(5, 30):
        visit(patient(site_a, f"P{n}"), date(2025, 1, 1))
    # session, user, site and cohort filter choices, capped count, the page of visits with patient and
    # site joined (categories are columns of the visit): the same for 5 and 30 rows.
    assert changelist_queries() == five <= 8


def test_it_caps_the_row_count_instead_of_counting_every_visit(admin_client, site_a, monkeypatch):
    monkeypatch.setattr(admin_paging, "COUNT_CAP", 3)
    for n in range(5):
        visit(patient(site_a, f"P{n}"), date(2025, 1, 1))
    page = admin_client.get(VISITS, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "more than 3 visits" in page


def test_it_adds_filtered_patients_to_a_cohort_through_an_intermediate_page(admin_client, site_a):
    study = Cohort.objects.create(name="Study arm")
    chosen = [patient(site_a, f"P{n}") for n in range(3)]
    patient(site_a, "OTHER")
    post = {"action": "add_to_cohort", "_selected_action": [str(p.pk) for p in chosen]}
    confirm = admin_client.post(PATIENTS, post)
    assert confirm.status_code == 200 and b"Study arm" in confirm.content  # the page choosing the cohort
    done = admin_client.post(PATIENTS, {**post, "apply": "1", "cohort": str(study.pk)})
    assert done.status_code == 302
    assert set(study.patients.all()) == set(chosen)
    admin_client.post(PATIENTS, {**post, "apply": "1", "cohort": str(study.pk)})  # again: no duplicates
    assert study.patients.count() == 3


def test_it_removes_selected_patients_from_a_cohort(admin_client, site_a):
    study = Cohort.objects.create(name="Study arm")
    stay, leave = patient(site_a, "STAY"), patient(site_a, "LEAVE")
    study.patients.add(stay, leave)
    post = {"action": "remove_from_cohort", "_selected_action": [str(leave.pk)], "apply": "1", "cohort": str(study.pk)}
    assert admin_client.post(PATIENTS, post).status_code == 302
    assert list(study.patients.all()) == [stay] and leave.__class__.objects.filter(pk=leave.pk).exists()


def test_it_adds_every_matching_patient_when_all_are_selected(admin_client, site_a):
    study = Cohort.objects.create(name="Women")
    women = {patient(site_a, f"F{n}", sex="F") for n in range(3)}
    patient(site_a, "M0", sex="M")
    post = {
        "action": "add_to_cohort",
        "_selected_action": [str(next(iter(women)).pk)],
        "select_across": "1",
        "apply": "1",
        "cohort": str(study.pk),
    }
    admin_client.post(PATIENTS + "?sex__exact=F", post)
    assert set(study.patients.all()) == women


def _change_form_data(client, url: str) -> dict:
    """The change form's current values, as the browser would post them back."""
    context = client.get(url).context
    data: dict = {}
    form = context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = json.dumps(value) if isinstance(value, (list, dict)) else str(value)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()})
        for inline_form in formset.forms:
            data[f"{inline_form.prefix}-id"] = str(inline_form.instance.pk)
            data[f"{inline_form.prefix}-visit"] = str(inline_form.instance.visit_id)
    return data


def test_it_saves_an_edit_through_visit_save_and_records_who_changed_what(admin_client, admin_user, site_a):
    v = Visit(
        patient=patient(site_a, "A-1"),
        visit_date=date(2025, 1, 1),
        setting="community",
        grip_strength_kg=30.0,
        gait_speed_m_s=1.2,
    )
    visit_save(visit=v)
    before = {code: r["category"] for code, r in details(v).items()}
    url = reverse("admin:screening_visit_change", args=[v.pk])
    data = _change_form_data(admin_client, url)
    data["grip_strength_kg"] = "9.5"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    v.refresh_from_db()
    assert v.grip_strength_kg == 9.5 and v.version == 2
    after = {code: r["category"] for code, r in details(v).items()}
    assert after["ewgsop2"] != before["ewgsop2"] == "no_sarcopenia"  # recomputed with the edit
    latest = v.history.first()
    assert latest.history_user == admin_user and latest.history_type == "~"
    change = next(c for c in latest.diff_against(latest.prev_record).changes if c.field == "grip_strength_kg")
    assert (change.old, change.new) == (30.0, 9.5)
    history = admin_client.get(reverse("admin:screening_visit_history", args=[v.pk])).content.decode()
    assert "root" in history and "30.0" in history and "9.5" in history


def test_it_records_patient_changes_with_their_author(admin_client, admin_user, site_a):
    p = patient(site_a, "A-1", name="Old name")
    url = reverse("admin:screening_patient_change", args=[p.pk])
    data = {
        "site": str(site_a.pk),
        "identifier": "A-1",
        "name": "New name",
        "sex": "F",
        "date_of_birth": "1950-06-15",
        "notes": "",
        "loaded_version": p.version,
    }
    assert admin_client.post(url, data).status_code == 302
    record = p.history.first()
    assert record.history_user == admin_user and record.name == "New name"
    assert record.prev_record.name == "Old name"
