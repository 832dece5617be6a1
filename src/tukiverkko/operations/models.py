"""What the running service records about itself."""

from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """One row per running task worker, touched every few seconds: /readyz reads it."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.host} (pid {self.pid})"
