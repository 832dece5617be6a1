"""The catalogue as Open Referral HSDS 3.0 JSON (``tukiverkko export-hsds DIR``).

Three files, one JSON array per compiled HSDS record type (``schema/compiled/*.json`` of the
specification), so that every record can be checked against the standard as it stands:

- ``organizations.json`` — compiled *organization* records (with organization_identifiers),
- ``services.json`` — compiled *service* records with their phones, contacts, schedules,
  service_areas, languages, attributes (need areas, access routes, service type),
  metadata (who verified the record) and service_at_locations with the nested location,
- ``service_at_locations.json`` — compiled *service_at_location* records (one per visiting
  address), with the nested location.

HSDS 3.0 has one text per field and no per-field languages, so an export is in one language:
Finnish by default (``--lang fi``); ``--lang sv`` / ``--lang en`` take the Swedish or English text
where the catalogue has one and fall back to Finnish. Ids are the same in every language.
See docs/interop.md for the field mapping and docs/decisions/0030-hsds-export-layout.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation

from tukiverkko.accounts.models import Organisation, Sector
from tukiverkko.catalogue.models import (
    AccessRouteSlug,
    ContactChannel,
    ContactKind,
    NeedAreaSlug,
    Service,
    localised,
    unchecked_translations,
)
from tukiverkko.catalogue.validity import is_valid_on

# Stable ids: UUIDv5 of "<kind>/<slug>[/<part>]" in Tukiverkko's own namespace, so the same
# record has the same id in every export, on every machine, in every language.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://tukiverkko.fi/hsds/3.0")

FILES = {
    "organization": "organizations.json",
    "service": "services.json",
    "service_at_location": "service_at_locations.json",
}

# org-id.guide scheme for the Finnish trade register (PRH), whose number is the Y-tunnus.
BUSINESS_ID_SCHEME = "FI-PRO"

_LANGUAGE_NAMES = {
    "fi": {"fi": "suomi", "sv": "finska", "en": "Finnish"},
    "sv": {"fi": "ruotsi", "sv": "svenska", "en": "Swedish"},
    "en": {"fi": "englanti", "sv": "engelska", "en": "English"},
    "se": {"fi": "saame", "sv": "samiska", "en": "Sami"},
    "ru": {"fi": "venäjä", "sv": "ryska", "en": "Russian"},
    "et": {"fi": "viro", "sv": "estniska", "en": "Estonian"},
    "ar": {"fi": "arabia", "sv": "arabiska", "en": "Arabic"},
    "so": {"fi": "somali", "sv": "somaliska", "en": "Somali"},
    "uk": {"fi": "ukraina", "sv": "ukrainska", "en": "Ukrainian"},
    "fa": {"fi": "persia", "sv": "persiska", "en": "Persian"},
}

# "Kauppakatu 10, 18100 Heinola" → street, postal code, city.
_ADDRESS = re.compile(r"^(?P<street>.+?),?\s+(?P<postal>\d{5})\s+(?P<city>[^\d,]+?)\s*$")
# "Kirkkokatu 8, Heinola (Savotan tilat)" → street, city, note.
_STREET_CITY = re.compile(r"^(?P<street>[^,]+),\s*(?P<city>[^,(]+?)\s*(?:\((?P<note>[^)]*)\))?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

_PROFESSIONALS_ONLY = {
    "fi": "Vain ammattilaisille",
    "sv": "Endast för yrkesverksamma",
    "en": "For professionals only",
}

TAXONOMY_NEED_AREA = "tukiverkko-tarvealue"
TAXONOMY_ACCESS_ROUTE = "tukiverkko-hakeutuminen"
TAXONOMY_SERVICE_TYPE = "tukiverkko-palvelutyyppi"
# A service whose running the sources cannot confirm (decision 0140), and an export language
# whose texts no person has checked yet (decision 0141).
TAXONOMY_VALIDITY = "tukiverkko-voimassaolo"
TAXONOMY_TRANSLATION = "tukiverkko-kaannos"
UNVERIFIED = "tarkistamatta"

_VALIDITY_UNVERIFIED = {
    "fi": "Voimassaolo tarkistamatta",
    "sv": "Giltigheten har inte kontrollerats",
    "en": "Validity not verified",
}
_TRANSLATION_UNCHECKED = {
    "sv": "Översättningen från finska har inte granskats",
    "en": "Translation from Finnish not yet checked",
}


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty optional values: HSDS has no use for "" or []."""
    return {k: v for k, v in record.items() if v not in ("", None, [])}


def _label(choice: Any, lang: str) -> str:
    with translation.override(lang):
        return str(choice.label)


def organization_record(org: Organisation, lang: str = "fi") -> dict[str, Any]:
    org_id = stable_id("organisation", org.slug)
    identifiers = []
    if org.business_id:
        identifiers.append(
            {
                "id": stable_id("organisation", org.slug, "business-id"),
                "organization_id": org_id,
                "identifier_scheme": BUSINESS_ID_SCHEME,
                "identifier_type": "Y-tunnus",
                "identifier": org.business_id,
            }
        )
    record = _compact(
        {
            "id": org_id,
            "name": localised(org, "name", lang),
            "website": org.website,
            "legal_status": _label(Sector(org.sector), lang),
            "organization_identifiers": identifiers,
        }
    )
    # Required by HSDS; an organisation without a description exports an empty one.
    record["description"] = localised(org, "description", lang)
    return record


def _schedule(
    hours: dict[str, Any], ident: str, description: str, links: dict[str, str]
) -> dict[str, Any]:
    return _compact(
        {
            "id": ident,
            **links,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": ",".join(hours["days"]),
            "opens_at": hours["opens"],
            "closes_at": hours["closes"],
            "description": description,
        }
    )


def _schedules(
    contact: ContactChannel, base: str, lang: str, links: dict[str, str]
) -> list[dict[str, Any]]:
    text = localised(contact, "opening_hours", lang)
    what = f"{_label(ContactKind(contact.kind), lang)} {contact.value}".strip()
    description = f"{what}: {text}" if text else what
    return [
        _schedule(h, stable_id(base, "schedule", str(i)), description, links)
        for i, h in enumerate(contact.opening_hours)
    ]


def _parse_address(service: Service, value: str) -> tuple[str, str, str, str]:
    """(street, postal code, city, note) of a visiting address written as free text."""
    match = _ADDRESS.match(value)
    if match:
        return match["street"], match["postal"], match["city"], ""
    towns = {m.name_fi for m in service.municipalities.all()}
    home = service.organisation.municipality
    if home:
        towns.add(home.name_fi)
    match = _STREET_CITY.match(value)
    if match and match["city"] in towns:
        return match["street"], "", match["city"], match["note"] or ""
    # Not parseable: the whole text as the street line, the organisation's home town as city.
    return value, "", home.name_fi if home else "", ""


def _service_at_location(service: Service, contact: ContactChannel, lang: str) -> dict[str, Any]:
    base = f"service/{service.slug}/contact/{contact.position}"
    sal_id = stable_id(base, "service-at-location")
    location_id = stable_id(base, "location")
    service_id = stable_id("service", service.slug)
    street, postal, city, note = _parse_address(service, contact.value)
    address = {
        "id": stable_id(base, "address"),
        "location_id": location_id,
        "address_1": street,
        "city": city,
        "state_province": localised(service.region, "name", lang),
        "postal_code": postal,
        "country": "FI",
        "address_type": "physical",
    }
    if note:
        address["address_2"] = note
    location = _compact(
        {
            "id": location_id,
            "location_type": "physical",
            "organization_id": stable_id("organisation", service.organisation.slug),
            "name": localised(contact, "label", lang) or localised(service, "name", lang),
            "addresses": [address],
        }
    )
    return _compact(
        {
            "id": sal_id,
            "service_id": service_id,
            "location_id": location_id,
            "description": localised(service, "name", lang),
            "schedules": _schedules(contact, base, lang, {"service_at_location_id": sal_id}),
            "location": location,
        }
    )


def _attribute(
    service_id: str, taxonomy: str, code: str, name: str, description: str, lang: str
) -> dict[str, Any]:
    term_id = stable_id("taxonomy", taxonomy, code)
    return {
        "id": stable_id("attribute", service_id, taxonomy, code),
        "link_id": service_id,
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": term_id,
        "taxonomy_term": {
            "id": term_id,
            "code": code,
            "name": name,
            "description": description or name,
            "taxonomy": taxonomy,
            "language": lang,
        },
    }


def _status(service: Service, today: dt.date) -> str:
    valid = is_valid_on(service, today) and is_valid_on(service.organisation, today)
    return "active" if valid else "inactive"


def _joined_inline(*texts: str) -> str:
    return " – ".join(t for t in texts if t)


def _joined(*texts: str) -> str:
    return "\n\n".join(t for t in texts if t)


def service_record(
    service: Service, lang: str = "fi", today: dt.date | None = None
) -> dict[str, Any]:
    today = today or timezone.localdate()
    sid = stable_id("service", service.slug)
    links = {"service_id": sid}
    phones: list[dict[str, Any]] = []
    contacts: list[dict[str, Any]] = []
    schedules: list[dict[str, Any]] = []
    sals: list[dict[str, Any]] = []
    url = email = ""
    for contact in service.contacts.all():
        if contact.is_placeholder:
            continue  # a seed placeholder is "still to be filled", never data
        base = f"service/{service.slug}/contact/{contact.position}"
        label = localised(contact, "label", lang)
        kind_label = _label(ContactKind(contact.kind), lang)
        if contact.for_professionals_only:
            # HSDS has no audience field: the note goes where a reader sees it.
            label = _joined_inline(label, _PROFESSIONALS_ONLY[lang])
            kind_label = _joined_inline(kind_label, _PROFESSIONALS_ONLY[lang])
        if contact.kind == ContactKind.VISITING_ADDRESS:
            sals.append(_service_at_location(service, contact, lang))
            continue
        schedules.extend(_schedules(contact, base, lang, links))
        if contact.kind == ContactKind.PHONE:
            phones.append(
                _compact(
                    {
                        "id": stable_id(base, "phone"),
                        "service_id": sid,
                        "number": contact.value,
                        "type": "voice",
                        "description": _joined(label, localised(contact, "opening_hours", lang)),
                    }
                )
            )
        elif contact.kind == ContactKind.WEB and not url:
            url = contact.value
        elif contact.kind in (ContactKind.EMAIL, ContactKind.SECURE_EMAIL) and _EMAIL.match(
            contact.value
        ):
            if contact.kind == ContactKind.EMAIL and not email:
                email = contact.value
            contacts.append(
                _compact(
                    {
                        "id": stable_id(base, "contact"),
                        "service_id": sid,
                        "name": label or kind_label,
                        "title": kind_label,
                        "email": contact.value,
                    }
                )
            )
        else:  # chat, Lifecare message, an e-mail field that is not an address
            contacts.append(
                _compact(
                    {
                        "id": stable_id(base, "contact"),
                        "service_id": sid,
                        "name": f"{label or kind_label}: {contact.value}",
                        "title": kind_label,
                    }
                )
            )
    areas = [
        {
            "id": stable_id("service", service.slug, "area", m.name_fi),
            "service_id": sid,
            "name": (m.name_sv or m.name_fi) if lang == "sv" else m.name_fi,
            "description": localised(m.region, "name", lang),
        }
        for m in service.municipalities.all()
    ]
    languages = [
        {
            "id": stable_id("service", service.slug, "language", code),
            "service_id": sid,
            "code": code,
            "name": _LANGUAGE_NAMES.get(code, {}).get(lang, code),
        }
        for code in service.languages
    ]
    st = service.service_type
    attributes = [
        _attribute(
            sid,
            TAXONOMY_SERVICE_TYPE,
            st.slug,
            localised(st, "name", lang),
            localised(st, "description", lang),
            lang,
        )
    ]
    attributes += [
        _attribute(sid, TAXONOMY_NEED_AREA, n.slug, _label(NeedAreaSlug(n.slug), lang), "", lang)
        for n in service.need_areas.all()
    ]
    attributes += [
        _attribute(
            sid, TAXONOMY_ACCESS_ROUTE, r.slug, _label(AccessRouteSlug(r.slug), lang), "", lang
        )
        for r in service.access_routes.all()
    ]
    unverified_validity = ""
    if service.has_unverified_validity:
        reason = localised(service, "validity_unverified", lang)
        unverified_validity = f"{_VALIDITY_UNVERIFIED[lang]}: {reason}"
        attributes.append(
            _attribute(sid, TAXONOMY_VALIDITY, UNVERIFIED, _VALIDITY_UNVERIFIED[lang], reason, lang)
        )
    if lang in unchecked_translations(service):
        attributes.append(
            _attribute(
                sid, TAXONOMY_TRANSLATION, UNVERIFIED, _TRANSLATION_UNCHECKED[lang], "", lang
            )
        )
    metadata = []
    if service.verified_on:
        # HSDS has assured_date and assurer_email but no assurer name: who verified the
        # record is kept as a metadata row (updated_by), the e-mail only when it is one.
        metadata.append(
            {
                "id": stable_id("service", service.slug, "verified"),
                "resource_id": sid,
                "resource_type": "service",
                "last_action_date": service.verified_on.isoformat(),
                "last_action_type": "verified",
                "field_name": "assured_date",
                "previous_value": "",
                "replacement_value": service.verified_on.isoformat(),
                "updated_by": service.verified_by,
            }
        )
    return _compact(
        {
            "id": sid,
            "organization_id": stable_id("organisation", service.organisation.slug),
            "name": localised(service, "name", lang),
            "description": _joined(
                localised(service, "what", lang), localised(service, "why", lang)
            ),
            "url": url,
            "email": email,
            "status": _status(service, today),
            # HSDS has no "unknown" status: a service valid by its dates stays "active", and the
            # alert says that no one has confirmed it still runs.
            "alert": unverified_validity if _status(service, today) == "active" else "",
            "application_process": _joined(
                localised(service, "how", lang), localised(service, "how_to_refer", lang)
            ),
            "eligibility_description": _joined(
                localised(service, "for_whom", lang), localised(st, "eligibility", lang)
            ),
            "minimum_age": service.age_min,
            "maximum_age": service.age_max,
            "assured_date": service.verified_on.isoformat() if service.verified_on else "",
            "assurer_email": service.verified_by if _EMAIL.match(service.verified_by) else "",
            "last_modified": service.updated_at.astimezone(dt.UTC)
            .isoformat()
            .replace("+00:00", "Z"),
            "phones": phones,
            "contacts": contacts,
            "schedules": schedules,
            "service_areas": areas,
            "languages": languages,
            "service_at_locations": sals,
            "attributes": attributes,
            "metadata": metadata,
        }
    )


def services_queryset() -> QuerySet[Service]:
    return (
        Service.objects.select_related("organisation__municipality", "service_type", "region")
        .prefetch_related(
            Prefetch("contacts", queryset=ContactChannel.objects.order_by("position")),
            "municipalities__region",
            "need_areas",
            "access_routes",
        )
        .order_by("slug")
    )


def build_hsds(lang: str = "fi", today: dt.date | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every record, by compiled HSDS type."""
    services = [service_record(s, lang, today) for s in services_queryset()]
    sals = []
    for record in services:
        for sal in record.get("service_at_locations", []):
            sals.append(sal)
    organizations = [organization_record(o, lang) for o in Organisation.objects.order_by("slug")]
    return {"organization": organizations, "service": services, "service_at_location": sals}


def write_hsds(directory: Path, lang: str = "fi") -> dict[str, int]:
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for kind, records in build_hsds(lang).items():
        (directory / FILES[kind]).write_text(
            json.dumps(records, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        counts[FILES[kind]] = len(records)
    return counts
