"""The dashboard's raw figures, computed in the database and kept in the cache for a few minutes.

The figures read each patient's marked latest and first visits (indexes), but filters on single visits
(setting, an upper date or age limit) still rank every filtered visit, so the figures of one filter set
are computed once and reused until the data change (a new result, visit or patient history row, or
cohort membership changes the cache key) or CACHE_SECONDS pass. Only language-free data is cached;
wording happens per request.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

from screening.cohort import aggregates
from screening.cohort.forms import CohortFilters
from screening.cohort.selectors import latest_is_marked, visits_filtered, whole_histories
from screening.models import Cohort, Patient, Visit, sees_every_site
from screening.selectors import sites_for_user

CACHE_SECONDS = 600


@dataclass(frozen=True)
class CohortFigures:
    counts: dict[str, int]
    cube: list[dict]  # latest visits by sex, age band, category per set
    mechanisms: dict[str, tuple[int, int]]  # mechanism id -> (likely, possible) at latest visits
    transitions: list[dict]  # first → latest category pairs per set, patients with ≥ 2 visits
    histograms: dict[str, dict[str, dict[int, int]]]  # measure -> sex -> bin -> patients
    computed_at: datetime


def compute_figures(*, user, filters: CohortFilters) -> CohortFigures:
    visits = visits_filtered(user=user, filters=filters)
    marked = latest_is_marked(filters)
    latest = aggregates.latest_figures(visits, marked=marked)
    return CohortFigures(
        counts=aggregates.cohort_counts(visits, patients=latest.patients if marked else None),
        cube=latest.cube,
        mechanisms=latest.mechanisms,
        transitions=aggregates.transition_cube(visits, whole=whole_histories(filters)),
        histograms=latest.histograms,
        computed_at=timezone.now(),
    )


def _data_stamp() -> list:
    """Newest row ids of what the figures read: any write since changes the stamp (each is an index lookup)."""
    sources = (
        (Visit, "updated_at"),
        (Visit.history.model, "history_id"),
        (Patient.history.model, "history_id"),
        (Cohort.patients.through, "id"),
    )
    return [model.objects.aggregate(newest=Max(field))["newest"] for model, field in sources]


def cache_key(*, user, filters: CohortFilters) -> str:
    scope = (
        "all" if sees_every_site(user) else sorted(str(pk) for pk in sites_for_user(user).values_list("pk", flat=True))
    )
    raw = json.dumps([scope, filters.as_query(), filters.matches_nothing, _data_stamp()], sort_keys=True, default=str)
    return "cohort-figures-v2:" + hashlib.sha256(raw.encode()).hexdigest()


def cohort_figures(*, user, filters: CohortFilters, refresh: bool = False) -> CohortFigures:
    """The figures for these filters as this user may see them; `refresh` recomputes them now."""
    key = cache_key(user=user, filters=filters)
    figures = None if refresh else cache.get(key)
    if figures is None:
        figures = compute_figures(user=user, filters=filters)
        cache.set(key, figures, CACHE_SECONDS)
    return figures
