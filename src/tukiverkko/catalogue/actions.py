"""Writing the catalogue: applying validated file data to the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from tukiverkko.accounts.models import Municipality, Organisation, Region
from tukiverkko.catalogue.loading import CatalogueData
from tukiverkko.catalogue.models import (
    LANGS,
    SERVICE_TEXTS,
    TRANSLATED_LANGS,
    AccessRoute,
    ContactChannel,
    NeedArea,
    Service,
    ServiceType,
)
from tukiverkko.catalogue.search import build_search_lemmas


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    # Per service slug: "created", "updated" or "unchanged" (filled by apply_services).
    services: dict[str, str] = field(default_factory=dict)

    def count(self, bucket: str, kind: str) -> None:
        target = getattr(self, bucket)
        target[kind] = target.get(kind, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _texts(prefix: str, value: dict[str, str] | None) -> dict[str, str]:
    value = value or {}
    return {f"{prefix}_{lang}": value.get(lang, "") for lang in LANGS}


def _statuses(record: dict[str, Any]) -> dict[str, str]:
    """``translation_sv`` / ``translation_en``: the record's review status, empty if no text."""
    given = record.get("translations") or {}
    return {f"translation_{lang}": given.get(lang, "") for lang in TRANSLATED_LANGS}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _upsert(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], report: LoadReport
) -> Any:
    kind = model.__name__
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model._default_manager.create(**lookup, **values)
        report.count("created", kind)
        return obj
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        obj.save(update_fields=changed)
        report.count("updated", kind)
    else:
        report.count("unchanged", kind)
    return obj


def _set_m2m(manager: Any, wanted: list[Any]) -> bool:
    current = {o.pk for o in manager.all()}
    if current != {o.pk for o in wanted}:
        manager.set(wanted)
        return True
    return False


@transaction.atomic
def apply_catalogue(data: CatalogueData) -> LoadReport:
    """Upsert everything by slug. Running it twice with the same data changes nothing."""
    report = LoadReport()
    need_areas = {n.slug: n for n in NeedArea.objects.all()}
    routes = {r.slug: r for r in AccessRoute.objects.all()}

    types: dict[str, ServiceType] = {}
    for st in data.service_types:
        obj = _upsert(
            ServiceType,
            {"slug": st["slug"]},
            {
                **_texts("name", st["name"]),
                **_texts("description", st["description"]),
                **_texts("eligibility", st.get("eligibility")),
                "plan_review_months": st.get("plan_review_months"),
                "valid_from": _date(st.get("valid_from")),
                "valid_to": _date(st.get("valid_to")),
                "source": st["source"],
                **_statuses(st),
            },
            report,
        )
        if _set_m2m(obj.need_areas, [need_areas[n] for n in st["need_areas"]]):
            report.count("updated", "ServiceType.need_areas")
        types[st["slug"]] = obj

    regions: dict[str, Region] = {}
    municipalities: dict[str, Municipality] = {}
    for region in data.regions:
        r = _upsert(Region, {"slug": region["slug"]}, _texts("name", region["name"]), report)
        regions[region["slug"]] = r
        for m in region["municipalities"]:
            municipalities[m["fi"]] = _upsert(
                Municipality,
                {"name_fi": m["fi"]},
                {"name_sv": m.get("sv", ""), "region": r},
                report,
            )

    for region_slug, org in data.organisations:
        o = _upsert(
            Organisation,
            {"slug": org["slug"]},
            {
                **_texts("name", org["name"]),
                **_texts("description", org.get("description")),
                "business_id": org.get("business_id", ""),
                "sector": org["sector"],
                "region": regions[region_slug],
                "municipality": municipalities.get(org.get("municipality", "")),
                "website": org.get("website", ""),
                "valid_from": _date(org.get("valid_from")),
                "valid_to": _date(org.get("valid_to")),
                "source": org["source"],
            },
            report,
        )
        for svc in org["services"]:
            _apply_service(
                svc, o, regions[region_slug], types, municipalities, need_areas, routes, report
            )
    return report


@transaction.atomic
def apply_services(items: list[tuple[Organisation, dict[str, Any]]]) -> LoadReport:
    """Upsert validated service records (loader format) of existing organisations by slug.

    What the CSV import uses: service types, regions and organisations stay as they are.
    """
    report = LoadReport()
    types = {t.slug: t for t in ServiceType.objects.all()}
    municipalities = {m.name_fi: m for m in Municipality.objects.all()}
    need_areas = {n.slug: n for n in NeedArea.objects.all()}
    routes = {r.slug: r for r in AccessRoute.objects.all()}
    for org, svc in items:
        if svc["municipalities"] == "all":
            svc = {**svc, "municipalities": [m.name_fi for m in org.region.municipalities.all()]}
        before = (
            report.created.get("Service", 0),
            report.updated.get("Service", 0) + report.updated.get("Service.relations", 0),
        )
        _apply_service(svc, org, org.region, types, municipalities, need_areas, routes, report)
        after = (
            report.created.get("Service", 0),
            report.updated.get("Service", 0) + report.updated.get("Service.relations", 0),
        )
        report.services[svc["slug"]] = (
            "created"
            if after[0] > before[0]
            else "updated"
            if after[1] > before[1]
            else "unchanged"
        )
    return report


def _apply_service(
    svc: dict[str, Any],
    org: Organisation,
    region: Region,
    types: dict[str, ServiceType],
    municipalities: dict[str, Municipality],
    need_areas: dict[str, NeedArea],
    routes: dict[str, AccessRoute],
    report: LoadReport,
) -> None:
    values: dict[str, Any] = {
        "organisation": org,
        "service_type": types[svc["service_type"]],
        "region": region,
        "network_group": svc["network_group"],
        "referral_time_limit_days": svc.get("referral_time_limit_days"),
        "languages": svc.get("languages", ["fi"]),
        "age_min": svc.get("age_min"),
        "age_max": svc.get("age_max"),
        "valid_from": _date(svc.get("valid_from")),
        "valid_to": _date(svc.get("valid_to")),
        "verified_on": _date(svc["verified"]["on"]),
        "verified_by": svc["verified"]["by"],
        "source": svc["source"],
        **_statuses(svc),
    }
    for name in SERVICE_TEXTS:
        values.update(_texts(name, svc.get(name)))
    # Part of the same save, so the search tokens (Service.save) are written once, from the
    # final text, and only when the text changed.
    values["search_lemmas"] = build_search_lemmas(Service(**values))
    service = _upsert(Service, {"slug": svc["slug"]}, values, report)
    touched = _set_m2m(service.need_areas, [need_areas[n] for n in svc["need_areas"]])
    touched |= _set_m2m(service.access_routes, [routes[r] for r in svc["access_routes"]])
    touched |= _set_m2m(service.municipalities, [municipalities[m] for m in svc["municipalities"]])
    touched |= _apply_contacts(service, svc.get("contacts", []))
    if touched:
        report.count("updated", "Service.relations")


def _contact_values(contact: dict[str, Any], position: int) -> dict[str, Any]:
    return {
        "kind": contact["kind"],
        "value": contact["value"] or "",
        **_texts("label", contact.get("label")),
        **_texts("opening_hours", contact.get("opening_hours_text")),
        "opening_hours": contact.get("opening_hours", []),
        "for_professionals_only": contact.get("for_professionals_only", False),
        "position": position,
    }


def _apply_contacts(service: Service, contacts: list[dict[str, Any]]) -> bool:
    wanted = [_contact_values(c, i) for i, c in enumerate(contacts)]
    fields = list(wanted[0]) if wanted else ["kind"]
    current = [{f: getattr(c, f) for f in fields} for c in service.contacts.order_by("position")]
    if current == wanted:
        return False
    service.contacts.all().delete()
    ContactChannel.objects.bulk_create(ContactChannel(service=service, **v) for v in wanted)
    return True
