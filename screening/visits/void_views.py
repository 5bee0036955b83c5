"""Voiding and restoring a visit. A clinician of the visit's site (or staff) voids it with a reason,
after a confirmation step; staff restore it. POST only (CSRF-checked), versioned like every visit edit.

What a voided visit's page shows: to staff, the notice (who, when, why), the restore button and the
visit's values and categories as they were; to a clinician, the notice alone (the values are not to be
used) and that staff can restore it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from screening.models import Visit
from screening.selectors import visit_get
from screening.visits import presenters
from screening.visits.forms.void import VisitRestoreForm, VisitVoidForm
from screening.visits.services import StaleVisitError, VisitVoidError, visit_restore, visit_void


def can_restore(user) -> bool:
    return user.is_staff


@require_POST
def void(request: HttpRequest, pk) -> HttpResponse:
    """First post: the reason, answered with the confirmation page; second post (`confirm`): void it."""
    visit = visit_get(user=request.user, pk=pk, include_voided=True)
    if visit.voided_at is not None:
        messages.info(request, _("This visit was already voided."))
        return redirect("screening:visit_detail", pk=visit.pk)
    form = VisitVoidForm(request.POST)
    context = {"form": form, "visit": visit, "patient": visit.patient, "confirming": False, "conflict": None}
    if form.is_valid() and form.cleaned_data["confirm"]:
        try:
            visit_void(
                visit=visit,
                user=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["loaded_version"],
            )
        except StaleVisitError as exc:
            context["conflict"] = presenters.conflict_rows(exc)
        else:
            messages.success(
                request,
                _("The visit of %(date)s was voided. Staff can restore it.") % {"date": visit.visit_date.isoformat()},
            )
            return redirect("screening:patient_detail", pk=visit.patient_id)
    context["confirming"] = form.is_valid() and context["conflict"] is None
    return render(request, "screening/visit_void.html", context)


@require_POST
def restore(request: HttpRequest, pk) -> HttpResponse:
    """Staff only; anyone outside the visit's sites gets the same 404 as for the visit page."""
    visit = visit_get(user=request.user, pk=pk, include_voided=True)
    if not can_restore(request.user):
        raise PermissionDenied
    form = VisitRestoreForm(request.POST)
    try:
        if not form.is_valid():
            raise StaleVisitError([], None)  # no version sent: refused like any unversioned edit
        visit_restore(visit=visit, user=request.user, expected_version=form.cleaned_data["loaded_version"])
    except StaleVisitError as exc:
        messages.error(request, presenters.conflict_message(exc, Visit))
    except VisitVoidError:
        messages.info(request, _("This visit is not voided."))
    else:
        messages.success(request, _("Visit restored: it is back in the patient's history and the statistics."))
    return redirect("screening:visit_detail", pk=visit.pk)


def voided_page(request: HttpRequest, visit: Visit) -> HttpResponse:
    """A voided visit's own page (see the module docstring for who sees what)."""
    staff = can_restore(request.user)
    context = {"visit": visit, "patient": visit.patient, "can_restore": staff}
    if staff:
        context["timeline"] = presenters.timeline(visit.patient, [visit], request.LANGUAGE_CODE)
        context["groups"] = presenters.measurement_groups(visit)
    return render(request, "screening/visit_voided.html", context)
