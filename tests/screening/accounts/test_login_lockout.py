"""Login lockout per username and per username+address, and the client address behind trusted proxies."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from screening.models import AccessEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str, **meta):
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def test_failures_with_made_up_usernames_never_lock_out_the_address(client, clinician_a, settings):
    for n in range(settings.AXES_FAILURE_LIMIT + 2):
        _login(client, f"nobody-{n}", "wrong-password", REMOTE_ADDR="198.51.100.7")
    response = _login(Client(), "clin-a", PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302


def test_a_username_is_locked_out_from_every_address(clinician_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), "clin-a", "wrong-password", REMOTE_ADDR="198.51.100.7")
    assert _login(Client(), "clin-a", PASSWORD, REMOTE_ADDR="203.0.113.20").status_code == 429


def test_lockout_is_counted_per_username_and_per_username_and_address(settings):
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", ["username", "ip_address"]]


def test_behind_trusted_proxies_the_access_log_records_the_client(client, clinician_a, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _login(client, "clin-a", PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert AccessEvent.objects.get(action="login").ip_address == "203.0.113.9"


def test_users_behind_one_proxy_are_told_apart_by_their_address(clinician_a, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), "staff", "wrong", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    response = _login(Client(), "clin-a", PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert response.status_code == 302
    failed = AccessEvent.objects.filter(action="login_failed")
    assert set(failed.values_list("ip_address", flat=True)) == {"203.0.113.9"}


class _Request:
    def __init__(self, remote: str, forwarded: str | None = None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "client"),
    [
        (0, "203.0.113.9", "6.6.6.6", "203.0.113.9"),  # no proxy trusted: the header is the client's own
        (1, "10.0.0.2", "203.0.113.9", "203.0.113.9"),
        (1, "10.0.0.2", "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged entry left of the proxy's is ignored
        (2, "10.0.0.3", "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "10.0.0.3", "203.0.113.9", "10.0.0.3"),  # fewer hops than proxies: the nearest proxy
        (1, "10.0.0.2", "not-an-address", "10.0.0.2"),
        (1, "10.0.0.2", None, "10.0.0.2"),
        (1, "10.0.0.2", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_it_resolves_the_client_through_the_trusted_proxies(settings, proxies, remote, forwarded, client):
    from screening.accounts.client_ip import client_ip

    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(_Request(remote, forwarded)) == client


def test_axes_uses_the_same_resolution(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "screening.accounts.client_ip.client_ip"
