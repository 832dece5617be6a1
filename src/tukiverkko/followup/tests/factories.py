"""Worlds for the follow-up tests: a case with a plan whose review is a month on."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tukiverkko.accounts.models import User
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.tests.factories import a_case_in_phase, a_professional
from tukiverkko.followup.models import Task
from tukiverkko.plans.models import Plan
from tukiverkko.plans.tests.factories import a_plan_with_goals


def today() -> dt.date:
    return timezone.localdate()


def days(n: int) -> dt.date:
    return today() + dt.timedelta(days=n)


def a_worker(username: str | None = None, **kwargs: object) -> User:
    user = a_professional(username, **kwargs)  # type: ignore[arg-type]
    user.email = f"{user.username}@example.org"
    user.save(update_fields=["email"])
    return user


def a_planned_case(by: User, *, review_in: int = 30, **client: str) -> tuple[Case, Plan]:
    """A case in toteutus (follow-up agreed: ``by``) whose plan is reviewed ``review_in`` days on."""
    case = a_case_in_phase(Phase.IMPLEMENTATION, by, **client)
    plan = a_plan_with_goals(case, by=by)
    Plan.objects.filter(pk=plan.pk).update(next_review_on=days(review_in))
    plan.refresh_from_db()
    return case, plan


def open_tasks(**filters: object) -> list[Task]:
    return list(Task.objects.open().filter(**filters).order_by("pk"))
