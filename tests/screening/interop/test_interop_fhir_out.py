"""FHIR R4 export: Bundles that validate (fhir.resources, R4B models), codes from codes.md only."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from fhir.resources.R4B.bundle import Bundle

from screening.interop.codes import LOINC, local_system
from tests.screening.interop.interop_support import mixed_visits

pytestmark = pytest.mark.django_db
FORBIDDEN = {"66247-8", "83176-8"}  # codes.md: never for the 5x chair stand, never for grip


def _export(tmp_path, *args) -> dict:
    out = tmp_path / "bundle.json"
    call_command("export_fhir", *args, "--out", str(out), stdout=io.StringIO(), stderr=io.StringIO())
    data = json.loads(out.read_bytes())
    Bundle.model_validate(data)  # every resource validates against the R4(B) models
    return data


def _resources(bundle, kind):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _coded(resources, column):
    return [r for r in resources if any(c["code"] == column for c in r["code"].get("coding", []))]


@pytest.fixture
def visits(site_a):
    return mixed_visits(site_a)


def test_a_visit_bundle_validates_and_codes_each_value_as_codes_md_says(visits, tmp_path):
    man = visits["man"]
    bundle = _export(tmp_path, "--visit", str(man.pk))
    assert bundle["type"] == "collection" and not FORBIDDEN & set(json.dumps(bundle).split('"'))
    [patient_r] = _resources(bundle, "Patient")
    assert patient_r["identifier"][0] == {
        "system": "https://sarcopenia.example.org/fhir/sid/patient/site-a",
        "value": "M-1",
    }
    assert patient_r["gender"] == "male" and patient_r["birthDate"] == "1944-08-09"
    observations = _resources(bundle, "Observation")
    [grip] = _coded(observations, "grip_strength_kg")
    assert grip["code"]["coding"] == [{"system": local_system(), "code": "grip_strength_kg"}]  # no LOINC for best grip
    assert grip["valueQuantity"] == {"value": 20.0, "unit": "kgf", "system": "http://unitsofmeasure.org", "code": "kgf"}
    assert grip["interpretation"][0]["coding"][0]["code"] == "L"  # AWGS 2019 (site A's primary): < 28 kg, men
    [chair] = _coded(observations, "chair_stand_5x_s")
    assert "valueQuantity" not in chair and chair["dataAbsentReason"]["text"] == "unable to perform"
    [gait] = _coded(observations, "gait_speed_m_s")
    assert {"system": LOINC, "code": "83172-7"} in gait["code"]["coding"]  # 4 m course
    assert gait["component"][0]["valueQuantity"]["value"] == 4.0
    [tug] = _coded(observations, "tug_s")
    assert {"system": LOINC, "code": "89423-8"} in tug["code"]["coding"]
    [height] = _coded(observations, "8302-2")
    assert height["valueQuantity"]["code"] == "cm"
    [asm] = _coded(observations, "asm_kg")
    assert asm["method"] == {"text": "BIA"}
    assert not _coded(observations, "walk_400m_s")  # not measured: no Observation at all


def test_each_criteria_set_is_an_observation_with_its_category_and_rule_set(visits, tmp_path):
    from screening.clinical.criteria.registry import CRITERIA_SETS
    from screening.results.stored_results import category_of

    man = visits["man"]
    observations = _resources(_export(tmp_path, "--visit", str(man.pk)), "Observation")
    for code in CRITERIA_SETS:
        [obs] = _coded(observations, code)
        assert obs["valueCodeableConcept"]["coding"][0]["code"] == category_of(man, code)
        assert man.rule_set_version in obs["method"]["text"]


def test_a_confirmed_sarcopenia_gives_a_condition_and_the_report_references_everything(visits, tmp_path):
    bundle = _export(tmp_path, "--visit", str(visits["man"].pk))
    [condition] = _resources(bundle, "Condition")
    assert condition["code"]["coding"][0] == {
        "system": "http://hl7.org/fhir/sid/icd-10-cm",
        "code": "M62.84",
        "display": "Sarcopenia",
    }
    [report] = _resources(bundle, "DiagnosticReport")
    ids = {f"urn:uuid:{r['id']}" for r in _resources(bundle, "Observation")}
    assert {r["reference"] for r in report["result"]} == ids
    assert report["conclusionCode"][0]["coding"][0]["code"] == "M62.84"
    no_condition = _export(tmp_path, "--visit", str(visits["woman_later"].pk))
    assert not _resources(no_condition, "Condition")


def test_the_report_carries_both_pdfs_on_request(visits, tmp_path):
    import base64

    [report] = _resources(_export(tmp_path, "--visit", str(visits["woman"].pk), "--pdf"), "DiagnosticReport")
    # the clinician's report and the patient's take-home page, each in zh-Hans and English
    assert [f["language"] for f in report["presentedForm"]] == ["zh-Hans", "en", "zh-Hans", "en"]
    assert all(base64.b64decode(f["data"]).startswith(b"%PDF") for f in report["presentedForm"])
    assert sum("take-home" in f["title"] for f in report["presentedForm"]) == 2


def test_a_patient_bundle_holds_the_patient_once_and_every_visit(visits, tmp_path):
    bundle = _export(tmp_path, "--patient", str(visits["woman"].patient_id), "--type", "transaction")
    assert len(_resources(bundle, "Patient")) == 1 and len(_resources(bundle, "Encounter")) == 2
    assert all(e["request"]["method"] == "PUT" for e in bundle["entry"])
    [unable] = _coded(_resources(bundle, "Observation"), "walk_400m_s")[1:]
    assert unable["dataAbsentReason"]["coding"][0]["code"] == "not-performed"


def test_a_pseudonymised_site_bundle_carries_no_identifier(visits, tmp_path):
    bundle = _export(tmp_path, "--site", "site-a", "--pseudonymise")
    text = json.dumps(bundle)
    assert "M-1" not in text and "F-1" not in text
    assert not any(str(v.pk) in text or str(v.patient_id) in text for v in visits.values())
    assert sorted(p["birthDate"] for p in _resources(bundle, "Patient")) == ["1944", "1950"]


def test_it_refuses_what_matches_nothing(db, tmp_path):
    with pytest.raises(CommandError):
        _export(tmp_path, "--site", "nowhere")
    with pytest.raises(CommandError):
        _export(tmp_path, "--visit", "not-a-uuid")


def _download(response) -> dict:
    assert response.status_code == 200 and response["Content-Type"] == "application/fhir+json"
    data = json.loads(b"".join(response.streaming_content))
    Bundle.model_validate(data)
    return data


def test_a_clinician_downloads_a_visit_and_a_patient_of_their_site_and_it_is_logged(visits, client_a):
    from django.urls import reverse

    from screening.models import AccessEvent

    woman = visits["woman"]
    bundle = _download(client_a.get(reverse("screening:visit_fhir", args=[woman.pk])))
    assert len(_resources(bundle, "DiagnosticReport")[0]["presentedForm"]) == 4
    bundle = _download(client_a.get(reverse("screening:patient_fhir", args=[woman.patient_id])))
    assert len(_resources(bundle, "Encounter")) == 2
    assert set(AccessEvent.objects.filter(action="export").values_list("target", flat=True)) == {
        f"fhir visit={woman.pk}",
        f"fhir patient={woman.patient_id}",
    }


def test_another_sites_clinician_gets_nothing(visits, client, clinician_b):
    from django.urls import reverse

    client.force_login(clinician_b)
    assert client.get(reverse("screening:visit_fhir", args=[visits["man"].pk])).status_code == 404
    assert client.get(reverse("screening:patient_fhir", args=[visits["man"].patient_id])).status_code == 404


def test_staff_download_the_filtered_cohort_and_clinicians_cannot(visits, client, clinician_a):
    from django.urls import reverse

    from tests.screening.cohort.cohort_support import reviewer

    client.force_login(clinician_a)
    assert client.get(reverse("cohort:export_fhir")).status_code == 403
    client.force_login(reviewer("root", superuser=True))
    bundle = _download(client.get(reverse("cohort:export_fhir"), {"sex": "F", "pseudonymise": "on"}))
    assert [p["gender"] for p in _resources(bundle, "Patient")] == ["female"]
    assert len(_resources(bundle, "Encounter")) == 2 and "F-1" not in json.dumps(bundle)
