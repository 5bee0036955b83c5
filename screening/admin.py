"""Django admin for sites, memberships, patients and visits (cohort review builds on this)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from screening.models import CriteriaResult, Membership, Patient, Site, UserProfile, Visit


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "population", "default_setting"]
    search_fields = ["name", "code"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "site"]
    list_select_related = ["user", "site"]
    list_filter = ["site"]


@admin.register(UserProfile)
class UserProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "language"]
    list_select_related = ["user"]


@admin.register(Patient)
class PatientAdmin(SimpleHistoryAdmin):
    list_display = ["identifier", "name", "sex", "date_of_birth", "site"]
    list_select_related = ["site"]
    list_filter = ["site", "sex"]
    search_fields = ["identifier", "name"]


class CriteriaResultInline(admin.TabularInline):
    model = CriteriaResult
    extra = 0
    can_delete = False
    fields = ["criteria_set", "category", "rule_set_version"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Visit)
class VisitAdmin(SimpleHistoryAdmin):
    list_display = ["patient", "visit_date", "setting", "grip_strength_kg", "gait_speed_m_s", "asm_kg"]
    list_select_related = ["patient"]
    list_filter = ["setting", "patient__site"]
    search_fields = ["patient__identifier", "patient__name"]
    raw_id_fields = ["patient", "clinician"]
    inlines = [CriteriaResultInline]
    readonly_fields = ["rule_set_version", "mechanisms_likely", "mechanisms_possible", "warnings", "version"]
