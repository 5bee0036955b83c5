"""Benchmark: take-home PDF reports (issue #5), in one process on a fresh SQLite database.

Usage: .venv/bin/python bench/bench_report.py [--reports 50] [--batch 100] [--lang zh-hans] [--workers N]
                                              [--prepare-only]
Prints: the median time of a report's database half (history, fingerprint, context and HTML of a freshly
loaded visit with three earlier visits: what the visit's read model serves; `--prepare-only` prints only
this, three rounds over the reports); the median time per report rendered by the app (database, context, HTML, WeasyPrint, cache
write) and its ratio to WeasyPrint rendering the same HTML with no app code (stylesheet inlined, no
fetcher); a cached download through the test client and through the function; a ZIP batch of 100
rendered by as many worker processes as `render_reports` starts by default (one per CPU, at most four),
with the CPU time it took in this process and in the workers, then the same ZIP again from the PDF
cache; peak RSS. Wall and CPU times are both shown: other work on the machine inflates wall time far
more than CPU time, so the load average is printed before and after.
Targets: median ≤ 1.0 s, ratio ≤ 1.3, cached ≤ 50 ms, batch of 100 ≤ 60 s, peak RSS < 400 MB.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(tmp: Path) -> None:
    os.environ.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "DJANGO_DEBUG": "false",
            "DJANGO_HTTPS": "false",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_SECRET_KEY": "bench-" + "q7w8e9" * 10,
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sarcopenia.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.VAR_DIR = tmp  # the PDF cache lives in var/reports-cache: keep the bench's apart
    # unhashed static names, as in the test suite: the report links css/report.css whether or not
    # `collectstatic` has written a manifest (WeasyPrint reads the file from disk either way)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)


def seed(patients: int) -> list:
    """Patients with four visits each, the latest with labs; returns the latest visits."""
    from django.contrib.auth.models import User

    from screening.models import Membership, Patient, Site, Visit
    from screening.visits.services import visit_save

    rng = random.Random(5)
    site = Site.objects.create(
        name="Bench 社区卫生服务中心", code="bench", population="asian", default_setting="community"
    )
    clinician = User.objects.create_user("bench-clinician", first_name="Wei", last_name="Li")
    Membership.objects.create(user=clinician, site=site)
    latest = []
    for i in range(patients):
        sex = "F" if i % 2 else "M"
        patient = Patient.objects.create(
            site=site,
            identifier=f"B{i:05d}",
            name=f"王秀英{i}" if i % 2 else f"李建国{i}",
            sex=sex,
            date_of_birth=date(1940 + i % 20, 1 + i % 12, 1 + i % 28),
        )
        for n in range(4):
            frail = n / 4 + rng.uniform(0, 0.3)
            labs = (
                {
                    "vitamin_d_25oh_ng_ml": round(rng.uniform(8, 35), 1),
                    "hs_crp_mg_l": round(rng.uniform(0.5, 8), 1),
                    "albumin_g_l": round(rng.uniform(30, 45), 1),
                    "mna_sf_score": rng.randint(5, 14),
                    "mvpa_min_week": rng.randint(0, 200),
                    "sarc_f_score": rng.randint(0, 8),
                }
                if n == 3
                else {}
            )
            visit = visit_save(
                visit=Visit(
                    patient=patient,
                    visit_date=date(2025, 1, 5) + timedelta(days=120 * n),
                    setting="community",
                    clinician=clinician,
                    height_cm=150 + i % 25,
                    weight_kg=48 + i % 20,
                    grip_strength_kg=round((30 if sex == "M" else 21) - 10 * frail, 1),
                    gait_speed_m_s=round(1.2 - 0.5 * frail, 2),
                    asm_kg=round(17 - 5 * frail, 1),
                    muscle_mass_method="DXA",
                    calf_circumference_cm=round(34 - 3 * frail, 1),
                    **labs,
                )
            )
        latest.append(visit)
    return [Visit.objects.select_related("patient__site", "clinician").get(pk=v.pk) for v in latest]


def inline_stylesheet(html: str) -> str:
    from screening.reports.pdf import static_path

    css = static_path("https://report.invalid/static/css/report.css").read_text(encoding="utf-8")
    link = '<link rel="stylesheet" href="/static/css/report.css">'
    assert link in html, "the print base template's stylesheet link changed"
    return html.replace(link, f"<style>{css}</style>")


def clear_cache() -> None:
    from screening.reports.cache import cache_dir

    shutil.rmtree(cache_dir(), ignore_errors=True)


def timed(fn) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def bench_renders(visits: list, lang: str) -> dict:
    """Each report: the app's full path, then bare WeasyPrint on the very same HTML, interleaved."""
    from weasyprint import HTML

    from screening.reports.context import build_context
    from screening.reports.html import render_html
    from screening.reports.service import visit_report

    app_wall, app_cpu, bare_wall, bare_cpu = [], [], [], []
    for visit in visits:
        wall, cpu, report = timed(lambda: visit_report(visit, lang))
        assert report.rendered
        app_wall.append(wall)
        app_cpu.append(cpu)
        html = inline_stylesheet(render_html(build_context(visit, lang)))
        wall, cpu, _pdf = timed(lambda: HTML(string=html).write_pdf())
        bare_wall.append(wall)
        bare_cpu.append(cpu)
    return {
        "app_wall": statistics.median(app_wall),
        "app_cpu": statistics.median(app_cpu),
        "bare_wall": statistics.median(bare_wall),
        "bare_cpu": statistics.median(bare_cpu),
        "ratio_wall": statistics.median(a / b for a, b in zip(app_wall, bare_wall)),
        "ratio_cpu": statistics.median(a / b for a, b in zip(app_cpu, bare_cpu)),
    }


def bench_prepare(visits: list, lang: str, rounds: int = 1) -> dict:
    """A report's database half without the PDF cache or WeasyPrint, on visits loaded afresh each time
    (nothing kept from an earlier read): the history query, the fingerprint, the context and the HTML."""
    from screening.models import Visit
    from screening.reports.context import build_context, report_fingerprint, report_visits
    from screening.reports.html import render_html

    walls, cpus = [], []
    for _round in range(rounds):
        for visit in visits:
            fresh = Visit.objects.select_related("patient__site", "clinician").get(pk=visit.pk)

            def prepare(fresh=fresh):
                history = report_visits(fresh)
                fingerprint = report_fingerprint(fresh, lang, history)
                return render_html(build_context(fresh, lang, history=history, fingerprint=fingerprint))

            wall, cpu, _html = timed(prepare)
            walls.append(wall)
            cpus.append(cpu)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "count": len(walls)}


def bench_cached(visit, lang: str, runs: int = 20) -> tuple[float, float]:
    """A repeat download of an unchanged visit: through the test client (all middleware) and directly."""
    from django.test import Client
    from django.urls import reverse

    from screening.reports.service import visit_report

    client = Client()
    client.force_login(visit.clinician)
    url = reverse("screening:report_pdf", args=[visit.pk]) + f"?lang={lang}"
    first = client.get(url).content
    via_client, direct = [], []
    for _ in range(runs):
        wall, _cpu, response = timed(lambda: client.get(url))
        assert response.content == first
        via_client.append(wall)
        wall, _cpu, report = timed(lambda: visit_report(visit, lang))
        assert not report.rendered and report.pdf == first
        direct.append(wall)
    return statistics.median(via_client), statistics.median(direct)


class WorkerPeak:
    """Samples the worker processes' peak RSS (VmHWM) while the batch runs; ru_maxrss cannot tell
    spawned workers apart from the parent they were forked from."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            for child in multiprocessing.active_children():
                try:
                    status = Path(f"/proc/{child.pid}/status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        self.peak_kb = max(self.peak_kb, int(line.split()[1]))

    def __enter__(self) -> WorkerPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def bench_batch(lang: str, count: int, out: Path, workers: int) -> dict:
    """As `render_reports` does it: one ZIP, PDFs rendered by `workers` processes; returns wall time and
    the CPU seconds of this process and of the workers (counted once they have exited)."""
    from screening.models import Visit
    from screening.reports.batch import reports_zip_stream

    visits = Visit.objects.order_by("-visit_date", "patient__identifier")[:count]
    ids = list(visits.values_list("pk", flat=True))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, cpu = time.perf_counter(), time.process_time()
    with out.open("wb") as stream:
        for chunk in reports_zip_stream(Visit.objects.filter(pk__in=ids), lang, workers=workers):
            stream.write(chunk)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall": time.perf_counter() - wall,
        "count": len(ids),
        "main_cpu": time.process_time() - cpu,
        "workers_cpu": (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--lang", default="zh-hans", choices=("zh-hans", "en"))
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="batch rendering processes (default: as render_reports, one per CPU, at most 4)",
    )
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="only the database half of each report (no WeasyPrint), three rounds",
    )
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        setup_django(tmp)
        latest = seed(max(args.reports, args.batch // 4 + 1) + 1)
        from screening.reports.service import visit_report

        if args.prepare_only:
            bench_prepare(latest[:5], args.lang)  # warm-up: template loading
            prepared = bench_prepare(latest[: args.reports], args.lang, rounds=3)
            print(
                f"report database half (history, fingerprint, context, HTML), median of {prepared['count']}: "
                f"{prepared['wall'] * 1000:.1f} ms wall  {prepared['cpu'] * 1000:.1f} ms CPU; load average "
                f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
            )
            return
        visit_report(latest[-1], args.lang)  # warm-up: fontconfig, the CJK font, template loading
        prepared = bench_prepare(latest[: args.reports], args.lang)
        renders = bench_renders(latest[: args.reports], args.lang)
        via_client, direct = bench_cached(latest[0], args.lang)
        clear_cache()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # warm-up + app + bare renders
        from screening.reports.batch import default_workers

        workers = args.workers or default_workers(args.batch)
        with WorkerPeak() as workers_peak:
            batch = bench_batch(args.lang, args.batch, tmp / "reports.zip", workers)
        cached_batch = bench_batch(args.lang, args.batch, tmp / "reports-again.zip", workers)
        batch_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker_peak_mb = workers_peak.peak_kb / 1024
    load = os.getloadavg()[0]
    print(
        f"reports rendered: {args.reports} ({args.lang}), one process; load average {load_before:.1f} before, "
        f"{load:.1f} after, on {os.cpu_count()} CPUs"
    )
    print(
        f"median database half:           {prepared['wall'] * 1000:7.1f} ms wall  "
        f"{prepared['cpu'] * 1000:7.1f} ms CPU   (history, fingerprint, context, HTML)"
    )
    print(
        f"median per report (app):        {renders['app_wall'] * 1000:7.0f} ms wall  "
        f"{renders['app_cpu'] * 1000:7.0f} ms CPU   target ≤ 1000 ms"
    )
    print(
        f"median per report (WeasyPrint): {renders['bare_wall'] * 1000:7.0f} ms wall  "
        f"{renders['bare_cpu'] * 1000:7.0f} ms CPU"
    )
    print(
        f"ratio app / WeasyPrint:         {renders['ratio_wall']:7.2f} wall     "
        f"{renders['ratio_cpu']:7.2f} CPU      target ≤ 1.3 (median of per-report ratios)"
    )
    print(
        f"cached download:                {via_client * 1000:7.1f} ms (test client)  "
        f"{direct * 1000:.1f} ms (function)   target ≤ 50 ms"
    )
    print(
        f"batch ZIP of {batch['count']}:              {batch['wall']:7.1f} s with {workers} worker processes    "
        f"target ≤ 60 s"
    )
    print(
        f"  CPU: {batch['main_cpu']:.1f} s in this process, {batch['workers_cpu']:.1f} s in the workers; "
        f"the same ZIP again, from the cache: {cached_batch['wall']:.1f} s"
    )
    print(
        f"peak RSS, one process, {2 * args.reports + 1} reports rendered in it: {peak_mb:5.0f} MB     target < 400 MB"
    )
    print(f"peak RSS during the batch: main {batch_peak_mb:.0f} MB, largest worker {worker_peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
