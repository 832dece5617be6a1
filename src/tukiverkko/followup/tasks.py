"""The reminder job as a django-tasks task, and its schedule without cron.

``tukiverkko worker`` (which ``tukiverkko serve`` starts beside gunicorn) calls
``ensure_scheduled()`` when it starts: if no run is queued, one is queued for the next 06:00
Europe/Helsinki (django-tasks' ``run_after``). Each run queues the next when it ends. The
database backend holds the queue, so a restart loses nothing and a second worker finds the run
already queued; the job's own lock makes a run that still slips in twice harmless (decision
0324). In the tests the backend runs a task at once and cannot defer: nothing is scheduled.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from django_tasks import TaskResultStatus, task

from tukiverkko.followup import jobs

log = logging.getLogger(__name__)

HELSINKI = ZoneInfo("Europe/Helsinki")
AT = dt.time(6, 0)


def next_run(now: dt.datetime | None = None) -> dt.datetime:
    """The next 06:00 in Helsinki after ``now`` (summer time or not)."""
    local = (now or timezone.now()).astimezone(HELSINKI)
    day = local.date()
    if local.time() >= AT:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, AT, tzinfo=HELSINKI)


@task()
def run_reminders() -> dict[str, Any]:
    """One run of the reminder job (followup.jobs), then the next one queued."""
    try:
        run = jobs.run_reminders()
    finally:
        ensure_scheduled()
    if run is None:
        return {"skipped": "another run is under way"}
    return {
        "run": run.pk,
        "dues": run.dues,
        "opened": run.opened,
        "updated": run.updated,
        "closed": run.closed,
        "reopened": run.reopened,
        "mails": run.mails,
        "failed_sources": run.failed_sources,
    }


def _queued() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=run_reminders.module_path, status=TaskResultStatus.READY
    ).exists()


def ensure_scheduled(now: dt.datetime | None = None) -> dt.datetime | None:
    """Queue the next run unless one is queued; when it will run, or None (already queued, or
    a backend that cannot defer a task)."""
    backend = run_reminders.get_backend()
    if not backend.supports_defer or _queued():
        return None
    when = next_run(now)
    run_reminders.using(run_after=when).enqueue()
    log.info("followup: the next reminder run is queued for %s", when.isoformat())
    return when
