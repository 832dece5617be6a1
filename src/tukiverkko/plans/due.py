"""What of the plan is due (``followup_sources``, core.due): the plan's review, the follow-up
person's date (quick-guide step 7), kuntouttava työtoiminta's 24-month review and the review of
a job-coaching period. Each source is one or two queries over every open case (no per-case
query), for the reminder job at national size.

The rules (decision 0320):
- plan review: the plan's ``next_review_on``, from 14 days before, to the rinnallakulkija when
  they are in the client's network, else to the responsible worker;
  done when the review moves the date on;
- follow-up person: the case's ``follow_up_by`` (step 7 "kuka vastaa seurannasta") on the plan's
  review date itself, when they are not the responsible worker (who has the review task);
- kuntouttava työtoiminta (RULEBOOK §1.2, laki 189/2001): an action of that service type that
  has started and runs past 24 months is reviewed at 24 months — from 30 days before, to the
  action's professional or else the responsible worker; done when the action ends or is
  re-dated (a new period);
- job coaching (työhönvalmennus, the plan action; the ips app has its own for IPS periods):
  an action under way is reviewed every 3 months (RULEBOOK §11: the job-coaching team meets
  monthly, three-monthly at the least) — counted from its start or the plan's latest goal
  review, from 14 days before; done by a goal review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import cast

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _

from tukiverkko.cases.models import NetworkMember, Phase
from tukiverkko.core.due import Due
from tukiverkko.plans.checks import months_ahead
from tukiverkko.plans.enums import ActionStatus, Responsible
from tukiverkko.plans.models import GoalReview, Plan, PlanAction

REVIEW_NOTICE_DAYS = 14
KTT = "kuntouttava-tyotoiminta"
KTT_REVIEW_MONTHS = 24
KTT_NOTICE_DAYS = 30
JOB_COACHING = ("ips-tyohonvalmennus", "vammaispalvelujen-tyohonvalmennus")
JOB_COACHING_REVIEW_MONTHS = 3

UNDER_WAY = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


def plan_link() -> Callable[[int], str]:
    """The plan page of a case by id (one reverse, then string formatting: fast at 300,000)."""
    template = reverse("plans:detail", kwargs={"case_id": 1234567}).replace("1234567", "{}")
    return template.format


def plan_reviews(today: dt.date) -> Iterator[Due]:
    link = plan_link()
    # The rinnallakulkija takes the plan on with the client (seed 002): the review is theirs when
    # they are a current member of the client's network (so they see the client), else the
    # responsible worker's.
    walking = NetworkMember.objects.filter(
        case_id=OuterRef("case_id"), user_id=OuterRef("companion_user_id"), removed_at__isnull=True
    )
    rows = (
        Plan.objects.exclude(case__phase=Phase.CLOSED)
        .filter(next_review_on__lte=today + dt.timedelta(days=REVIEW_NOTICE_DAYS))
        .annotate(companion_walks=Exists(walking))
        .values_list(
            "pk",
            "case_id",
            "case__client_id",
            "case__responsible_worker_id",
            "next_review_on",
            "companion_user_id",
            "companion_walks",
        )
    )
    for pk, case_id, client_id, worker_id, on, companion_id, walks in rows:
        yield Due(
            kind="plan_review",
            key=f"plan:{pk}",
            owner_id=companion_id if walks else worker_id,
            due=cast(dt.date, on),  # filtered on: never None
            title=_("Suunnitelman arviointi erääntyy"),
            url=link(case_id),
            client_id=client_id,
        )


def follow_up_dates(today: dt.date) -> Iterator[Due]:
    link = plan_link()
    rows = (
        Plan.objects.exclude(case__phase=Phase.CLOSED)
        .filter(next_review_on__lte=today, case__follow_up_by__isnull=False)
        .exclude(case__follow_up_by=F("case__responsible_worker"))
        .values_list("case_id", "case__client_id", "case__follow_up_by_id", "next_review_on")
    )
    for case_id, client_id, person_id, on in rows:
        yield Due(
            kind="follow_up",
            key=f"case:{case_id}",
            owner_id=person_id,
            due=cast(dt.date, on),  # filtered on: never None
            title=_("Sovittu seuranta on tänään: arvioikaa tilanne yhdessä"),
            url=link(case_id),
            client_id=client_id,
        )


def _actions_of(slugs: tuple[str, ...]) -> Q:
    return Q(service_type__slug__in=slugs) | Q(service__service_type__slug__in=slugs)


def _owner(responsible: str, user_id: int | None, active: bool | None, worker_id: int) -> int:
    """The action's own professional while they are active, else the responsible worker."""
    if responsible == Responsible.PROFESSIONAL and user_id is not None and active:
        return user_id
    return worker_id


_ACTION_FIELDS = (
    "pk",
    "plan__case_id",
    "plan__case__client_id",
    "plan__case__responsible_worker_id",
    "responsible",
    "responsible_user_id",
    "responsible_user__is_active",
    "starts_on",
    "ends_on",
)


def ktt_reviews(today: dt.date) -> Iterator[Due]:
    link = plan_link()
    # Started on or before this day, the review (24 months on) is at most 30 days away.
    latest_start = months_ahead(today + dt.timedelta(days=KTT_NOTICE_DAYS), -KTT_REVIEW_MONTHS)
    rows = (
        PlanAction.objects.filter(_actions_of((KTT,)), status__in=UNDER_WAY)
        .exclude(plan__case__phase=Phase.CLOSED)
        .filter(starts_on__lte=latest_start)
        .values_list(*_ACTION_FIELDS)
    )
    for pk, case_id, client_id, worker_id, resp, user_id, active, starts, ends in rows:
        review = months_ahead(starts, KTT_REVIEW_MONTHS)
        if ends is not None and ends <= review:
            continue  # the period ends by its 24 months: nothing to review
        yield Due(
            kind="ktt_review",
            key=f"plan_action:{pk}",
            owner_id=_owner(resp, user_id, active, worker_id),
            due=review,
            title=_(
                "Kuntouttavan työtoiminnan jakso: suunnitelma arvioidaan 24 kuukauden kohdalla"
            ),
            url=link(case_id),
            client_id=client_id,
        )


def job_coaching_reviews(today: dt.date) -> Iterator[Due]:
    link = plan_link()
    last_review = GoalReview.objects.filter(goal__plan_id=OuterRef("plan_id")).order_by(
        "-reviewed_on"
    )
    rows = (
        PlanAction.objects.filter(_actions_of(JOB_COACHING))
        .filter(
            Q(status=ActionStatus.IN_PROGRESS)
            | Q(status=ActionStatus.PLANNED, starts_on__lte=today)
        )
        .exclude(plan__case__phase=Phase.CLOSED)
        .annotate(last_review=Subquery(last_review.values("reviewed_on")[:1]))
        .values_list(*_ACTION_FIELDS, "last_review", "plan__created_at")
    )
    notice = today + dt.timedelta(days=REVIEW_NOTICE_DAYS)
    for pk, case_id, client_id, worker_id, resp, user_id, active, starts, ends, last, made in rows:
        since = max((d for d in (starts, last) if d is not None), default=localdate(made))
        due = months_ahead(since, JOB_COACHING_REVIEW_MONTHS)
        if due > notice or (ends is not None and ends < due):
            continue
        yield Due(
            kind="job_coaching_review",
            key=f"plan_action:{pk}",
            owner_id=_owner(resp, user_id, active, worker_id),
            due=due,
            title=_("Työhönvalmennuksen jakso arvioidaan: kirjaa tavoitteiden arviointi"),
            url=link(case_id),
            client_id=client_id,
        )
