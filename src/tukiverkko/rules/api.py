"""/api/v1/rules/: the same rules as the ``recommend`` command, over HTTP.

POST /api/v1/rules/recommend with a ClientSituation (JSON) → a Recommendation, or 400 with
``{"errors": [{"field", "code", "reason"}]}``. Nothing is stored.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Body, Router, Status

from tukiverkko.rules.definitions import RULES
from tukiverkko.rules.engine import recommend
from tukiverkko.rules.situation import SituationError, validate

router = Router(tags=["rules"])


@router.post("/recommend", response={200: dict[str, Any], 400: dict[str, Any]})
def recommend_endpoint(
    request: HttpRequest, situation: Body[dict[str, Any]]
) -> Status[dict[str, Any]]:
    """Evaluate every service type's eligibility and the routes for one ClientSituation."""
    try:
        valid = validate(situation)
    except SituationError as exc:
        errors = [{"field": e.field, "code": e.code, "reason": e.reason} for e in exc.errors]
        return Status(400, {"errors": errors})
    return Status(200, recommend(valid))


@router.get("/service-types", response=list[str])
def service_types(request: HttpRequest) -> list[str]:
    """The slugs of every service type the rules know."""
    return [rule.slug for rule in RULES]
