"""The real catalogue (data/catalogue/*.yaml): every seed's services, dated changes, no placeholders.

These tests load the committed files, so they fail when a data edit drops a seed's service,
breaks a slug the eligibility rules use, or writes a seed placeholder as data.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from tukiverkko.accounts.models import Municipality, Organisation, Region
from tukiverkko.catalogue.loading import is_placeholder
from tukiverkko.catalogue.models import ContactChannel, Service, ServiceType

pytestmark = pytest.mark.django_db

BEFORE_REFORM = dt.date(2024, 6, 1)
AFTER_REFORM = dt.date(2025, 6, 1)

# Every service placed from the seeds, per region (docs/catalogue-data.md says where each
# comes from). A data edit may add services; it must not lose one of these.
EXPECTED_SERVICES: dict[str, list[str]] = {
    "paijat-hame": [
        # [000] Heinola quick guide
        "heinola-tyottomien-terveydenhoitaja",
        "heinola-tyokykykoordinaattori",
        "heinola-fysioterapia",
        "heinola-toimintaterapia",
        "heinola-miepa-tiimi",
        "heinola-hoidon-tarpeen-arviointi",
        "heinola-pth-laakarit",
        "heinola-tyoikaisten-sosiaalipalvelut",
        "heinola-jalkihuolto",
        "paijat-hame-lastensuojelun-paivystys",
        "heinola-tyopaja-kuntouttava-tyotoiminta",
        "phks-kuntoutustutkimusyksikko",
        "heinola-tyollisyyspalvelut",
        "heinola-tyopaja-torppa",
        "heinola-mediapaja",
        "heinola-etsiva-nuorisotyo",
        "jyrankola-tukirinki-2",
        "hame-te-palvelut",
        "kela-viranomaislinja",
        "kela-heinola-tyokykyneuvoja",
        "salpaus-opiskeluhuolto-heinola",
        # [001] Päijät-Sote service tray
        "paijat-hame-erikoissairaanhoito",
        "paijat-hame-sosiaalihuollon-ohjaus-ja-neuvonta",
        "paijat-hame-digiklinikka-huoli-parjaamisesta",
        "paijat-hame-sosiaalihuollon-omatyontekija",
        "paijat-hame-kuntouttava-tyotoiminta",
        "paijat-hame-sosiaalinen-kuntoutus",
        "paijat-hame-vammaispalvelujen-tyohonvalmennus",
        "paijat-hame-ryhmamuotoinen-tyollistyminen",
        "paijat-hame-sote-keskuksen-tyokyvyn-tuki",
        "paijat-hame-ips-tyohonvalmennus",
        "paijat-hame-tyokykykoordinaattori",
        "paijat-hame-tyottomien-terveydenhoitaja",
        "paijat-hame-terveydenhuollon-sosiaaliohjaaja",
        "paijat-hame-psykiatrinen-sairaanhoitaja",
        "paijat-hame-paihdesairaanhoitaja",
        "paijat-hame-fysioterapeutti",
        "paijat-hame-toimintaterapeutti",
        "paijat-hame-laakari-tyokykyarvio",
        "paijat-hame-hoidon-tarpeen-arviointi",
        "paijat-hame-typ",
        "lahti-tyollisyyspalvelut",
        "lahden-seudun-kuntakokeilu",
        "ohjaamo-lahti",
        "asikkala-tyollisyyspalvelut",
        "hartola-tyollisyyspalvelut",
        "hollola-tyollisyyspalvelut",
        "iitti-tyollisyyspalvelut",
        "karkola-tyollisyyspalvelut",
        "orimattila-tyollisyyspalvelut",
        "padasjoki-tyollisyydenhoito-padaspaletti",
        "sysma-tyollisyyspalvelut",
        "kela-kuntoutus-paijat-hame",
        "kela-etuudet-paijat-hame",
        "salpaus-koulutus",
        "dila-lahden-alueen-tyollisyysverkosto",
        "dila-koulutus",
        "paijathamalaiset-jarjestotieto",
        "vates-tukea-tyollistymiseen",
        "soste-jarjestotieto",
        "tyoelakekuntoutus-paijat-hame",
        "tyokyvyttomyyselake-paijat-hame",
        "tyoterveyshuolto-paijat-hame",
        "tyonantajan-tyokyvyn-tuki-paijat-hame",
        # Changed since the seeds (RULEBOOK §13): the 2025 employment authorities and TYM
        "paijat-hameen-tyollisyysalue-tyovoimapalvelut",
        "paijat-hameen-tyollisyysalue-tym",
        "lahti-tyovoimaviranomainen",
        "lahti-tym",
    ],
    "varsinais-suomi": [
        "varha-tyokykykoordinaattori",
        "varha-tyottomien-terveystarkastus",
        "varha-tyokyvyn-tuen-laakari",
        "varha-tyollistymista-edistavat-sosiaalipalvelut",
        "varha-sosiaaliohjaus",
        "varha-kuntouttava-tyotoiminta",
        "varha-ips-tyohonvalmennus",
        "varha-vammaispalvelujen-tyohonvalmennus",
        "varha-tyokyvyn-tuen-tiimi",
        "varha-mielenterveys-ja-paihdepalvelut",
        "varha-tym",
        "kela-varsinais-suomi-tyokyvyn-tuki",
        "varsinais-suomi-tyovoimaviranomainen",
    ],
    "lappi": [
        "lappi-tyottomien-terveystarkastus",
        "lappi-tyottoman-laakaritarkastus",
        "rovaniemi-tyokyvyn-tuen-tiimi",
        "rovaniemi-psykiatrinen-sairaanhoitaja",
        "rovaniemi-paihdetyo",
        "rovaniemi-fysioterapia",
        "rovaniemi-kuntoutusohjaus",
        "rovaniemi-sosiaalihuollon-tyollistymista-tukeva-palvelupolku",
        "rovaniemi-sosiaalinen-kuntoutus",
        "lappi-erikoissairaanhoito",
        "rovaniemi-tyollisyyspalvelut",
        "rovaniemi-tyokyky-kayttoon-hanke",
        "rovaniemi-ips-tyohonvalmennus",
        "rovaniemi-kuntouttava-tyotoiminta",
        "rovaniemi-tyopajatoiminta",
        "rovaniemi-typ",
        "lappi-te-palvelut",
        "lappi-te-ammatillinen-kuntoutus",
        "lappi-tyovoimaviranomainen",
        "lappi-tym",
        "kela-lappi-ammatillinen-kuntoutus",
        "kela-lappi-etuudet",
        "kela-lappi-tyokyvyn-tuen-tiimi",
        "tyoelakekuntoutus-lappi",
        "tyokyvyttomyyselake-lappi",
        "tapaturmavakuutuksen-ammatillinen-kuntoutus",
        "tyoterveyshuolto-lappi",
        "yths-opiskelijoiden-tyokyvyn-tuki",
    ],
    "satakunta": [
        "satakunta-terveyspalvelut",
        "satakunta-erikoissairaanhoito",
        "satakunta-mielenterveys-ja-paihdepalvelut",
        "satakunta-aikuissosiaalityo",
        "satakunta-kuntouttava-tyotoiminta",
        "satakunta-vammaispalvelut",
        "satakunta-kuntoutuspalvelut",
        "satakunta-perheneuvola",
        "satakunta-lastensuojelu",
        "satakunta-tyokykytiimit",
        "satakunta-typ",
        "satakunta-tyokykya-satakuntaan-hanke",
        "satakunta-te-palvelut",
        "satakunta-tyovoimaviranomainen",
        "satakunta-tym",
        "kela-satakunta-kuntoutus",
        "kela-satakunta-etuudet",
        "tyoelakekuntoutus-satakunta",
    ],
}

# The service types the eligibility rules speak of (brief of the rules app).
RULE_SLUGS = [
    "tyottomien-terveystarkastus",
    "tyokykykoordinaattori",
    "tyokyvyn-tuen-tiimi",
    "tyokyvyn-tuen-laakari",
    "kuntoutustutkimus",
    "kuntouttava-tyotoiminta",
    "tym",
    "typ",
    "kuntakokeilu",
    "etsiva-nuorisotyo",
    "ohjaamo",
    "jalkihuolto",
    "mediapaja",
    "kela-tyokykyneuvoja",
    "ips-tyohonvalmennus",
    "vammaispalvelujen-tyohonvalmennus",
    "ryhmamuotoinen-tyollistyminen",
    "tyoterveyshuolto",
    "tyokyvyttomyyselake",
    "ammatillinen-kuntoutus",
    "paihdesairaanhoitaja",
    "psykiatrinen-sairaanhoitaja",
]

MUNICIPALITY_COUNTS = {"paijat-hame": 10, "varsinais-suomi": 27, "lappi": 21, "satakunta": 16}

# Organisations other parts of the system (demo accounts, rules) refer to by slug.
REQUIRED_ORGANISATIONS = [
    "paijat-hameen-hyvinvointialue",
    "paijat-hameen-tyollisyysalue",
    "varsinais-suomen-hyvinvointialue",
    "kela",
    "heinolan-kaupunki",
    "koulutuskeskus-salpaus",
    "lapin-hyvinvointialue",
    "rovaniemen-kaupunki",
    "satakunnan-hyvinvointialue",
]


def load_real_catalogue() -> str:
    out = StringIO()
    call_command("load_catalogue", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def catalogue() -> str:
    return load_real_catalogue()


@pytest.mark.parametrize("region", sorted(EXPECTED_SERVICES))
def test_every_seed_service_of_the_region_is_loaded_in_that_region(catalogue, region):
    # when
    loaded = set(Service.objects.filter(region__slug=region).values_list("slug", flat=True))
    # then
    missing = sorted(set(EXPECTED_SERVICES[region]) - loaded)
    assert missing == [], f"{region}: seed services missing from the catalogue: {missing}"


@pytest.mark.parametrize(("region", "count"), sorted(MUNICIPALITY_COUNTS.items()))
def test_region_has_all_its_municipalities(catalogue, region, count):
    assert Municipality.objects.filter(region__slug=region).count() == count


def test_municipalities_that_left_paijat_hame_in_2023_are_not_in_it(catalogue):
    # Myrskylä and Pukkila moved to Itä-Uudenmaan hyvinvointialue on 1.1.2023.
    assert not Municipality.objects.filter(name_fi__in=["Myrskylä", "Pukkila"]).exists()


def test_swedish_municipality_names_are_loaded(catalogue):
    names = dict(Municipality.objects.values_list("name_fi", "name_sv"))
    assert names["Turku"] == "Åbo"
    assert names["Pori"] == "Björneborg"
    assert names["Rovaniemi"] == ""


def test_every_rule_slug_is_a_service_type(catalogue):
    # when
    slugs = set(ServiceType.objects.values_list("slug", flat=True))
    # then
    assert sorted(set(RULE_SLUGS) - slugs) == []


def test_tym_starts_when_typ_and_kuntakokeilu_end(catalogue):
    types = {t.slug: t for t in ServiceType.objects.filter(slug__in=["tym", "typ", "kuntakokeilu"])}
    assert types["tym"].valid_from == dt.date(2025, 1, 1)
    assert types["typ"].valid_to == dt.date(2024, 12, 31)
    assert types["kuntakokeilu"].valid_to == dt.date(2024, 12, 31)


def test_required_organisations_exist(catalogue):
    existing = set(Organisation.objects.values_list("slug", flat=True))
    assert sorted(set(REQUIRED_ORGANISATIONS) - existing) == []
    assert Organisation.objects.get(slug="kela").business_id == "0246246-0"


def test_te_services_end_with_2024_and_employment_authorities_begin_in_2025(catalogue):
    # given every service of a TE office and of a TE type, and every employment authority's
    te_services = list(
        Service.objects.filter(service_type__slug="te-palvelut")
        | Service.objects.filter(organisation__slug__endswith="te-toimisto")
    )
    area_services = list(Service.objects.filter(organisation__slug="paijat-hameen-tyollisyysalue"))
    authorities = list(Service.objects.filter(service_type__slug="tyovoimaviranomainen"))
    assert {"hame-te-palvelut", "lappi-te-palvelut", "satakunta-te-palvelut"} <= {
        s.slug for s in te_services
    }
    assert len(area_services) == 2
    assert {"lahti-tyovoimaviranomainen", "paijat-hameen-tyollisyysalue-tyovoimapalvelut"} <= {
        s.slug for s in authorities
    }
    # then
    for service in te_services:
        assert service.is_valid_on(BEFORE_REFORM), service.slug
        assert not service.is_valid_on(AFTER_REFORM), service.slug
    for service in area_services + authorities:
        assert not service.is_valid_on(BEFORE_REFORM), service.slug
        assert service.is_valid_on(AFTER_REFORM), service.slug
    te_office = Organisation.objects.get(slug="hameen-te-toimisto")
    area = Organisation.objects.get(slug="paijat-hameen-tyollisyysalue")
    assert te_office.valid_to == dt.date(2024, 12, 31)
    assert area.valid_from == dt.date(2025, 1, 1)


def test_employment_area_serves_its_nine_municipalities_and_lahti_is_alone(catalogue):
    area = Service.objects.get(slug="paijat-hameen-tyollisyysalue-tyovoimapalvelut")
    lahti = Service.objects.get(slug="lahti-tyovoimaviranomainen")
    assert sorted(m.name_fi for m in area.municipalities.all()) == [
        "Asikkala",
        "Hartola",
        "Heinola",
        "Hollola",
        "Iitti",
        "Kärkölä",
        "Orimattila",
        "Padasjoki",
        "Sysmä",
    ]
    assert [m.name_fi for m in lahti.municipalities.all()] == ["Lahti"]


def test_kuntakokeilu_has_ended_and_covered_the_five_lahti_region_municipalities(catalogue):
    # given
    pilots = list(Service.objects.filter(service_type__slug="kuntakokeilu"))
    # then
    assert [p.slug for p in pilots] == ["lahden-seudun-kuntakokeilu"]
    pilot = pilots[0]
    assert pilot.is_valid_on(dt.date(2024, 12, 31))
    assert not pilot.is_valid_on(dt.date(2025, 1, 1))
    assert sorted(m.name_fi for m in pilot.municipalities.all()) == [
        "Asikkala",
        "Hollola",
        "Kärkölä",
        "Lahti",
        "Orimattila",
    ]


def test_typ_services_have_ended_and_tym_services_have_begun(catalogue):
    typ = Service.objects.filter(service_type__slug="typ")
    tym = Service.objects.filter(service_type__slug="tym")
    assert typ.exists() and tym.exists()
    assert all(s.valid_to == dt.date(2024, 12, 31) for s in typ)
    assert all(s.valid_from == dt.date(2025, 1, 1) for s in tym)


@pytest.mark.parametrize(
    ("slug", "age_min", "age_max"),
    [
        # Law since 1.1.2024: aftercare ends at the 23rd birthday (the seed's 18–25 is outdated).
        ("heinola-jalkihuolto", 18, 22),
        ("heinola-etsiva-nuorisotyo", 15, 28),
        ("heinola-mediapaja", None, 28),
        ("ohjaamo-lahti", 15, 29),
    ],
)
def test_age_limits_follow_the_seeds_and_the_law(catalogue, slug, age_min, age_max):
    service = Service.objects.get(slug=slug)
    assert (service.age_min, service.age_max) == (age_min, age_max)


def test_no_contact_value_is_a_seed_placeholder(catalogue):
    # given
    values = list(ContactChannel.objects.exclude(value="").values_list("value", flat=True))
    # then
    assert values, "the catalogue has real contact values"
    assert [v for v in values if is_placeholder(v)] == []
    assert not any("000-000" in v or v.strip().upper() == "XX" for v in values)


def test_seed_placeholders_are_left_empty_and_real_values_kept(catalogue):
    # The Heinola guide's nurse has only "nimi / sähköposti / puhelinnumero": to be filled.
    nurse = Service.objects.get(slug="heinola-tyottomien-terveydenhoitaja")
    assert all(c.is_placeholder for c in nurse.contacts.all())
    # Real numbers in the seeds are data, with their opening hours.
    kela = Service.objects.get(slug="kela-viranomaislinja").contacts.get(value="020 692 235")
    assert kela.opening_hours == [
        {"days": ["MO", "TU", "WE", "TH", "FR"], "opens": "09:00", "closes": "15:00"}
    ]
    child_welfare = Service.objects.get(slug="paijat-hame-lastensuojelun-paivystys")
    assert child_welfare.contacts.filter(value="044 482 8200").exists()
    assert Service.objects.get(slug="hame-te-palvelut").contacts.filter(value="0295 025 500")


def test_every_service_cites_its_source_and_when_it_was_verified(catalogue):
    services = list(Service.objects.all())
    assert len(services) >= sum(len(v) for v in EXPECTED_SERVICES.values())
    for service in services:
        assert service.source, service.slug
        assert service.verified_on is not None, service.slug
        assert service.verified_by.startswith("Lähdeaineisto: "), service.slug
        assert service.what_fi, service.slug


def test_loading_the_real_catalogue_twice_changes_nothing(catalogue):
    # given
    assert "Catalogue loaded." in catalogue
    before = dict(Service.objects.values_list("slug", "updated_at"))
    counts = (Region.objects.count(), Organisation.objects.count(), Service.objects.count())
    # when
    out = load_real_catalogue()
    # then
    assert "Catalogue unchanged." in out
    assert "created" not in out and "updated" not in out
    assert dict(Service.objects.values_list("slug", "updated_at")) == before
    assert (Region.objects.count(), Organisation.objects.count(), Service.objects.count()) == counts


# Services whose running the seeds cannot confirm (decision 0140), with what each seed says.
UNVERIFIED_VALIDITY = {
    # [002] "TYÖKYVYN TUEN TIIMI … Versio 1", "Hahmotelmaa", "Muita reittejä?"; the project
    # belonged to the Työkykyohjelma, which ended in 2023 (RULEBOOK §13 #9).
    "rovaniemi-tyokyvyn-tuen-tiimi": "Työkykyohjelmaan",
    # [002] "Laatukriteereihin perustuva tuettu työhönvalmennus (tl 2)", a working group of it.
    "rovaniemi-ips-tyohonvalmennus": "Työkyky käyttöön",
    # [002] the service path and the client-manager model were working groups of the project.
    "rovaniemi-sosiaalihuollon-tyollistymista-tukeva-palvelupolku": "mallinnettiin",
    # [004] "Työkykytiimit käsittelevät asiakasasioita … 2 -4 viikon välein", plan version 1, 2021.
    "satakunta-tyokykytiimit": "versio 1",
    # [001] "Mallia kehitetty Hollolan, Asikkalan ja Padasjoen sote-keskuksissa"; its
    # coordinator and social instructor only to the end of 2023.
    "paijat-hame-sote-keskuksen-tyokyvyn-tuki": "vuoden 2023 loppuun",
    # [000] "Tukirinki 2 –hanke", no duration given.
    "jyrankola-tukirinki-2": "hanke",
}


def test_services_the_seeds_cannot_confirm_say_so_and_are_to_be_reverified(catalogue):
    # when
    from tukiverkko.catalogue.querysets import unverified

    doubtful = {s.slug: s for s in Service.objects.exclude(validity_unverified_fi="")}
    # then exactly these, each with its reason in all three languages, still valid by dates
    assert set(doubtful) == set(UNVERIFIED_VALIDITY)
    for slug, words in UNVERIFIED_VALIDITY.items():
        service = doubtful[slug]
        assert words in service.validity_unverified_fi, slug
        assert service.validity_unverified_sv and service.validity_unverified_en, slug
        assert service.valid_to is None, slug
    # and they head the editors' re-verify list
    listed = [s.slug for s in unverified(dt.date(2026, 12, 1))]
    assert set(listed[: len(UNVERIFIED_VALIDITY)]) == set(UNVERIFIED_VALIDITY)


def test_paijat_sote_ips_follows_seed_001(catalogue):
    # [001] "Sosiaalihuollon palveluista päättää kuitenkin sosiaalihuollon ammattihenkilö";
    # "asiakasta tukee työhönvalmentaja, jonka kanssa asiakas laatii jatkosuunnitelmia"
    ips = Service.objects.get(slug="paijat-hame-ips-tyohonvalmennus")
    assert ips.service_type.slug == "ips-tyohonvalmennus"
    assert ips.organisation.slug == "paijat-hameen-hyvinvointialue"
    assert [r.slug for r in ips.access_routes.all()] == ["social_care_decision"]
    assert ips.municipalities.count() == 10
    assert "työhönvalmentaja" in ips.what_fi and "jatkosuunnitelmia" in ips.what_fi
    assert "sosiaalihuollon ammattihenkilö" in ips.how_fi
    assert "elämänhallinnassa" in ips.for_whom_fi
    assert ips.is_valid_on(dt.date(2026, 12, 1)) and not ips.has_unverified_validity
    links = set(ips.contacts.values_list("value", flat=True))
    assert (
        "https://paijat-sote.fi/yhteystiedot/-/sosiaalihuollon-ohjaus-ja-neuvonta-polku-2/" in links
    )
    assert any("Laatukriteereihin%20perustuvan" in v for v in links)


@pytest.mark.parametrize(
    "slug", ["paijat-hameen-tyollisyysalue-tyovoimapalvelut", "lahti-tyovoimaviranomainen"]
)
def test_the_activation_plan_contact_moved_to_the_employment_authorities(catalogue, slug):
    # [000] TE-palvelut: "Aktivointisuunnitelmista vastaava asiantuntija" (a placeholder there);
    # since 1.1.2025 the employment authority draws up the activation plan (TE24).
    service = Service.objects.get(slug=slug)
    contact = service.contacts.get(label_fi="Aktivointisuunnitelmista vastaava asiantuntija")
    assert contact.is_placeholder and contact.for_professionals_only
    assert service.valid_from == dt.date(2025, 1, 1)
    assert "aktivointisuunnitelma" in service.how_fi
