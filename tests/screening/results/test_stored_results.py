"""Results stored on the visit: a category column per set, the detail, a digest; rescreen writes only changes."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from screening.batch.rescreen import visits_rescreen
from screening.clinical import RULE_SET_VERSION, Measurements, evaluate_all
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.models import Patient, Site, Visit
from screening.results.stored_results import CATEGORY_FIELDS, details, engine_results
from screening.visits.services import visit_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient_f():
    site = Site.objects.create(name="S", code="s", population="asian", default_setting="community")
    return Patient.objects.create(site=site, identifier="P-1", sex="F", date_of_birth=date(1945, 2, 1))


def saved_visit(patient, **values) -> Visit:
    values = {"visit_date": date(2026, 3, 1), "setting": "community", **values}
    return visit_save(visit=Visit(patient=patient, **values))


def test_every_criteria_set_in_the_registry_has_a_category_column():
    columns = {f.name for f in Visit._meta.concrete_fields}
    assert set(CATEGORY_FIELDS) == set(CRITERIA_SETS)
    assert set(CATEGORY_FIELDS.values()) <= columns


def test_a_saved_visit_carries_each_sets_category_detail_and_digest(patient_f):
    v = saved_visit(patient_f, grip_strength_kg=12.0, gait_speed_m_s=0.7)
    v.refresh_from_db()
    assert (
        v.awgs2019_category == details(v)["awgs2019"]["category"] == "possible"
    )  # 12 kg < 18 kg, community (AWGS 2019, DECISIONS.md §4)
    assert len(v.results_digest) == 64 and v.rule_set_version == RULE_SET_VERSION
    assert (
        v.incomplete_sets == "ewgsop2;awgs2019;awgs2025;fnih"
    )  # no muscle mass: all but SDOC (weakness + slowness) ask for it
    rebuilt = engine_results(v)
    assert rebuilt["awgs2019"].rule_set_version == RULE_SET_VERSION
    assert rebuilt["ewgsop2"].category == v.ewgsop2_category


def test_the_same_measurements_give_the_same_digest(patient_f):
    a = saved_visit(patient_f, grip_strength_kg=25.0)
    b = saved_visit(patient_f, grip_strength_kg=25.0, visit_date=date(2026, 4, 1))
    c = saved_visit(patient_f, grip_strength_kg=12.0, visit_date=date(2026, 5, 1))
    assert a.results_digest == b.results_digest != c.results_digest


def test_rescreen_rewrites_only_visits_whose_results_changed(patient_f, django_assert_max_num_queries):
    stale = saved_visit(patient_f, grip_strength_kg=12.0)
    fresh = saved_visit(patient_f, grip_strength_kg=30.0, visit_date=date(2026, 4, 1))
    Visit.objects.filter(pk=stale.pk).update(results={}, results_digest="old", awgs2019_category="no_sarcopenia")
    before = Visit.objects.get(pk=fresh.pk).updated_at
    assert visits_rescreen() == {"awgs2019": 1}
    stale.refresh_from_db()
    assert stale.awgs2019_category == "possible" == details(stale)["awgs2019"]["category"]
    assert Visit.objects.get(pk=fresh.pk).updated_at == before  # unchanged results are not rewritten
    assert visits_rescreen() == {}  # a second run finds nothing to do


def test_rescreen_rewrites_a_changed_detail_without_moving_the_cohort_stamp(patient_f):
    v = saved_visit(patient_f, grip_strength_kg=12.0, gait_speed_m_s=0.7)
    before = Visit.objects.get(pk=v.pk)
    Visit.objects.filter(pk=v.pk).update(results={}, results_digest="old", incomplete_sets="")
    assert visits_rescreen() == {}  # no category changed
    after = Visit.objects.get(pk=v.pk)
    assert (after.results, after.results_digest, after.incomplete_sets) == (
        before.results,
        before.results_digest,
        before.incomplete_sets,
    )
    assert after.updated_at == before.updated_at  # cohort figures read nothing that changed


def test_rescreen_moves_the_cohort_stamp_when_a_flagged_mechanism_changes(patient_f):
    v = saved_visit(patient_f, grip_strength_kg=12.0, vitamin_d_25oh_ng_ml=14.0)
    assert "vitamin_d" in v.mechanisms_likely  # 14 ng/mL < 20 ng/mL (mechanisms.md §4.2, deficient)
    Visit.objects.filter(pk=v.pk).update(results_digest="old", mechanisms_likely="")
    before = Visit.objects.get(pk=v.pk).updated_at
    visits_rescreen()
    after = Visit.objects.get(pk=v.pk)
    assert "vitamin_d" in after.mechanisms_likely and after.updated_at > before


def test_rescreen_stamps_the_new_rule_set_version_on_unchanged_visits(patient_f):
    v = saved_visit(patient_f, grip_strength_kg=30.0)
    Visit.objects.update(rule_set_version="2025.1")
    visits_rescreen()
    v.refresh_from_db()
    assert v.rule_set_version == RULE_SET_VERSION


def test_rescreen_never_overwrites_a_visit_edited_since_it_was_read(patient_f, monkeypatch):
    v = saved_visit(patient_f, grip_strength_kg=30.0)
    Visit.objects.filter(pk=v.pk).update(results_digest="old", awgs2019_category="severe")
    from screening.batch import rescreen

    real = rescreen._rescreen_batch

    def edit_meanwhile(rows, screened, changed):
        # a clinician saves the visit after the rescreen read it, before the rescreen writes
        current = Visit.objects.get(pk=v.pk)
        current.grip_strength_kg = 10.0
        visit_save(visit=current, expected_version=current.version)
        real(rows, screened, changed)

    monkeypatch.setattr(rescreen, "_rescreen_batch", edit_meanwhile)
    visits_rescreen()
    v.refresh_from_db()
    assert v.grip_strength_kg == 10.0 and v.version == 2
    assert v.awgs2019_category == "possible"  # the clinician's save screened it; the stale write was skipped


def migrated_back_to(migration: str, *, population: str, sex: str, born: date):
    """The app's models as of `migration` (the database migrated back to it), and a patient made there."""
    executor = MigrationExecutor(connection)
    executor.migrate([("screening", migration)])
    old = executor.loader.project_state([("screening", migration)]).apps
    site = old.get_model("screening", "Site").objects.create(
        name="S", code="s", population=population, default_setting="community"
    )
    return old, old.get_model("screening", "Patient").objects.create(
        site=site, identifier="P", sex=sex, date_of_birth=born
    )


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_stored_results_onto_the_visit_and_back():
    old, patient = migrated_back_to("0003_patient_identifier_index", population="other", sex="M", born=date(1940, 1, 1))
    visit = old.get_model("screening", "Visit").objects.create(
        patient=patient, visit_date=date(2026, 1, 1), setting="community", rule_set_version="2026.1"
    )
    detail = evaluate_all(Measurements(sex="M", grip_strength_kg=20.0))["ewgsop2"].to_dict()
    assert (detail["category"], detail["to_complete"]) == ("probable", ["asm_or_asmi"])  # 20 kg < 27 kg (EWGSOP2, §3)
    old.get_model("screening", "CriteriaResult").objects.create(
        visit=visit, criteria_set="ewgsop2", category="probable", rule_set_version="2026.1", detail=detail
    )
    executor = MigrationExecutor(connection)
    executor.migrate([("screening", "0004_results_on_visit")])
    at_0004 = executor.loader.project_state([("screening", "0004_results_on_visit")]).apps
    moved = at_0004.get_model("screening", "Visit").objects.get(pk=visit.pk)
    assert moved.ewgsop2_category == "probable"
    assert moved.results == {
        "ewgsop2": {k: v for k, v in json.loads(json.dumps(detail)).items() if k != "rule_set_version"}
    }
    executor = MigrationExecutor(connection)
    executor.migrate([("screening", "0003_patient_identifier_index")])
    back = executor.loader.project_state([("screening", "0003_patient_identifier_index")]).apps
    row = back.get_model("screening", "CriteriaResult").objects.get()
    assert (row.criteria_set, row.category, row.detail["rule_set_version"]) == ("ewgsop2", "probable", "2026.1")
    call_command("migrate", verbosity=0, stdout=io.StringIO())


def test_canonical_json_is_exactly_what_the_standard_library_writes(patient_f):
    import json

    from screening.results.stored_results import canonical_json

    v = saved_visit(
        patient_f,
        grip_strength_kg=12.0,
        gait_speed_m_s=0.7,
        vitamin_d_25oh_ng_ml=14.0,
        hs_crp_mg_l=5.0,
        notes="步速 0.7",
    )
    for value in (v.results, v.mechanisms, {"text": "肌少症 ≥ 4", "n": [1.5, 0.1, 1e16, None, True]}):
        assert canonical_json(value) == json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert json.loads(canonical_json(value)) == value


def test_screening_in_worker_processes_gives_what_one_process_gives():
    from screening.results.stored_results import Screener, ScreenInput, compute_input

    items = [
        ScreenInput(
            {
                "grip_strength_kg": 10.0 + i % 30,
                "gait_speed_m_s": 0.5 + (i % 9) / 10,
                "height_cm": 150.0 + i % 30,
                "asm_kg": 12.0 + i % 11,
                "muscle_mass_method": "DXA",
            },
            "F" if i % 2 else "M",
            70 + i % 20,
            "asian" if i % 3 else "other",
        )
        for i in range(Screener.PARALLEL_FROM)
    ]
    with Screener(jobs=2) as screener:
        parallel = screener.map(items)
        assert screener._pool is not None  # the batch was big enough to fork
    assert parallel == [compute_input(item) for item in items]


@pytest.mark.django_db(transaction=True)
def test_the_compact_text_migration_keeps_every_value_and_the_digest_a_rescreen_computes():
    from screening.results import stored_results

    old, patient = migrated_back_to("0007_patient_search_indexes", population="asian", sex="F", born=date(1945, 2, 1))
    m = Measurements(
        sex="F",
        age_years=81,
        population="asian",
        grip_strength_kg=12.0,
        gait_speed_m_s=0.7,
        vitamin_d_25oh_ng_ml=14.0,
        hs_crp_mg_l=5.0,
    )
    engine, report = evaluate_all(m), stored_results.evaluate_mechanisms(m)
    expanded = json.loads(
        json.dumps(
            {code: {k: v for k, v in r.to_dict().items() if k != "rule_set_version"} for code, r in engine.items()}
        )
    )
    mechanisms = json.loads(json.dumps(report.to_dict()))
    visit = old.get_model("screening", "Visit").objects.create(
        patient=patient,
        visit_date=date(2026, 3, 1),
        setting="community",
        rule_set_version=RULE_SET_VERSION,
        grip_strength_kg=12.0,
        gait_speed_m_s=0.7,
        vitamin_d_25oh_ng_ml=14.0,
        hs_crp_mg_l=5.0,
        results=expanded,
        mechanisms=mechanisms,
        results_digest="old",
    )
    call_command("migrate", "screening", "0008", verbosity=0, stdout=io.StringIO())
    # only what this migration wrote: columns of later migrations do not exist yet at 0008
    # (all_objects: `Visit.objects` filters on `voided_at`, a column of a later migration)
    moved = Visit.all_objects.only("id", "results", "mechanisms", "results_digest", "incomplete_sets").get(pk=visit.pk)
    assert moved.results["format"] == 2
    assert (details(moved), stored_results.mechanism_details(moved)) == (expanded, mechanisms)
    fresh = stored_results.compute(m)
    assert (moved.results, moved.mechanisms) == (json.loads(fresh.results_json), json.loads(fresh.mechanisms_json))
    assert moved.results_digest == fresh.digest  # so a rescreen leaves it alone
    assert moved.incomplete_sets == "ewgsop2;awgs2019;awgs2025;fnih"
    executor = MigrationExecutor(connection)
    executor.migrate([("screening", "0007_patient_search_indexes")])
    back = MigrationExecutor(connection).loader.project_state([("screening", "0007_patient_search_indexes")]).apps
    restored = back.get_model("screening", "Visit").objects.get(pk=visit.pk)
    assert (restored.results, restored.mechanisms) == (expanded, mechanisms)
    call_command("migrate", verbosity=0, stdout=io.StringIO())
