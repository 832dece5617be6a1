"""tukiverkko worker — django-tasks' database worker, with a heartbeat that /readyz reads."""

from __future__ import annotations

import os
from typing import Any

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

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
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
