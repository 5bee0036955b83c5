"""The access log: one call per logged event, plus the login signals that feed it."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from screening.accounts.client_ip import client_ip
from screening.models import AccessEvent


def _ip(request: HttpRequest | None) -> str | None:
    """The client address resolved through the trusted proxies (the one axes locks out on)."""
    return client_ip(request) if request is not None else None


def log_access(request: HttpRequest | None, action: str, target: str = "", user=None) -> None:
    user = user if user is not None else getattr(request, "user", None)
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    AccessEvent.objects.create(
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        action=action,
        target=target[:200],
        ip_address=_ip(request),
    )


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs) -> None:
    log_access(request, "login", user=user)


@receiver(user_logged_out)
def _on_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        log_access(request, "logout", user=user)


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    AccessEvent.objects.create(
        username=str(credentials.get("username", ""))[:150], action="login_failed", ip_address=_ip(request)
    )
