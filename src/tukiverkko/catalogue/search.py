"""Catalogue search and filters — one definition used by the pages, the API and exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from tukiverkko.catalogue.models import LANGS, SearchToken, Service
from tukiverkko.catalogue.validity import valid_on
from tukiverkko.core.text import lemmas, query_base_forms

# ``valid_on`` is re-exported: the Työkykymittari's local services read it from here.
__all__ = [
    "ORDER",
    "ServiceFilter",
    "build_search_lemmas",
    "filter_services",
    "parse_filter",
    "valid_on",
]

# Greater than any character a base form can continue with: [form, form + this) is a prefix.
_AFTER_EVERY_LETTER = "\U0010ffff"
_SEARCHED_FIELDS = ("name", "what", "why", "how", "for_whom", "when_to_contact")


def build_search_lemmas(service: Service) -> str:
    """Base forms of every searchable word of a service, space-delimited with edge spaces."""
    parts: list[str] = []
    for name in _SEARCHED_FIELDS:
        for lang in LANGS:
            parts.append(getattr(service, f"{name}_{lang}", ""))
    parts.append(service.organisation.name_fi)
    parts.append(service.service_type.name_fi)
    words = lemmas(" ".join(p for p in parts if p))
    return " " + " ".join(words) + " " if words else ""


@dataclass(frozen=True)
class ServiceFilter:
    q: str = ""
    need_area: str = ""
    region: str = ""
    municipality: str = ""
    age: int | None = None
    access_route: str = ""
    sector: str = ""
    service_type: str = ""
    on: dt.date | None = None  # services valid on this date; default today
    include_ended: bool = False


# One order for every list of services (pages, API, exports): by Finnish name, then slug.
ORDER = ("name_fi", "slug")


def parse_filter(data: Mapping[str, Any]) -> ServiceFilter:
    """The one parser of a service search. The search page passes its form's valid fields, the
    API its validated query; a field that is missing or empty filters nothing."""
    age = data.get("age")
    return ServiceFilter(
        q=str(data.get("q") or "").strip(),
        need_area=str(data.get("need_area") or ""),
        region=str(data.get("region") or ""),
        municipality=str(data.get("municipality") or ""),
        age=int(age) if age is not None else None,
        access_route=str(data.get("access_route") or ""),
        sector=str(data.get("sector") or ""),
        service_type=str(data.get("service_type") or ""),
        include_ended=bool(data.get("include_ended")),
    )


def filter_services(qs: QuerySet[Service], f: ServiceFilter) -> QuerySet[Service]:
    """The services matching every given criterion.

    Many-to-many criteria are ``EXISTS`` subqueries rather than joins, so no row repeats and
    no ``DISTINCT`` is needed: counting and slicing stay cheap on a large catalogue
    (benchmarks/catalogue_search.py).
    """
    if f.q:
        # Only the base forms of the query words: "työkyvyn" → "työkyky". A form matches the
        # start of an indexed base form, so "kuntoutus" also finds "kuntoutustutkimus"; the
        # index holds compound parts, so "koordinaattori" finds "työkykykoordinaattori".
        # The prefix is a range on the indexed token table (decision 0021), not a LIKE scan.
        # PostgreSQL gets each word as a semi-join (EXISTS) its planner drives from either
        # side; SQLite runs a correlated EXISTS once per service row, so there the word stays
        # an IN over the token range, which it reads once (decision 0333, measured both ways).
        semi_join = connections[qs.db].vendor == "postgresql"
        for alternatives in query_base_forms(f.q):
            word_q = Q()
            for form in alternatives:
                word_q |= Q(lemma__gte=form, lemma__lt=form + _AFTER_EVERY_LETTER)
            tokens = SearchToken.objects.filter(word_q)
            if semi_join:
                qs = qs.filter(Exists(tokens.filter(service_id=OuterRef("pk"))))
            else:
                qs = qs.filter(pk__in=tokens.values("service_id"))
    through = Service.need_areas.through
    if f.need_area:
        qs = qs.filter(
            Exists(through.objects.filter(service_id=OuterRef("pk"), needarea__slug=f.need_area))
        )
    if f.region:
        qs = qs.filter(region__slug=f.region)
    if f.municipality:
        qs = qs.filter(
            Exists(
                Service.municipalities.through.objects.filter(
                    service_id=OuterRef("pk"), municipality__name_fi=f.municipality
                )
            )
        )
    if f.age is not None:
        qs = qs.filter(Q(age_min__isnull=True) | Q(age_min__lte=f.age)).filter(
            Q(age_max__isnull=True) | Q(age_max__gte=f.age)
        )
    if f.access_route:
        qs = qs.filter(
            Exists(
                Service.access_routes.through.objects.filter(
                    service_id=OuterRef("pk"), accessroute__slug=f.access_route
                )
            )
        )
    if f.sector:
        qs = qs.filter(organisation__sector=f.sector)
    if f.service_type:
        qs = qs.filter(service_type__slug=f.service_type)
    if not f.include_ended:
        qs = valid_on(qs, f.on or timezone.localdate())
    return qs
