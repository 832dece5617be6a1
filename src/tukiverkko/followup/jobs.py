"""The reminder job: every ``Due`` the apps declare (core.due) becomes one open task, and an
open task whose ``Due`` is gone is closed — the thing was done.

One run:
1. takes the lock — a ``ReminderRun`` row without ``finished_at`` (a unique constraint allows one;
   a run left unfinished for two hours is taken over);
2. asks every source (``core.due.sources()``) what is due today; a source that raises is logged
   and its tasks are left as they are;
3. compares with the open tasks, in memory: a new (kind, key) opens a task, a changed owner, due
   date, title or link updates it, a task no source gave any more is closed "resolved"; a
   (kind, key, due) that a professional marked done stays done, unless they marked it before
   its due date and it is still due after that date — then it reopens, once (decision 0321);
4. writes all of it in bulk in one transaction, mails each owner with something new once, and
   logs the run — counts in the ``ReminderRun`` row, one audit event for the run (decision
   0322: the system's tasks are not changes of a client's data; a professional's mark is).

Running twice gives the same tasks (idempotent); two runs at once: the second finds the lock and
does nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from tukiverkko.accounts.actors import SystemActor
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.core.due import Due, sources
from tukiverkko.followup.models import ClosedHow, ReminderRun, Status, Task
from tukiverkko.followup.notify import notify

log = logging.getLogger(__name__)

SYSTEM = SystemActor("followup.reminders")
STALE_AFTER = dt.timedelta(hours=2)
BATCH = 2000
Key = tuple[str, str]
FIELDS = ("owner_id", "due", "title", "url", "client_id", "source")


@dataclass
class Found:
    """What the sources say is due: (kind, key) → (source path, Due, title in Finnish)."""

    dues: dict[Key, tuple[str, Due, str]] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)


def collect(today: dt.date) -> Found:
    found = Found()
    with translation.override("fi"):
        for path, source in sources():
            try:
                items = list(source(today))
            except Exception:
                log.exception("followup: source %s failed", path)
                found.failed.append(path)
                continue
            for due in items:
                found.dues.setdefault((due.kind, due.key), (path, due, str(due.title)))
    return found


def _acquire(today: dt.date) -> ReminderRun | None:
    for _attempt in range(2):
        try:
            with transaction.atomic():
                return ReminderRun.objects.create(day=today)
        except IntegrityError:
            now = timezone.now()
            taken = ReminderRun.objects.filter(
                finished_at__isnull=True, started_at__lt=now - STALE_AFTER
            ).update(finished_at=now, error="left unfinished; taken over")
            if not taken:
                return None
    return None  # pragma: no cover — taken over, and at once taken again by another run


def _values(path: str, due: Due, title: str) -> dict[str, object]:
    return {
        "owner_id": due.owner_id,
        "due": due.due,
        "title": title,
        "url": due.url,
        "client_id": due.client_id,
        "source": path,
    }


def _chunks(items: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


@dataclass
class Work:
    """What the run will write."""

    new: list[Task] = field(default_factory=list)
    changed: list[Task] = field(default_factory=list)
    close: list[int] = field(default_factory=list)
    reopen: list[Task] = field(default_factory=list)
    notify: set[int] = field(default_factory=set)


def _marks(keys: list[Key]) -> dict[tuple[str, str, dt.date], list[Task]]:
    """The tasks professionals marked done, for these (kind, key)s."""
    by_kind: dict[str, list[str]] = {}
    for kind, key in keys:
        by_kind.setdefault(kind, []).append(key)
    found: dict[tuple[str, str, dt.date], list[Task]] = {}
    for kind, names in by_kind.items():
        for start in range(0, len(names), BATCH):
            rows = Task.objects.filter(
                kind=kind,
                key__in=names[start : start + BATCH],
                status=Status.DONE,
                closed_how=ClosedHow.MARKED,
            )
            for task in rows:
                found.setdefault((task.kind, task.key, task.due), []).append(task)
    return found


def compare(found: Found, today: dt.date) -> Work:
    out = Work()
    rows = Task.objects.open().values_list("pk", "kind", "key", *FIELDS)
    open_tasks = {(r[1], r[2]): r for r in rows}
    unseen: list[Key] = []
    for key, (path, due, title) in found.dues.items():
        row = open_tasks.get(key)
        if row is None:
            unseen.append(key)
            continue
        values = _values(path, due, title)
        if tuple(values.values()) != row[3:]:
            out.changed.append(Task(pk=row[0], **values))
            if due.owner_id != row[3]:
                out.notify.add(due.owner_id)
    failed = set(found.failed)
    out.close = [r[0] for k, r in open_tasks.items() if k not in found.dues and r[8] not in failed]
    marks = _marks(unseen)
    for key in unseen:
        path, due, title = found.dues[key]
        marked = marks.get((*key, due.due))
        if not marked:
            out.new.append(Task(kind=due.kind, key=due.key, **_values(path, due, title)))
            out.notify.add(due.owner_id)
            continue
        if any(t.reopened_at is not None for t in marked):
            continue  # reopened once already: the second mark holds
        early = [t for t in marked if t.closed_at and timezone.localdate(t.closed_at) < t.due]
        if early and today > due.due:
            task = early[0]
            for name, value in _values(path, due, title).items():
                setattr(task, name, value)
            out.reopen.append(task)
            out.notify.add(due.owner_id)
    return out


def write(work: Work) -> None:
    now = timezone.now()
    with transaction.atomic():
        Task.objects.bulk_create(work.new, batch_size=BATCH)
        Task.objects.bulk_update(work.changed, list(FIELDS), batch_size=BATCH)
        for pks in _chunks(work.close):
            Task.objects.filter(pk__in=pks, status=Status.OPEN).update(
                status=Status.DONE, closed_at=now, closed_how=ClosedHow.RESOLVED
            )
        for task in work.reopen:
            task.status, task.closed_at, task.closed_how, task.closed_by = (
                Status.OPEN,
                None,
                "",
                None,
            )
            task.reopened_at = now
        Task.objects.bulk_update(
            work.reopen,
            [*FIELDS, "status", "closed_at", "closed_how", "closed_by", "reopened_at"],
            batch_size=BATCH,
        )


def open_now(path: str, due: Due) -> Task:
    """Open the task for ``due`` at once, as the next run of ``path`` would (a revocation in the
    portal must not wait for the morning): the open task of the same thing is kept as it is,
    and the runs that follow keep or close it like any other."""
    with translation.override("fi"):  # the stored title is the Finnish msgid
        title = str(due.title)
    with transaction.atomic():
        task = Task.objects.filter(kind=due.kind, key=due.key, status=Status.OPEN).first()
        if task is not None:
            return task
        task = Task.objects.create(kind=due.kind, key=due.key, **_values(path, due, title))
    notify({due.owner_id})
    return task


def run_reminders(today: dt.date | None = None) -> ReminderRun | None:
    """One run (see the module); None when another run holds the lock."""
    day = today or timezone.localdate()
    run = _acquire(day)
    if run is None:
        log.info("followup: another reminder run is under way; this one did nothing")
        return None
    try:
        found = collect(day)
        work = compare(found, day)
        write(work)
        run.mails = notify(work.notify)
        run.dues, run.failed_sources = len(found.dues), found.failed
        run.opened, run.updated = len(work.new), len(work.changed)
        run.closed, run.reopened = len(work.close), len(work.reopen)
        run.ok = not found.failed
    except Exception as exc:
        run.error = repr(exc)[:2000]
        raise
    finally:
        run.finished_at = timezone.now()
        run.save()
        record_event(SYSTEM, None, EventType.REMINDERS_RUN, f"run:{run.pk}")
    log.info(
        "followup: reminder run %s: %s due, %s opened, %s updated, %s closed, %s reopened, "
        "%s mails%s",
        run.pk,
        run.dues,
        run.opened,
        run.updated,
        run.closed,
        run.reopened,
        run.mails,
        f"; failed sources: {', '.join(run.failed_sources)}" if run.failed_sources else "",
    )
    return run
