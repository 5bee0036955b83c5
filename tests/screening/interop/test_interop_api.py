"""The read-only FHIR API: per-site hashed tokens, site isolation, revocation, logging, throttling, and a
CapabilityStatement that says exactly what the URLs serve."""

from __future__ import annotations

import base64
import json

import pytest
from django.urls import reverse
from fhir.resources.R4B.binary import Binary
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.patient import Patient as FhirPatient

from screening.interop.api import ROUTES, binary_id, token_create, token_hash
from screening.models import AccessEvent, FhirToken, ReportPrint
from screening.reports.take_home import take_home_pdf
from tests.screening.interop.interop_support import mixed_visits

pytestmark = pytest.mark.django_db


@pytest.fixture
def visits(site_a):
    return mixed_visits(site_a)


@pytest.fixture
def token_a(site_a):
    return token_create(site=site_a, name="hospital record A")[1]


def _get(client, url, token, **params):
    return client.get(url, params, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_it_stores_only_the_hash_of_a_token(site_a):
    token, raw = token_create(site=site_a, name="x")
    stored = FhirToken.objects.get()
    assert stored.token_hash == token_hash(raw) and raw not in (stored.token_hash, stored.prefix, stored.name)


def test_a_token_reads_its_sites_patient_observations_and_reports(client, visits, token_a):
    woman = visits["woman"].patient
    response = _get(client, f"/fhir/Patient/{woman.pk}", token_a)
    assert response.status_code == 200 and response["Content-Type"] == "application/fhir+json"
    FhirPatient.model_validate(response.json())
    assert response.json()["identifier"][0]["value"] == "F-1"
    observations = _get(client, "/fhir/Observation", token_a, patient=str(woman.pk)).json()
    Bundle.model_validate(observations)
    assert observations["type"] == "searchset" and observations["total"] > 5
    assert {e["resource"]["subject"]["reference"] for e in observations["entry"]} == {f"Patient/{woman.pk}"}
    reports = _get(client, "/fhir/DiagnosticReport", token_a, patient=f"Patient/{woman.pk}").json()
    Bundle.model_validate(reports)
    assert reports["total"] == 2  # one per visit
    assert AccessEvent.objects.filter(username__startswith="fhir:", action="export").count() == 3


def test_a_report_links_its_four_pdfs_which_the_token_reads_as_binary(client, visits, token_a):
    woman = visits["woman"].patient
    reports = _get(client, "/fhir/DiagnosticReport", token_a, patient=str(woman.pk)).json()
    Bundle.model_validate(reports)
    forms = [r["resource"]["presentedForm"] for r in reports["entry"]]
    assert [len(f) for f in forms] == [4, 4] and not any("data" in form for f in forms for form in f)
    first = {(form["title"].split("-")[0], form["language"]): form for form in forms[0]}
    assert set(first) == {(doc, lang) for doc in ("report", "take") for lang in ("zh-Hans", "en")}
    assert {form["contentType"] for form in first.values()} == {"application/pdf"}
    url = first[("take", "en")]["url"]
    assert url.startswith("http://testserver/fhir/Binary/")
    response = _get(client, url.removeprefix("http://testserver"), token_a)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == take_home_pdf(visits["woman"], "en")[1]  # the cached PDF, not a new one
    assert first[("take", "en")]["title"] in response["Content-Disposition"]
    resource = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token_a}", HTTP_ACCEPT="application/fhir+json").json()
    Binary.model_validate(resource)
    assert resource["contentType"] == "application/pdf" and base64.b64decode(resource["data"]) == response.content
    assert AccessEvent.objects.filter(action="export", target__startswith="fhir api /fhir/Binary/").count() == 2


def test_a_token_never_reads_another_sites_pdf_and_pdfs_count_against_the_throttle(
    client, visits, site_b, token_a, settings
):
    other = token_create(site=site_b, name="hospital record B")[1]
    url = f"/fhir/Binary/{binary_id(visits['man'].pk, 'report', 'zh-hans')}"
    assert _get(client, url, other).status_code == 404
    assert client.get(url).status_code == 401
    for wrong in ("report.en", f"{visits['man'].pk}.letter.en", f"{visits['man'].pk}.report.fr"):
        assert _get(client, f"/fhir/Binary/{wrong}", token_a).status_code == 404
    settings.FHIR_API_REQUESTS_PER_MINUTE = 4  # three calls above, one PDF, then refused
    assert [_get(client, url, token_a).status_code for _ in range(2)] == [200, 429]


def test_a_token_sees_nothing_of_another_site(client, visits, site_b):
    other = token_create(site=site_b, name="hospital record B")[1]
    man = visits["man"].patient
    assert _get(client, f"/fhir/Patient/{man.pk}", other).status_code == 404
    assert _get(client, "/fhir/Observation", other, patient=str(man.pk)).json()["total"] == 0
    assert _get(client, "/fhir/DiagnosticReport", other, patient=str(man.pk)).json()["total"] == 0


def test_no_token_a_wrong_token_or_a_revoked_token_is_refused(client, visits, site_a):
    token, raw = token_create(site=site_a, name="old")
    url = f"/fhir/Patient/{visits['man'].patient_id}"
    assert client.get(url).status_code == 401  # and no login redirect either
    assert _get(client, url, "not-a-token").status_code == 401
    assert _get(client, url, raw).status_code == 200
    FhirToken.objects.filter(pk=token.pk).update(revoked_at="2026-01-01T00:00:00Z")
    assert _get(client, url, raw).status_code == 401
    assert AccessEvent.objects.filter(action="login_failed", username="fhir:?").count() == 3


def test_it_throttles_each_token(client, visits, token_a, settings):
    settings.FHIR_API_REQUESTS_PER_MINUTE = 3
    url = f"/fhir/Patient/{visits['man'].patient_id}"
    assert [_get(client, url, token_a).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_it_speaks_json_only_and_searches_by_patient_only(client, visits, token_a):
    assert _get(client, "/fhir/metadata", token_a, _format="xml").status_code == 406
    assert _get(client, "/fhir/Observation", token_a).status_code == 400
    assert (
        _get(client, "/fhir/Observation", token_a, code="x", patient=str(visits["man"].patient_id)).status_code == 400
    )


def test_the_capability_statement_says_exactly_what_the_urls_serve(client, visits, token_a):
    statement = _get(client, "/fhir/metadata", token_a).json()
    CapabilityStatement.model_validate(statement)
    served = {
        r["type"]: ([i["code"] for i in r["interaction"]], [p["name"] for p in r.get("searchParam", [])])
        for r in statement["rest"][0]["resource"]
    }
    assert served == {kind: ([interaction], list(params)) for kind, (interaction, params, _doc) in ROUTES.items()}
    assert set(served) == {"Patient", "Observation", "DiagnosticReport", "Binary"}
    patient = str(visits["man"].patient_id)
    ids = {"Patient": patient, "Binary": binary_id(visits["man"].pk, "report", "en")}
    for kind, (interaction, params, _doc) in ROUTES.items():  # each stated interaction answers
        url = f"/fhir/{kind}/{ids[kind]}" if interaction == "read" else f"/fhir/{kind}"
        assert _get(client, url, token_a, **{p: patient for p in params}).status_code == 200
    assert _get(client, "/fhir/Encounter", token_a, patient=patient).status_code == 404  # nothing unstated
    assert _get(client, f"/fhir/Binary/{patient}", token_a).status_code == 404  # a Binary id names a document


def test_staff_create_a_token_in_the_admin_and_see_it_once(admin_client, site_a):
    response = admin_client.post(
        reverse("admin:screening_fhirtoken_add"), {"site": site_a.pk, "name": "HIS"}, follow=True
    )
    token = FhirToken.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    raw = shown[0].rsplit(": ", 1)[1]
    assert token_hash(raw) == token.token_hash and token.prefix == raw[:8]
    admin_client.post(
        reverse("admin:screening_fhirtoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]}
    )
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_pdf_fetched_through_the_api_is_in_the_print_log_and_verifies(client, visits, token_a, staff):
    # another system may print what it fetched: its fingerprint must not verify as "never printed here"
    visit = visits["woman"]
    url = f"/fhir/Binary/{binary_id(visit.pk, 'take-home', 'en')}"
    assert _get(client, url, token_a).status_code == 200
    printed = ReportPrint.objects.get(visit=visit)
    assert (printed.document, printed.language, printed.printed_by) == ("take_home", "en", None)
    assert printed.fhir_token == FhirToken.objects.get(name="hospital record A")
    assert printed.fingerprint == take_home_pdf(visit, "en")[0]
    client.force_login(staff)
    page = client.get(
        reverse("screening:report_verify"), {"fingerprint": printed.fingerprint}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'data-verify="matches"' in page and 'data-fhir-prints="1"' in page
    assert "1 fetched through the FHIR API" in page
