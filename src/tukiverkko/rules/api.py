"""/api/v1/rules/: the same rules as the ``recommend`` command, over HTTP.

POST /api/v1/rules/recommend with a ClientSituation (JSON) → a Recommendation (typed from
contracts/recommendation.schema.json), or 400 with a problem naming each bad field (api.errors).
Nothing is stored.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Router

from tukiverkko.api.errors import Problem, field_problem, invalid
from tukiverkko.contracts.recommendation import Recommendation
from tukiverkko.rules import labels
from tukiverkko.rules.definitions import RULES
from tukiverkko.rules.engine import recommend
from tukiverkko.rules.situation import SituationError, validate

router = Router(tags=["rules"])


@router.post(
    "/recommend", response={200: Recommendation, 400: Problem, 422: Problem}, exclude_unset=True
)
def recommend_endpoint(request: HttpRequest, situation: Body[dict[str, Any]]) -> dict[str, Any]:
    """Evaluate every service type's eligibility and the routes for one ClientSituation."""
    try:
        valid = validate(situation)
    except SituationError as exc:
        raise invalid(
            [
                field_problem(
                    e.field, e.code, e.reason, label=_(labels.FIELDS.get(e.field, e.field))
                )
                for e in exc.errors
            ],
            status=400,
        ) from exc
    return recommend(valid)


@router.get("/service-types", response=list[str])
def service_types(request: HttpRequest) -> list[str]:
    """The slugs of every service type the rules know."""
    return [rule.slug for rule in RULES]
