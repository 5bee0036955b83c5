"""Admin for the FHIR API tokens: staff create one (its value is shown once) and revoke it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from screening.admin.registrations import SiteScopedAdmin
from screening.interop.api import token_new
from screening.models import FhirToken


@admin.register(FhirToken)
class FhirTokenAdmin(SiteScopedAdmin):
    list_display = ("name", "site", "prefix", "created_at", "last_used_at", "revoked_at")
    list_select_related = ("site",)
    list_filter = ("site",)
    fields = ("site", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "created_at", "last_used_at", "revoked_at")
    actions = ("revoke",)

    def save_model(self, request, obj: FhirToken, form, change: bool) -> None:
        if not change:
            raw, obj.prefix, obj.token_hash = token_new()
            obj.created_by = request.user
            messages.warning(request, _("Copy the token now; it is not shown again: %(token)s") % {"token": raw})
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset) -> None:
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        messages.success(request, _("%(count)s tokens revoked.") % {"count": count})
