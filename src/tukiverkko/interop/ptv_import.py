"""Reading a PTV V11 file (``tukiverkko import-ptv FILE``): every record checked, then all or nothing.

Three checks, all before anything is written: each record against its vendored V11 model
(``ptv_schema``); the references (organisation, service type, channels) against the
catalogue; then the catalogue's own rules on the service record it maps to (the YAML loader's
schema and ``service_problems``). Any problem names the record and the field, and nothing is
saved. The writing is the catalogue's action ``apply_services`` (the CSV import's), one
transaction.

A service already in the catalogue (by ``sourceId`` = slug) keeps what PTV has no counterpart
for (network group, need areas, access routes, why / when to contact / how to refer, ages,
verification, source, contacts PTV does not carry); a new one takes documented defaults.
docs/ptv.md lists the mapping.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from tukiverkko.accounts.models import Municipality, Organisation
from tukiverkko.catalogue.actions import LoadReport, apply_services
from tukiverkko.catalogue.csv_io import row_to_record, service_row
from tukiverkko.catalogue.loading import service_problems, service_validator
from tukiverkko.catalogue.models import (
    LANGS,
    TRANSLATED_LANGS,
    ContactKind,
    Service,
    ServiceType,
)
from tukiverkko.interop import ptv_schema
from tukiverkko.interop.ptv import (
    CHANNEL_TYPES,
    DAYS,
    DESCRIPTIONS,
    LANGUAGE_LISTS,
    organisation_id,
    service_type_id,
)

SOURCE = "Suomi.fi-palvelutietovaranto (import-ptv)"
DAY_CODES = {name: code for code, name in DAYS.items()}
WEEK = list(DAYS)


class PtvImportError(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class _Lookups:
    orgs: dict[str, Organisation]
    types: dict[str, ServiceType]
    types_by_id: dict[str, str]
    channels: dict[str, dict[str, Any]]
    existing: dict[str, Service]
    type_slugs: set[str]
    municipalities: set[str]


def _texts(items: list[dict[str, Any]] | None, kind: str | None = None) -> dict[str, str]:
    return {
        i["language"]: i["value"]
        for i in items or []
        if i["language"] in LANGS and (kind is None or i.get("type") == kind)
    }


def _opening_hours(hours: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    rules: list[dict[str, Any]] = []
    text: dict[str, str] = {}
    for entry in hours:
        text = text or _texts(entry.get("additionalInformation"))
        if entry["serviceHourType"] != "DaysOfTheWeek":
            continue
        for row in entry.get("openingHour") or []:
            first = WEEK.index(DAY_CODES.get(row.get("dayFrom") or "", "MO"))
            last = WEEK.index(DAY_CODES.get(row.get("dayTo") or "", WEEK[first]))
            days = WEEK[first : last + 1]
            opens, closes = row["from"][:5], row["to"][:5]  # PTV writes 08:00:00
            if rules and (rules[-1]["opens"], rules[-1]["closes"]) == (opens, closes):
                rules[-1]["days"] += [d for d in days if d not in rules[-1]["days"]]
            else:
                rules.append({"days": days, "opens": opens, "closes": closes})
    return rules, text


def _channel_value(ch: dict[str, Any]) -> tuple[str, str | None]:
    kind = ch["serviceChannelType"]
    if kind == "Phone":
        return ContactKind.PHONE, next((p["number"] for p in ch.get("phoneNumbers") or []), None)
    if kind == "WebPage":
        return ContactKind.WEB, next((w["url"] for w in ch.get("webPages") or []), None)
    if kind == "EChannel":
        url = next((w["url"] for w in ch.get("webPages") or []), None)
        if url:
            return ContactKind.CHAT, url
        return ContactKind.EMAIL, next((e["value"] for e in ch.get("supportEmails") or []), None)
    # ServiceLocation: our one line of text, else composed from PTV's street address
    summary = _texts(ch.get("serviceChannelDescriptions"), "Summary").get("fi")
    if summary:
        return ContactKind.VISITING_ADDRESS, summary
    for address in ch.get("addresses") or []:
        street = address.get("streetAddress") or {}
        if street:
            parts = [
                " ".join(
                    p
                    for p in (_texts(street.get("street")).get("fi"), street.get("streetNumber"))
                    if p
                ),
                " ".join(
                    p
                    for p in (street["postalCode"], _texts(street.get("postOffice")).get("fi"))
                    if p
                ),
            ]
            return ContactKind.VISITING_ADDRESS, ", ".join(p for p in parts if p)
    return ContactKind.VISITING_ADDRESS, None


def _contact(ch: dict[str, Any], where: str, problems: list[str]) -> dict[str, Any] | None:
    if ch["serviceChannelType"] == "PrintableForm":
        problems.append(f"{where}: serviceChannelType: a printable form has no counterpart")
        return None
    kind, value = _channel_value(ch)
    if not value:
        problems.append(f"{where}: {kind}: the channel has no value the catalogue can show")
        return None
    contact: dict[str, Any] = {"kind": str(kind), "value": value}
    label = _texts(ch.get("serviceChannelNames"), "Name")
    if label:
        contact["label"] = label
    rules, text = _opening_hours(ch.get("serviceHours") or [])
    if text:
        contact["opening_hours_text"] = text
    if rules:
        contact["opening_hours"] = rules
    return contact


def _is_exported(contact: dict[str, Any]) -> bool:
    return (
        contact["kind"] in CHANNEL_TYPES
        and bool(contact["value"])
        and not contact.get("for_professionals_only")
    )


def _merge(current: list[dict[str, Any]], imported: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The imported channels in the places of the exported contacts, in order; the contacts PTV
    does not carry stay where they are; more channels are added at the end."""
    channels = iter(imported)
    merged: list[dict[str, Any]] = []
    for contact in current:
        if not _is_exported(contact):
            merged.append(contact)
        elif (channel := next(channels, None)) is not None:
            merged.append(channel)
    return merged + list(channels)


def _defaults(type_slug: str, lookups: _Lookups, today: dt.date) -> dict[str, Any]:
    """What a new service gets for the fields PTV has no counterpart for (decision 0380)."""
    st = lookups.types.get(type_slug)
    siblings = [s for s in lookups.existing.values() if s.service_type.slug == type_slug]
    groups = Counter(s.network_group for s in siblings).most_common(1)
    routes = Counter(r.slug for s in siblings for r in s.access_routes.all()).most_common(1)
    return {
        "need_areas": [n.slug for n in st.need_areas.all()] if st else [],
        "access_routes": [routes[0][0]] if routes else ["professional_referral"],
        "network_group": groups[0][0] if groups else "health",
        "verified": {"on": today.isoformat(), "by": SOURCE},
        "source": SOURCE,
    }


def _record(
    svc: dict[str, Any], where: str, lookups: _Lookups, today: dt.date, problems: list[str]
) -> tuple[Organisation | None, dict[str, Any]]:
    slug = svc.get("sourceId") or ""
    org_ref = (svc.get("mainOrganization") or {}).get("id") or next(
        (
            (o.get("organization") or {}).get("id")
            for o in svc.get("organizations") or []
            if o["roleType"] == "Responsible"
        ),
        None,
    )
    org = lookups.orgs.get(org_ref or "")
    if org is None:
        problems.append(f"{where}: mainOrganization/id: unknown organisation {org_ref!r}")
    type_slug = lookups.types_by_id.get(svc.get("generalDescriptionId") or "", "")
    if not type_slug:
        problems.append(
            f"{where}: generalDescriptionId: no service type has the general description "
            f"{svc.get('generalDescriptionId')!r}"
        )
    existing = lookups.existing.get(slug)
    record: dict[str, Any] = (
        row_to_record(service_row(existing))[0]
        if existing
        else _defaults(type_slug, lookups, today)
    )
    record["slug"] = slug
    record["service_type"] = type_slug
    record["name"] = _texts(svc.get("serviceNames"), "Name")
    for field, kind in DESCRIPTIONS.items():
        record[field] = _texts(svc.get("serviceDescriptions"), kind)
    for field, key in LANGUAGE_LISTS.items():
        record[field] = _texts(svc.get(key))
    for field in ("name", "what", *DESCRIPTIONS, *LANGUAGE_LISTS):
        if not record[field]:
            record.pop(field)
    record["languages"] = svc.get("languages") or ["fi"]
    record["municipalities"] = [
        _texts(m.get("name")).get("fi", "") for m in svc.get("municipalities") or []
    ]
    contacts = []
    for n, link in enumerate(svc.get("serviceChannels") or []):
        ref = (link.get("serviceChannel") or {}).get("id")
        channel = lookups.channels.get(ref or "")
        if channel is None:
            problems.append(f"{where}: serviceChannels/{n}/serviceChannel/id: not in the file")
            continue
        contact = _contact(channel, f"serviceChannels[{channel['sourceId']}]", problems)
        if contact:
            contacts.append(contact)
    record["contacts"] = _merge(record.get("contacts", []), contacts)
    statuses = {
        lang: (record.get("translations") or {}).get(lang, "unchecked")
        for lang in TRANSLATED_LANGS
        if any(isinstance(t, dict) and t.get(lang) for t in record.values())
    }
    record.pop("translations", None)
    if statuses:
        record["translations"] = statuses
    if svc.get("publishingStatus") == "Archived" and not _ended(record, today):
        record["valid_to"] = (today - dt.timedelta(days=1)).isoformat()
    return org, record


def _ended(record: dict[str, Any], today: dt.date) -> bool:
    start, end = record.get("valid_from"), record.get("valid_to")
    return bool(
        (start and dt.date.fromisoformat(start) > today)
        or (end and dt.date.fromisoformat(end) < today)
    )


def _lookups() -> _Lookups:
    types = {t.slug: t for t in ServiceType.objects.prefetch_related("need_areas")}
    lookups = _Lookups(
        orgs={organisation_id(o.slug): o for o in Organisation.objects.select_related("region")},
        types=types,
        types_by_id={service_type_id(slug): slug for slug in types},
        channels={},
        existing={
            s.slug: s
            for s in Service.objects.select_related(
                "organisation", "service_type"
            ).prefetch_related("need_areas", "access_routes", "municipalities", "contacts")
        },
        type_slugs=set(types),
        municipalities=set(Municipality.objects.values_list("name_fi", flat=True)),
    )
    return lookups


def _shape(data: Any) -> list[str]:
    if not isinstance(data, dict):
        return ["(file): an object with 'services' and 'serviceChannels' is expected"]
    found = [
        f"(file): {key}: unknown key" for key in data if key not in ("services", "serviceChannels")
    ]
    for key in ("services", "serviceChannels"):
        if not isinstance(data.get(key, []), list):
            found.append(f"(file): {key}: a list is expected")
    if "services" not in data:
        found.append("(file): services: missing")
    return found


def read_ptv(text: str, today: dt.date | None = None) -> list[tuple[Organisation, dict[str, Any]]]:
    """Every record checked; PtvImportError lists every problem. Nothing is written here."""
    today = today or timezone.localdate()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PtvImportError([f"(file): not JSON: {exc}"]) from None
    problems = _shape(data)
    if problems:
        raise PtvImportError(problems)
    services, channels = data["services"], data.get("serviceChannels", [])
    for i, svc in enumerate(services):
        where = f"services[{i}]" + (
            f" ({svc['sourceId']})" if isinstance(svc, dict) and svc.get("sourceId") else ""
        )
        problems += ptv_schema.errors(ptv_schema.SERVICE_MODEL, svc, where)
        if isinstance(svc, dict) and not svc.get("sourceId"):
            problems.append(f"{where}: sourceId: missing (it carries the catalogue's slug)")
    for i, ch in enumerate(channels):
        where = f"serviceChannels[{i}]"
        model = ptv_schema.channel_model(ch)
        if model is None:
            problems.append(f"{where}: serviceChannelType: missing or unknown")
            continue
        problems += ptv_schema.errors(model, ch, where)
        if not ch.get("id") or not ch.get("sourceId"):
            problems.append(f"{where}: id: a channel needs its id and sourceId")
    if problems:
        raise PtvImportError(problems)

    lookups = _lookups()
    lookups.channels = {ch["id"]: ch for ch in channels}
    validator = service_validator()
    items: list[tuple[Organisation, dict[str, Any]]] = []
    seen: set[str] = set()
    for i, svc in enumerate(services):
        where = f"services[{i}] ({svc['sourceId']})"
        if svc["sourceId"] in seen:
            problems.append(f"{where}: sourceId: appears twice")
        seen.add(svc["sourceId"])
        before = len(problems)
        org, record = _record(svc, where, lookups, today, problems)
        if len(problems) > before:
            continue
        schema = [
            f"{where}: {'/'.join(str(p) for p in e.absolute_path) or '(record)'}: {e.message}"
            for e in validator.iter_errors(record)
        ]
        problems += schema
        if not schema:
            problems += [
                f"{where}: {fp.field}: {fp.reason}"
                for fp in service_problems(record, lookups.type_slugs, lookups.municipalities)
            ]
        if org is not None:
            items.append((org, record))
    if problems:
        raise PtvImportError(problems)
    return items


def import_ptv(text: str, dry_run: bool = False) -> LoadReport | None:
    """Check every record, then write all of them in one transaction — or nothing.

    With ``dry_run`` only the checks run (``None`` is returned).
    """
    items = read_ptv(text)
    if dry_run:
        return None
    return apply_services(items)
