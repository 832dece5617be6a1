"""The public catalogue pages (no login) and the editors' upkeep list."""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.decorators import editor_required
from tukiverkko.accounts.models import Municipality, Organisation, Region
from tukiverkko.catalogue import network, sections
from tukiverkko.catalogue.forms import SearchForm
from tukiverkko.catalogue.models import Service, localised
from tukiverkko.catalogue.querysets import (
    for_results,
    municipality_by_slug,
    network_actors,
    successors_of,
    unverified,
    with_details,
)
from tukiverkko.catalogue.quick_guide import QUICK_GUIDE_STEPS
from tukiverkko.catalogue.search import ORDER, filter_services
from tukiverkko.catalogue.validity import has_begun, has_ended, valid_on
from tukiverkko.core.htmx import is_htmx
from tukiverkko.core.pdf import render_pdf

RESULTS_SHOWN = 50


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # errors are shown; the valid fields still filter
    f = form.to_filter()
    qs = filter_services(Service.objects.all(), f)
    if connections[qs.db].vendor == "postgresql":
        # The count and the first page are two indexed queries; no list of every match is
        # read into Python, so the page costs about the same on a large catalogue (0333).
        total = qs.count()
        services = list(for_results(qs.order_by(*ORDER))[:RESULTS_SHOWN]) if total else []
    else:
        # SQLite: one pass over the matching ids for the count and the first ones by name
        # was faster there than two queries (decision 0333); then only the shown rows whole.
        ordered_ids = list(qs.order_by(*ORDER).values_list("pk", flat=True))
        total = len(ordered_ids)
        shown_ids = ordered_ids[:RESULTS_SHOWN]
        by_id = {s.pk: s for s in for_results(Service.objects.filter(pk__in=shown_ids))}
        services = [by_id[pk] for pk in shown_ids]
    today = timezone.localdate()
    context = {
        "form": form,
        "services": services,
        "total": total,
        "shown": len(services),
        "query": f.q,
        "active_filters": form.active_filters() if form.is_bound else [],
        "today": today,
        "searched": form.is_bound,
    }
    if is_htmx(request):
        return render(request, "catalogue/_results.html", context)
    return render(request, "catalogue/search.html", context)


def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_object_or_404(with_details(Service.objects.all()), slug=slug)
    today = timezone.localdate()
    ended = has_ended(service, today)
    not_started = not has_begun(service, today)
    return render(
        request,
        "catalogue/service.html",
        {
            "service": service,
            "today": today,
            "ended": ended,
            "not_started": not_started,
            "successors": successors_of(service, today) if ended else [],
            "contacts": list(service.contacts.all()),
            # What the apps above the catalogue add (catalogue.sections, decision 0302).
            "sections": sections.rendered(service, request.user),
        },
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("region", "municipality"), slug=slug
    )
    today = timezone.localdate()
    services = list(organisation.services.select_related("service_type").order_by("name_fi"))
    current = [s for s in services if s.is_valid_on(today)]
    other = [s for s in services if not s.is_valid_on(today)]
    return render(
        request,
        "catalogue/organisation.html",
        {"organisation": organisation, "current": current, "other": other, "today": today},
    )


def _figure(
    region: Region, municipality: Municipality | None, per_side: int = 1
) -> tuple[network.Figure, list[tuple[str, str, list[Service]]], str]:
    today = timezone.localdate()
    groups = network_actors(region, today, municipality)
    place = municipality.name_fi if municipality else localised(region, "name")
    hrefs = {s.pk: reverse("catalogue:service", args=[s.slug]) for _v, _l, ss in groups for s in ss}
    figure = network.layout(
        groups,
        place,
        hrefs,
        _("Työttömät,"),
        _("Verkoston rakentaminen on jokaisen vastuulla!"),
        per_side,
    )
    return figure, groups, place


def network_map(request: HttpRequest, region: str) -> HttpResponse:
    region_obj = get_object_or_404(Region, slug=region)
    municipality = None
    wanted = request.GET.get("kunta", "").strip()
    municipalities = list(region_obj.municipalities.all())
    if wanted:
        municipality = next((m for m in municipalities if m.name_fi == wanted), None)
        if municipality is None:
            raise Http404(_("Kuntaa ei löydy tältä alueelta."))
    figure, groups, place = _figure(region_obj, municipality)
    return render(
        request,
        "catalogue/network.html",
        {
            "region": region_obj,
            "municipality": municipality,
            "municipalities": municipalities,
            "figure": figure,
            "groups": groups,
            "place": place,
            "count": sum(len(ss) for _v, _l, ss in groups),
        },
    )


# The printed figure stands on a landscape A4 page of its own (quick-guide.css): 275 × 175 mm
# are left for it inside the margins, below its heading.
PRINTED_FIGURE_MM = (275, 175)


def _quick_guide_context(request: HttpRequest, slug: str) -> dict[str, Any]:
    place = municipality_by_slug(slug)
    if place is None:
        raise Http404(_("Kuntaa ei löydy."))
    figure, groups, _name = _figure(place.region, place)
    # On paper a large network reads better in two columns each side (shorter, so larger).
    printed = network.fitting(
        [figure, _figure(place.region, place, per_side=2)[0]], *PRINTED_FIGURE_MM
    )
    steps = [str(text) for text in QUICK_GUIDE_STEPS.values()]
    return {
        "municipality": place,
        "figure": figure,
        "print_figure": printed,
        "groups": groups,
        "steps": steps,
        "place": place.name_fi,
        "count": sum(len(ss) for _v, _l, ss in groups),
        "today": timezone.localdate(),
        "pdf_url": reverse("catalogue:quick_guide_pdf", args=[slug]),
    }


def quick_guide(request: HttpRequest, municipality: str) -> HttpResponse:
    context = _quick_guide_context(request, municipality)
    return render(request, "catalogue/quick_guide.html", context)


def quick_guide_pdf(request: HttpRequest, municipality: str) -> HttpResponse:
    """The same guide as a PDF, made on the server (core.pdf; decision 0150)."""
    context = _quick_guide_context(request, municipality)
    filename = f"pikaopas-{municipality}-{context['today']:%Y-%m-%d}.pdf"
    return render_pdf(request, "catalogue/quick_guide.html", context, filename)


@editor_required
def unverified_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    services = list(unverified(today))
    return render(
        request,
        "catalogue/unverified.html",
        {
            "services": services,
            "today": today,
            "doubtful": sum(s.has_unverified_validity for s in services),
            "stale": sum(s.is_stale(today) for s in services),
            "valid_today": set(
                valid_on(
                    Service.objects.filter(pk__in=[s.pk for s in services]), today
                ).values_list("pk", flat=True)
            ),
        },
    )
