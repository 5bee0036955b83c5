"""Helpers shared by the cohort-review tests (this module holds no tests).

Visits are written with their stored categories chosen by hand, so the aggregation tests check the
dashboard's arithmetic, not the engine's verdicts (the engine has its own tests).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache

from screening.models import Membership, Patient, Site, Visit
from screening.results.stored_results import CATEGORY_FIELDS
from screening.visits.services import visits_mark_ends

PASSWORD = "a-long-test-password-1"
REVIEW_PERMISSIONS = (
    "view_patient",
    "view_visit",
    "change_visit",
    "view_cohort",
    "change_cohort",
    "view_site",
    "view_membership",
    "view_historicalvisit",
    "view_historicalpatient",
)
NONE = {"ewgsop2": "no_sarcopenia", "awgs2019": "no_sarcopenia", "fnih": "no_sarcopenia", "sdoc": "no_sarcopenia"}


@pytest.fixture(autouse=True)
def fresh_cache():
    """Dashboard figures are cached; ids restart with each test's rollback, so start every test empty."""
    cache.clear()
    yield
    cache.clear()


def reviewer(username: str, *, sites: tuple[Site, ...] = (), superuser: bool = False) -> User:
    """A staff member with the cohort-review permissions, tied to `sites` (none: every site)."""
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, is_superuser=superuser)
    user.user_permissions.set(Permission.objects.filter(codename__in=REVIEW_PERMISSIONS))
    for site in sites:
        Membership.objects.create(user=user, site=site)
    return user


def patient(site: Site, identifier: str, *, sex: str = "F", born: date = date(1950, 6, 15), name: str = "") -> Patient:
    return Patient.objects.create(
        site=site, identifier=identifier, sex=sex, date_of_birth=born, name=name or f"Name of {identifier}"
    )


def visit(
    p: Patient, day: date, categories: dict[str, str] | None = None, *, to_complete: dict | None = None, **values
) -> Visit:
    """A visit with hand-chosen stored categories (default: no sarcopenia under every set), its patient's
    first and latest visits marked again."""
    values.setdefault("setting", p.site.default_setting)
    chosen = {**NONE, **(categories or {})}
    to_complete = {code: list((to_complete or {}).get(code, ())) for code in chosen}
    sets = {
        code: {
            "category": category,
            "to_complete": to_complete[code],
            "reason": "",
            "next_step": "",
            "notes": [],
            "case_finding": None,
            "components": [],
            "decisive": [],
        }
        for code, category in chosen.items()
    }
    made = Visit.objects.create(
        patient=p,
        visit_date=day,
        rule_set_version="test",
        results={"format": 2, "sources": [], "sets": sets},
        incomplete_sets=";".join(code for code in chosen if to_complete[code]),
        **{CATEGORY_FIELDS[code]: category for code, category in chosen.items()},
        **values,
    )
    visits_mark_ends(patient_ids=[p.pk])  # as every write path does (services)
    return made
