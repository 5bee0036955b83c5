"""An imported visit shows where it came from, never names the importer as its clinician, and its unusual
values stay unconfirmed until a clinician of the site confirms them on the visit page."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from screening.models import Visit

pytestmark = pytest.mark.django_db

HEADER = "patient_id,sex,date_of_birth,visit_date,grip_strength_kg,height_cm"
# Height 134 cm is below the soft limit of 135 cm (criteria.md §8): a warning, not a refusal.
ROW = "P1,F,1945-02-01,2026-03-01,14.5,134"


@pytest.fixture
def imported(client, staff, site_a) -> Visit:
    client.force_login(staff)
    upload = SimpleUploadedFile("ward-3.csv", f"{HEADER}\n{ROW}\n".encode())
    response = client.post(reverse("screening:import_visits"), {"site": site_a.pk, "file": upload})
    client.post(reverse("screening:import_confirm"), {"token": response.context["token"]})
    client.logout()
    return Visit.objects.get()


def visit_page(client, user, visit) -> str:
    client.force_login(user)
    return html.unescape(
        client.get(reverse("screening:visit_detail", args=[visit.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_the_importer_is_recorded_as_such_and_not_as_clinician(imported, staff):
    assert imported.clinician is None and imported.imported_by == staff
    assert imported.import_file == "ward-3.csv" and imported.imported_at is not None
    assert imported.warnings and not imported.warnings_confirmed


def test_the_page_says_where_it_came_from_and_that_the_warnings_are_unconfirmed(client, clinician_a, imported, staff):
    page = visit_page(client, clinician_a, imported)
    day = timezone.localtime(imported.imported_at).strftime("%Y-%m-%d")
    assert f"Imported by {staff.username} from ward-3.csv on {day}" in page
    assert f"Clinician: {staff.username}" not in page
    assert "Unusual values confirmed by the clinician" not in page
    assert 'data-warnings="unconfirmed"' in page and "Confirm these values" in page


def test_a_clinician_of_the_site_confirms_them_and_the_history_says_who(client, clinician_a, imported):
    client.force_login(clinician_a)
    response = client.post(reverse("screening:visit_confirm", args=[imported.pk]))
    assert response.status_code == 302
    imported.refresh_from_db()
    assert imported.warnings_confirmed and imported.version == 2
    last = imported.history.order_by("-history_id").first()
    assert last.history_user == clinician_a and last.history_change_reason == "unusual values confirmed"
    assert 'data-warnings="confirmed"' in visit_page(client, clinician_a, imported)


def test_a_clinician_of_another_site_cannot_confirm(client, clinician_b, imported):
    client.force_login(clinician_b)
    assert client.post(reverse("screening:visit_confirm", args=[imported.pk])).status_code == 404
    imported.refresh_from_db()
    assert not imported.warnings_confirmed


def test_confirming_needs_a_post(client, clinician_a, imported):
    client.force_login(clinician_a)
    assert client.get(reverse("screening:visit_confirm", args=[imported.pk])).status_code == 405


def test_where_a_visit_came_from_leaves_its_report_fingerprint_alone(imported):
    """Existing prints stay verifiable: the import fields are bookkeeping, not content of the report."""
    from screening.reports.context import report_fingerprint

    visit = Visit.objects.select_related("patient__site", "clinician").get(pk=imported.pk)
    before = report_fingerprint(visit, "en")
    Visit.objects.filter(pk=visit.pk).update(imported_by=None, import_file="", imported_at=None)
    visit = Visit.objects.select_related("patient__site", "clinician").get(pk=imported.pk)
    assert report_fingerprint(visit, "en") == before
