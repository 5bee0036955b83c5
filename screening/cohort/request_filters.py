"""The cohort filters of a request, and an export of the visits they select, logged before any row is read.

Shared by the cohort pages and the statistical/FHIR downloads (screening.interop.views), so every export
is filtered, refused on invalid filters and access-logged the same way.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.utils import timezone

from screening.accounts.access_log import log_access
from screening.cohort.exports import export_rows
from screening.cohort.forms import CohortFilterForm, CohortFilters, ExportForm
from screening.cohort.selectors import visits_filtered
from screening.selectors import sites_for_user

logger = logging.getLogger("screening.cohort.views")


def filter_form(request: HttpRequest, form_class=CohortFilterForm) -> tuple[CohortFilterForm, CohortFilters]:
    form = form_class(request.GET or None, sites=sites_for_user(request.user))
    return form, form.filters()


def export_request(request: HttpRequest, kind: str):
    """Rows and file name of an export; who exported, and in which form, goes to the log (no patient data).

    Invalid filters refuse the export: silently dropping them would export more than was asked for.
    """
    form, filters = filter_form(request, ExportForm)
    if form.is_bound and not form.is_valid():
        raise BadRequest("invalid export filters")
    pseudonymise = form.is_bound and form.cleaned_data["pseudonymise"]
    logger.info(
        "cohort export %s%s",
        kind,
        " pseudonymised" if pseudonymise else "",
        extra={"event": "cohort_export", "user_id": request.user.pk},
    )
    scope = urlencode(filters.as_query())
    log_access(request, "export", f"cohort.{kind}{' pseudonymised' if pseudonymise else ''} {scope}".strip())
    rows = export_rows(visits_filtered(user=request.user, filters=filters), pseudonymise=pseudonymise)
    stem = f"cohort-visits{'-pseudonymised' if pseudonymise else ''}-{timezone.localdate():%Y%m%d}"
    return rows, stem
