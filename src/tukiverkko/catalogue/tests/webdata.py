"""A small but varied catalogue for the page tests: inflected texts, ended and coming services,
a successor, placeholders, professional-only channels, ages, sectors and two municipalities."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import yaml
from django.core.management import call_command

SERVICE_TYPES: dict[str, Any] = {
    "service_types": [
        {
            "slug": "tyokykykoordinaattori",
            "name": {"fi": "Työkykykoordinaattori", "sv": "Arbetsförmågekoordinator"},
            "translations": {"sv": "checked"},
            "description": {"fi": "Työkyvyn tuen palveluiden asiantuntija."},
            "eligibility": {
                "fi": "Työtön, jonka työkyvyn haaste vaikeuttaa työllistymistä ja joka tarvitsee "
                "palveluiden yhteensovittamista."
            },
            "need_areas": ["rehabilitation", "employment"],
            "source": "[003]",
        },
        {
            "slug": "kuntoutustutkimus",
            "name": {"fi": "Kuntoutustutkimus"},
            "description": {"fi": "Erikoissairaanhoidon kuntoutustutkimus."},
            "eligibility": {"fi": "Vain lääkärin lähetteellä, kun työkyvyttömyyden uhka."},
            "need_areas": ["rehabilitation"],
            "source": "[000]",
        },
        {
            "slug": "etsiva-nuorisotyo",
            "name": {"fi": "Etsivä nuorisotyö"},
            "description": {"fi": "Tukea alle 29-vuotiaille."},
            "need_areas": ["life_management", "education"],
            "source": "[000]",
        },
        {
            "slug": "tyollisyyspalvelut",
            "name": {"fi": "Työllisyyspalvelut"},
            "description": {"fi": "Työvoimaviranomaisen palvelut työnhakijoille."},
            "need_areas": ["employment"],
            "source": "[001]",
        },
    ]
}


def _service(slug: str, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "slug": slug,
        "need_areas": ["employment"],
        "access_routes": ["self_referral"],
        "network_group": "employment",
        "municipalities": "all",
        "languages": ["fi"],
        "verified": {"on": "2025-06-30", "by": "Testaaja"},
        "source": "test",
    }
    base.update(extra)
    return base


REGION: dict[str, Any] = {
    "region": {
        "slug": "testimaa",
        "name": {"fi": "Testimaa", "sv": "Testland"},
        "municipalities": [{"fi": "Testilä"}, {"fi": "Koekylä", "sv": "Provby"}],
    },
    "organisations": [
        {
            "slug": "testimaan-hyvinvointialue",
            "name": {"fi": "Testimaan hyvinvointialue", "sv": "Testlands välfärdsområde"},
            "business_id": "0201256-6",
            "sector": "public",
            "municipality": "Testilä",
            "source": "test",
            "services": [
                _service(
                    "testila-tyokykykoordinaattori",
                    service_type="tyokykykoordinaattori",
                    name={"fi": "Työkykykoordinaattori, Testilä", "sv": "Koordinator, Testilä"},
                    what={
                        "fi": "Auttaa tunnistamaan työkyvyn haasteita ja kuntoutustarpeita.",
                        "sv": "Hjälper att känna igen utmaningar i arbetsförmågan.",
                    },
                    translations={"sv": "unchecked"},
                    why={"fi": "Jotta asiakas saa oikean tuen."},
                    how={"fi": "Tapaamiset ja verkostotyö."},
                    for_whom={"fi": "Työttömille, joilla on työkyvyn haaste."},
                    when_to_contact={"fi": "Kun terveydelliset rajoitteet ovat tiedossa."},
                    how_to_refer={"fi": "Salatulla sähköpostilla tilanne lyhyesti."},
                    need_areas=["rehabilitation"],
                    access_routes=["self_referral", "professional_referral"],
                    network_group="health",
                    verified={"on": "2024-12-31", "by": "seed 000"},
                    contacts=[
                        {"kind": "phone", "value": None, "label": {"fi": "Koordinaattori"}},
                        {
                            "kind": "phone",
                            "value": "020 692 235",
                            "opening_hours": [
                                {"days": ["MO", "TU", "WE"], "opens": "09:00", "closes": "15:00"}
                            ],
                        },
                        {
                            "kind": "secure_email",
                            "value": "tkk@testimaa.example",
                            "for_professionals_only": True,
                        },
                    ],
                ),
                _service(
                    "kuntoutustutkimusyksikko",
                    service_type="kuntoutustutkimus",
                    name={"fi": "Kuntoutustutkimusyksikkö"},
                    what={
                        "fi": "Selvittää aikuisten kuntoutuksen tarvetta ja tekee työkyvyn "
                        "arviointeja."
                    },
                    need_areas=["rehabilitation"],
                    access_routes=["doctor_referral"],
                    network_group="specialist",
                    municipalities=["Testilä"],
                    verified={"on": "2023-01-15", "by": "Vanha tarkistus"},
                ),
                _service(
                    "verkostotiimi-koekyla",
                    service_type="tyollisyyspalvelut",
                    name={
                        "fi": "Verkostotiimi, Koekylä",
                        "sv": "Nätverksteamet, Provby",
                        "en": "Network team, Koekylä",
                    },
                    what={
                        "fi": "Monialainen tiimi kokoaa tiedon asiakkaan tilanteesta.",
                        "sv": "Ett sektorsövergripande team samlar information om klienten.",
                        "en": "A multisectoral team gathers information on the client.",
                    },
                    why={
                        "fi": "Jotta asiakasta ei siirretä luukulta luukulle.",
                        "sv": "Så att klienten inte skickas från lucka till lucka.",
                        "en": "So that the client is not passed from desk to desk.",
                    },
                    how={
                        "fi": "Tiimi kokoontuu kerran kuukaudessa.",
                        "sv": "Teamet träffas en gång i månaden.",
                        "en": "The team meets once a month.",
                    },
                    for_whom={
                        "fi": "Asiakkaille, jotka tarvitsevat monialaista tukea.",
                        "sv": "Klienter som behöver sektorsövergripande stöd.",
                        "en": "Clients who need multisectoral support.",
                    },
                    validity_unverified={
                        "fi": "Lähde on vuoden 2021 luonnos; ei tiedetä, kokoontuuko tiimi yhä.",
                        "sv": "Källan är ett utkast från 2021; det är okänt om teamet ännu träffas.",
                        "en": "The source is a 2021 draft; it is not known whether the team "
                        "still meets.",
                    },
                    translations={"sv": "checked", "en": "unchecked"},
                    municipalities=["Koekylä"],
                ),
                _service(
                    "koekyla-tyottomien-terveystarkastus",
                    service_type="tyokykykoordinaattori",
                    name={"fi": "Työttömien terveydenhoitaja, Koekylä"},
                    what={"fi": "Terveystarkastukset ja ohjaus hoitoon."},
                    need_areas=["wellbeing"],
                    network_group="health",
                    municipalities=["Koekylä"],
                ),
            ],
        },
        {
            "slug": "testilan-kaupunki",
            "name": {"fi": "Testilän kaupunki"},
            "sector": "public",
            "municipality": "Testilä",
            "source": "test",
            "services": [
                _service(
                    "etsiva-nuorisotyo-testila",
                    service_type="etsiva-nuorisotyo",
                    name={"fi": "Etsivä nuorisotyö, Testilä"},
                    what={"fi": "Nuorten tukeminen elämän vaikeissa tilanteissa."},
                    need_areas=["life_management", "education"],
                    network_group="youth",
                    age_min=15,
                    age_max=28,
                ),
                _service(
                    "kuntakokeilu-testila",
                    service_type="tyollisyyspalvelut",
                    name={"fi": "Kuntakokeilu, Testilä"},
                    what={"fi": "Työllisyyden kuntakokeilun omavalmennus."},
                    valid_to="2024-12-31",
                ),
                _service(
                    "tyollisyysalue-testila",
                    service_type="tyollisyyspalvelut",
                    name={"fi": "Testimaan työllisyysalue"},
                    what={"fi": "Työnhakijoiden palvelut työllisyysalueella."},
                    valid_from="2025-01-01",
                ),
                _service(
                    "tuleva-palvelu",
                    service_type="tyollisyyspalvelut",
                    name={"fi": "Tuleva palvelu"},
                    what={"fi": "Alkaa myöhemmin."},
                    valid_from="2030-01-01",
                ),
            ],
        },
        {
            "slug": "tukiyhdistys",
            "name": {"fi": "Tukiyhdistys ry"},
            "sector": "third_sector",
            "source": "test",
            "services": [
                _service(
                    "tukirinki",
                    service_type="tyollisyyspalvelut",
                    name={"fi": "Tukirinki"},
                    what={"fi": "Työnhaun koulutus ja polku kohti opiskeluja."},
                    need_areas=["employment", "education"],
                    network_group="third_sector",
                    municipalities=["Testilä"],
                    languages=["fi", "sv"],
                ),
            ],
        },
    ],
}


def load_web_catalogue(directory: Path) -> None:
    """Write the catalogue to ``directory`` and load it with the real command."""
    (directory / "service-types.yaml").write_text(
        yaml.safe_dump(SERVICE_TYPES, allow_unicode=True), encoding="utf-8"
    )
    (directory / "testimaa.yaml").write_text(
        yaml.safe_dump(REGION, allow_unicode=True), encoding="utf-8"
    )
    call_command("load_catalogue", str(directory), stdout=StringIO(), stderr=StringIO())


# Services whose verification date the tests keep in the past; every other one is made fresh
# (verified 30 days before the day the tests run) so that the upkeep list stays predictable.
OLD_VERIFICATIONS = {"testila-tyokykykoordinaattori", "kuntoutustutkimusyksikko"}


def freshen_verifications() -> None:
    import datetime as dt

    from django.utils import timezone

    from tukiverkko.catalogue.models import Service

    recent = timezone.localdate() - dt.timedelta(days=30)
    Service.objects.exclude(slug__in=OLD_VERIFICATIONS).update(verified_on=recent)
