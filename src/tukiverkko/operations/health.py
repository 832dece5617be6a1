"""What /healthz and /readyz answer for a load balancer.

``/healthz``: the process is up and serving (no database touched). ``/readyz``: this server
can do real work — the database answers, its migrations are all applied, and (where tasks are
queued in the database) a task worker has sent a heartbeat lately. 200 when ready, else 503
naming the failing check. Nothing in the answer names a host, a user or a password.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# A worker touches its heartbeat every HEARTBEAT_SECONDS; one not seen for STALE_SECONDS is
# taken for dead (a stuck process, a killed container).
HEARTBEAT_SECONDS = 5.0
STALE_SECONDS = 30.0
# Once the migrations are found applied, this process trusts that for a while: loading the
# migration graph costs tens of milliseconds, and a probe comes every few seconds.
_MIGRATIONS_TRUSTED_FOR = 60.0
_migrations_ok_until = 0.0


def uses_worker() -> bool:
    return str(settings.TASKS["default"]["BACKEND"]).startswith("django_tasks_db.")


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def migrations() -> str:
    global _migrations_ok_until
    if time.monotonic() < _migrations_ok_until:
        return "ok"
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return f"{len(plan)} not applied: run `tukiverkko migrate`"
    _migrations_ok_until = time.monotonic() + _MIGRATIONS_TRUSTED_FOR
    return "ok"


def _worker() -> str:
    from tukiverkko.operations.models import WorkerHeartbeat

    if not uses_worker():
        return "ok (tasks run at once, no worker needed)"
    fresh = WorkerHeartbeat.objects.filter(
        seen_at__gte=timezone.now() - timedelta(seconds=STALE_SECONDS)
    ).count()
    if fresh == 0:
        return f"no task worker has sent a heartbeat in {STALE_SECONDS:.0f} s: start `tukiverkko worker`"
    return f"ok ({fresh} alive)"


def readiness() -> tuple[bool, dict[str, Any]]:
    checks: dict[str, str] = {}
    for name, check in (("database", _database), ("migrations", migrations), ("worker", _worker)):
        try:
            checks[name] = check()
        except DatabaseError as exc:
            checks[name] = f"failed: {type(exc).__name__}"
        if not checks[name].startswith("ok"):
            break  # later checks need what this one found missing
    ready = len(checks) == 3 and all(v.startswith("ok") for v in checks.values())
    return ready, {"status": "ready" if ready else "not ready", "checks": checks}
