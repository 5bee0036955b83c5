"""Every page names its icon, and the icon is a static file the app serves."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_pages_link_the_favicon_and_it_exists(client, db):
    page = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    path = finders.find("favicon.svg")
    assert path and open(path, encoding="utf-8").read().startswith("<svg")
