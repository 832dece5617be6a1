"""tukiverkko worker — django-tasks' database worker, with a heartbeat that /readyz reads."""

from __future__ import annotations

import os
import signal
from types import FrameType
from typing import Any

from django.conf import settings
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from tukiverkko.audit.sequencer import SequencerThread
from tukiverkko.followup.tasks import ensure_scheduled
from tukiverkko.operations.heartbeat import Heartbeat


class Command(DbWorkerCommand):
    help = (
        "Run the background task worker (django-tasks, database backend) and keep its "
        "heartbeat for /readyz. `tukiverkko serve` starts one itself unless --no-worker."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        reloading_parent = options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if reloading_parent:  # the reloader's own process runs no tasks: no heartbeat
            super().handle(*args, **options)
            return
        heartbeat = Heartbeat(options["worker_id"])
        # Deferred audit sequencing (decision 0330): this worker chains what reads wrote.
        sequencer = SequencerThread() if settings.AUDIT_SEQUENCING == "deferred" else None
        # A stop that comes while the worker is still starting (before django-tasks installs
        # its own graceful handler) ends it through the finally below, so the heartbeat row
        # goes with it instead of staying behind as a stale worker.
        signal.signal(signal.SIGTERM, _stop_while_starting)
        try:
            heartbeat.start()
            if sequencer is not None:
                sequencer.start()
            # The daily reminder run is queued unless it already is (followup.tasks): the
            # schedule lives in the task queue, not in cron or the web process.
            ensure_scheduled()
            super().handle(*args, **options)
        finally:
            if sequencer is not None:
                sequencer.stop()
            heartbeat.stop()


def _stop_while_starting(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)
