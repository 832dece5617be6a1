"""The catalogue in the Suomi.fi service catalogue's shape (PTV Open API V11).

``tukiverkko export-ptv FILE`` writes one JSON document::

    {"services": [V11VmOpenApiService, ...],
     "serviceChannels": [V11VmOpenApiServiceLocationChannel | V11VmOpenApiPhoneChannel |
                         V11VmOpenApiWebPageChannel | V11VmOpenApiElectronicChannel, ...]}

Every record validates against the models vendored in ``standards/ptv-v11/schema.json``
(``tukiverkko.interop.ptv_schema``). Identifiers are stable: a UUID 5 of the slug path, so the
same catalogue always gives the same file, and ``sourceId`` (PTV's "external system
identifier") carries our slug. Which catalogue field maps to which PTV field, and what has no
counterpart: docs/ptv.md and docs/decisions/0380-ptv-mapping.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from tukiverkko.catalogue.models import LANGS, ContactChannel, ContactKind, Service
from tukiverkko.catalogue.validity import is_valid_on

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://tukiverkko.fi/ptv/v11")

# catalogue text -> PTV localized description type (serviceDescriptions)
DESCRIPTIONS = {"what": "Description", "how": "UserInstruction"}
# catalogue text -> PTV language-item list of the service
LANGUAGE_LISTS = {"for_whom": "requirements"}

# contact kind -> PTV service channel type; kinds not here have no counterpart.
CHANNEL_TYPES = {
    ContactKind.PHONE: "Phone",
    ContactKind.WEB: "WebPage",
    ContactKind.CHAT: "EChannel",
    ContactKind.EMAIL: "EChannel",
    ContactKind.VISITING_ADDRESS: "ServiceLocation",
}
DAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
POSTAL_CODE = re.compile(r"\b(\d{5})\b")


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def service_id(slug: str) -> str:
    return stable_id("service", slug)


def organisation_id(slug: str) -> str:
    return stable_id("organisation", slug)


def service_type_id(slug: str) -> str:
    return stable_id("service-type", slug)


def channel_source_id(service_slug: str, number: int) -> str:
    return f"{service_slug}.{number}"


def localized(obj: object, field: str, kind: str) -> list[dict[str, str]]:
    """PTV's localized list (VmOpenApiLocalizedListItem): one item per language with text."""
    return [
        {"type": kind, "language": lang, "value": value}
        for lang in LANGS
        if (value := getattr(obj, f"{field}_{lang}"))
    ]


def language_items(obj: object, field: str) -> list[dict[str, str]]:
    """PTV's VmOpenApiLanguageItem list."""
    return [
        {"language": lang, "value": value}
        for lang in LANGS
        if (value := getattr(obj, f"{field}_{lang}"))
    ]


def exported_contacts(service: Service) -> list[ContactChannel]:
    """The contacts PTV has a channel for: public ones with a value and a counterpart kind."""
    return [
        c
        for c in service.contacts.all()
        if c.kind in CHANNEL_TYPES and c.value and not c.for_professionals_only
    ]


def _service_hours(contact: ContactChannel) -> list[dict[str, Any]]:
    text = language_items(contact, "opening_hours")
    hours: list[dict[str, Any]] = [
        {
            "serviceHourType": "DaysOfTheWeek",
            "isClosed": False,
            "validForNow": True,
            "isAlwaysOpen": False,
            "isReservation": False,
            "openingHour": [
                {"dayFrom": DAYS[day], "from": rule["opens"], "to": rule["closes"]}
                for day in rule["days"]
            ],
            "orderNumber": i,
        }
        for i, rule in enumerate(contact.opening_hours)
    ]
    if text and not hours:
        hours = [
            {
                "serviceHourType": "DaysOfTheWeek",
                "isClosed": False,
                "validForNow": True,
                "isAlwaysOpen": False,
                "isReservation": False,
                "openingHour": [],
                "orderNumber": 0,
            }
        ]
    if text:
        hours[0]["additionalInformation"] = text
    return hours


def channel_record(service: Service, contact: ContactChannel, number: int) -> dict[str, Any]:
    kind = CHANNEL_TYPES[ContactKind(contact.kind)]
    source_id = channel_source_id(service.slug, number)
    record: dict[str, Any] = {
        "id": stable_id("channel", source_id),
        "sourceId": source_id,
        "serviceChannelType": kind,
        "organizationId": organisation_id(service.organisation.slug),
        "serviceChannelNames": localized(contact, "label", "Name"),
        "languages": list(service.languages),
        "serviceHours": _service_hours(contact),
        "services": [{"service": {"id": service_id(service.slug), "name": service.name_fi}}],
        "publishingStatus": "Published",
    }
    value = contact.value
    if contact.kind == ContactKind.PHONE:
        record["phoneNumbers"] = [
            {"type": "Phone", "number": value, "language": "fi", "isFinnishServiceNumber": False}
        ]
    elif contact.kind == ContactKind.EMAIL:
        record["supportEmails"] = [{"language": "fi", "value": value}]
    elif contact.kind == ContactKind.VISITING_ADDRESS:
        # The catalogue keeps a visiting address as one line of text; PTV wants its parts.
        # The text travels whole as the channel's summary; a postal code found in it also
        # gives PTV's "Other" address (which needs one).
        record["serviceChannelDescriptions"] = [
            {"type": "Summary", "language": "fi", "value": value}
        ]
        if found := POSTAL_CODE.search(value):
            record["addresses"] = [
                {
                    "type": "Visiting",
                    "subType": "Other",
                    "otherAddress": {
                        "postalCode": found.group(1),
                        "additionalInformation": [{"language": "fi", "value": value}],
                    },
                }
            ]
    else:  # web page, chat
        record["webPages"] = [{"url": value, "language": "fi"}]
    if contact.kind == ContactKind.CHAT:
        record["requiresAuthentication"] = False
        record["requiresSignature"] = False
    return record


def service_record(service: Service, today: dt.date) -> dict[str, Any]:
    org = service.organisation
    org_item = {"id": organisation_id(org.slug), "name": org.name_fi}
    descriptions = [
        item for field, kind in DESCRIPTIONS.items() for item in localized(service, field, kind)
    ]
    record: dict[str, Any] = {
        "id": service_id(service.slug),
        "sourceId": service.slug,
        "type": "Service",
        "serviceNames": localized(service, "name", "Name"),
        "serviceDescriptions": descriptions,
        "languages": list(service.languages),
        "generalDescriptionId": service_type_id(service.service_type.slug),
        "areaType": "LimitedType",
        "municipalities": [
            {
                "code": None,
                "name": [
                    {"language": lang, "value": value}
                    for lang, value in (("fi", m.name_fi), ("sv", m.name_sv))
                    if value
                ],
            }
            for m in service.municipalities.all()
        ],
        "organizations": [{"roleType": "Responsible", "organization": org_item}],
        "mainOrganization": org_item,
        "serviceChannels": [
            {"serviceChannel": {"id": stable_id("channel", channel_source_id(service.slug, n))}}
            for n, _ in enumerate(exported_contacts(service))
        ],
        "publishingStatus": "Published" if is_valid_on(service, today) else "Archived",
        "serviceVouchersInUse": False,
    }
    for field, key in LANGUAGE_LISTS.items():
        record[key] = language_items(service, field)
    return record


def build_ptv(today: dt.date | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every service (valid or not: PTV's publishing status says which) and its channels."""
    today = today or timezone.localdate()
    services = (
        Service.objects.select_related("organisation", "service_type")
        .prefetch_related(
            "municipalities",
            Prefetch("contacts", queryset=ContactChannel.objects.order_by("position")),
        )
        .order_by("slug")
    )
    out: dict[str, list[dict[str, Any]]] = {"services": [], "serviceChannels": []}
    for service in services:
        out["services"].append(service_record(service, today))
        out["serviceChannels"] += [
            channel_record(service, c, n) for n, c in enumerate(exported_contacts(service))
        ]
    return out


def write_ptv(path: Path, today: dt.date | None = None) -> dict[str, int]:
    data = build_ptv(today)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return {kind: len(records) for kind, records in data.items()}
