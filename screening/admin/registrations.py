"""Django admin for cohort review: sites, memberships, patients, visits and cohorts.

Only staff reach the admin. A staff member tied to sites (Membership) sees only those sites in every
list, filter, form and history page; superusers (and staff tied to no site) see all. Visit edits go
through `visit_save` and patient edits through `patient_save`, each with the version the change form was
opened at, so a stale form is refused with the app's conflict message; history records who changed what.
The access log and the printed reports are read-only pages.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from screening.admin import filters
from screening.admin.paging import CappedPaginator, VisitChangeList
from screening.admin.report_actions import download_reports_zip
from screening.clinical import text as clinical_text
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.cohort.dashboard import category_label
from screening.cohort.services import cohort_add_patients, cohort_remove_patients
from screening.models import (
    AccessEvent,
    Cohort,
    ImportProfile,
    Membership,
    Patient,
    ReportPrint,
    Site,
    UserProfile,
    Visit,
    sees_every_site,
)
from screening.results.stored_results import CATEGORY_FIELDS, category_of
from screening.selectors import sites_for_user
from screening.visits.presenters import conflict_message
from screening.visits.services import (
    StaleEditError,
    VisitVoidError,
    check_version,
    patient_save,
    visit_restore,
    visit_save,
    visits_delete,
)

# The admin's index is one click away in the header; its sidebar copy took 280 px of a 1366 px screen that
# the visit list needs beside its filters.
admin.site.enable_nav_sidebar = False


class SiteScopedAdmin(admin.ModelAdmin):
    """Rows limited to the user's sites; `site_lookup` is the path from the model to its site."""

    site_lookup = "site"

    def unscoped_queryset(self, request):
        return super().get_queryset(request)

    def get_queryset(self, request):
        queryset = self.unscoped_queryset(request)
        if sees_every_site(request.user):
            return queryset
        return queryset.filter(**{f"{self.site_lookup}__in": sites_for_user(request.user)})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Forms offer (and accept) only the user's sites and patients."""
        if db_field.related_model is Site:
            kwargs["queryset"] = sites_for_user(request.user)
        elif db_field.related_model is Patient:
            kwargs["queryset"] = Patient.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedHistoryAdmin(SiteScopedAdmin, SimpleHistoryAdmin):
    """simple_history's pages fall back to the history table for unknown objects: check the scope first."""

    def _in_scope(self, request, object_id: str) -> None:
        if sees_every_site(request.user):
            return
        try:
            visible = self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        except (ValidationError, ValueError):
            visible = False
        if not visible:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._in_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class VersionedForm(forms.ModelForm):
    """A change form that carries the version it was opened at (also when reverting to a history entry)
    and refuses to save over a newer one, with the app's conflict message."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:  # the base manager: a voided visit too
            current = type(self.instance)._base_manager.filter(pk=self.instance.pk).values_list("version", flat=True)
            self.initial["loaded_version"] = current.first()

    def clean(self):
        data = super().clean()
        if not self.instance._state.adding:
            current = type(self.instance)._base_manager.get(pk=self.instance.pk)
            try:
                check_version(current, data.get("loaded_version"), StaleEditError)
            except StaleEditError as exc:
                raise ValidationError(conflict_message(exc, self._meta.model)) from None
        return data


class VersionedAdmin(ScopedHistoryAdmin):
    """Saves through the model's service with the form's version; a save that loses the race with
    another (after the form was checked) is reported the same way, nothing saved."""

    form = VersionedForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEditError as exc:
            return self._refused(request, exc)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except StaleEditError as exc:
            return self._refused(request, exc)

    def _refused(self, request, exc: StaleEditError) -> HttpResponseRedirect:
        self.message_user(request, conflict_message(exc, self.model), messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Site)
class SiteAdmin(SiteScopedAdmin):
    site_lookup = "pk"
    list_display = ["name", "code", "population", "primary_set", "default_setting"]
    fields = ["name", "code", "population", "primary_set", "default_setting"]
    search_fields = ["name", "code"]
    inlines = [MembershipInline]


@admin.register(ImportProfile)
class ImportProfileAdmin(ScopedHistoryAdmin):
    """Saved column mappings of device exports (made on the import page); each change is in the history."""

    list_display = ["name", "site", "encoding", "updated_at"]
    list_select_related = ["site"]
    list_filter = [filters.SiteFilter]


@admin.register(Membership)
class MembershipAdmin(SiteScopedAdmin):
    list_display = ["user", "site"]
    list_select_related = ["user", "site"]
    list_filter = [filters.SiteFilter]


@admin.register(UserProfile)
class UserProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "language"]
    list_select_related = ["user"]


class CohortChoiceForm(forms.Form):
    """The intermediate page of the cohort actions: which cohort."""

    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=Cohort.objects.all())


@admin.register(Patient)
class PatientAdmin(VersionedAdmin):
    list_display = ["identifier", "name", "sex", "date_of_birth", "site"]
    list_select_related = ["site"]
    list_filter = [filters.SiteFilter, "sex", filters.CohortFilter]
    search_fields = ["^identifier", "name"]
    actions = ["add_to_cohort", "remove_from_cohort"]
    paginator = CappedPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a count per filter choice would scan every row again

    readonly_fields = ["version"]

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        patient_save(patient=obj, expected_version=form.cleaned_data.get("loaded_version"))

    def has_cohort_permission(self, request) -> bool:
        return request.user.has_perm("screening.change_cohort")

    @admin.action(description=_("Add selected patients to cohort…"), permissions=["cohort"])
    def add_to_cohort(self, request, queryset):
        """Intermediate page: choose the cohort, then add every selected (or every matching) patient."""
        return self._cohort_action(
            request,
            queryset,
            "add_to_cohort",
            cohort_add_patients,
            _("Add to cohort"),
            _("%(n)d patients added to %(cohort)s."),
        )

    @admin.action(description=_("Remove selected patients from cohort…"), permissions=["cohort"])
    def remove_from_cohort(self, request, queryset):
        return self._cohort_action(
            request,
            queryset,
            "remove_from_cohort",
            cohort_remove_patients,
            _("Remove from cohort"),
            _("%(n)d patients removed from %(cohort)s."),
        )

    def _cohort_action(self, request, queryset, action: str, service, button: str, done: str):
        """First post: the page choosing the cohort (carrying the selection); second post ("apply"): do it."""
        form = CohortChoiceForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            cohort = form.cleaned_data["cohort"]
            changed = service(cohort=cohort, patients=queryset)
            self.log_change(request, cohort, [{"changed": {"fields": ["patients"]}}])
            self.message_user(request, done % {"n": changed, "cohort": cohort}, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": button,
            "button": button,
            "form": form,
            "opts": self.model._meta,
            "count": queryset.count(),
            "action": action,
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/screening/patient/cohort_action.html", context)


def _category_column(code: str):
    """One list column per criteria set in the registry: the stored category as a coloured badge."""

    # The set's own name (as in the English literature) keeps five columns within 1366 px in either language.
    @admin.display(description=clinical_text.label(f"set.{code}", "en"))
    def column(self, visit: Visit):
        category = category_of(visit, code)
        if category is None:
            return "—"
        return format_html('<span class="cohort-badge cat-{}">{}</span>', category, category_label(code, category))

    column.__name__ = f"category_{code}"
    return column


class VoidedFilter(admin.SimpleListFilter):
    """Voided visits are left out of the list (as of every statistic) unless asked for, to be restored."""

    title = _("voided")
    parameter_name = "voided"

    def lookups(self, request, model_admin):
        return [("yes", _("Voided visits")), ("all", _("All visits, voided too"))]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(voided_at__isnull=False)
        if self.value() == "all":
            return queryset
        return queryset.filter(voided_at__isnull=True)

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["query_string"] == changelist.get_query_string(remove=[self.parameter_name]):
                choice["display"] = _("Not voided")
            yield choice


@admin.action(description=_("Restore selected voided visits"), permissions=["change"])
def restore_visits(modeladmin, request, queryset):
    """Staff restore voided visits (each versioned as read here; the audit history records who)."""
    restored = 0
    for visit in queryset.filter(voided_at__isnull=False):
        try:
            visit_restore(visit=visit, user=request.user, expected_version=visit.version)
        except (StaleEditError, VisitVoidError):
            continue
        restored += 1
    modeladmin.message_user(request, _("%(n)d visits restored.") % {"n": restored}, messages.SUCCESS)


@admin.register(Visit)
class VisitAdmin(VersionedAdmin):
    site_lookup = "patient__site"
    actions = [download_reports_zip, restore_visits]
    # Sized for a 1366 px screen beside the filters: who, when, where, and the category under each set;
    # the measurements are on the change page.
    list_display = ["patient_column", "sex_age", "visit_date", "site", *(f"category_{code}" for code in CRITERIA_SETS)]
    list_select_related = ["patient__site"]
    list_filter = [
        filters.VisitSiteFilter,
        "patient__sex",
        filters.AgeBandFilter,
        *filters.CATEGORY_FILTERS,
        "setting",
        ("visit_date", admin.DateFieldListFilter),
        filters.VisitCohortFilter,
        filters.MechanismLikelyFilter,
        VoidedFilter,
    ]
    search_fields = ["^patient__identifier", "patient__name"]
    raw_id_fields = ["patient", "clinician"]
    exclude = ["mechanisms", "results", "results_digest"]
    readonly_fields = [
        "rule_set_version",
        *CATEGORY_FIELDS.values(),
        "mechanisms_likely",
        "mechanisms_possible",
        "warnings",
        "version",
        "voided_at",
        "voided_by",
        "void_reason",
    ]
    paginator = CappedPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50

    def unscoped_queryset(self, request):
        """Voided visits too (`VoidedFilter` leaves them out of the list unless asked for), so staff can
        open, restore or delete them."""
        ordering = self.get_ordering(request)
        return Visit.all_objects.order_by(*ordering) if ordering else Visit.all_objects.all()

    def get_queryset(self, request):
        """The list reads categories from the visit row; the large JSON columns are never loaded."""
        return super().get_queryset(request).defer("results", "mechanisms")

    def get_changelist(self, request, **kwargs):
        return VisitChangeList

    def save_model(self, request, obj, form, change):
        """Through the service, so categories and mechanisms are recomputed with the edit."""
        obj._history_user = request.user
        visit_save(visit=obj, expected_version=form.cleaned_data.get("loaded_version"))

    def delete_model(self, request, obj):
        """Through the service, so the patient's first and latest visits are marked again."""
        visits_delete(visits=Visit.all_objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        """The bulk "delete selected" action, through the same service."""
        visits_delete(visits=Visit.all_objects.filter(pk__in=list(queryset.values_list("pk", flat=True))))

    @admin.display(description=_("patient"), ordering="patient__identifier")
    def patient_column(self, visit: Visit) -> str:
        voided = (
            format_html(' <span class="cohort-badge voided-badge">{}</span>', _("voided")) if visit.voided_at else ""
        )
        return format_html(
            '<span class="admin-patient">{}</span>{}<br><span class="admin-patient-name">{}</span>',
            visit.patient.identifier,
            voided,
            visit.patient.name,
        )

    @admin.display(description=_("sex, age"), ordering="patient__sex")
    def sex_age(self, visit: Visit) -> str:
        return f"{visit.patient.sex} · {visit.patient.age_on(visit.visit_date)}"

    @admin.display(description=_("site"), ordering="patient__site__name")
    def site(self, visit: Visit) -> str:
        return format_html('<span title="{}">{}</span>', visit.patient.site.name, visit.patient.site.code)


for _code in CRITERIA_SETS:  # the columns list_display names, one per set
    setattr(VisitAdmin, f"category_{_code}", _category_column(_code))


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    """Membership is managed from the patient list (actions), never as one form field: a cohort can hold
    tens of thousands of patients, and a staff member tied to sites sees only some of them."""

    list_display = ["name", "description", "members", "created_at"]
    search_fields = ["name"]
    exclude = ["patients"]
    readonly_fields = ["members"]

    def get_queryset(self, request):
        """Members counted among the patients the user may see."""
        visible = Q() if sees_every_site(request.user) else Q(patients__site__in=sites_for_user(request.user))
        return super().get_queryset(request).annotate(member_count=Count("patients", filter=visible, distinct=True))

    @admin.display(description=_("patients"), ordering="member_count")
    def members(self, cohort: Cohort):
        if cohort.pk is None:
            return 0
        url = reverse("admin:screening_patient_changelist") + "?" + urlencode({"cohort": str(cohort.pk)})
        return format_html('<a href="{}">{}</a>', url, getattr(cohort, "member_count", cohort.patients.count()))


class ReadOnlyAdmin(admin.ModelAdmin):
    """An audit trail: listed, filtered and searched, never added to, changed or deleted in the admin."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdmin):
    """Logins, failed logins, exports, imports and report downloads, with the resolved client address."""

    list_display = ["at", "username", "action", "target", "ip_address"]
    list_filter = ["action", ("at", admin.DateFieldListFilter)]
    search_fields = ["^username", "target", "ip_address"]
    date_hierarchy = "at"
    show_facets = admin.ShowFacets.NEVER


@admin.register(ReportPrint)
class ReportPrintAdmin(ReadOnlyAdmin, SiteScopedAdmin):
    """Every printed report: which document of which visit, language, fingerprint and rule-set version, by whom."""

    site_lookup = "visit__patient__site"
    list_display = ["printed_at", "visit", "document", "language", "rule_set_version", "printed_by", "fingerprint"]
    list_select_related = ["visit__patient", "printed_by"]
    list_filter = ["document", "language", "rule_set_version", ("printed_at", admin.DateFieldListFilter)]
    search_fields = ["^fingerprint"]
    show_facets = admin.ShowFacets.NEVER
