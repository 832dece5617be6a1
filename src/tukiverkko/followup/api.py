"""/api/v1/tasks/: the caller's follow-up tasks — the same selectors, action and access policy as
the pages (/tehtavat/). A task that is not the caller's, or whose client they no longer see,
answers 404; marking a task already done, 409."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from tukiverkko.access import lists
from tukiverkko.api.auth import caller, no_store, professional
from tukiverkko.api.errors import Problem, ProblemError, from_validation_error
from tukiverkko.core import limits
from tukiverkko.followup import actions
from tukiverkko.followup.models import Task
from tukiverkko.followup.selectors import title_of

router = Router(tags=["followup"], auth=professional)


class TaskOut(Schema):
    id: int
    kind: str
    title: str
    due: dt.date
    overdue: bool
    url: str
    client_id: int | None
    status: str
    closed_how: str


class TaskPageOut(Schema):
    count: int
    overdue: int
    page: int
    pages: int
    items: list[TaskOut]


class PageIn(Schema):
    page: int = Field(1, ge=1, le=100_000)


class DoneIn(Schema):
    note: str = Field(max_length=limits.REASON)


def _out(task: Task) -> dict[str, Any]:
    return {
        "id": task.pk,
        "kind": task.kind,
        "title": title_of(task),
        "due": task.due,
        "overdue": task.is_overdue,
        "url": task.url,
        "client_id": task.client_id,
        "status": task.status,
        "closed_how": task.closed_how,
    }


@router.get("/", response={200: TaskPageOut, 422: Problem})
@no_store
def list_tasks(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """My open tasks, overdue first, then by due date; 50 a page."""
    user = caller(request)
    found = lists.tasks_for(user, page=page.page, what="api:tasks")
    counts = lists.open_task_counts(user)
    return {
        "count": found.total,
        "overdue": counts.overdue,
        "page": found.number,
        "pages": found.pages,
        "items": [_out(t) for t in found.tasks],
    }


@router.get("/{task_id}", response={200: TaskOut, 404: Problem, 422: Problem})
@no_store
def task_detail(request: HttpRequest, task_id: int) -> dict[str, Any]:
    return _out(lists.get_task(caller(request), task_id, what="api:task"))


@router.post(
    "/{task_id}/done",
    response={200: TaskOut, 400: Problem, 404: Problem, 409: Problem, 422: Problem},
)
@no_store
def task_done(request: HttpRequest, task_id: int, body: DoneIn) -> dict[str, Any]:
    """Mark my task done with a note (how it was handled, or why it is not needed)."""
    user = caller(request)
    task = lists.get_task_for_change(user, task_id, what="api:task_done")
    try:
        done = actions.mark_done(task=task, by=user, note=body.note)
    except ValidationError as exc:
        if getattr(exc, "code", None) == "not_open":
            raise ProblemError(409, " ".join(exc.messages)) from exc
        raise from_validation_error(exc, labels={"note": "Huomio"}) from exc
    return _out(done)
