"""Read models of the plan: what the plan page, its panel on the client page, the printout and
the API all render.

The caller has authorised the client (access.selectors). Every goal, action, review note, the
client's own goal and the other plans are their writer's register's content: another register
sees them only through the content filter (consent.content), which logs each disclosure. A
version's items keep whose content they were, so the diff between two versions is filtered the
same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tukiverkko.accounts.actors import Professional
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.selectors import Shown
from tukiverkko.consent.content import Filtered, disclosing
from tukiverkko.consent.models import Purpose
from tukiverkko.plans.diff import PlanDiff, diff_versions
from tukiverkko.plans.enums import ExternalPlanKind
from tukiverkko.plans.models import ExternalPlan, Goal, GoalReview, Plan, PlanAction, PlanVersion

__all__ = [
    "ClientPlan",
    "GoalView",
    "PlanDiff",
    "PlanView",
    "client_plan",
    "plan_diff",
    "plan_of",
    "plan_view",
    "versions_of",
]


def plan_of(case: Case) -> Plan | None:
    return (
        Plan.objects.filter(case=case).select_related("case", "companion_user", "agreed_by").first()
    )


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    reviews: list[Shown[GoalReview]]

    # The goal's own content answers for it (consent.content.Content).
    @property
    def content_organisation_id(self) -> int | None:
        return self.goal.content_organisation_id

    @property
    def content_register(self) -> str:
        return self.goal.content_register

    @property
    def content_category(self) -> str:
        return self.goal.content_category

    @property
    def last_review(self) -> GoalReview | None:
        return self.reviews[-1].item if self.reviews else None


@dataclass(frozen=True)
class PlanView:
    """The plan of one case as a professional sees it, filtered for them."""

    case: Case
    plan: Plan | None
    purpose: Purpose
    client_goal_visible: bool = False
    goals: Filtered[GoalView] = field(default_factory=lambda: Filtered([], 0))
    actions: Filtered[PlanAction] = field(default_factory=lambda: Filtered([], 0))
    external_plans: Filtered[ExternalPlan] = field(default_factory=lambda: Filtered([], 0))
    latest_version: PlanVersion | None = None

    @property
    def read_only(self) -> bool:
        return self.case.phase == Phase.CLOSED

    @property
    def hidden(self) -> int:
        return self.goals.hidden + self.actions.hidden + self.external_plans.hidden


def plan_view(
    viewer: Professional,
    case: Case,
    *,
    purpose: Purpose = Purpose.INFORMATION_EXCHANGE,
    what: str = "plan",
) -> PlanView:
    plan = plan_of(case)
    if plan is None:
        return PlanView(case=case, plan=None, purpose=purpose)
    goals = list(plan.goals.prefetch_related("reviews__by"))
    with disclosing(viewer, case.client_id, purpose=purpose, what=what) as content:
        client_goal_visible = not plan.client_goal or content.allows(plan, kind="plan_client_goal")
        shown_goals = content.filter(goals, kind="plan_goal")
        goal_views = [
            GoalView(
                g,
                [
                    Shown(r, not r.note or content.allows(r, kind="plan_goal_review"))
                    for r in g.reviews.all()
                ],
            )
            for g in shown_goals.shown
        ]
        plan_actions = content.filter(
            plan.actions.select_related(
                "service", "service_type", "responsible_user", "responsible_organisation"
            ),
            kind="plan_action",
        )
        external = content.filter(
            plan.external_plans.select_related("owner_organisation"), kind="plan_external"
        )
    return PlanView(
        case=case,
        plan=plan,
        purpose=purpose,
        client_goal_visible=client_goal_visible,
        goals=Filtered(goal_views, shown_goals.hidden),
        actions=plan_actions,
        external_plans=external,
        latest_version=plan.versions.select_related("author").order_by("-number").first(),
    )


def versions_of(plan: Plan) -> list[PlanVersion]:
    """The plan's versions, newest first: their number, author, time and what made them (no
    content: the list discloses nothing)."""
    return list(plan.versions.select_related("author").defer("snapshot").order_by("-number"))


def plan_diff(
    viewer: Professional,
    plan: Plan,
    older: int,
    newer: int,
    *,
    purpose: Purpose = Purpose.INFORMATION_EXCHANGE,
) -> PlanDiff | None:
    """What changed between two versions of ``plan`` (by number, either order), per item and
    field, and who changed it; None when either number is not a version of the plan."""
    low, high = sorted((older, newer))
    steps = list(
        plan.versions.filter(number__gte=low, number__lte=high)
        .select_related("author")
        .order_by("number")
    )
    if not steps or steps[0].number != low or steps[-1].number != high:
        return None
    with disclosing(viewer, plan.case.client_id, purpose=purpose, what="plan_diff") as content:
        return diff_versions(steps, content)


@dataclass(frozen=True)
class ClientPlan:
    """What the client sees of their plan (the portal): only the items flagged for them."""

    plan: Plan
    goals: list[Goal]
    actions: list[PlanAction]


def client_plan(plan: Plan) -> ClientPlan:
    return ClientPlan(
        plan=plan,
        goals=list(plan.goals.filter(visible_to_client=True)),
        actions=list(
            plan.actions.filter(visible_to_client=True).select_related(
                "service", "service_type", "responsible_user", "responsible_organisation"
            )
        ),
    )


def facts_of_case(case: Case) -> dict[str, bool]:
    """For the rules: an activation plan or a TYM multi-professional employment plan referenced
    on the case's plan is in place (only what is known: nothing when none is referenced)."""
    kinds = set(
        ExternalPlan.objects.filter(plan__case=case).values_list("kind", flat=True).distinct()
    )
    facts: dict[str, bool] = {}
    if ExternalPlanKind.ACTIVATION in kinds:
        facts["activation_plan_in_place"] = True
    if ExternalPlanKind.TYM in kinds:
        facts["multisectoral_plan_in_place"] = True
    return facts
