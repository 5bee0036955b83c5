"""Demo data: 2 sites, a clinician per site, an admin, and patients with 1–4 visits each.

Idempotent: patients are keyed by identifier, so running it again adds nothing. `--patients N`
makes a larger cohort (batched bulk inserts) for benchmarks.
"""

from __future__ import annotations

import os
import random

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from screening import demo
from screening.models import CriteriaResult, Membership, Patient, Site, Visit
from screening.services import screen
from screening.validation import validate_visit

SITES = [
    {"code": "bj-community", "name": "Beijing Community Health Centre 北京社区卫生服务中心", "population": "asian",
     "default_setting": "community"},
    {"code": "geri-ward", "name": "Geriatrics Ward 老年病房", "population": "other", "default_setting": "hospital"},
]
BATCH = 500


class Command(BaseCommand):
    help = "Create demo sites, users and patients with visits (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--patients", type=int, default=60)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, patients: int, seed: int, **options):
        sites = [Site.objects.update_or_create(code=s["code"], defaults=s)[0] for s in SITES]
        self._users(sites)
        existing = set(Patient.objects.filter(identifier__startswith="DEMO-").values_list("identifier", flat=True))
        rng = random.Random(seed)
        created = 0
        for start in range(0, patients, BATCH):
            created += self._batch(rng, sites, range(start, min(start + BATCH, patients)), existing)
        self.stdout.write(f"Demo data ready: {created} new patients ({len(existing)} already there).")

    def _users(self, sites: list[Site]) -> None:
        password = os.environ.get("DEMO_PASSWORD") or ("demo-password-2026" if settings.DEBUG else None)
        if password is None:
            raise CommandError("Set DEMO_PASSWORD to create demo users outside debug mode.")
        for username, site, staff in (("clinician-a", sites[0], False), ("clinician-b", sites[1], False),
                                      ("admin", None, True)):
            user, made = User.objects.get_or_create(username=username, defaults={"is_staff": staff,
                                                                                 "is_superuser": staff})
            if made:
                user.set_password(password)
                user.save()
            if site is not None:
                Membership.objects.get_or_create(user=user, site=site)

    @transaction.atomic
    def _batch(self, rng: random.Random, sites: list[Site], indices: range, existing: set[str]) -> int:
        clinicians = {s.pk: User.objects.filter(memberships__site=s).first() for s in sites}
        patients, visits = [], []
        for i in indices:
            person = demo.person(rng, i)
            site = sites[i % len(sites)]
            patient = Patient(site=site, identifier=f"DEMO-{i + 1:06d}", **person)
            frailty = rng.random()
            for n, day in enumerate(demo.visit_dates(rng, rng.randint(1, 4))):
                values = demo.visit_values(rng, patient.sex, min(1.0, frailty + 0.08 * n),
                                           incomplete=rng.random() < 0.15, unusual=rng.random() < 0.05)
                visits.append(self._visit(patient, site, clinicians[site.pk], day, values))
            if patient.identifier not in existing:
                patients.append(patient)
        wanted = {p.pk for p in patients}
        visits = [v for v in visits if v.patient.pk in wanted]
        Patient.objects.bulk_create(patients)
        results = [r for v in visits for r in screen(v)]
        Visit.objects.bulk_create(visits)
        CriteriaResult.objects.bulk_create(results)
        return len(patients)

    @staticmethod
    def _visit(patient: Patient, site: Site, clinician, day, values: dict) -> Visit:
        values["visit_date"] = day
        findings = validate_visit(values, sex=patient.sex, date_of_birth=patient.date_of_birth)
        if findings.errors:
            raise CommandError(f"demo generator made an invalid visit: {findings.errors}")
        values.pop("visit_date")
        warnings = [m for msgs in findings.warnings.values() for m in msgs]
        visit = Visit(patient=patient, visit_date=day, setting=site.default_setting, clinician=clinician,
                      warnings=warnings, warnings_confirmed=bool(warnings), **values)
        return visit
