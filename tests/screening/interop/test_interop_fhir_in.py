"""FHIR in: a Bundle creates or completes visits through the form's validation and save service."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from screening.catalogue.dictionary import COLUMNS, TIMED_UNABLE
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.interop.codes import LOINC, UCUM, local_system
from screening.models import Patient, Visit
from screening.results.stored_results import category_of
from tests.screening.interop.interop_support import mixed_visits

pytestmark = pytest.mark.django_db
MEASURED = [c for c, kind in COLUMNS.items() if kind in ("float", "int", "timed", "course", "method")]


def _import(path, site="site-b", *extra) -> str:
    out = io.StringIO()
    call_command("import_fhir", str(path), "--site", site, *extra, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _snapshot(visit: Visit) -> dict:
    from screening.catalogue.adapters import measurements_for_visit

    m = measurements_for_visit(visit)
    return {
        "sex": visit.patient.sex,
        "born": visit.patient.date_of_birth,
        "date": visit.visit_date,
        **{c: getattr(visit, c) for c in MEASURED if c not in ("gait_speed_m_s", "gait_course_m")},
        "gait_speed": m.gait_speed_used_m_s,
        "course": visit.gait_course_m,
        **{flag: getattr(visit, flag) for flag in TIMED_UNABLE.values()},
        **{code: category_of(visit, code) for code in CRITERIA_SETS},
    }


def test_a_round_trip_into_an_empty_site_reproduces_every_value_and_category(site_a, site_b, tmp_path):
    originals = mixed_visits(site_a)
    path = tmp_path / "bundle.json"
    call_command("export_fhir", "--site", "site-a", "--out", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert "3 visits created, 0 completed, 2 patients created." in _import(path)
    copies = {(v.patient.identifier, v.visit_date): v for v in Visit.objects.filter(patient__site=site_b)}
    assert len(copies) == 3
    for original in originals.values():
        copy = copies[(original.patient.identifier, original.visit_date)]
        assert _snapshot(copy) == _snapshot(original)
    assert copies[("M-1", date(2025, 1, 10))].setting == "community"


def _bundle(tmp_path, *observations, patient=None) -> str:
    patient = patient or {
        "resourceType": "Patient",
        "id": "p1",
        "gender": "female",
        "birthDate": "1948-03-02",
        "identifier": [{"system": "urn:gateway", "value": "A-001"}],
    }
    entries = [{"fullUrl": "urn:uuid:p1", "resource": patient}]
    for number, (codings, extra) in enumerate(observations):
        entries.append(
            {
                "fullUrl": f"urn:uuid:o{number}",
                "resource": {
                    "resourceType": "Observation",
                    "id": f"o{number}",
                    "status": "final",
                    "code": {"coding": codings},
                    "subject": {"reference": "urn:uuid:p1"},
                    "effectiveDateTime": "2025-03-04T10:00:00+08:00",
                    **extra,
                },
            }
        )
    path = tmp_path / "gateway.json"
    path.write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries}))
    return path


def _q(value, unit):
    return {"valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit}}


def test_a_gateway_bundle_completes_the_visit_of_that_day_and_lists_unknown_codes(patient_a, tmp_path):
    from screening.visits.services import visit_save

    visit = visit_save(
        visit=Visit(
            patient=patient_a, visit_date=date(2025, 3, 4), setting="community", height_cm=155.0, weight_kg=52.0
        )
    )
    path = _bundle(
        tmp_path,
        ([{"system": local_system(), "code": "grip_strength_kg"}], _q(17.5, "kgf")),
        ([{"system": LOINC, "code": "83172-7"}], _q(0.72, "m/s")),
        ([{"system": "http://snomed.info/sct", "code": "251433001"}], _q(17.5, "kgf")),
    )
    output = _import(path, "site-a")
    assert "0 visits created, 1 completed, 0 patients created." in output
    assert "unknown code http://snomed.info/sct|251433001" in output  # listed, not guessed
    visit.refresh_from_db()
    assert (visit.grip_strength_kg, visit.gait_speed_m_s, visit.gait_course_m) == (17.5, 0.72, 4.0)
    assert visit.height_cm == 155.0 and visit.version == 2 and category_of(visit, "awgs2019")


def test_it_refuses_values_the_form_refuses_and_writes_nothing(patient_a, tmp_path):
    path = _bundle(
        tmp_path,
        ([{"system": local_system(), "code": "grip_strength_kg"}], _q(170.0, "kgf")),  # hard limit 0-100
        ([{"system": LOINC, "code": "8302-2"}], _q(1.55, "m")),
    )  # wrong unit
    with pytest.raises(CommandError, match="nothing imported"):
        _import(path, "site-a")
    assert not Visit.objects.exists()


def test_unable_to_perform_is_read_from_data_absent_reason(patient_a, tmp_path):
    absent = {
        "dataAbsentReason": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/data-absent-reason", "code": "not-performed"}],
            "text": "unable to perform",
        }
    }
    path = _bundle(tmp_path, ([{"system": local_system(), "code": "chair_stand_5x_s"}], absent))
    _import(path, "site-a")
    visit = Visit.objects.get()
    assert visit.chair_stand_unable and visit.chair_stand_5x_s is None


def test_a_new_patient_needs_sex_and_date_of_birth(site_a, tmp_path):
    path = _bundle(
        tmp_path,
        ([{"system": local_system(), "code": "grip_strength_kg"}], _q(20.0, "kgf")),
        patient={"resourceType": "Patient", "id": "p1", "identifier": [{"value": "NEW-1"}]},
    )
    with pytest.raises(CommandError):
        _import(path, "site-a")
    assert not Patient.objects.exists()


def test_it_refuses_a_file_that_is_not_a_bundle(site_a, tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"resourceType": "Patient"}')
    with pytest.raises(CommandError, match="not a FHIR Bundle"):
        _import(path, "site-a")


def test_staff_upload_checks_then_writes_and_a_clinician_cannot(site_a, site_b, client, clinician_a, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from screening.models import AccessEvent
    from tests.screening.cohort.cohort_support import reviewer

    mixed_visits(site_a)
    path = tmp_path / "bundle.json"
    call_command("export_fhir", "--site", "site-a", "--out", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    url = reverse("screening:import_fhir")
    client.force_login(clinician_a)
    assert client.get(url).status_code == 403
    client.force_login(reviewer("root", superuser=True))

    def upload(**extra):
        return client.post(url, {"site": site_b.pk, "file": SimpleUploadedFile("b.json", path.read_bytes()), **extra})

    checked = upload(dry_run="on")
    assert checked.status_code == 200 and "No errors" in checked.content.decode()
    assert not Visit.objects.filter(patient__site=site_b).exists()
    written = upload()
    assert "3 visits created, 0 completed (2 new patients)." in written.content.decode()
    assert Visit.objects.filter(patient__site=site_b).count() == 3
    assert AccessEvent.objects.filter(action="import", target="fhir site=site-b visits=3").exists()


def test_importing_the_same_bundle_again_changes_nothing(site_a, site_b, tmp_path):
    mixed_visits(site_a)
    path = tmp_path / "bundle.json"
    call_command("export_fhir", "--site", "site-a", "--out", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    _import(path)
    versions = sorted(Visit.objects.filter(patient__site=site_b).values_list("version", flat=True))
    assert "0 visits created, 0 completed, 0 patients created." in _import(path)
    assert sorted(Visit.objects.filter(patient__site=site_b).values_list("version", flat=True)) == versions
