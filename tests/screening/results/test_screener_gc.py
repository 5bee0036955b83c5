"""The screener collects cyclic garbage less often during a batch, and puts the collector back after."""

from __future__ import annotations

import gc

from screening.results.stored_results import Screener


def test_a_batch_raises_the_collection_threshold_and_restores_it_after():
    before = gc.get_threshold()
    with Screener(jobs=1):
        inside = gc.get_threshold()
    assert inside[0] >= Screener.GC_THRESHOLD and inside[1:] == before[1:]
    assert gc.get_threshold() == before


def test_the_threshold_is_restored_when_the_batch_fails():
    before = gc.get_threshold()
    try:
        with Screener(jobs=1):
            raise RuntimeError("a failed batch")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before
