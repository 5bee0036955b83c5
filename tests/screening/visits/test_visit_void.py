"""Voiding a visit: it leaves the patient's history, every statistic, export and report; it stays in the
audit history; the first/latest marks move in the same transaction; staff restore it. Who may do what:
a clinician of the visit's site (or staff) voids, staff alone restore, anyone else gets a 404."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pyreadstat
import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from screening.batch.rescreen import visits_rescreen
from screening.cohort import worklists
from screening.cohort.figures import cohort_figures, compute_figures
from screening.cohort.forms import CohortFilters
from screening.cohort.selectors import patients_filtered, visits_filtered
from screening.interop.api import token_create
from screening.models import Patient, Visit
from screening.reports.context import report_visits
from screening.visits import presenters
from screening.visits.services import StaleVisitError, VisitVoidError, visit_restore, visit_save, visit_void
from tests.screening.cohort.cohort_support import fresh_cache, reviewer  # noqa: F401 (autouse)
from tests.screening.visits.test_latest_visit import assert_marks_match_ranking, marks

pytestmark = pytest.mark.django_db

REASON = "entered for the wrong patient"


def saved(p: Patient, day: date, **values) -> Visit:
    return visit_save(visit=Visit(patient=p, visit_date=day, setting="community", **values))


@pytest.fixture
def history(site_a):
    """Three visits of one woman, the newest (strong grip) entered in error."""
    p = Patient.objects.create(site=site_a, identifier="V-1", name="Void Test", sex="F", date_of_birth=date(1945, 1, 1))
    old = saved(p, date(2025, 1, 1), grip_strength_kg=14.0, height_cm=155.0, weight_kg=50.0)
    mid = saved(p, date(2025, 6, 1), grip_strength_kg=15.0, height_cm=155.0, weight_kg=50.0)
    new = saved(
        p,
        date(2025, 9, 1),
        grip_strength_kg=30.0,
        height_cm=185.0,
        weight_kg=90.0,
        warnings=["Height unusual"],
        warnings_confirmed=False,
    )
    return {"patient": p, "old": old, "mid": mid, "new": new}


def void(v: Visit, user, reason: str = REASON) -> Visit:
    v.refresh_from_db()
    return visit_void(visit=v, user=user, reason=reason, expected_version=v.version)


def restore(v: Visit, user) -> Visit:
    current = Visit.all_objects.get(pk=v.pk)
    return visit_restore(visit=current, user=user, expected_version=current.version)


# --- the first and latest marks --------------------------------------------------------------------------


def test_voiding_the_latest_visit_marks_the_one_before_latest_and_restoring_marks_it_back(history, clinician_a, staff):
    void(history["new"], clinician_a)
    assert marks(history["new"]) == (False, False)
    assert marks(history["mid"]) == (True, False) and marks(history["old"]) == (False, True)
    assert_marks_match_ranking()
    restore(history["new"], staff)
    assert marks(history["new"]) == (True, False) and marks(history["mid"]) == (False, False)
    assert_marks_match_ranking()


def test_voiding_the_first_visit_marks_the_next_one_first(history, clinician_a):
    void(history["old"], clinician_a)
    assert marks(history["old"]) == (False, False) and marks(history["mid"]) == (False, True)
    assert_marks_match_ranking()


def test_a_patient_whose_only_visit_is_voided_has_no_marked_visit(site_a, clinician_a):
    p = Patient.objects.create(site=site_a, identifier="V-2", sex="M", date_of_birth=date(1950, 1, 1))
    only = saved(p, date(2025, 3, 1), grip_strength_kg=30.0)
    void(only, clinician_a)
    assert marks(only) == (False, False)
    assert not Visit.objects.filter(patient=p).exists()
    assert Visit.all_objects.filter(patient=p).count() == 1  # kept, values and all


def test_editing_a_voided_visit_or_reverting_it_to_an_old_history_entry_keeps_it_voided(history, clinician_a):
    void(history["new"], clinician_a)
    stale_copy = Visit.all_objects.get(pk=history["new"].pk)
    stale_copy.voided_at, stale_copy.voided_by, stale_copy.void_reason = None, None, ""  # as a pre-void history row
    stale_copy.notes = "admin edit"
    visit_save(visit=stale_copy, expected_version=stale_copy.version)
    kept = Visit.all_objects.get(pk=history["new"].pk)
    assert kept.voided_at is not None and kept.void_reason == REASON and kept.notes == "admin edit"
    assert marks(kept) == (False, False)


# --- audit history, versions, refusals --------------------------------------------------------------------


def test_the_void_and_the_restore_are_in_the_audit_history_with_who_and_why(history, clinician_a, staff):
    void(history["new"], clinician_a)
    restore(history["new"], staff)
    voided, restored = history["new"].history.order_by("-history_id")[1], history["new"].history.first()
    assert (voided.history_user, voided.void_reason, voided.voided_by_id) == (clinician_a, REASON, clinician_a.pk)
    assert voided.voided_at is not None and voided.history_change_reason == f"voided: {REASON}"
    assert (restored.history_user, restored.voided_at, restored.history_change_reason) == (staff, None, "restored")


def test_a_void_from_an_older_version_is_refused_and_voids_nothing(history, clinician_a):
    opened = history["new"].version
    saved_meanwhile = Visit.objects.get(pk=history["new"].pk)
    saved_meanwhile.notes = "changed by someone else"
    visit_save(visit=saved_meanwhile, expected_version=opened)
    with pytest.raises(StaleVisitError):
        visit_void(visit=history["new"], user=clinician_a, reason=REASON, expected_version=opened)
    assert Visit.objects.filter(pk=history["new"].pk).exists()


def test_voiding_without_a_reason_twice_or_restoring_a_visit_not_voided_is_refused(history, clinician_a, staff):
    with pytest.raises(VisitVoidError):
        void(history["new"], clinician_a, reason="  ")
    void(history["new"], clinician_a)
    with pytest.raises(VisitVoidError):
        void(history["new"], clinician_a)
    with pytest.raises(VisitVoidError):
        restore(history["mid"], staff)


# --- where a voided visit no longer appears ---------------------------------------------------------------


def test_it_leaves_the_patient_page_history_and_trends(client_a, history, clinician_a):
    url = reverse("screening:patient_detail", args=[history["patient"].pk])
    assert "2025-09-01" in client_a.get(url).content.decode()
    void(history["new"], clinician_a)
    response = client_a.get(url)
    assert [row["visit"].pk for row in response.context["timeline"]["rows"]] == [history["old"].pk, history["mid"].pk]
    assert "2025-09-01" not in response.content.decode()  # neither in the table nor under the trend charts
    assert "voided-visits" not in response.content.decode()  # the voided list is for staff


def test_the_patient_list_shows_the_visit_before_the_voided_one(history, clinician_a, settings):
    void(history["new"], clinician_a)
    row = presenters.patient_rows([history["patient"]], "en", today=date(2025, 10, 1))[0]
    assert row["visit"].pk == history["mid"].pk
    assert row["category"] == history["mid"].awgs2019_category
    assert row["due"] == date(2025, 6, 1).fromordinal(
        date(2025, 6, 1).toordinal() + settings.REASSESSMENT_INTERVAL_DAYS
    )


@pytest.mark.parametrize("filters", [CohortFilters(), CohortFilters(setting="community")], ids=["marked", "ranked"])
def test_cohort_counts_categories_agreement_and_transitions_leave_it_out(history, clinician_a, filters):
    root = reviewer("root", superuser=True)
    void(history["new"], clinician_a)
    figures = compute_figures(user=root, filters=filters)
    assert figures.counts == {"visits": 2, "patients": 1}
    mid, old = history["mid"], history["old"]
    assert [(row["awgs2019_category"], row["ewgsop2_category"]) for row in figures.cube] == [
        (mid.awgs2019_category, mid.ewgsop2_category)
    ]  # the agreement tables are read off this cube
    assert [(row["first_awgs2019"], row["awgs2019_category"]) for row in figures.transitions] == [
        (old.awgs2019_category, mid.awgs2019_category)
    ]


def test_the_cached_dashboard_figures_change_when_a_visit_is_voided_or_restored(history, clinician_a, staff):
    root, filters = reviewer("root", superuser=True), CohortFilters()
    assert cohort_figures(user=root, filters=filters).counts["visits"] == 3
    void(history["new"], clinician_a)
    assert cohort_figures(user=root, filters=filters).counts["visits"] == 2
    restore(history["new"], staff)
    assert cohort_figures(user=root, filters=filters).counts["visits"] == 3


def test_worklists_leave_it_out(history, clinician_a):
    user, filters = reviewer("root", superuser=True), CohortFilters()
    visits = visits_filtered(user=user, filters=filters)
    assert [v.pk for v in worklists.unconfirmed_warnings(visits)] == [history["new"].pk]
    assert history["new"].pk in {v.pk for v in worklists.implausible_changes(visits)}  # 155 → 185 cm
    void(history["new"], clinician_a)
    visits = visits_filtered(user=user, filters=filters)
    assert not worklists.unconfirmed_warnings(visits).exists()
    assert not worklists.implausible_changes(visits).exists()
    assert {v.pk for v in worklists.incomplete_assessments(visits, marked=True)} <= {history["mid"].pk}
    overdue = worklists.overdue_patients(patients_filtered(user=user, filters=filters), today=date(2026, 11, 1))
    assert [p.last_visit for p in overdue] == [date(2025, 6, 1)]  # the latest visit not voided


def _export_rows(staff_client, kind: str) -> list[dict]:
    if kind == "staff-csv":
        response = staff_client.get(reverse("screening:export_visits"))
    else:
        response = staff_client.get(reverse("cohort:export_csv"))
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def staff_client(client):
    client.force_login(reviewer("root", superuser=True))
    return client


@pytest.mark.parametrize("kind", ["staff-csv", "cohort-csv"])
def test_csv_exports_leave_it_out(staff_client, history, clinician_a, kind):
    void(history["new"], clinician_a)
    assert sorted(r["visit_date"] for r in _export_rows(staff_client, kind)) == ["2025-01-01", "2025-06-01"]


def test_the_xlsx_export_leaves_it_out(staff_client, history, clinician_a):
    void(history["new"], clinician_a)
    sheet = load_workbook(io.BytesIO(staff_client.get(reverse("cohort:export_xlsx")).content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    dates = [row[header.index("visit_date")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(str(d)[:10] for d in dates) == ["2025-01-01", "2025-06-01"]


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_spss_and_stata_exports_leave_it_out(history, clinician_a, tmp_path, fmt):
    void(history["new"], clinician_a)
    out = tmp_path / f"visits.{fmt}"
    call_command("export_visits", "--out", str(out), stdout=io.StringIO(), stderr=io.StringIO())
    frame, _meta = (pyreadstat.read_sav if fmt == "sav" else pyreadstat.read_dta)(str(out))
    assert len(frame) == 2 and 30.0 not in set(frame["grip_strength_kg"])


def test_fhir_bundles_and_the_fhir_api_leave_it_out(staff_client, client, history, clinician_a, site_a):
    void(history["new"], clinician_a)
    patient = history["patient"]
    for url in (reverse("screening:patient_fhir", args=[patient.pk]), reverse("cohort:export_fhir")):
        bundle = json.loads(b"".join(staff_client.get(url).streaming_content))
        encounters = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Encounter"]
        assert sorted(e["period"]["start"] for e in encounters) == ["2025-01-01", "2025-06-01"]
    token = token_create(site=site_a, name="HIS")[1]
    reports = client.get(
        "/fhir/DiagnosticReport", {"patient": str(patient.pk)}, HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()
    assert reports["total"] == 2
    observations = client.get(
        "/fhir/Observation", {"patient": str(patient.pk)}, HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()
    assert "2025-09-01" not in {e["resource"].get("effectiveDateTime") for e in observations["entry"]}


def test_reports_of_other_visits_leave_it_out_of_their_trend_and_its_own_are_gone(client_a, history, clinician_a):
    void(history["mid"], clinician_a)
    assert [v.pk for v in report_visits(Visit.objects.get(pk=history["new"].pk))] == [
        history["old"].pk,
        history["new"].pk,
    ]
    for name in ("report_pdf", "take_home_pdf", "visit_fhir", "visit_edit"):
        assert client_a.get(reverse(f"screening:{name}", args=[history["mid"].pk])).status_code == 404


def test_rescreen_keeps_a_voided_visits_results_current_for_its_restore(history, clinician_a):
    void(history["new"], clinician_a)
    Visit.all_objects.filter(pk=history["new"].pk).update(rule_set_version="old", awgs2019_category="")
    visits_rescreen()
    again = Visit.all_objects.get(pk=history["new"].pk)
    assert again.awgs2019_category == history["new"].awgs2019_category and again.rule_set_version != "old"


# --- the pages and who may use them -----------------------------------------------------------------------


def _void_url(v: Visit) -> str:
    return reverse("screening:visit_void", args=[v.pk])


def test_the_visit_page_offers_the_void_form_with_its_version(client_a, history):
    html = client_a.get(reverse("screening:visit_detail", args=[history["new"].pk])).content.decode()
    assert f'action="{_void_url(history["new"])}"' in html
    assert f'name="loaded_version" value="{history["new"].version}"' in html


def test_a_clinician_of_the_site_voids_after_a_confirmation_step(client_a, history):
    new = history["new"]
    asked = client_a.post(_void_url(new), {"reason": REASON, "loaded_version": new.version})
    assert asked.status_code == 200 and asked.context["confirming"]
    assert Visit.objects.filter(pk=new.pk).exists()  # nothing voided before the confirmation
    done = client_a.post(_void_url(new), {"reason": REASON, "loaded_version": new.version, "confirm": "on"})
    assert done.status_code == 302 and done["Location"] == reverse("screening:patient_detail", args=[new.patient_id])
    voided = Visit.all_objects.get(pk=new.pk)
    assert voided.void_reason == REASON and voided.voided_by.username == "clin-a"


def test_a_void_without_a_reason_says_so_and_voids_nothing(client_a, history):
    new = history["new"]
    response = client_a.post(_void_url(new), {"reason": "  ", "loaded_version": new.version, "confirm": "on"})
    assert response.status_code == 200 and not response.context["confirming"]
    assert "Give the reason for voiding this visit." in response.content.decode()
    assert Visit.objects.filter(pk=new.pk).exists()


def test_a_stale_void_shows_the_conflict_and_voids_nothing(client_a, history):
    new = history["new"]
    response = client_a.post(_void_url(new), {"reason": REASON, "loaded_version": new.version - 1, "confirm": "on"})
    assert response.status_code == 200 and response.context["conflict"] is not None
    assert Visit.objects.filter(pk=new.pk).exists()


def test_voiding_is_post_only(client_a, history):
    assert client_a.get(_void_url(history["new"])).status_code == 405


def test_a_clinician_of_another_site_can_neither_void_nor_see_a_visit(client, clinician_a, clinician_b, history):
    client.force_login(clinician_b)
    new = history["new"]
    response = client.post(_void_url(new), {"reason": REASON, "loaded_version": new.version, "confirm": "on"})
    assert response.status_code == 404
    assert Visit.objects.filter(pk=new.pk).exists()
    visit_void(visit=new, user=clinician_a, reason=REASON, expected_version=new.version)
    assert client.get(reverse("screening:visit_detail", args=[new.pk])).status_code == 404


def test_a_clinician_cannot_restore_and_staff_can(client, client_a, staff, history, clinician_a):
    voided = void(history["new"], clinician_a)
    url = reverse("screening:visit_restore", args=[voided.pk])
    assert client_a.post(url, {"loaded_version": voided.version}).status_code == 403
    assert not Visit.objects.filter(pk=voided.pk).exists()
    client.force_login(staff)
    response = client.post(url, {"loaded_version": voided.version})
    assert response.status_code == 302 and Visit.objects.filter(pk=voided.pk).exists()
    assert marks(history["new"]) == (True, False)


def test_a_restore_without_the_version_is_refused(client, staff, history, clinician_a):
    voided = void(history["new"], clinician_a)
    client.force_login(staff)
    client.post(reverse("screening:visit_restore", args=[voided.pk]), {})
    assert not Visit.objects.filter(pk=voided.pk).exists()


def test_staff_see_a_voided_visit_marked_with_reason_who_and_when_and_can_restore_it(
    client, staff, history, clinician_a
):
    voided = void(history["new"], clinician_a)
    client.force_login(staff)
    html = client.get(reverse("screening:visit_detail", args=[voided.pk])).content.decode()
    assert "This visit is voided." in html and REASON in html and "Voided by clin-a on" in html
    assert reverse("screening:visit_restore", args=[voided.pk]) in html
    assert "30.0" in html  # the values as recorded, to decide on restoring
    patient_page = client.get(reverse("screening:patient_detail", args=[voided.patient_id])).content.decode()
    assert 'id="voided-visits"' in patient_page and reverse("screening:visit_detail", args=[voided.pk]) in patient_page


def test_a_clinician_sees_that_a_visit_is_voided_and_by_whom_but_not_its_values(client_a, history, clinician_a):
    voided = void(history["new"], clinician_a)
    html = client_a.get(reverse("screening:visit_detail", args=[voided.pk])).content.decode()
    assert "This visit is voided." in html and REASON in html and "Only staff can restore it" in html
    assert reverse("screening:visit_restore", args=[voided.pk]) not in html
    assert "30.0" not in html and "Void this visit" not in html


def test_the_voided_page_reads_in_chinese(client_a, history, clinician_a):
    voided = void(history["new"], clinician_a)
    client_a.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    html = client_a.get(reverse("screening:visit_detail", args=[voided.pk])).content.decode()
    assert "此次就诊已作废。" in html and "作废原因" in html


# --- the admin --------------------------------------------------------------------------------------------


def test_the_admin_list_leaves_voided_visits_out_unless_asked_and_restores_them(client, history, clinician_a):
    voided = void(history["new"], clinician_a)
    client.force_login(reviewer("root", superuser=True))
    url = reverse("admin:screening_visit_changelist")
    assert {v.pk for v in client.get(url).context["cl"].result_list} == {history["old"].pk, history["mid"].pk}
    assert [v.pk for v in client.get(url, {"voided": "yes"}).context["cl"].result_list] == [voided.pk]
    assert client.get(reverse("admin:screening_visit_change", args=[voided.pk])).status_code == 200
    client.post(url + "?voided=yes", {"action": "restore_visits", "_selected_action": [str(voided.pk)]})
    assert Visit.objects.filter(pk=voided.pk).exists() and marks(history["new"]) == (True, False)
    assert history["new"].history.first().history_change_reason == "restored"


def test_staff_delete_a_voided_visit_in_the_admin(client, history, clinician_a):
    voided = void(history["new"], clinician_a)
    client.force_login(reviewer("root", superuser=True))
    client.post(reverse("admin:screening_visit_delete", args=[voided.pk]), {"post": "yes"})
    assert not Visit.all_objects.filter(pk=voided.pk).exists()
