"""The Työkykymittari page: enter what is known, see the assessment and the services.

Nothing is stored: the facts come in a POST (never in the URL) and leave in the response. The
view parses, calls the rules and the catalogue, and renders; htmx posts on every change and
gets the result partial only, a plain submit gets the whole page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from tukiverkko.accounts.models import Municipality
from tukiverkko.catalogue.models import ContactChannel, Service
from tukiverkko.catalogue.search import valid_on
from tukiverkko.rules import labels
from tukiverkko.rules.definitions import BY_SLUG
from tukiverkko.rules.engine import recommend
from tukiverkko.rules.engine import render as fill_parameters
from tukiverkko.rules.forms import SituationForm
from tukiverkko.rules.parameters import default
from tukiverkko.rules.routes import VOCATIONAL_REHABILITATION
from tukiverkko.rules.situation import PROPERTIES, SituationError, validate

ORDER = ("eligible", "unknown", "not_eligible", "not_available")


def local_services(
    slugs: list[str], municipality: str | None, day: dt.date
) -> dict[str, list[Service]]:
    """The catalogue's offerings of these service types in the municipality, valid on ``day``."""
    if not municipality or not slugs:
        return {}
    found = (
        valid_on(
            Service.objects.filter(
                service_type__slug__in=slugs,
                municipalities__name_fi=municipality,
            ),
            day,
        )
        .select_related("organisation", "service_type")
        .prefetch_related(
            Prefetch(
                "contacts", queryset=ContactChannel.objects.filter(for_professionals_only=False)
            )
        )
        .distinct()
    )
    by_type: dict[str, list[Service]] = {}
    for service in found:
        by_type.setdefault(service.service_type.slug, []).append(service)
    return by_type


def present(result: dict[str, Any], municipality: str | None) -> dict[str, Any]:
    """The Recommendation arranged for the template, with translated labels."""
    day = dt.date.fromisoformat(result["reference_date"])
    services = []
    for item in result["services"]:
        rule = BY_SLUG[item["service_type"]]
        requires = {r.id: r.text for r in rule.requires}
        services.append(
            {
                **item,
                "name": rule.name,
                "status_label": gettext(labels.STATUS[item["status"]]),
                "missing_labels": [gettext(labels.FIELDS[f]) for f in item["missing"]],
                "requires_labels": [requires[r] for r in item["requires"]],
            }
        )
    services.sort(key=lambda s: ORDER.index(s["status"]))
    wanted = [s["service_type"] for s in services if s["status"] in ("eligible", "unknown")]
    offerings = local_services(wanted, municipality, day)
    for service in services:
        service["offerings"] = offerings.get(service["service_type"], [])
    voc = result["routes"]["vocational_rehabilitation"]
    steps = {s.id: s.text for s in VOCATIONAL_REHABILITATION.steps}
    answers = {"yes": gettext("kyllä"), "no": gettext("ei"), "unknown": gettext("ei tiedetä")}
    path = []
    for entry in voc["path"]:
        step, answer = entry.split(":")
        path.append(
            {"question": fill_parameters(steps[step], day, default()), "answer": answers[answer]}
        )
    health = result["routes"].get("health_care_route")
    return {
        "result": result,
        "day": day,
        "services": services,
        "organiser": gettext(labels.OUTCOMES[voc["organiser"]]) if voc["organiser"] else None,
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
def tyokykymittari(request: HttpRequest) -> HttpResponse:
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
                result = recommend(situation)
                context.update(present(result, situation.facts.get("municipality")))
    else:
        form = SituationForm(municipalities=municipalities)
    context["form"] = form
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "rules/_result.html", context)
    return render(request, "rules/tyokykymittari.html", context)
