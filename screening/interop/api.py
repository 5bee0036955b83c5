"""The read-only FHIR R4 API for the hospital's systems: /fhir/metadata, Patient read, Observation and
DiagnosticReport search by patient, and Binary read: the PDFs a DiagnosticReport's presentedForm links
to (the PDF itself, or a Binary resource when asked for FHIR JSON). JSON otherwise.

Every call needs `Authorization: Bearer <token>` of a site (FhirToken: only the SHA-256 is stored; staff
create and revoke tokens in the admin), sees that site's data only (anything else is 404), is written
to the access log, and is throttled (FHIR_API_REQUESTS_PER_MINUTE per token, counted in the access log,
so every app server sees the same count). ROUTES drives both the URLs and the CapabilityStatement.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import wraps

import orjson
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from screening.batch.exporter import export_queryset, visit_row
from screening.interop.fhir_out import (
    PDF_DOCUMENTS,
    PDF_LANGS,
    PRINT_LOG_DOCUMENTS,
    Refs,
    attachment_language,
    pdf_document,
    pdf_documents,
    visit_resources,
)
from screening.models import AccessEvent, FhirToken, Patient, Visit
from screening.reports.service import print_record

FHIR_JSON = "application/fhir+json"
JSON_FORMATS = {"json", "application/json", "application/fhir+json"}


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_new() -> tuple[str, str, str]:
    """(raw value, prefix, hash) of a new token: the raw value is shown once and never stored."""
    raw = secrets.token_urlsafe(32)
    return raw, raw[:8], token_hash(raw)


def token_create(*, site, name: str, user=None) -> tuple[FhirToken, str]:
    raw, prefix, hashed = token_new()
    token = FhirToken.objects.create(
        site=site,
        name=name,
        prefix=prefix,
        token_hash=hashed,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    return token, raw


def _json(data: dict, status: int = 200, **headers) -> HttpResponse:
    response = HttpResponse(orjson.dumps(data), status=status, content_type=FHIR_JSON, headers=headers)
    response["Cache-Control"] = "no-store"
    return response


def outcome(status: int, code: str, text: str, **headers) -> HttpResponse:
    return _json(
        {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": code, "diagnostics": text}]},
        status,
        **headers,
    )


def _token(request: HttpRequest) -> FhirToken | None:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    found = FhirToken.objects.select_related("site").filter(token_hash=token_hash(header[7:].strip())).first()
    return found if found is not None and found.revoked_at is None else None


def _log(request: HttpRequest, token: FhirToken) -> None:
    AccessEvent.objects.create(
        username=f"fhir:{token.pk}",
        action="export",
        target=f"fhir api {request.path}"[:200],
        ip_address=request.META.get("REMOTE_ADDR"),
    )


def _throttled(token: FhirToken) -> bool:
    since = timezone.now() - timedelta(minutes=1)
    used = AccessEvent.objects.filter(username=f"fhir:{token.pk}", at__gte=since).count()
    return used >= settings.FHIR_API_REQUESTS_PER_MINUTE


def fhir_api(view: Callable) -> Callable:
    """Token (401), JSON only (406), throttle (429), access log, then the view with the token's site."""

    @login_not_required
    @require_GET
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        token = _token(request)
        if token is None:  # logged as a failed login (no token id to name)
            AccessEvent.objects.create(
                username="fhir:?",
                action="login_failed",
                target=f"fhir api {request.path}"[:200],
                ip_address=request.META.get("REMOTE_ADDR"),
            )
            return outcome(
                401,
                "login",
                "a valid, unrevoked bearer token is required",
                **{"WWW-Authenticate": 'Bearer realm="fhir"'},
            )
        if request.GET.get("_format", "json") not in JSON_FORMATS:
            return outcome(406, "not-supported", "this server speaks JSON only")
        if _throttled(token):
            return outcome(429, "throttled", "too many requests; retry in a minute", **{"Retry-After": "60"})
        _log(request, token)
        FhirToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        request.fhir_token = token  # a Binary read records its PDF in the print log under the token
        return view(request, token.site, *args, **kwargs)

    return wrapper


def _site_patient(site, raw: str) -> Patient | None:
    try:
        pk = uuid.UUID(raw.removeprefix("Patient/"))
    except ValueError:
        return None
    return Patient.objects.filter(site=site, pk=pk).select_related("site").first()


def patient_json(patient: Patient) -> dict:
    return {
        "resourceType": "Patient",
        "id": str(patient.pk),
        "identifier": [
            {"system": f"{settings.FHIR_IDENTIFIER_SYSTEM}/{patient.site.code}", "value": patient.identifier}
        ],
        "gender": {"M": "male", "F": "female"}[patient.sex],
        "birthDate": patient.date_of_birth.isoformat(),
    }


@fhir_api
def patient_read(request: HttpRequest, site, pk: str) -> HttpResponse:
    patient = _site_patient(site, pk)
    if patient is None:
        return outcome(404, "not-found", "no such Patient")
    return _json(patient_json(patient))


def binary_id(visit_id, document: str, lang: str) -> str:
    """`<visit id>.<report|take-home>.<zh-Hans|en>`: a valid FHIR id (64 characters at most)."""
    return f"{visit_id}.{document}.{attachment_language(lang)}"


def _site_document(site, raw: str) -> tuple[Visit, str, str] | None:
    """(visit, document, language) a Binary id names, if the visit is the site's; else None."""
    languages = {attachment_language(lang): lang for lang in PDF_LANGS}
    visit_id, _dot, rest = raw.partition(".")
    document, _dot, language = rest.partition(".")
    if document not in PDF_DOCUMENTS or language not in languages:
        return None
    try:
        pk = uuid.UUID(visit_id)
    except ValueError:
        return None
    visit = next(export_queryset(Visit.objects.filter(pk=pk, patient__site=site)), None)
    return None if visit is None else (visit, document, languages[language])


def _binary_urls(base: str, visit: Visit) -> Callable[[str, str], str]:
    def url(document: str, lang: str) -> str:
        return f"{base}Binary/{binary_id(visit.pk, document, lang)}"

    return url


def _search(request: HttpRequest, site, kind: str) -> HttpResponse:
    unsupported = set(request.GET) - {"patient", "_format"}
    if unsupported:
        return outcome(400, "not-supported", f"unsupported search parameter: {', '.join(sorted(unsupported))}")
    if "patient" not in request.GET:
        return outcome(400, "required", "search by patient only: ?patient=<id>")
    patient = _site_patient(site, request.GET["patient"])
    matches: list[dict] = []
    base = request.build_absolute_uri("/fhir/")
    if patient is not None:
        for visit in export_queryset(Visit.objects.filter(patient=patient)):
            resources = visit_resources(
                visit,
                visit_row(visit),
                str(patient.pk),
                refs=Refs(bundle=False),
                pdf_url=_binary_urls(base, visit) if kind == "DiagnosticReport" else None,
            )
            matches += [r for r in resources if r["resourceType"] == kind]
    return _json(
        {
            "resourceType": "Bundle",
            "type": "searchset",
            "total": len(matches),
            "entry": [
                {"fullUrl": f"{base}{kind}/{r['id']}", "resource": r, "search": {"mode": "match"}} for r in matches
            ],
        }
    )


@fhir_api
def observation_search(request: HttpRequest, site) -> HttpResponse:
    return _search(request, site, "Observation")


@fhir_api
def report_search(request: HttpRequest, site) -> HttpResponse:
    return _search(request, site, "DiagnosticReport")


@fhir_api
def binary_read(request: HttpRequest, site, pk: str) -> HttpResponse:
    """A PDF of a DiagnosticReport's presentedForm, through the PDF cache: the PDF itself, or a Binary
    resource when the client asks for FHIR JSON (`Accept: application/fhir+json` or `_format`)."""
    found = _site_document(site, pk)
    if found is None:
        return outcome(404, "not-found", "no such Binary")
    visit, document, lang = found
    fingerprint, data = pdf_document(visit, document, lang)
    print_record(
        visit=visit,
        document=PRINT_LOG_DOCUMENTS[document],
        lang=lang,
        fingerprint=fingerprint,
        fhir_token=request.fhir_token,
    )
    if "_format" in request.GET or FHIR_JSON in request.headers.get("Accept", ""):
        return _json(
            {
                "resourceType": "Binary",
                "id": pk,
                "contentType": "application/pdf",
                "data": base64.b64encode(data).decode("ascii"),
            }
        )
    title = {(d, language): name for d, language, name in pdf_documents(visit)}[(document, lang)]
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{title}"'
    response["Cache-Control"] = "no-store"
    return response


# resource type -> (interaction, search parameters, what it serves): the API's whole surface, read by the
# URLs and the CapabilityStatement
ROUTES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "Patient": ("read", (), "The site's patient: identifier, gender, birth date."),
    "Observation": ("search-type", ("patient",), "Measured values and the category of every criteria set."),
    "DiagnosticReport": (
        "search-type",
        ("patient",),
        "One per visit; presentedForm links (url) to four PDFs served as Binary: the "
        "clinician's report and the patient's take-home page, each in zh-Hans and en.",
    ),
    "Binary": (
        "read",
        (),
        "The PDFs of DiagnosticReport.presentedForm (id from its url): application/pdf, or "
        "a Binary resource with Accept: application/fhir+json.",
    ),
}


def capability_statement() -> dict:
    resources = [
        {
            "type": kind,
            "documentation": documentation,
            "interaction": [{"code": interaction}],
            **({"searchParam": [{"name": name, "type": "reference"} for name in params]} if params else {}),
        }
        for kind, (interaction, params, documentation) in ROUTES.items()
    ]
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-12-07",
        "kind": "instance",
        "software": {"name": "sarcopenia-screening"},
        "implementation": {"description": "Read-only FHIR API of sarcopenia screening results"},
        "fhirVersion": "4.0.1",
        "format": ["json"],
        "rest": [
            {
                "mode": "server",
                "security": {
                    "description": "Bearer token per site (created and revoked by staff); a token "
                    "sees its site's data only; calls are logged and throttled."
                },
                "resource": resources,
            }
        ],
    }


@fhir_api
def metadata(request: HttpRequest, site) -> HttpResponse:
    return _json(capability_statement())


_VIEWS = {
    ("Patient", "read"): ("Patient/<str:pk>", patient_read),
    ("Observation", "search-type"): ("Observation", observation_search),
    ("DiagnosticReport", "search-type"): ("DiagnosticReport", report_search),
    ("Binary", "read"): ("Binary/<str:pk>", binary_read),
}

urlpatterns = [
    path("metadata", metadata, name="fhir_metadata"),
    *(
        path(_VIEWS[(kind, interaction)][0], _VIEWS[(kind, interaction)][1], name=f"fhir_{kind}_{interaction}")
        for kind, (interaction, _params, _documentation) in ROUTES.items()
    ),
]
