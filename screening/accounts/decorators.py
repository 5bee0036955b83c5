"""Who may open a view beyond being signed in (every page but login already needs that)."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def staff_required(view):
    """Staff only: a signed-in clinician gets 403, never a redirect to a login they already have."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
