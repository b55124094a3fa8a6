"""The speed-ups that shape the code: the collector is batched during an audit, and only then."""

from __future__ import annotations

import gc

from citecheck.speedups import batch_collection


def test_an_audit_runs_with_fewer_collections_and_leaves_the_collector_as_it_was() -> None:
    before = gc.get_threshold()
    with batch_collection():
        assert gc.get_threshold()[0] >= 50_000
        assert gc.get_freeze_count() > 0  # what was loaded before is out of the full collections
        during = gc.get_threshold()
    assert during != before
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_process_about_to_end_may_leave_the_collector_batched() -> None:
    before = gc.get_threshold()
    try:
        with batch_collection(restore=False):
            pass
        assert gc.get_threshold()[0] >= 50_000
        assert gc.get_freeze_count() > 0
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
