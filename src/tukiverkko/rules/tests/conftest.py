from __future__ import annotations

from typing import Any

import pytest

from tukiverkko.rules.engine import recommend
from tukiverkko.rules.situation import validate


def _recommend(**facts: Any) -> dict[str, Any]:
    facts.setdefault("reference_date", "2025-06-01")
    return recommend(validate(facts))


def _status(slug: str, **facts: Any) -> str:
    services = {s["service_type"]: s for s in _recommend(**facts)["services"]}
    return str(services[slug]["status"])


@pytest.fixture
def recommend_for():
    return _recommend


@pytest.fixture
def status_for():
    return _status


@pytest.fixture
def heinola_offering(db):
    """A factory: ``heinola_offering(slug, service_type, name, **fields)`` makes a service of
    Päijät-Häme's county offered in Heinola (the region, the municipality and the organisation
    are made once)."""
    from tukiverkko.accounts.models import Municipality, Organisation, Region
    from tukiverkko.catalogue.models import Service, ServiceType

    region = Region.objects.create(slug="paijat-hame", name_fi="Päijät-Häme")
    heinola = Municipality.objects.create(name_fi="Heinola", region=region)
    Municipality.objects.create(name_fi="Lahti", region=region)
    org = Organisation.objects.create(
        slug="phhyky",
        name_fi="Päijät-Hämeen hyvinvointialue",
        sector="public",
        region=region,
        website="https://paijat-sote.fi/",
    )

    def offering(slug: str, type_slug: str, name: str, **extra: Any) -> Service:
        stype, _ = ServiceType.objects.get_or_create(
            slug=type_slug, defaults={"name_fi": type_slug, "description_fi": "-"}
        )
        service = Service.objects.create(
            slug=slug,
            organisation=org,
            service_type=stype,
            region=region,
            name_fi=name,
            what_fi="-",
            network_group="health",
            **extra,
        )
        service.municipalities.add(heinola)
        return service

    return offering
