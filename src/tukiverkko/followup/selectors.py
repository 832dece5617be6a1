"""Read models of follow-up, for the pages, the API and the start page. They do not ask the
access policy (this layer may not import it): ``tukiverkko.access.lists.tasks_for`` and
``open_task_counts`` narrow these to the clients the owner still sees, and log what is shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from tukiverkko.followup.models import Task


@dataclass(frozen=True)
class TaskCounts:
    open: int
    overdue: int


def open_tasks_of(owner_id: int, scope: Q) -> QuerySet[Task]:
    """The owner's open tasks that ``scope`` (a Q over the task's ``client_id``) lets through,
    plus those about no client; overdue first (the earliest due dates), then by due date."""
    return (
        Task.objects.open()
        .of(owner_id)
        .filter(Q(client_id__isnull=True) | scope)
        .select_related("client")
        .for_list()
    )


def counts(tasks: QuerySet[Task], today: dt.date | None = None) -> TaskCounts:
    """Open and overdue, in one query (the owner/status/due index)."""
    day = today or timezone.localdate()
    got = tasks.order_by().aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due__lt=day)))
    return TaskCounts(open=got["open"] or 0, overdue=got["overdue"] or 0)


def title_of(task: Task) -> str:
    """The task's sentence in the request's language (it is stored as its Finnish msgid)."""
    return gettext(task.title)
