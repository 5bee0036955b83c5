"""Admin list filters for cohort review: each filters in the database and offers only what the user may see.

Site choices come from the user's sites, so a staff member tied to site A never sees site B named.
Category filters test each set's stored category column on the visit (indexed), so they combine freely.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from screening.clinical import text
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.clinical.mechanisms import KNOWLEDGE
from screening.cohort.aggregates import contains_id, flagged_mechanisms
from screening.cohort.bands import AGE_BAND_CHOICES, in_age_band
from screening.cohort.dashboard import lang
from screening.cohort.tables import display_order
from screening.models import Cohort
from screening.results.stored_results import CATEGORY_FIELDS
from screening.selectors import sites_for_user


class SiteFilter(admin.SimpleListFilter):
    """Sites the user may see; `site_lookup` is the path from the listed model to its site."""

    title = _("site")
    parameter_name = "site"
    site_lookup = "site"

    def lookups(self, request, model_admin):
        return [(str(site.pk), site.name) for site in sites_for_user(request.user)]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() in {key for key, _label in self.lookup_choices}:
            return queryset.filter(**{f"{self.site_lookup}__pk": self.value()})
        return queryset


class VisitSiteFilter(SiteFilter):
    site_lookup = "patient__site"


class AgeBandFilter(admin.SimpleListFilter):
    """Age at the visit, computed in the database from the birth and visit dates."""

    title = _("age at visit")
    parameter_name = "age_band"

    def lookups(self, request, model_admin):
        return AGE_BAND_CHOICES

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        return in_age_band(queryset, self.value()) if self.value() in dict(AGE_BAND_CHOICES) else queryset


class CohortFilter(admin.SimpleListFilter):
    title = _("cohort")
    parameter_name = "cohort"
    cohort_lookup = "cohorts"

    def lookups(self, request, model_admin):
        return [(str(pk), name) for pk, name in Cohort.objects.values_list("pk", "name")]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() in {key for key, _label in self.lookup_choices}:
            return queryset.filter(**{f"{self.cohort_lookup}__pk": self.value()})
        return queryset


class VisitCohortFilter(CohortFilter):
    cohort_lookup = "patient__cohorts"


class MechanismLikelyFilter(admin.SimpleListFilter):
    title = _("mechanism likely")
    parameter_name = "mechanism"

    def lookups(self, request, model_admin):
        return [(m, KNOWLEDGE.mechanism(m).name[lang()]) for m in flagged_mechanisms()]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() in flagged_mechanisms():
            return queryset.filter(contains_id("mechanisms_likely", self.value()))
        return queryset


def _label(key: str) -> str:
    return text.label(key, lang())


lazy_label = lazy(_label, str)


def category_filter(code: str) -> type[admin.SimpleListFilter]:
    """A list filter on one criteria set's stored category (one class per set in the registry)."""

    class CategoryFilter(admin.SimpleListFilter):
        title = lazy_label(f"set.{code}")
        parameter_name = f"category_{code}"

        def lookups(self, request, model_admin):
            return [(c, _label(f"category.{code}.{c}")) for c in display_order(code)]

        def queryset(self, request, queryset: QuerySet) -> QuerySet:
            if self.value() not in CRITERIA_SETS[code].categories:
                return queryset
            return queryset.filter(**{CATEGORY_FIELDS[code]: self.value()})

    CategoryFilter.__name__ = CategoryFilter.__qualname__ = f"CategoryFilter_{code}"
    return CategoryFilter


CATEGORY_FILTERS = [category_filter(code) for code in CRITERIA_SETS]
