"""A task worker's heartbeat: a thread that touches the worker's row while the process lives."""

from __future__ import annotations

import contextlib
import os
import socket
import threading

from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from tukiverkko.operations.health import HEARTBEAT_SECONDS
from tukiverkko.operations.models import WorkerHeartbeat


class Heartbeat:
    def __init__(self, worker_id: str, every: float = HEARTBEAT_SECONDS) -> None:
        self.worker_id = worker_id
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)
        self.started_at = timezone.now()

    def start(self) -> None:
        self.beat()  # the first beat before any task runs: /readyz turns ready at once
        self._thread.start()

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "host": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": self.started_at,
                "seen_at": timezone.now(),
            },
        )

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            close_old_connections()
            try:
                self.beat()
            except DatabaseError:
                # A database away for a moment: the next beat tries again, and /readyz
                # reports the worker stale meanwhile, which is the truth.
                connection.close()
        connection.close()

    def stop(self) -> None:
        """On a clean exit the row goes: a stopped worker is not reported alive for 30 s."""
        self._stop.set()
        with contextlib.suppress(DatabaseError):
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
