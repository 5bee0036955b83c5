"""Per-request wiring: the user's preferred language, and idle sessions that expire cheaply."""

import time

from django.conf import settings
from django.utils.cache import patch_cache_control


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.session.get("preferred_language")
        if language in dict(settings.LANGUAGES):
            request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = language
        return self.get_response(request)


class SessionActivityMiddleware:
    """Idle expiry with one session write a minute instead of one per request.

    A session expires SESSION_COOKIE_AGE after it was last saved. Saving it on every request
    (SESSION_SAVE_EVERY_REQUEST) costs a database write and commit for every page; marking it modified
    once SESSION_REFRESH_SECONDS have passed keeps the idle limit to within that margin. Placed after
    SessionMiddleware, so the session is saved (and the cookie renewed) on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.modified:
            now = int(time.time())
            if now - session.get("_active_at", 0) >= settings.SESSION_REFRESH_SECONDS:
                session["_active_at"] = now
        return response


class NoStoreMiddleware:
    """Every page and download a signed-in user receives may show patient data: `Cache-Control: no-store`
    keeps it out of the browser cache of a shared clinic computer (and out of any proxy's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
