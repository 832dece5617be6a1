"""Search: the parameters each resource supports, their parsing (a bad value is a 400 naming
it), and the searchset Bundle with its self, next and previous links."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.resource import Resource

from tukiverkko.interop.fhir.http import FhirError

DEFAULT_COUNT = 20
MAX_COUNT = 100
PAGING = ("_count", "_offset")


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # the CapabilityStatement's search parameter type
    documentation: str


def reference_id(value: str, kind: str, name: str) -> int:
    """``Patient/12`` or ``12`` → 12."""
    raw = value.split("/", 1)[1] if value.startswith(f"{kind}/") else value
    return integer(raw, name, minimum=1)


def integer(value: str, name: str, minimum: int = 0) -> int:
    if not (value.isascii() and value.isdigit()) or int(value) < minimum or int(value) > 2**62:
        raise FhirError(400, _("Virheellinen arvo: %(name)s.") % {"name": name}, name)
    return int(value)


def one_of(value: str, allowed: Iterable[str], name: str) -> list[str]:
    """A token parameter: one value or several separated by commas, each one we know."""
    values = value.split(",")
    if not all(v in set(allowed) for v in values):
        raise FhirError(400, _("Virheellinen arvo: %(name)s.") % {"name": name}, name)
    return values


def parameters(request: HttpRequest, supported: Iterable[Param]) -> dict[str, str]:
    """The query's parameters; one we do not support is refused (FHIR's strict handling)."""
    known = {p.name for p in supported} | set(PAGING)
    found: dict[str, str] = {}
    for name in request.GET:
        value = str(request.GET.get(name, ""))
        if name not in known:
            raise FhirError(400, _("Hakuehtoa ei tueta: %(name)s.") % {"name": name}, name)
        found[name] = value
    return found


def bundle(
    request: HttpRequest,
    query: dict[str, str],
    candidates: QuerySet[Any] | list[Any],
    read: Callable[[Any], Resource | None],
) -> Bundle:
    """One page of ``candidates``, each read through ``read`` (the access policy; None: the
    content filter hides it). ``total`` counts the candidates in the caller's scope."""
    count = min(integer(query.get("_count", str(DEFAULT_COUNT)), "_count"), MAX_COUNT)
    offset = integer(query.get("_offset", "0"), "_offset")
    total = candidates.count() if isinstance(candidates, QuerySet) else len(candidates)
    rows: list[Any] = list(candidates[offset : offset + count]) if count else []
    base = request.build_absolute_uri(request.path)
    filters = {k: v for k, v in query.items() if k not in PAGING}

    def link(relation: str, at: int) -> dict[str, str]:
        return {
            "relation": relation,
            "url": f"{base}?{urlencode({**filters, '_count': count, '_offset': at})}",
        }

    links = [link("self", offset)]
    if count and offset + count < total:
        links.append(link("next", offset + count))
    if offset > 0:
        links.append(link("previous", max(offset - count, 0)))
    entries = []
    for row in rows:
        resource = read(row)
        if resource is not None:
            entries.append(
                {
                    "fullUrl": f"{base.rstrip('/')}/{resource.id}",
                    "resource": resource,
                    "search": {"mode": "match"},
                }
            )
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "type": "searchset",
            "total": total,
            "link": links,
            **({"entry": entries} if entries else {}),
        }
    )
