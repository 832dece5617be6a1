"""gunicorn's worker hook keeps full garbage collections off the request path."""

from __future__ import annotations

import gc

from tukiverkko.operations import gunicorn_conf


def test_a_worker_freezes_what_start_up_made_and_collects_fully_less_often():
    # given a process with start-up objects tracked by the collector
    before = gc.get_threshold()
    kept = [[i] for i in range(1000)]
    try:
        # when gunicorn calls the hook after loading the application
        gunicorn_conf.post_worker_init(worker=None)
        # then those objects are frozen out of later collections, and gen 2 waits longer
        assert gc.get_freeze_count() >= len(kept)
        assert gc.get_threshold() == gunicorn_conf.GC_THRESHOLDS
        assert gc.get_threshold()[2] > before[2]
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
