"""The whole plan as plain JSON: what a version keeps. Dates are ISO strings, related rows are
kept by id and by the name they then had (a renamed organisation does not rewrite history), and
every item keeps whose register its text belongs to, so that a later reader of the version sees
only what the content filter lets them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tukiverkko.plans.models import ExternalPlan, Goal, GoalReview, Plan, PlanAction

Snapshot = dict[str, Any]


def _day(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _source(item: Plan | Goal | GoalReview | PlanAction | ExternalPlan) -> list[Any]:
    return [item.source_organisation_id, item.source_register, item.source_category]


def _review(review: GoalReview) -> dict[str, Any]:
    return {
        "id": review.pk,
        "reviewed_on": _day(review.reviewed_on),
        "attainment": review.attainment,
        "note": review.note,
        "by": str(review.by),
        "source": _source(review),
    }


def _goal(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "text": goal.text,
        "indicator": goal.indicator,
        "target_on": _day(goal.target_on),
        "status": goal.status,
        "visible_to_client": goal.visible_to_client,
        "source": _source(goal),
        "reviews": [_review(r) for r in goal.reviews.select_related("by")],
    }


def _action(action: PlanAction) -> dict[str, Any]:
    return {
        "id": action.pk,
        "text": action.text,
        "service": action.service_label,
        "service_type_id": action.service_type_id,
        "service_id": action.service_id,
        "responsible": action.responsible,
        "responsible_who": action.responsible_label,
        "responsible_user_id": action.responsible_user_id,
        "responsible_organisation_id": action.responsible_organisation_id,
        "starts_on": _day(action.starts_on),
        "ends_on": _day(action.ends_on),
        "status": action.status,
        "visible_to_client": action.visible_to_client,
        "source": _source(action),
        # the client's own word from the portal, when they have given one
        **({"client_comment": action.client_comment} if action.client_comment else {}),
    }


def _external(row: ExternalPlan) -> dict[str, Any]:
    return {
        "id": row.pk,
        "kind": row.kind,
        "owner": row.owner,
        "owner_organisation_id": row.owner_organisation_id,
        "dated_on": _day(row.dated_on),
        "source": _source(row),
    }


def snapshot(plan: Plan) -> Snapshot:
    return {
        "plan": {
            "client_goal": plan.client_goal,
            "mode": plan.mode,
            "mediated_consent_on": _day(plan.mediated_consent_on),
            "mediated_consent_channel": plan.mediated_consent_channel,
            "companion": plan.companion,
            "companion_user_id": plan.companion_user_id,
            "next_review_on": _day(plan.next_review_on),
            "agreed_at": _day(plan.agreed_at),
            "agreed_by": str(plan.agreed_by) if plan.agreed_by_id else "",
            "source": _source(plan),
        },
        "goals": [_goal(g) for g in plan.goals.all()],
        "actions": [
            _action(a)
            for a in plan.actions.select_related(
                "service", "service_type", "responsible_user", "responsible_organisation"
            )
        ],
        "external_plans": [
            _external(e) for e in plan.external_plans.select_related("owner_organisation")
        ],
    }
