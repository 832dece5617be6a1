from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.utils import translation

SERVICE_TYPES: dict[str, Any] = {
    "service_types": [
        {
            "slug": "tyokykykoordinaattori",
            "name": {"fi": "Työkykykoordinaattori", "en": "Work ability coordinator"},
            "translations": {"en": "checked"},
            "description": {"fi": "Työkyvyn tuen palveluiden asiantuntija."},
            "need_areas": ["rehabilitation", "employment"],
            "source": "[003]",
        }
    ]
}

REGION: dict[str, Any] = {
    "region": {
        "slug": "testimaa",
        "name": {"fi": "Testimaa"},
        "municipalities": [{"fi": "Testilä"}, {"fi": "Koekylä", "sv": "Provby"}],
    },
    "organisations": [
        {
            "slug": "testimaan-hyvinvointialue",
            "name": {"fi": "Testimaan hyvinvointialue"},
            "business_id": "0201256-6",
            "sector": "public",
            "municipality": "Testilä",
            "source": "test",
            "services": [
                {
                    "slug": "testila-tyokykykoordinaattori",
                    "service_type": "tyokykykoordinaattori",
                    "name": {"fi": "Työkykykoordinaattori, Testilä"},
                    "what": {"fi": "Auttaa tunnistamaan työkyvyn haasteita ja kuntoutustarpeita."},
                    "for_whom": {"fi": "Työttömille, joilla on työkyvyn haaste."},
                    "need_areas": ["rehabilitation"],
                    "access_routes": ["self_referral", "professional_referral"],
                    "network_group": "health",
                    "municipalities": "all",
                    "languages": ["fi"],
                    "verified": {"on": "2024-12-31", "by": "seed 000"},
                    "source": "[000]",
                    "contacts": [
                        {"kind": "phone", "value": None, "label": {"fi": "Puhelin"}},
                        {
                            "kind": "phone",
                            "value": "020 692 235",
                            "opening_hours": [
                                {"days": ["MO", "TU"], "opens": "09:00", "closes": "15:00"}
                            ],
                        },
                    ],
                }
            ],
        }
    ],
}


@pytest.fixture
def catalogue_dir(tmp_path: Path):
    """Write a small valid catalogue; the test may edit the dicts before writing."""

    def write(
        service_types: dict[str, Any] | None = None, region: dict[str, Any] | None = None
    ) -> Path:
        (tmp_path / "service-types.yaml").write_text(
            yaml.safe_dump(service_types or SERVICE_TYPES, allow_unicode=True), encoding="utf-8"
        )
        (tmp_path / "testimaa.yaml").write_text(
            yaml.safe_dump(region or REGION, allow_unicode=True), encoding="utf-8"
        )
        return tmp_path

    return write


@pytest.fixture
def region_data() -> dict[str, Any]:
    return copy.deepcopy(REGION)


@pytest.fixture(autouse=True)
def finnish_by_default():
    """Each test starts in Finnish: a request to /sv/… leaves Swedish active in the thread, and
    ``reverse()`` in the next test would then build /sv/ addresses."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
