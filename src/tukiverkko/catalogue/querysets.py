"""Read-only catalogue queries shared by the pages: the network of a place, successors, upkeep."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Case, F, Prefetch, Q, QuerySet, When
from django.utils.text import slugify

from tukiverkko.accounts.models import Municipality, Region
from tukiverkko.catalogue.models import (
    VERIFY_EVERY_DAYS,
    ContactChannel,
    NetworkGroup,
    Service,
    ServiceType,
    TranslationStatus,
)
from tukiverkko.catalogue.validity import valid_on


def with_details(qs: QuerySet[Service]) -> QuerySet[Service]:
    return qs.select_related("organisation", "service_type", "region").prefetch_related(
        "need_areas",
        "access_routes",
        "municipalities",
        Prefetch("contacts", queryset=ContactChannel.objects.order_by("position")),
    )


def for_results(qs: QuerySet[Service]) -> QuerySet[Service]:
    """What a list of search results shows and no more: the organisation and region by join,
    the need areas and access routes prefetched, and not the search lemmas (a thousand
    characters a service). Contacts, municipalities and the service type are not shown."""
    return (
        qs.select_related("organisation", "region")
        .defer("search_lemmas")
        .prefetch_related("need_areas", "access_routes")
    )


def municipality_by_slug(slug: str) -> Municipality | None:
    """Municipalities by the slug of their Finnish name ("hameenlinna" for Hämeenlinna)."""
    for m in Municipality.objects.select_related("region"):
        if slugify(m.name_fi) == slug:
            return m
    return None


def network_actors(
    region: Region, day: dt.date, municipality: Municipality | None = None
) -> list[tuple[str, str, list[Service]]]:
    """(group value, group label, services) for every network group with a service valid on day."""
    qs = Service.objects.filter(region=region)
    if municipality is not None:
        qs = qs.filter(municipalities=municipality)
    services = list(with_details(valid_on(qs, day)).order_by("name_fi"))
    groups: list[tuple[str, str, list[Service]]] = []
    for value, label in NetworkGroup.choices:
        members = [s for s in services if s.network_group == value]
        if members:
            groups.append((value, str(label), members))
    return groups


def successors_of(service: Service, day: dt.date) -> list[Service]:
    """Services that took over when this one ended.

    The catalogue files have no explicit successor, so this is read from the data: services
    of the same region that began the day after this one ended, are valid on ``day`` and
    share its service type, organisation or network group (kuntakokeilu 31.12.2024 →
    työllisyysalue 1.1.2025). See docs/decisions/0020-successor-read-from-validity-dates.md.
    """
    if service.valid_to is None:
        return []
    start = service.valid_to + dt.timedelta(days=1)
    candidates = list(
        valid_on(
            Service.objects.filter(region=service.region, valid_from=start).exclude(pk=service.pk),
            day,
        ).select_related("organisation")
    )
    # The closest kinship wins: same service type, else same organisation, else same group.
    kinships: list[Callable[[Service], bool]] = [
        lambda s: s.service_type_id == service.service_type_id,
        lambda s: s.organisation_id == service.organisation_id,
        lambda s: s.network_group == service.network_group,
    ]
    for same in kinships:
        found = [s for s in candidates if same(s)]
        if found:
            return found
    return []


def unverified(today: dt.date) -> QuerySet[Service]:
    """Services to re-verify: those whose validity is unverified (first, whenever they were
    last verified), then those not verified within a year, never-verified first, then the
    oldest."""
    limit = today - dt.timedelta(days=VERIFY_EVERY_DAYS)
    doubtful = ~Q(validity_unverified_fi="")
    return (
        Service.objects.filter(doubtful | Q(verified_on__isnull=True) | Q(verified_on__lt=limit))
        .select_related("organisation", "region")
        .order_by(
            Case(When(doubtful, then=0), default=1),
            F("verified_on").asc(nulls_first=True),
            "name_fi",
        )
    )


def _unchecked(lang: str) -> Q:
    if lang:
        return Q(**{f"translation_{lang}": TranslationStatus.UNCHECKED})
    return Q(translation_sv=TranslationStatus.UNCHECKED) | Q(
        translation_en=TranslationStatus.UNCHECKED
    )


def unchecked_service_types(lang: str = "") -> QuerySet[ServiceType]:
    """Service types with Swedish or English texts (or those of ``lang``) no one has checked."""
    return ServiceType.objects.filter(_unchecked(lang)).order_by("name_fi")


def unchecked_services(lang: str = "") -> QuerySet[Service]:
    """Services with Swedish or English texts (or those of ``lang``) no one has checked."""
    return (
        Service.objects.filter(_unchecked(lang))
        .select_related("organisation", "region")
        .order_by("region__slug", "name_fi")
    )


def valid_offerings(
    service_types: list[str], municipality: str | None, day: dt.date
) -> dict[str, list[Service]]:
    """The valid offerings of these service types in the municipality (Finnish name), by type.

    Every contact channel comes along in its order, the professionals-only ones too: the pages
    that use this are tools for professionals and mark those channels, as the service page does.
    """
    if not municipality or not service_types:
        return {}
    found = (
        valid_on(
            Service.objects.filter(
                service_type__slug__in=service_types,
                municipalities__name_fi__iexact=municipality.strip(),
            ),
            day,
        )
        .select_related("organisation", "service_type")
        .prefetch_related(
            Prefetch("contacts", queryset=ContactChannel.objects.order_by("position"))
        )
        .order_by("name_fi")
        .distinct()
    )
    by_type: dict[str, list[Service]] = {}
    for service in found:
        by_type.setdefault(service.service_type.slug, []).append(service)
    return by_type
