"""Benchmark: criteria-engine throughput, every shipped set per visit (`evaluate_all`), no Django.

Usage: .venv/bin/python bench/bench_engine.py [--visits 20000] [--repeat 5] [--seed 2026]
Builds varied visits (missing values, unable flags, both methods and settings, values at cut-offs),
evaluates them `--repeat` times, and prints the median visits per second. Target: ≥ 30,000 visits/s
with the five sets, so that rescreening a 100,000-visit cohort spends a few seconds in the engine.

Two clocks: CPU time of this process (what the engine costs; the target is judged on it) and wall
time (what a shared machine happened to give). On an idle machine they agree. Exits 1 below target
only with --check, so it can gate CI without making a slow machine fail a normal run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from screening.clinical import CRITERIA_SETS, Measurements, evaluate_all  # noqa: E402

TARGET_VISITS_PER_S = 30_000


def _maybe(rng: random.Random, present: float, value: Any) -> Any:
    return value if rng.random() < present else None


def _timed(rng: random.Random, present: float, low: float, high: float, places: int) -> tuple[Any, bool]:
    """A timed test: measured, not measured, or (5 %) unable to perform."""
    if rng.random() < 0.05:
        return None, True
    return _maybe(rng, present, round(rng.uniform(low, high), places)), False


def visit(rng: random.Random) -> Measurements:
    """One plausible visit; roughly the mix a community clinic and a ward record."""
    chair, chair_unable = _timed(rng, 0.6, 6.0, 25.0, 1)
    gait, gait_unable = _timed(rng, 0.5, 0.3, 1.5, 2)
    tug, tug_unable = _timed(rng, 0.2, 6.0, 30.0, 1)
    walk, walk_unable = _timed(rng, 0.05, 250.0, 500.0, 0)
    derived_gait = gait is None and not gait_unable and rng.random() < 0.5
    return Measurements(
        sex=rng.choice(("M", "F", "M", "F", "M", "F", "M", "F", "M", None)),
        age_years=rng.randint(45, 95),
        setting=rng.choice(("community", "hospital")),
        height_cm=_maybe(rng, 0.85, round(rng.uniform(145.0, 185.0), 1)),
        weight_kg=_maybe(rng, 0.85, round(rng.uniform(40.0, 95.0), 1)),
        calf_circumference_cm=_maybe(rng, 0.6, round(rng.uniform(26.0, 40.0), 1)),
        grip_strength_kg=_maybe(rng, 0.9, round(rng.uniform(8.0, 45.0), 1)),
        chair_stand_5x_s=chair,
        chair_stand_unable=chair_unable,
        asm_kg=_maybe(rng, 0.5, round(rng.uniform(10.0, 28.0), 1)),
        asmi_kg_m2=_maybe(rng, 0.2, round(rng.uniform(4.5, 9.0), 2)),
        muscle_mass_method=rng.choice(("DXA", "BIA", "BIA", None)),
        gait_speed_m_s=gait,
        gait_distance_m=rng.choice((4.0, 6.0)) if derived_gait else None,
        gait_time_s=round(rng.uniform(3.0, 15.0), 2) if derived_gait else None,
        gait_unable=gait_unable,
        sppb_score=_maybe(rng, 0.3, rng.randint(0, 12)),
        tug_s=tug,
        tug_unable=tug_unable,
        walk_400m_s=walk,
        walk_400m_unable=walk_unable,
        sarc_f_score=_maybe(rng, 0.6, rng.randint(0, 10)),
        clinical_suspicion=rng.random() < 0.2,
        mobility=rng.choice((None, "independent", "independent", "limited", "bed_or_chair_bound")),
        hospitalised_last_90d=rng.choice((None, False, False, True)),
        dysphagia=rng.choice((None, False, False, True)),
        perceived_weakness=rng.choice((None, False, True)),
        weight_loss_kg_6mo=_maybe(rng, 0.2, round(rng.uniform(0.0, 6.0), 1)),
        weight_loss_pct_6mo=_maybe(rng, 0.2, round(rng.uniform(0.0, 10.0), 1)),
        conditions=rng.choice((None, frozenset(), frozenset({"diabetes"}), frozenset({"copd", "ckd"}))),
        finger_ring_test=rng.choice((None, None, "bigger", "just_fits", "smaller")),
    )


def run_once(visits: list[Measurements]) -> tuple[float, float]:
    """Visits per second for one pass over every visit: (by CPU time, by wall time)."""
    cpu, wall = time.process_time(), time.perf_counter()
    for m in visits:
        evaluate_all(m)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return len(visits) / cpu, len(visits) / wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--check", action="store_true", help="exit 1 when the median is below target")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    visits = [visit(rng) for _ in range(args.visits)]
    runs = [run_once(visits) for _ in range(args.repeat)]
    median = statistics.median(cpu for cpu, _ in runs)
    print(f"engine: {args.visits:,} visits x {args.repeat} runs, {len(CRITERIA_SETS)} criteria sets per visit")
    print(f"runs, CPU (visits/s):  {', '.join(f'{cpu:,.0f}' for cpu, _ in runs)}")
    print(f"runs, wall (visits/s): {', '.join(f'{wall:,.0f}' for _, wall in runs)}")
    verdict = "meets" if median >= TARGET_VISITS_PER_S else "BELOW"
    print(
        f"median: {median:,.0f} visits/s by CPU time ({verdict} target {TARGET_VISITS_PER_S:,} visits/s); "
        f"{statistics.median(wall for _, wall in runs):,.0f} visits/s by wall time"
    )
    return 1 if args.check and median < TARGET_VISITS_PER_S else 0


if __name__ == "__main__":
    sys.exit(main())
