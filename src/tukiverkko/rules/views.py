"""The rules pages: the Työkykymittari (seed [000], for any professional) and the coordinator's
full checker (Palveluohjauksen tarkistin).

Nothing is stored: the answers come in a POST (never in the URL) and leave in the response.
The views parse, call the screening flow or the rules and the catalogue, and render; htmx posts
on every change and gets the partial only, a plain submit gets the whole page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods

from tukiverkko.accounts.models import Municipality
from tukiverkko.catalogue.models import Service
from tukiverkko.catalogue.querysets import valid_offerings
from tukiverkko.rules import labels
from tukiverkko.rules.definitions import BY_SLUG
from tukiverkko.rules.destinations import (
    DESTINATIONS,
    ORGANISER_DESTINATIONS,
    PROFESSIONAL_DESTINATIONS,
    STEP_DESTINATIONS,
    Destination,
)
from tukiverkko.rules.engine import NURSE_FIRST, STEP_TEXT, recommend
from tukiverkko.rules.engine import render as fill_parameters
from tukiverkko.rules.forms import MittariForm, SituationForm
from tukiverkko.rules.parameters import default
from tukiverkko.rules.routes import VOCATIONAL_REHABILITATION
from tukiverkko.rules.situation import PROPERTIES, SituationError, today, validate
from tukiverkko.screening.instruments.tyokykymittari import MittariDecision, next_step

ORDER = ("eligible", "unknown", "not_eligible", "not_available")


def _lang() -> str:
    return (get_language() or "fi")[:2]


def _municipality_choices() -> list[tuple[str, str]]:
    lang = _lang()
    return [
        (m.name_fi, (m.name_sv if lang == "sv" and m.name_sv else m.name_fi))
        for m in Municipality.objects.order_by("name_fi")
    ]


def local_destinations(
    ids: list[str], municipality: str | None, day: dt.date
) -> list[dict[str, Any]]:
    """Each destination with the municipality's valid services of its first tier that has any."""
    chosen = [DESTINATIONS[i] for i in dict.fromkeys(ids)]
    types = [slug for d in chosen for slug in d.service_types()]
    offerings = valid_offerings(types, municipality, day)
    return [_with_services(d, offerings) for d in chosen]


def _with_services(destination: Destination, offerings: dict[str, list[Service]]) -> dict[str, Any]:
    for rank, tier in enumerate(destination.tiers):
        services = [s for slug in tier for s in offerings.get(slug, [])]
        if services:
            unique = list({s.pk: s for s in services}.values())
            return {"destination": destination, "services": unique, "substitute": rank > 0}
    return {"destination": destination, "services": [], "substitute": False}


# --- The Työkykymittari ----------------------------------------------------------------------

ASK = {
    "needs": labels.gettext_noop(
        "Kysy, millainen haaste toimintakyvyssä on ja onko siihen saatu hoitoa tai kuntoutusta. "
        "Onko tarvetta sairauslomalle, kuntoutukselle tai tarkemmille selvittelyille?"
    ),
    "has_occupational_health_care": labels.gettext_noop(
        "Selvitä, onko asiakkaalla työterveyshuolto."
    ),
    "unemployed": labels.gettext_noop("Selvitä, onko asiakas työtön."),
}


def present_mittari(
    decision: MittariDecision, municipality: str | None, day: dt.date
) -> dict[str, Any]:
    """The next step in words, where to refer and the other options, with local services."""
    if decision.step == "ask":
        advice = [gettext(ASK[field]) for field in decision.ask if field in ASK]
    elif decision.step == "no_need":
        advice = [gettext("Ei tarvetta selvittelyille.")]
    else:
        advice = [gettext(STEP_TEXT[decision.step])]
        if decision.step != "refer_occupational_health":  # the seed's rule for the others
            advice.append(gettext(NURSE_FIRST))
    referral = list(STEP_DESTINATIONS.get(decision.step, ()))
    options = [PROFESSIONAL_DESTINATIONS[p] for p in decision.professionals]
    options = [o for o in options if o not in referral]
    return {
        "decision": decision,
        "advice": advice,
        "referral": local_destinations(referral, municipality, day),
        "options": local_destinations(options, municipality, day),
        "municipality": municipality,
        "day": day,
    }


@require_http_methods(["GET", "POST"])
def tyokykymittari(request: HttpRequest) -> HttpResponse:
    """Seed [000]: "Tunnista työkyvyn haaste Työkykymittarilla (sovella oman työsi näkökulmasta)"."""
    choices = _municipality_choices()
    form = MittariForm(request.POST or None, municipalities=choices)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        context["answers"] = answers
        if answers is not None:
            municipality = form.cleaned_data.get("municipality") or None
            context.update(present_mittari(next_step(answers), municipality, today()))
    template = "rules/_mittari.html" if request.htmx else "rules/tyokykymittari.html"  # type: ignore[attr-defined]
    return render(request, template, context)


# --- The checker ------------------------------------------------------------------------------


def present(result: dict[str, Any], municipality: str | None) -> dict[str, Any]:
    """The Recommendation arranged for the template (texts already in the page's language)."""
    day = dt.date.fromisoformat(result["reference_date"])
    services = []
    for item in result["services"]:
        rule = BY_SLUG[item["service_type"]]
        requires = {r.id: r.text for r in rule.all_requirements()}
        services.append(
            {
                **item,
                "name": gettext(rule.name),
                "status_label": gettext(labels.STATUS[item["status"]]),
                "missing_labels": [gettext(labels.FIELDS[f]) for f in item["missing"]],
                "requires_labels": [gettext(requires[r]) for r in item["requires"]],
            }
        )
    services.sort(key=lambda s: ORDER.index(s["status"]))
    wanted = [s["service_type"] for s in services if s["status"] in ("eligible", "unknown")]
    offerings = valid_offerings(wanted, municipality, day)
    for service in services:
        service["offerings"] = offerings.get(service["service_type"], [])
    voc = result["routes"]["vocational_rehabilitation"]
    steps = {s.id: s.text for s in VOCATIONAL_REHABILITATION.steps}
    answers = {"yes": gettext("kyllä"), "no": gettext("ei"), "unknown": gettext("ei tiedetä")}
    path = []
    for entry in voc["path"]:
        step, answer = entry.split(":")
        question = fill_parameters(steps[step], day, default(), gettext)
        path.append({"question": question, "answer": answers[answer]})
    organiser = voc["organiser"]
    health = result["routes"].get("health_care_route")
    contacts = (
        local_destinations([ORGANISER_DESTINATIONS[organiser]], municipality, day)
        if organiser
        else []
    )
    return {
        "result": result,
        "day": day,
        "services": services,
        "organiser": gettext(labels.OUTCOMES[organiser]) if organiser else None,
        "organiser_contacts": contacts,
        "supplementary": [gettext(labels.OUTCOMES[a]) for a in voc["supplementary"]],
        "path": path,
        "health_route": gettext(labels.OUTCOMES[health]) if health else None,
        "questions": [(anchor(f), gettext(labels.FIELDS[f])) for f in result["next_questions"]],
        "municipality": municipality,
    }


def anchor(field: str) -> str:
    """The id of the form control a question links to (radio and checkbox groups: the first)."""
    spec = PROPERTIES[field]
    grouped = spec.get("type") in ("boolean", "array")
    return f"id_{field}_0" if grouped else f"id_{field}"


@require_http_methods(["GET", "POST"])
def checker(request: HttpRequest) -> HttpResponse:
    """Every ClientSituation field → every service type's criteria, the routes, what to ask."""
    municipalities = list(Municipality.objects.values_list("name_fi", flat=True))
    context: dict[str, Any] = {"municipalities": municipalities}
    if request.method == "POST":
        form = SituationForm(request.POST, municipalities=municipalities)
        if form.is_valid():
            try:
                situation = validate(form.situation())
            except SituationError as exc:
                form.add_situation_errors(exc.errors)
            else:
                result = recommend(situation, translate=gettext, lang=_lang())
                context.update(present(result, situation.facts.get("municipality")))
    else:
        form = SituationForm(municipalities=municipalities)
    context["form"] = form
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "rules/_result.html", context)
    return render(request, "rules/checker.html", context)
