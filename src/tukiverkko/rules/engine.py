"""One person: a ClientSituation in, a Recommendation (the contract's shape) out.

Texts are Finnish by default (the CLI and the API); the page passes its ``gettext`` as
``translate`` and gets the same answer in Swedish or English.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from tukiverkko.rules import labels
from tukiverkko.rules.decisions import status_of
from tukiverkko.rules.definitions import NEEDS_ASSESSMENT, RULES, ServiceRule
from tukiverkko.rules.expr import Context, InScope, evaluate
from tukiverkko.rules.labels import Text, Translate, identity, t
from tukiverkko.rules.parameters import Parameters, default
from tukiverkko.rules.questions import next_questions
from tukiverkko.rules.routes import (
    HEALTH_CARE_ROUTE,
    SUPPLEMENTARY,
    VOCATIONAL_REHABILITATION,
    walk,
)
from tukiverkko.rules.situation import DERIVED, Situation
from tukiverkko.screening.instruments import tyokykymittari as mittari
from tukiverkko.screening.was import NEEDS_ASSESSMENT_MAX

_PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z_0-9]+)\}")
_ = labels.gettext_noop


def render(text: str, day: dt.date, parameters: Parameters, translate: Translate = identity) -> str:
    """Fill ``{parameter.name}`` with the value valid on ``day`` (Finnish number format); a
    per-year value used for a later year says which year's value it is."""

    def fill(match: re.Match[str]) -> str:
        param = parameters.get(match.group(1))
        found = param.at(day)
        if found is None or found.value is None:
            return "?"
        shown = labels.fi_number(found.value)
        if param.is_extrapolated(day):
            shown += " " + translate(
                _(
                    "(vuoden %(year)s taso, uusin tiedossa oleva; vuoden %(day)s arvoa ei ole tiedossa)"
                )
            ) % {"year": found.valid_from.year, "day": day.year}
        elif param.per_year:
            shown += " " + translate(_("(vuoden %(year)s taso)")) % {"year": found.valid_from.year}
        return shown

    return _PLACEHOLDER.sub(fill, translate(text))


def practice_of(rule: ServiceRule, ctx: Context) -> tuple[Any, bool]:
    """(the practice that applies or None for the national rule, whether it is determined)."""
    for practice in rule.practices:
        inside = evaluate(InScope(practice.scope), ctx)
        if inside is None:
            return None, False
        if inside:
            return practice, True
    return None, True


def _asked(field: str) -> str:
    return DERIVED.get(field, field)


def evaluate_service(
    rule: ServiceRule, ctx: Context, translate: Translate = identity, lang: str = "fi"
) -> dict[str, Any]:
    status = status_of(
        rule,
        [evaluate(rule.met, ctx)],
        ctx.parameters.available(rule.slug, ctx.reference_date),
    )
    practice, determined = practice_of(rule, ctx)
    criteria = practice.criteria if practice else rule.criteria
    requires = practice.requires if practice else rule.requires
    shown: list[dict[str, Any]] = []
    missing: list[str] = []
    for criterion in criteria:
        if criterion.when is not None and evaluate(criterion.when, ctx) is False:
            continue  # a dated change not in force on the reference date
        value = evaluate(criterion.expr, ctx)
        shown.append(
            {
                "id": criterion.id,
                "met": value,
                "text": render(criterion.text, ctx.reference_date, ctx.parameters, translate),
                "source": criterion.source,
            }
        )
        if status == "unknown" and value is None:
            missing += [
                _asked(f) for f in sorted(criterion.expr.fields()) if f not in ctx.situation
            ]
    practice_out: dict[str, str | None]
    if practice is not None:
        scope = ctx.parameters.scope(practice.scope)
        practice_out = {
            "scope": scope.id,
            "name": scope.name.get(lang) or scope.name["fi"],
            "source": scope.source,
        }
    elif determined:
        practice_out = {"scope": "national", "name": translate(_("valtakunnallinen sääntö"))}
    else:
        scopes = [ctx.parameters.scope(p.scope) for p in rule.practices]
        practice_out = {
            "scope": None,
            "name": translate(_("ei tiedetä: kotikunta puuttuu")),
            "source": "; ".join(s.source for s in scopes),
        }
        if status == "unknown":
            shown.append(
                {
                    "id": "practice",
                    "met": None,
                    "text": t(
                        _(
                            "Kotikunta ratkaisee, minkä alueen käytäntöä sovelletaan (%(scopes)s; "
                            "muualla valtakunnallinen sääntö)"
                        ),
                        scopes=", ".join(s.name.get(lang) or s.name["fi"] for s in scopes),
                    ).render(translate),
                    "source": practice_out["source"],
                }
            )
            missing.insert(0, "municipality")
    return {
        "service_type": rule.slug,
        "status": status,
        "practice": practice_out,
        "criteria": shown,
        "missing": list(dict.fromkeys(missing)),
        "requires": [r.id for r in requires if r.done is None or evaluate(r.done, ctx) is not True],
    }


def work_ability_texts(ctx: Context) -> tuple[bool | None, list[Text]]:
    """needs_assessment and the reasons: the Heinola Työkykymittari flow (RULEBOOK §4.2), whose
    branching is the screening app's ``next_step``; the rules add where to refer (the
    health-care route) and the nurse-or-coordinator-first rule (§4.3)."""
    facts = ctx.situation
    score = facts.get("work_ability_score")
    needs = evaluate(NEEDS_ASSESSMENT, ctx)
    texts: list[Text] = []
    if score is not None:
        if score <= NEEDS_ASSESSMENT_MAX:
            texts.append(
                t(
                    _(
                        "Työkykypistemäärä %(score)s: %(max)s tai alle, työkykyä kannattaa selvittää."
                    ),
                    score=score,
                    max=NEEDS_ASSESSMENT_MAX,
                )
            )
        else:
            texts.append(
                t(
                    _("Työkykypistemäärä %(score)s: %(min)s tai yli."),
                    score=score,
                    min=NEEDS_ASSESSMENT_MAX + 1,
                )
            )
    triggers = facts.get("triggers")
    if triggers:
        names = tuple(Text(labels.VALUES["triggers"][x]) for x in triggers)
        texts.append(t(_("Herätteet: %(names)s."), names=names))
    if facts.get("challenge_treated") is True:
        texts.append(t(_("Asiakas on saanut haasteeseen hoitoa tai kuntoutusta.")))
    elif facts.get("challenge_treated") is False:
        texts.append(t(_("Asiakas ei ole saanut haasteeseen hoitoa tai kuntoutusta.")))
    if needs is None and "work_ability_needs" not in facts:
        texts.append(
            t(
                _(
                    "Kysy työkykypistemäärä 0–10 suhteessa työhön, jota asiakas tekee tai "
                    "hakee, ja käy herätteet läpi."
                )
            )
        )
        return needs, texts
    decision = mittari.next_step(_mittari_answers(facts, needs))
    found = facts.get("work_ability_needs") or ()
    if found:
        needs_named = tuple(Text(labels.VALUES["work_ability_needs"][n]) for n in found)
        texts.append(t(_("Tarve: %(needs)s."), needs=needs_named))
    route, _path = walk(HEALTH_CARE_ROUTE, ctx)
    if decision.step == "no_need":
        texts.append(t(_("Ei tarvetta selvittelyille.")))
    elif decision.step == "ask" and "needs" in decision.ask:
        texts.append(
            t(
                _(
                    "Kysy, millainen haaste toimintakyvyssä on, onko siihen saatu hoitoa tai "
                    "kuntoutusta ja onko tarvetta sairauslomalle, kuntoutukselle tai "
                    "tarkemmille selvittelyille."
                )
            )
        )
        if route is not None:
            texts.append(t(_("Jos tarvetta on: %(where)s"), where=Text(WHERE[route])))
    elif decision.step == "ask" and route is not None:
        texts.append(Text(WHERE[route]))  # e.g. student health care, whatever the status
    elif decision.step == "ask":
        texts.append(
            t(
                _(
                    "Selvitä ensin: %(what)s – sen mukaan ohjataan työterveyshuoltoon, "
                    "opiskeluterveydenhuoltoon tai työttömien terveydenhoitajalle."
                ),
                what=route_unknowns(ctx),
            )
        )
    elif decision.step == "consult_coordinator" and route is not None:
        texts.append(Text(WHERE[route]))
    else:
        texts.append(Text(STEP_TEXT[decision.step]))
    referring = decision.step not in ("no_need", "ask") or (decision.step == "ask" and found)
    if referring and facts.get("nurse_or_coordinator_assessment_done") is not True:
        texts.append(Text(NURSE_FIRST))
    return needs, texts


# The screening flow's reminder, marked here for translation (a test keeps the two equal).
NURSE_FIRST = _(
    "Aina terveydenhoitajan tai työkykykoordinaattorin kartoitus ennen lääkärin konsultointia "
    "tai vastaanottoa."
)
WHERE = {
    "occupational_health_care": _("ohjaa työterveyshuoltoon."),
    "student_health_care": _("ohjaa opiskeluterveydenhuoltoon."),
    "unemployed_health_check": _(
        "ohjaa työttömien terveydenhoitajalle ja/tai konsultoi työkykykoordinaattoria."
    ),
    "health_centre": _("ohjaa terveysasemalle tai konsultoi työkykykoordinaattoria."),
}
STEP_TEXT = {
    "refer_occupational_health": _("Asiakkaalla on työterveyshuolto: ohjaa sinne."),
    "refer_unemployed_health_nurse_or_coordinator": _(
        "Asiakas on työtön: ohjaa työttömien terveydenhoitajalle ja/tai konsultoi "
        "työkykykoordinaattoria."
    ),
    "consult_coordinator": _("Ei työterveyshuoltoa eikä työtön: konsultoi työkykykoordinaattoria."),
}


def _mittari_answers(facts: Mapping[str, Any], needs: bool | None) -> mittari.MittariAnswers:
    """The situation as the Työkykymittari's answers. Without a score the flow branches on
    the screening prompt instead (a trigger makes it "look closer" like a low score)."""
    score = facts.get("work_ability_score")
    if score is None:
        score = 0 if needs else NEEDS_ASSESSMENT_MAX + 1
    found = facts.get("work_ability_needs")
    status = facts.get("employment_status")
    return mittari.MittariAnswers(
        score=score,
        needs=None if found is None else frozenset(found),
        treated=facts.get("challenge_treated"),
        has_occupational_health_care=facts.get("has_occupational_health_care"),
        unemployed=None if status is None else status in ("unemployed", "laid_off"),
    )


def work_ability(ctx: Context, translate: Translate = identity) -> dict[str, Any]:
    needs, texts = work_ability_texts(ctx)
    return {
        "score": ctx.situation.get("work_ability_score"),
        "needs_assessment": needs,
        "reasons": [x.render(translate) for x in texts],
    }


def route_unknowns(ctx: Context) -> Text:
    """The missing facts of the health-care route step that could not be decided."""
    _, path = walk(HEALTH_CARE_ROUTE, ctx)
    undecided = next(s for s in HEALTH_CARE_ROUTE.steps if f"{s.id}:unknown" in path)
    fields = sorted(_asked(f) for f in undecided.condition.fields() if f not in ctx.situation)
    return t("%(fields)s", fields=tuple(Text(labels.FIELDS[f]) for f in dict.fromkeys(fields)))


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
    health, _path = walk(HEALTH_CARE_ROUTE, ctx)
    if health is not None:
        result["health_care_route"] = health
    return result


def recommend(
    situation: Situation,
    parameters: Parameters | None = None,
    translate: Translate = identity,
    lang: str = "fi",
) -> dict[str, Any]:
    """The Recommendation for one validated situation."""
    ctx = Context(situation.facts, situation.reference_date, parameters or default())
    return {
        "reference_date": situation.reference_date.isoformat(),
        "work_ability": work_ability(ctx, translate),
        "services": [evaluate_service(rule, ctx, translate, lang) for rule in RULES],
        "routes": routes(ctx),
        "next_questions": next_questions(ctx),
    }
