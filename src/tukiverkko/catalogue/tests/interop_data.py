"""A richer catalogue for the interop tests: every contact kind, translations, an ended service."""

from __future__ import annotations

import copy
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command

from tukiverkko.catalogue.tests.conftest import REGION, SERVICE_TYPES


def rich_region() -> dict[str, Any]:
    region = copy.deepcopy(REGION)
    org = region["organisations"][0]
    org["description"] = {"fi": "Hyvinvointialue.", "sv": "Välfärdsområde."}
    org["website"] = "https://testimaa.example/"
    first = org["services"][0]
    first["name"]["sv"] = "Arbetsförmågekoordinator, Testilä"
    first["name"]["en"] = "Work ability coordinator, Testilä"
    first["translations"] = {"sv": "unchecked", "en": "checked"}
    first["validity_unverified"] = {
        "fi": "Hankkeen palvelu; lähde ei kerro, jatkuuko se.",
        "sv": "Ett projekts tjänst; källan säger inte om den fortsätter.",
    }
    first["languages"] = ["fi", "sv"]
    first["age_min"] = 18
    first["age_max"] = 64
    first["how_to_refer"] = {"fi": "Soita tai lähetä suojattu viesti."}
    first["contacts"] += [
        {"kind": "email", "value": "tkk@testimaa.example", "label": {"fi": "Sähköposti"}},
        {"kind": "secure_email", "value": "tkk.turva@testimaa.example"},
        {"kind": "web", "value": "https://testimaa.example/tkk"},
        {"kind": "chat", "value": "https://testimaa.example/chat"},
        {"kind": "lifecare_message", "value": "TKK-ryhmä", "for_professionals_only": True},
        {
            "kind": "visiting_address",
            "value": "Kauppakatu 10, 18100 Testilä",
            "label": {"fi": "Sote-keskus"},
            "opening_hours_text": {"fi": "ma–pe 8–16"},
            "opening_hours": [
                {"days": ["MO", "TU", "WE", "TH", "FR"], "opens": "08:00", "closes": "16:00"}
            ],
        },
        {"kind": "visiting_address", "value": "Torikatu 1"},
    ]
    ended = {
        "slug": "testila-kuntakokeilu",
        "service_type": "tyokykykoordinaattori",
        "name": {"fi": "Kuntakokeilu; Testilä"},
        "what": {"fi": 'Päättynyt kokeilu, "lainausmerkit" ja rivinvaihto\ntoisella rivillä.'},
        "need_areas": ["employment"],
        "access_routes": ["professional_referral"],
        "network_group": "employment",
        "municipalities": ["Koekylä"],
        "valid_from": "2021-03-01",
        "valid_to": "2024-12-31",
        "verified": {"on": "2024-12-31", "by": "kirjaaja@testimaa.example"},
        "source": "[001]",
    }
    org["services"].append(ended)
    return region


def load_rich_catalogue(directory: Path) -> None:
    import yaml

    (directory / "service-types.yaml").write_text(
        yaml.safe_dump(SERVICE_TYPES, allow_unicode=True), encoding="utf-8"
    )
    (directory / "testimaa.yaml").write_text(
        yaml.safe_dump(rich_region(), allow_unicode=True), encoding="utf-8"
    )
    call_command("load_catalogue", str(directory), stdout=StringIO(), stderr=StringIO())
