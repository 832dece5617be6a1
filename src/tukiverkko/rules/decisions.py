"""Every outcome the rules take for one situation, keyed — what ``next_questions`` compares
before and after trying an answer, and what the engine reports per service."""

from __future__ import annotations

from typing import Any

from tukiverkko.rules.definitions import NEEDS_ASSESSMENT, RULES, ServiceRule
from tukiverkko.rules.expr import Context, evaluate, kleene_and
from tukiverkko.rules.routes import HEALTH_CARE_ROUTE, VOCATIONAL_REHABILITATION, walk


def status_of(rule: ServiceRule, met: list[bool | None], available: bool) -> str:
    if not available:
        return "not_available"
    return {True: "eligible", False: "not_eligible", None: "unknown"}[kleene_and(met)]


def decisions(ctx: Context) -> dict[str, Any]:
    """Every outcome the rules take, keyed (for next_questions to compare)."""
    out: dict[str, Any] = {
        rule.slug: status_of(
            rule,
            [evaluate(rule.met, ctx)],
            ctx.parameters.available(rule.slug, ctx.reference_date),
        )
        for rule in RULES
    }
    out["needs_assessment"] = evaluate(NEEDS_ASSESSMENT, ctx)
    out["vocational_rehabilitation"] = walk(VOCATIONAL_REHABILITATION, ctx)[0]
    out["health_care_route"] = walk(HEALTH_CARE_ROUTE, ctx)[0]
    return out
