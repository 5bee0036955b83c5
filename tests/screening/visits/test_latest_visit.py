"""`Visit.is_latest` / `Visit.is_first`: every write path keeps exactly the marks that ranking the visits
would give (newest / oldest by visit date, then entry time, then id), and the cohort figures read from
the marks equal the figures computed by ranking."""

from __future__ import annotations

import importlib
import io
from datetime import date

import pytest
from django.apps import apps
from django.contrib.admin import helpers
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from screening.batch.rescreen import visits_rescreen
from screening.cohort import aggregates
from screening.cohort.forms import CohortFilters
from screening.cohort.selectors import NEWEST_FIRST, OLDEST_FIRST, latest_is_marked, visits_filtered, whole_histories
from screening.models import Patient, Visit
from screening.visits.services import visit_save, visits_delete, visits_mark_ends
from tests.screening.cohort.cohort_support import fresh_cache, patient, reviewer  # noqa: F401 (autouse)

pytestmark = pytest.mark.django_db


def _ends(order) -> set:
    ranked = Visit.objects.annotate(rank=Window(RowNumber(), partition_by=F("patient_id"), order_by=order))
    return {row.id for row in ranked if row.rank == 1}


def assert_marks_match_ranking() -> None:
    assert set(Visit.objects.filter(is_latest=True).values_list("id", flat=True)) == _ends(NEWEST_FIRST)
    assert set(Visit.objects.filter(is_first=True).values_list("id", flat=True)) == _ends(OLDEST_FIRST)


def saved(p: Patient, day: date, **values) -> Visit:
    values = {"setting": "community", "grip_strength_kg": 25.0, **values}
    return visit_save(visit=Visit(patient=p, visit_date=day, **values))


def marks(v: Visit) -> tuple[bool, bool]:
    v.refresh_from_db(fields=["is_latest", "is_first"])
    return v.is_latest, v.is_first


def test_a_single_visit_is_both_first_and_latest(site_a):
    only = saved(patient(site_a, "P"), date(2025, 1, 1))
    assert marks(only) == (True, True)


def test_a_newer_visit_becomes_latest_and_an_older_one_first(site_a):
    p = patient(site_a, "P")
    middle = saved(p, date(2025, 1, 1))
    newer = saved(p, date(2025, 6, 1))
    older = saved(p, date(2024, 6, 1))  # entered last, but dated first
    assert (marks(older), marks(middle), marks(newer)) == ((False, True), (False, False), (True, False))
    assert_marks_match_ranking()


def test_visits_on_the_same_day_are_ordered_by_entry_time(site_a):
    p = patient(site_a, "P")
    first = saved(p, date(2025, 1, 1))
    second = saved(p, date(2025, 1, 1))
    assert (marks(first), marks(second)) == ((False, True), (True, False))
    assert_marks_match_ranking()


def test_editing_the_visit_date_moves_the_marks(site_a):
    p = patient(site_a, "P")
    a, b = saved(p, date(2025, 1, 1)), saved(p, date(2025, 6, 1))
    a.visit_date = date(2025, 9, 1)
    visit_save(visit=a, expected_version=a.version)
    assert (marks(a), marks(b)) == ((True, False), (False, True))
    assert_marks_match_ranking()


def test_saving_a_copy_opened_before_a_newer_visit_keeps_the_new_marks(site_a):
    p = patient(site_a, "P")
    opened = saved(p, date(2025, 1, 1))  # in memory: is_latest=True
    stale = Visit.objects.get(pk=opened.pk)
    newer = saved(p, date(2025, 6, 1))
    stale.grip_strength_kg = 20.0
    visit_save(
        visit=stale, expected_version=stale.version
    )  # same date: the stale copy's marks must not be written back
    assert (marks(opened), marks(newer)) == ((False, True), (True, False))


def test_moving_a_visit_to_another_patient_marks_both(site_a):
    p, q = patient(site_a, "P"), patient(site_a, "Q")
    kept, moved = saved(p, date(2025, 1, 1)), saved(p, date(2025, 6, 1))
    other = saved(q, date(2025, 3, 1))
    moved.patient = q
    visit_save(visit=moved, expected_version=moved.version)
    assert (marks(kept), marks(other), marks(moved)) == ((True, True), (False, True), (True, False))
    assert_marks_match_ranking()


def test_deleting_the_latest_visit_marks_the_previous_one(site_a):
    p = patient(site_a, "P")
    first, middle, latest = saved(p, date(2024, 1, 1)), saved(p, date(2025, 1, 1)), saved(p, date(2025, 6, 1))
    assert visits_delete(visits=Visit.objects.filter(pk=latest.pk)) == 1
    assert (marks(first), marks(middle)) == ((False, True), (True, False))
    visits_delete(visits=Visit.objects.filter(pk=first.pk))
    assert marks(middle) == (True, True)
    assert_marks_match_ranking()


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root", password="a-long-test-password-1"))
    return client


def test_the_admin_delete_page_and_action_mark_again(admin_client, site_a):
    p = patient(site_a, "P")
    first, middle, latest = saved(p, date(2024, 1, 1)), saved(p, date(2025, 1, 1)), saved(p, date(2025, 6, 1))
    response = admin_client.post(reverse("admin:screening_visit_delete", args=[latest.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Visit.objects.filter(pk=latest.pk).exists()
    assert marks(middle) == (True, False)
    response = admin_client.post(
        reverse("admin:screening_visit_changelist"),
        {"action": "delete_selected", "post": "yes", helpers.ACTION_CHECKBOX_NAME: [first.pk]},
    )
    assert response.status_code == 302 and not Visit.objects.filter(pk=first.pk).exists()
    assert marks(middle) == (True, True)
    assert Visit.history.filter(history_type="-").count() == 2  # deletions still recorded


IMPORT_HEADER = "patient_id,sex,date_of_birth,visit_date,grip_strength_kg"


def test_an_import_marks_several_visits_per_patient_new_and_known(tmp_path, site_a):
    known = patient(site_a, "KNOWN", born=date(1945, 2, 1))
    old_latest = saved(known, date(2025, 1, 1))
    rows = [
        "NEW,F,1945-02-01,2025-03-01,14.5",
        "NEW,F,1945-02-01,2024-03-01,15.5",
        "NEW,F,1945-02-01,2025-09-01,13",
        "KNOWN,F,1945-02-01,2025-06-01,14",
        "KNOWN,F,1945-02-01,2023-06-01,16",
    ]
    path = tmp_path / "visits.csv"
    path.write_text("\n".join([IMPORT_HEADER, *rows]) + "\n", encoding="utf-8")
    call_command("import_visits", str(path), "--site", site_a.code, stdout=io.StringIO())
    assert Visit.objects.count() == 6 and marks(old_latest) == (False, False)
    new = Visit.objects.filter(patient__identifier="NEW")
    assert new.get(is_latest=True).visit_date == date(2025, 9, 1)
    assert new.get(is_first=True).visit_date == date(2024, 3, 1)
    assert Visit.objects.get(patient=known, is_latest=True).visit_date == date(2025, 6, 1)
    assert_marks_match_ranking()


def test_a_rescreen_leaves_the_marks_alone(site_a):
    p = patient(site_a, "P")
    saved(p, date(2024, 1, 1)), saved(p, date(2025, 1, 1))
    Visit.objects.update(results_digest="", ewgsop2_category="")  # every visit gets rewritten
    before = list(Visit.objects.order_by("pk").values_list("pk", "is_latest", "is_first"))
    visits_rescreen()
    assert list(Visit.objects.order_by("pk").values_list("pk", "is_latest", "is_first")) == before
    assert_marks_match_ranking()


def test_seed_demo_marks_its_visits(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-long-demo-password-1")
    call_command("seed_demo", "--patients", "40", stdout=io.StringIO())
    assert (
        Visit.objects.filter(is_latest=True).count() == Patient.objects.filter(visits__isnull=False).distinct().count()
    )
    assert_marks_match_ranking()
    before = list(Visit.objects.order_by("pk").values_list("pk", "is_latest", "is_first"))
    visits_mark_ends(patient_ids=Patient.objects.values_list("pk", flat=True))
    assert list(Visit.objects.order_by("pk").values_list("pk", "is_latest", "is_first")) == before


def test_the_migration_marks_existing_visits(site_a):
    p, q = patient(site_a, "P"), patient(site_a, "Q")
    saved(p, date(2024, 1, 1)), saved(p, date(2025, 1, 1)), saved(p, date(2025, 1, 1)), saved(q, date(2025, 2, 1))
    Visit.objects.update(is_latest=False, is_first=False)
    migration = importlib.import_module("screening.migrations.0005_visit_first_latest")
    migration.mark_ends(apps, None)
    assert_marks_match_ranking()


@pytest.mark.parametrize(
    "filters, marked, whole",
    [
        ({}, True, True),
        ({"sex": "F"}, True, True),
        ({"age_band": "80+"}, True, False),  # a lower bound on age: the newest visit passes whenever any does
        ({"date_from": date(2025, 1, 1)}, True, False),
        ({"age_band": "70-79"}, False, False),  # an upper bound: the newest visit may be past it
        ({"date_to": date(2025, 1, 1)}, False, False),
        ({"setting": "community"}, False, False),
    ],
)
def test_the_figures_from_the_marks_equal_the_figures_from_ranking(site_a, site_b, filters, marked, whole):
    born = {"P1": date(1944, 6, 1), "P2": date(1946, 3, 1), "P3": date(1950, 1, 1), "P4": date(1940, 1, 1)}
    for identifier, birth in born.items():  # P1 turns 80 between its visits, P2 in the last one
        p = patient(
            site_a if identifier != "P4" else site_b, identifier, born=birth, sex="F" if identifier != "P3" else "M"
        )
        for day, grip in ((date(2023, 5, 1), 30.0), (date(2024, 8, 1), 14.0), (date(2026, 4, 1), 11.0)):
            if identifier != "P3" or day.year == 2024:
                saved(
                    p,
                    day,
                    grip_strength_kg=grip,
                    height_cm=160.0,
                    asm_kg=14.0,
                    muscle_mass_method="DXA",
                    gait_speed_m_s=0.7 if grip < 20 else 1.1,
                    setting="hospital" if day.year == 2024 else "community",
                )
    chosen = CohortFilters(**filters)
    assert (latest_is_marked(chosen), whole_histories(chosen)) == (marked, whole)
    visits = visits_filtered(user=reviewer("r", superuser=True), filters=chosen)
    from_marks, ranked = (
        aggregates.latest_figures(visits, marked=marked),
        aggregates.latest_figures(visits, marked=False),
    )
    assert from_marks.patients == ranked.patients
    assert sorted(map(sorted_items, from_marks.cube)) == sorted(map(sorted_items, ranked.cube))
    assert (from_marks.mechanisms, from_marks.histograms) == (ranked.mechanisms, ranked.histograms)
    pairs = sorted(map(sorted_items, aggregates.transition_cube(visits, whole=whole)))
    assert pairs == sorted(map(sorted_items, aggregates.transition_cube(visits, whole=False)))
    assert aggregates.cohort_counts(
        visits, patients=from_marks.patients if marked else None
    ) == aggregates.cohort_counts(visits)


def sorted_items(row: dict) -> list:
    return sorted((key, str(value)) for key, value in row.items())


def test_every_place_that_reads_a_patients_latest_or_first_visit_finds_the_marked_one(site_a):
    """One definition (issue #13): the patient page's history, the patient list, the overdue worklist,
    the report's trend and cohort review (marked or ranked) agree, also for visits on one day entered at
    the same instant (the id decides) and around a voided visit."""
    from screening.cohort.selectors import latest_visits, patients_filtered
    from screening.cohort.worklists import overdue_patients
    from screening.selectors import patient_visits
    from screening.visits import presenters
    from screening.visits.services import visit_void

    p, q = patient(site_a, "P"), patient(site_a, "Q")
    same_day = [saved(p, date(2025, 1, 1)) for _ in range(3)]
    Visit.objects.filter(pk__in=[v.pk for v in same_day]).update(created_at=same_day[0].created_at)
    visits_mark_ends(patient_ids=[p.pk])
    saved(q, date(2024, 1, 1)), saved(q, date(2025, 2, 1))
    newest_q = saved(q, date(2025, 3, 1))
    visit_void(visit=newest_q, user=None, reason="duplicate", expected_version=newest_q.version)
    user, filters = reviewer("r", superuser=True), CohortFilters()
    marked = {v.patient_id: v.pk for v in Visit.objects.marked_latest()}
    first = {v.patient_id: v.pk for v in Visit.objects.marked_first()}
    assert set(marked.values()) == _ends(NEWEST_FIRST) and set(first.values()) == _ends(OLDEST_FIRST)
    for person in (p, q):
        history = list(patient_visits(patient=person))
        assert (history[0].pk, history[-1].pk) == (first[person.pk], marked[person.pk])
    rows = presenters.patient_rows([p, q], "en", today=date(2026, 12, 1))
    assert {row["patient"].pk: row["visit"].pk for row in rows} == marked
    visits = visits_filtered(user=user, filters=filters)
    for flag in (True, False):
        assert {v.patient_id: v.pk for v in latest_visits(visits, marked=flag)} == marked
    overdue = overdue_patients(patients_filtered(user=user, filters=filters), today=date(2026, 12, 1))
    latest_dates = dict(Visit.objects.filter(pk__in=marked.values()).values_list("patient_id", "visit_date"))
    assert {row.pk: row.last_visit for row in overdue} == latest_dates
