"""The professional's lists of clients, through the access policy: the clients of a list or
search, my cases, my justified accesses, the hand-over requests to me, and my follow-up tasks
about clients I still see — each client shown logged (only those shown: a page of 50 writes at
most 50 rows). The getters of single records are ``access.selectors``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from tukiverkko.access import policy
from tukiverkko.access.models import JustifiedAccess
from tukiverkko.access.selectors import JUSTIFIED, PAGE_SIZE, _deny, _log
from tukiverkko.accounts.roles import professional, works_with_clients
from tukiverkko.audit.actions import Reader
from tukiverkko.cases.models import Case, HandoverRequest
from tukiverkko.clients.models import Client
from tukiverkko.consent.content import disclosing
from tukiverkko.consent.models import Purpose
from tukiverkko.followup.models import Task
from tukiverkko.followup.selectors import TaskCounts, counts, open_tasks_of


def visible_clients(
    user: Reader, *, what: str, offset: int = 0, limit: int = PAGE_SIZE
) -> list[Client]:
    """One page of the clients of a list or search, each client shown logged. Lists are paged
    so that a read is logged for exactly the names that were shown."""
    limit = max(1, min(limit, 200))
    start = max(offset, 0)
    clients = list(
        policy.clients_visible_to(user).select_related("municipality")[start : start + limit]
    )
    for client in clients:
        _log(user, client.pk, what, "", "access.client_scope")
    return clients


@dataclass(frozen=True)
class CasePage:
    cases: list[Case]
    number: int
    pages: int
    total: int


def my_cases(
    user: Reader, *, page: int = 1, page_size: int = PAGE_SIZE, what: str = "my_clients"
) -> CasePage:
    """One page of the open cases where ``user`` is responsible or in the network; each case
    shown is logged (only those shown: a caseload of thousands does not write thousands)."""
    if not works_with_clients(user):
        return CasePage([], 1, 1, 0)
    qs = (
        Case.objects.open()
        .worked_on_by(user)
        .select_related("client", "responsible_worker")
        .order_by("client__last_name", "client__first_name", "pk")
    )
    total = qs.count()
    size = max(1, min(page_size, PAGE_SIZE))
    pages = max(1, -(-total // size))
    number = min(max(page, 1), pages)
    cases = list(qs[(number - 1) * size : number * size])
    for case in cases:
        basis = (
            "cases.responsible_worker"
            if case.responsible_worker_id == user.pk
            else "cases.network_member"
        )
        _log(user, case.client_id, what, "", basis)
    return CasePage(cases, number, pages, total)


def my_justified_accesses(user: Reader) -> list[JustifiedAccess]:
    """The professional's own justified accesses that have not ended (to end one early)."""
    if not works_with_clients(user):
        return []
    rows = list(JustifiedAccess.objects.active().filter(user=user).select_related("client"))
    for row in rows:
        _log(user, row.client_id, "justified_access_list", JUSTIFIED, "access.justified_access")
    return rows


def incoming_handovers(user: Reader) -> list[HandoverRequest]:
    """Pending requests addressed to ``user``; the client's name is shown to the receiver (of
    the case's organisation or network only: cases.actions)."""
    if not works_with_clients(user):
        return []
    reqs = list(
        HandoverRequest.objects.pending()
        .filter(to_worker=user)
        .select_related("case__client", "from_worker")
    )
    for req in reqs:
        _log(user, req.case.client_id, "handover_inbox", "", "cases.handover_request")
        # The reason is the requester's register's text: shown as the content filter allows.
        with disclosing(
            user, req.case.client_id, purpose=Purpose.INFORMATION_EXCHANGE, what="handover_inbox"
        ) as content:
            req.reason_visible = content.allows(req, kind="handover_reason")  # type: ignore[attr-defined]
    return reqs


# -- follow-up tasks (followup app): the owner's, about clients they still see ------------------


@dataclass(frozen=True)
class TaskPage:
    tasks: list[Task]
    number: int
    pages: int
    total: int


def _own_tasks(user: Reader) -> QuerySet[Task]:
    return open_tasks_of(getattr(user, "pk", 0) or 0, policy.client_id_scope(user))


def tasks_for(
    user: Reader, *, page: int = 1, page_size: int = PAGE_SIZE, what: str = "tasks"
) -> TaskPage:
    """One page of ``user``'s open tasks, overdue first, then by due date — only those about
    no client or about a client the access policy still lets them see. The client of each task
    shown is logged (a page of 50 writes at most 50 rows)."""
    if not professional(user):
        return TaskPage([], 1, 1, 0)
    qs = _own_tasks(user)
    total = qs.count()
    size = max(1, min(page_size, 200))
    pages = max(1, -(-total // size))
    number = min(max(page, 1), pages)
    tasks = list(qs[(number - 1) * size : number * size])
    for task in tasks:
        if task.client_id is not None:
            _log(user, task.client_id, what, "", "access.client_scope")
    return TaskPage(tasks, number, pages, total)


def open_task_counts(user: Reader) -> TaskCounts:
    """How many open tasks ``user`` has, and how many are overdue (for the navigation): one
    query, nothing of a client shown, nothing logged."""
    if not professional(user):
        return TaskCounts(0, 0)
    return counts(_own_tasks(user))


def _task(user: Reader, task_id: int, what: str) -> Task:
    """The task, if it is ``user``'s and its client is one they still see; else 404 (logged)."""
    task = Task.objects.filter(pk=task_id).select_related("client").first()
    visible = (
        task is not None
        and professional(user)
        and task.owner_id == user.pk
        and (task.client_id is None or policy.can_see_client(user, task.client_id))
    )
    if task is None or not visible:
        client_id = task.client_id if task is not None else None
        raise _deny(user, client_id, what, target="" if client_id else f"task:{task_id}")
    return task


def get_task(user: Reader, task_id: int, *, what: str) -> Task:
    task = _task(user, task_id, what)
    if task.client_id is not None:
        _log(user, task.client_id, what, "", "access.client_scope")
    return task


def get_task_for_change(user: Reader, task_id: int, *, what: str) -> Task:
    """Only the task's owner marks it done (the action writes its own event)."""
    return _task(user, task_id, what)
