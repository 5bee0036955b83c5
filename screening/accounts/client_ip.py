"""The client's address: what axes keys its lockouts on and what the access log records.

Without trusted proxies it is REMOTE_ADDR. Behind N trusted proxies (settings.TRUSTED_PROXY_COUNT, from
DJANGO_TRUSTED_PROXIES) each proxy appends the address it received the request from to X-Forwarded-For,
so the client is the N-th address from the right; anything further left was sent by the client and is
never trusted. A header shorter than N, or not an address, falls back to REMOTE_ADDR (the nearest proxy).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The resolved client address (AXES_CLIENT_IP_CALLABLE points here)."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return _address(hops[-proxies]) or remote
    return remote
