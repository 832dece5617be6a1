"""Plans in named states: a plan of a case in yhteinen suunnitelma with a goal and an action,
ready to be agreed (follow-up agreed, review date set)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tukiverkko.accounts.models import User
from tukiverkko.cases import actions as case_actions
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.tests.factories import a_case_in_phase
from tukiverkko.plans import actions
from tukiverkko.plans.actions import ActionData, GoalData, PlanFields
from tukiverkko.plans.models import Plan


def in_a_month() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=30)


def a_plan(case: Case | None = None, *, by: User, client_goal: str = "Pääsen töihin.") -> Plan:
    """Version 1: the client's goal, the division of work."""
    case = case or a_case_in_phase(Phase.JOINT_PLAN, by)
    return actions.create_plan(case=case, by=by, fields=PlanFields(client_goal=client_goal))


def a_plan_with_goals(case: Case | None = None, *, by: User) -> Plan:
    """Version 2: a goal, the client's own action and one of ``by``, a review date a month on."""
    plan = a_plan(case, by=by)
    actions.save_plan(
        plan=plan,
        by=by,
        expected_version=plan.version,
        fields=PlanFields(client_goal=plan.client_goal, next_review_on=in_a_month()),
        goals=[GoalData(text="Työkokeilu alkaa", indicator="sopimus allekirjoitettu")],
        actions=[
            ActionData(text="Hakee työkokeilupaikkaa"),
            ActionData(
                text="Soittaa työnantajalle", responsible="professional", responsible_user=by
            ),
        ],
    )
    plan.refresh_from_db()
    return plan


def ready_to_agree(by: User) -> Plan:
    """A plan with goals whose case has its follow-up agreed (quick-guide step 7)."""
    case = a_case_in_phase(Phase.JOINT_PLAN, by)
    case_actions.mark_checklist_step(
        case=case, step=7, by=by, expected_version=case.version, follow_up_by=by
    )
    case.refresh_from_db()
    return a_plan_with_goals(case, by=by)
