"""Admin list paging that stays fast on 250,000 visits: a capped count, no deep offsets, lean rows.

An exact COUNT(*) over the filtered visits is the slowest query of a changelist page, and pages
beyond the first few thousand rows are never read (filters or search narrow the list instead).
"""

from __future__ import annotations

from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows (SELECT COUNT(*) FROM (… LIMIT n)); `capped` says there are more."""

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: COUNT_CAP + 1].count()  # order is irrelevant to a count

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


class VisitChangeList(ChangeList):
    """The visit list never shows the stored mechanism report or notes: leave them in the database."""

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).defer("mechanisms", "notes")
