"""Shared fixtures: personas (clinician of site A, clinician of site B, staff admin) and a patient."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import settings as hypothesis_settings

# Shared, noisy machines: no per-example deadline; a fixed seed so CI runs are reproducible.
hypothesis_settings.register_profile("project", deadline=None, derandomize=True, print_blob=True)
hypothesis_settings.load_profile("project")

PASSWORD = "a-long-test-password-1"


@pytest.fixture(scope="session", autouse=True)
def plain_static_storage():
    """Pages link unhashed static names: the suite runs without `collectstatic`'s manifest.

    Production's hashed, compressed files (WhiteNoise) are tested under gunicorn in
    tests/e2e/test_production_static.py, after a real `collectstatic`.
    """
    from django.conf import settings

    if not settings.configured:  # tests/clinical run without Django (-p no:django)
        yield
        return
    from django.test import override_settings

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture
def site_a(db):
    from screening.models import Site

    # A site from before AWGS 2025: migration 0012 kept its AWGS 2019 primary set explicitly.
    return Site.objects.create(
        name="Site A", code="site-a", population="asian", default_setting="community", primary_set="awgs2019"
    )


@pytest.fixture
def site_b(db):
    from screening.models import Site

    return Site.objects.create(name="Site B", code="site-b", population="other", default_setting="hospital")


def _user(username, *, sites=(), staff=False):
    from django.contrib.auth.models import User

    from screening.models import Membership

    user = User.objects.create_user(username, password=PASSWORD, is_staff=staff)
    for site in sites:
        Membership.objects.create(user=user, site=site)
    return user


@pytest.fixture
def clinician_a(site_a):
    return _user("clin-a", sites=[site_a])


@pytest.fixture
def clinician_b(site_b):
    return _user("clin-b", sites=[site_b])


@pytest.fixture
def staff(db):
    return _user("staff", staff=True)


@pytest.fixture
def patient_a(site_a):
    from screening.models import Patient

    return Patient.objects.create(
        site=site_a, identifier="A-001", name="王秀英", sex="F", date_of_birth=date(1948, 3, 2)
    )


@pytest.fixture
def client_a(client, clinician_a):
    client.force_login(clinician_a)
    return client
