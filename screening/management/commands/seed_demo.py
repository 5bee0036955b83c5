"""Demo data: 2 sites, a clinician per site, an admin, and patients with 1–4 visits each.

Idempotent: patients are keyed by identifier, so running it again adds nothing. `--patients N`
makes a larger cohort for benchmarks: chunks of 500 patients are generated and screened in worker
processes (`--jobs`) while this process inserts the previous chunk, so 100,000 patients (about
250,000 visits) take minutes, not an hour. Each chunk has its own seeded generator, so the data
depend on the seed alone, never on the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction
from tqdm import tqdm

from screening.catalogue.adapters import measurements_for_visit
from screening.catalogue.validation import validate_visit
from screening.models import Membership, Patient, Site, Visit
from screening.ops import demo
from screening.results import bulk, stored_results

SITES = [
    {
        "code": "bj-community",
        "name": "Beijing Community Health Centre 北京社区卫生服务中心",
        "population": "asian",
        "default_setting": "community",
    },
    {"code": "geri-ward", "name": "Geriatrics Ward 老年病房", "population": "other", "default_setting": "hospital"},
]
BATCH = 500


@dataclass(frozen=True)
class Plan:
    """What every chunk needs; handed to worker processes once, when they start."""

    seed: int
    sites: tuple[Site, ...]
    clinicians: dict  # site pk -> User or None
    existing: frozenset[str]


@dataclass
class Chunk:
    """One chunk's rows, already converted to database parameters, ready for executemany."""

    patients: list[tuple]
    visits: list[tuple]


class Command(BaseCommand):
    help = "Create demo sites, users and patients with visits (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--patients", type=int, default=60)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--jobs", type=int, default=0, help="worker processes (default: CPUs, for big runs)")

    def handle(self, *args, patients: int, seed: int, jobs: int, **options):
        sites = tuple(Site.objects.update_or_create(code=s["code"], defaults=s)[0] for s in SITES)
        self._users(sites)
        existing = frozenset(
            Patient.objects.filter(identifier__startswith="DEMO-").values_list("identifier", flat=True)
        )
        clinicians = {s.pk: User.objects.filter(memberships__site=s).first() for s in sites}
        plan = Plan(seed, sites, clinicians, existing)
        starts = range(0, patients, BATCH)
        jobs = jobs or (min(4, os.cpu_count() or 1) if len(starts) > 2 else 1)
        created = 0
        with tqdm(total=patients, unit="patient", disable=patients <= BATCH, file=self.stderr) as bar:
            for start, chunk in zip(starts, _chunks(plan, [(s, min(s + BATCH, patients)) for s in starts], jobs)):
                _insert(chunk)
                created += len(chunk.patients)
                bar.update(min(BATCH, patients - start))
        if created:
            bulk.refresh_statistics(Patient, Visit)
        self.stdout.write(f"Demo data ready: {created} new patients ({len(existing)} already there).")

    def _users(self, sites: tuple[Site, ...]) -> None:
        password = os.environ.get("DEMO_PASSWORD") or ("demo-password-2026" if settings.DEBUG else None)
        if password is None:
            raise CommandError("Set DEMO_PASSWORD to create demo users outside debug mode.")
        for username, site, staff in (
            ("clinician-a", sites[0], False),
            ("clinician-b", sites[1], False),
            ("admin", None, True),
        ):
            user, made = User.objects.get_or_create(
                username=username, defaults={"is_staff": staff, "is_superuser": staff}
            )
            if made:
                user.set_password(password)
                user.save()
            if site is not None:
                Membership.objects.get_or_create(user=user, site=site)


_PLAN: Plan | None = None


def _init_worker(plan: Plan) -> None:
    global _PLAN
    _PLAN = plan


def _build_in_worker(bounds: tuple[int, int]) -> Chunk:
    assert _PLAN is not None  # nosec B101 # type narrowing, not a check: set by _init_worker in every worker
    return build_chunk(_PLAN, *bounds)


def _chunks(plan: Plan, bounds: list[tuple[int, int]], jobs: int) -> Iterator[Chunk]:
    """Chunks in order; with jobs > 1 workers build the next chunks while the caller inserts."""
    if jobs <= 1:
        yield from (build_chunk(plan, start, stop) for start, stop in bounds)
        return
    connections.close_all()  # a forked child must not share the parent's database socket
    with multiprocessing.get_context("fork").Pool(jobs, _init_worker, (plan,)) as pool:
        yield from pool.imap(_build_in_worker, bounds)


def build_chunk(plan: Plan, start: int, stop: int) -> Chunk:
    """Patients start..stop-1 with their visits and screened results (no database access)."""
    rng = random.Random(f"{plan.seed}:{start}")  # nosec B311 # reproducible demo data, not a secret
    patients, visits = [], []
    for i in range(start, stop):
        site = plan.sites[i % len(plan.sites)]
        patient = Patient(site=site, identifier=f"DEMO-{i + 1:06d}", **demo.person(rng, i))
        days = demo.visit_dates(rng, demo.visit_count(rng))
        usual = demo.body(rng, patient.sex, patient.age_on(days[0]))
        new = patient.identifier not in plan.existing
        for n, (day, frailty) in enumerate(zip(days, demo.frailty_course(rng, rng.random(), len(days)))):
            values = demo.visit_values(
                rng, patient.sex, frailty, incomplete=rng.random() < 0.15, unusual=rng.random() < 0.05, usual=usual
            )
            setting = demo.visit_setting(rng, site.default_setting)
            if new:
                visits.append(_visit(patient, site, plan.clinicians[site.pk], day, values, setting))
                # the dates are distinct and ascending, so the ends are plain (visits.services.visits_mark_ends agrees)
                visits[-1].is_first, visits[-1].is_latest = n == 0, n == len(days) - 1
        if new:
            patients.append(patient)
    for visit in visits:
        stored_results.apply(visit, stored_results.compute(measurements_for_visit(visit)), serialised=True)
    return Chunk(bulk.row_params(Patient, patients), bulk.row_params(Visit, visits))


def _visit(patient: Patient, site: Site, clinician, day, values: dict, setting: str) -> Visit:
    values["visit_date"] = day
    findings = validate_visit(values, sex=patient.sex, date_of_birth=patient.date_of_birth)
    if findings.errors:
        raise CommandError(f"demo generator made an invalid visit: {findings.errors}")
    values.pop("visit_date")
    warnings = [m for msgs in findings.warnings.values() for m in msgs]
    return Visit(
        patient=patient,
        visit_date=day,
        setting=setting,
        clinician=clinician,
        warnings=warnings,
        warnings_confirmed=bool(warnings),
        **values,
    )


def _insert(chunk: Chunk) -> None:
    """One chunk in one transaction (screening.results.bulk: executemany, no history rows, like bulk_create)."""
    with transaction.atomic():
        bulk.insert_rows(Patient, chunk.patients)
        bulk.insert_rows(Visit, chunk.visits)
