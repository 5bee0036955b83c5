"""Every export leaves an access-log row; the access log and printed reports are read-only admin pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from screening.models import AccessEvent, ReportPrint
from tests.screening.cohort.cohort_support import patient, reviewer, visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client):
    user = reviewer("root", superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def two_visits(site_a, site_b):
    return visit(patient(site_a, "A-1"), date(2025, 1, 1)), visit(patient(site_b, "B-1"), date(2025, 2, 1))


def _download(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("url", "params", "target"),
    [
        ("cohort:export_csv", {}, "cohort.csv"),
        ("cohort:export_xlsx", {}, "cohort.xlsx"),
        ("cohort:export_csv", {"pseudonymise": "on", "sex": "F"}, "cohort.csv pseudonymised sex=F"),
        ("cohort:export_xlsx", {"pseudonymise": "on"}, "cohort.xlsx pseudonymised"),
        ("screening:export_visits", {}, "visits.csv site=all"),
    ],
)
def test_every_export_writes_an_access_log_row(client, root, two_visits, url, params, target):
    response = client.get(reverse(url), params, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 200
    _download(response)
    event = AccessEvent.objects.get(action="export")
    assert (event.user, event.target, event.ip_address) == (root, target, "203.0.113.5")


def test_the_report_zip_writes_an_access_log_row(client, root, patient_a):
    from screening.models import Visit
    from screening.visits.services import visit_save

    saved = visit_save(
        visit=Visit(
            patient=patient_a,
            visit_date=date(2026, 5, 1),
            setting="community",
            grip_right_1=15.0,
            grip_strength_kg=15.0,
        )
    )
    response = client.get(reverse("screening:reports_zip"), {"visit": [str(saved.pk)], "lang": "en"})
    _download(response)
    assert AccessEvent.objects.filter(action="report", user=root, target__startswith="zip visits=1").exists()


def test_the_access_log_is_a_read_only_admin_page_with_filters(client, root):
    AccessEvent.objects.create(username="clin-a", action="login", ip_address="203.0.113.5")
    AccessEvent.objects.create(username="staff", action="export", target="cohort.csv")
    listing = client.get(reverse("admin:screening_accessevent_changelist"), {"action__exact": "export"})
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "cohort.csv" in page and "203.0.113.5" not in page
    assert 'id="changelist-filter"' in page
    event = AccessEvent.objects.get(action="login", username="clin-a")
    assert client.get(reverse("admin:screening_accessevent_add")).status_code == 403
    change = reverse("admin:screening_accessevent_change", args=[event.pk])
    assert 'name="_save"' not in client.get(change).content.decode()
    client.post(change, {"username": "someone-else", "action": "logout"})
    client.post(reverse("admin:screening_accessevent_delete", args=[event.pk]), {"post": "yes"})
    event.refresh_from_db()
    assert (event.username, event.action) == ("clin-a", "login")


def test_printed_reports_are_a_read_only_admin_page_limited_to_the_staffs_sites(client, site_a, two_visits):
    for v in two_visits:
        ReportPrint.objects.create(
            visit=v, language="en", fingerprint=f"{v.patient.identifier:0<64}", rule_set_version="2026.1"
        )
    from django.contrib.auth.models import Permission

    user = reviewer("staff-a", sites=(site_a,))
    user.user_permissions.add(Permission.objects.get(codename="view_reportprint"))
    client.force_login(user)
    listing = client.get(reverse("admin:screening_reportprint_changelist"), {"language__exact": "en"})
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "A-1" in page and "B-1" not in page
    assert client.get(reverse("admin:screening_reportprint_add")).status_code == 403
