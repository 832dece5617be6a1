"""One person: a ClientSituation in, a Recommendation (the contract's shape) out."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tukiverkko.rules import labels
from tukiverkko.rules.decisions import status_of
from tukiverkko.rules.definitions import NEEDS_ASSESSMENT, RULES, ServiceRule
from tukiverkko.rules.expr import Context, evaluate
from tukiverkko.rules.parameters import Parameters, default
from tukiverkko.rules.questions import next_questions
from tukiverkko.rules.routes import (
    HEALTH_CARE_ROUTE,
    SUPPLEMENTARY,
    VOCATIONAL_REHABILITATION,
    walk,
)
from tukiverkko.rules.situation import Situation
from tukiverkko.screening.instruments import tyokykymittari as mittari

_PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z_0-9]+)\}")


def render(text: str, day: dt.date, parameters: Parameters) -> str:
    """Fill ``{parameter.name}`` with the value valid on ``day`` (Finnish number format); a
    per-year value used for a later year says which year's value it is."""

    def fill(match: re.Match[str]) -> str:
        param = parameters.get(match.group(1))
        found = param.at(day)
        if found is None:
            return "?"
        shown = labels.fi_number(found.value)
        if param.is_extrapolated(day):
            shown += (
                f" (vuoden {found.valid_from.year} taso, uusin tiedossa oleva; "
                f"vuoden {day.year} arvoa ei ole tiedossa)"
            )
        elif param.per_year:
            shown += f" (vuoden {found.valid_from.year} taso)"
        return shown

    return _PLACEHOLDER.sub(fill, text)


def evaluate_service(rule: ServiceRule, ctx: Context) -> dict[str, Any]:
    met: list[bool | None] = [evaluate(c.expr, ctx) for c in rule.criteria]
    status = status_of(rule, met, ctx.parameters.available(rule.slug, ctx.reference_date))
    missing: list[str] = []
    if status == "unknown":
        for criterion, value in zip(rule.criteria, met, strict=True):
            if value is None:
                missing += [f for f in sorted(criterion.expr.fields()) if f not in ctx.situation]
    return {
        "service_type": rule.slug,
        "status": status,
        "criteria": [
            {
                "id": criterion.id,
                "met": value,
                "text": render(criterion.text, ctx.reference_date, ctx.parameters),
                "source": criterion.source,
            }
            for criterion, value in zip(rule.criteria, met, strict=True)
        ],
        "missing": list(dict.fromkeys(missing)),
        "requires": [
            r.id for r in rule.requires if r.field is None or ctx.situation.get(r.field) is not True
        ],
    }


def work_ability(ctx: Context) -> dict[str, Any]:
    """Work-ability score, triggers and the Heinola Työkykymittari flow (RULEBOOK §4).

    The flow itself is the screening app's (``screening.instruments.tyokykymittari``); a
    ClientSituation does not record the need it asks about (sick leave, rehabilitation, further
    investigation), so for a low score the flow's answer is "ask about the need". The rules add
    where the referral goes (the health-care route decision list) when the need is evident.
    """
    facts = ctx.situation
    score = facts.get("work_ability_score")
    needs = evaluate(NEEDS_ASSESSMENT, ctx)
    reasons: list[str] = []
    if score is not None:
        reasons += mittari.next_step(mittari.MittariAnswers(score=score)).reasons
    triggers = facts.get("triggers")
    if triggers:
        names = ", ".join(labels.VALUES["triggers"][t] for t in triggers)
        reasons.append(f"Herätteet: {names}.")
    if needs is None:
        reasons.append(
            "Kysy työkykypistemäärä 0–10 suhteessa työhön, jota asiakas tekee tai hakee, "
            "ja käy herätteet läpi."
        )
    elif not needs:
        if score is None:
            reasons.append("Ei tarvetta selvittelyille.")
    else:
        route, _ = walk(HEALTH_CARE_ROUTE, ctx)
        where = {
            "occupational_health_care": "ohjaa työterveyshuoltoon.",
            "student_health_care": "ohjaa opiskeluterveydenhuoltoon.",
            "unemployed_health_check": (
                "ohjaa työttömien terveydenhoitajalle ja/tai konsultoi työkykykoordinaattoria."
            ),
            "health_centre": "ohjaa terveysasemalle tai konsultoi työkykykoordinaattoria.",
        }
        if route is not None:
            reasons.append(
                "Jos tarve sairauslomalle, kuntoutukselle tai selvittelyille: " + where[route]
            )
        else:
            reasons.append(
                f"Selvitä ensin: {route_unknowns(ctx)} – sen mukaan ohjataan "
                "työterveyshuoltoon, opiskeluterveydenhuoltoon tai työttömien terveydenhoitajalle."
            )
        if facts.get("nurse_or_coordinator_assessment_done") is not True:
            reasons.append(mittari.NURSE_FIRST)
    return {"score": score, "needs_assessment": needs, "reasons": reasons}


def route_unknowns(ctx: Context) -> str:
    """The missing facts of the health-care route step that could not be decided."""
    _, path = walk(HEALTH_CARE_ROUTE, ctx)
    undecided = next(s for s in HEALTH_CARE_ROUTE.steps if f"{s.id}:unknown" in path)
    fields = sorted(f for f in undecided.condition.fields() if f not in ctx.situation)
    return ", ".join(labels.FIELDS[f].lower() for f in fields)


def routes(ctx: Context) -> dict[str, Any]:
    organiser, path = walk(VOCATIONAL_REHABILITATION, ctx)
    supplementary = [
        actor for actor in SUPPLEMENTARY if ctx.parameters.available(actor, ctx.reference_date)
    ]
    result: dict[str, Any] = {
        "vocational_rehabilitation": {
            "organiser": organiser,
            "supplementary": supplementary,
            "path": path,
        }
    }
    health, _ = walk(HEALTH_CARE_ROUTE, ctx)
    if health is not None:
        result["health_care_route"] = health
    return result


def recommend(situation: Situation, parameters: Parameters | None = None) -> dict[str, Any]:
    """The Recommendation for one validated situation."""
    ctx = Context(situation.facts, situation.reference_date, parameters or default())
    return {
        "reference_date": situation.reference_date.isoformat(),
        "work_ability": work_ability(ctx),
        "services": [evaluate_service(rule, ctx) for rule in RULES],
        "routes": routes(ctx),
        "next_questions": next_questions(ctx),
    }
