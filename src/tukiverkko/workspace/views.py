"""The professional's start page (/tyopoyta/): my clients, my tasks (overdue first), my unit's
referral inbox, my upcoming meetings and the hand-over requests to me — on one page, each row
through the same logged getters and selectors as its own page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods

from tukiverkko.access import lists
from tukiverkko.access import selectors as access
from tukiverkko.accounts.decorators import client_data, professional_of
from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import works_with_clients
from tukiverkko.followup.models import Task
from tukiverkko.followup.selectors import counts, title_of
from tukiverkko.portal import actions as portal_actions
from tukiverkko.portal.codes import VALID_FOR
from tukiverkko.referrals import selectors as referrals
from tukiverkko.teams.selectors import my_upcoming_meetings
from tukiverkko.workspace.selectors import waiting

SHOWN = 10  # rows per section; each section links to its full page


@client_data
@require_http_methods(["GET"])
def start(request: HttpRequest) -> HttpResponse:
    user = professional_of(request)
    tasks = lists.tasks_for(user, page_size=SHOWN, what="start_page")
    mine = lists.my_cases(user, page=1, page_size=SHOWN, what="start_page")
    inbox = referrals.inbox(user, page_size=SHOWN, what="start_page_inbox")
    return render(
        request,
        "workspace/start.html",
        {
            "tasks": [(t, title_of(t)) for t in tasks.tasks],
            "task_total": tasks.total,
            "task_counts": lists.open_task_counts(user),
            "cases": mine.cases[:SHOWN],
            "case_total": mine.total,
            "inbox": inbox.rows[:SHOWN],
            "inbox_total": inbox.total,
            "waiting": waiting(user),
            "meetings": my_upcoming_meetings(user),
            "incoming": lists.incoming_handovers(user),
        },
    )


@client_data
@require_http_methods(["POST"])
def portal_code(request: HttpRequest, client_id: int) -> HttpResponse:
    """A one-time code for the client's own view (Oma Tukiverkko), shown once: the client
    logs in with it on their own device — or here, beside the professional (assisted use)."""
    user = professional_of(request)
    client = access.get_client_for_change(user, client_id, what="portal_code")
    row, code = portal_actions.issue_login_code(client=client, by=user)
    return render(
        request,
        "workspace/portal_code.html",
        {
            "client": client,
            "code": code,
            "expires_at": row.expires_at,
            "minutes": int(VALID_FOR.total_seconds() // 60),
        },
    )


def _counts(user: User) -> dict[str, int]:
    # The owner's open tasks counted by their index alone: not narrowed by the access policy
    # like the lists are (a client no longer seen still counts until the reminder job moves or
    # closes the task) — a count shows nothing of a client, and this runs on every page
    # (1.5 ms instead of 20 ms at national size; docs/performance.md).
    tasks = counts(Task.objects.open().of(user.pk))
    ready = waiting(user)
    return {
        "tasks": tasks.open,
        "overdue": tasks.overdue,
        "inbox": ready.inbox,
        "total": tasks.open + ready.inbox + ready.handovers,
    }


def nav_counts(request: HttpRequest) -> dict[str, Any]:
    """Context processor: the navigation's counts (open and overdue tasks, referrals and
    hand-overs waiting), counted only when a page's navigation shows them, once per request;
    nothing of a client shown, nothing logged."""
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not works_with_clients(user):
        return {}
    return {"nav_counts": SimpleLazyObject(lambda: _counts(user))}
