"""seed_demo builds two sites, three users and 60 patients with 1–4 visits, and is idempotent."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Count, Q

from screening.models import Patient, Site, Visit

pytestmark = pytest.mark.django_db


def test_it_creates_a_realistic_demo_and_adds_nothing_the_second_time(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-for-tests")
    call_command("seed_demo")
    counts = (Site.objects.count(), User.objects.count(), Patient.objects.count(), Visit.objects.count())
    assert counts[:3] == (2, 3, 60)
    per_patient = Patient.objects.annotate(n=Count("visits")).values_list("n", flat=True)
    assert min(per_patient) >= 1 and max(per_patient) <= 4
    assert not Visit.objects.filter(
        Q(ewgsop2_category="")
        | Q(awgs2019_category="")
        | Q(fnih_category="")
        | Q(sdoc_category="")
        | Q(results_digest="")
    ).exists()  # every visit screened
    assert Visit.objects.filter(asm_kg__isnull=True).exists()  # some incomplete visits
    assert Visit.objects.exclude(warnings=[]).exists()  # some soft-limit values
    names = "".join(Patient.objects.values_list("name", flat=True))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in names) and any(ch.isascii() and ch.isalpha() for ch in names)
    assert User.objects.get(username="admin").is_staff
    call_command("seed_demo")
    assert (Site.objects.count(), User.objects.count(), Patient.objects.count(), Visit.objects.count()) == counts


def test_it_refuses_to_invent_passwords_outside_debug(monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    with pytest.raises(CommandError):
        call_command("seed_demo", patients=1)


def test_the_demo_cohort_is_plausible_unique_and_has_trends(monkeypatch):
    """Demo data only: unique names, heights by sex within ±2.5 SD of older adults' means, both settings
    at each site, and follow-up patients whose grip strength improves or worsens over three or more visits."""
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-for-tests")
    call_command("seed_demo", patients=120)
    names = list(Patient.objects.values_list("name", flat=True))
    assert len(set(names)) == len(names) == 120
    for sex, low, high in (("M", 140, 181), ("F", 130, 168)):
        heights = Visit.objects.filter(patient__sex=sex).values_list("height_cm", flat=True)
        assert heights and all(low <= h <= high for h in heights), (sex, min(heights), max(heights))
    assert not Visit.objects.filter(height_cm__gt=200).exists() and not Visit.objects.filter(height_cm__lt=135).exists()
    for site in Site.objects.all():
        assert set(Visit.objects.filter(patient__site=site).values_list("setting", flat=True)) == {
            "community",
            "hospital",
        }
    trends = set()
    for patient in Patient.objects.annotate(n=Count("visits")).filter(n__gte=3):
        grips = [v.grip_strength_kg for v in patient.visits.order_by("visit_date") if v.grip_strength_kg]
        if len(grips) >= 3:
            trends.add("improving" if grips[-1] > grips[0] + 3 else "worsening" if grips[-1] < grips[0] - 3 else "flat")
    assert {"improving", "worsening"} <= trends
