from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tukiverkko.catalogue.tests.interop_data import load_rich_catalogue
from tukiverkko.interop import hsds_validation
from tukiverkko.interop.hsds import FILES, stable_id

pytestmark = pytest.mark.django_db

HSDS_DIR = settings.BASE_DIR / "standards" / "hsds-3.0"

# Nested record lists and the per-table schema each item is also checked against.
NESTED = {
    "phones": "phone",
    "contacts": "contact",
    "schedules": "schedule",
    "service_areas": "service_area",
    "languages": "language",
    "attributes": "attribute",
    "metadata": "metadata",
    "organization_identifiers": "organization_identifier",
    "addresses": "address",
}


@pytest.fixture(scope="module")
def validators():
    return hsds_validation.validators(HSDS_DIR / "schema")


def export(tmp_path: Path, *args: str) -> dict[str, list[dict]]:
    out = tmp_path / "hsds"
    call_command("export_hsds", str(out), *args, stdout=StringIO())
    return {kind: json.loads((out / name).read_text("utf-8")) for kind, name in FILES.items()}


def nested_records(record: dict):
    """(table, item) for every nested record at any depth."""
    for key, value in record.items():
        if key in NESTED and isinstance(value, list):
            for item in value:
                yield NESTED[key], item
                yield from nested_records(item)
        elif key == "location" and isinstance(value, dict):
            yield "location", value
            yield from nested_records(value)
        elif key == "service_at_locations":
            for item in value:
                yield "service_at_location", item
                yield from nested_records(item)


@pytest.mark.parametrize("name", ["organization", "service", "service_at_location"])
def test_the_specifications_own_examples_pass_the_strict_validator(validators, name):
    # given the specification's example record
    example = json.loads((HSDS_DIR / "examples" / f"{name}_full.json").read_text("utf-8"))
    # then it is valid as it stands
    assert list(hsds_validation.errors(validators[name], example, name)) == []
    # and a misspelt field, even deep inside, is caught (the strictening works)
    example["contacts"][0]["phones"][0]["numbr"] = "1"
    problems = list(hsds_validation.errors(validators[name], example, name))
    assert len(problems) == 1 and "'numbr' was unexpected" in problems[0]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_exported_record_is_valid_hsds(tmp_path, validators, lang):
    # given
    load_rich_catalogue(tmp_path)
    # when
    exported = export(tmp_path, "--lang", lang)
    # then
    assert len(exported["organization"]) == 1
    assert len(exported["service"]) == 2
    assert len(exported["service_at_location"]) == 2
    problems: list[str] = []
    checked = 0
    for kind, records in exported.items():
        for i, record in enumerate(records):
            problems += hsds_validation.errors(validators[kind], record, f"{kind}[{i}]")
            for table, item in nested_records(record):
                problems += hsds_validation.errors(
                    validators[f"table:{table}"], item, f"{kind}[{i}] {table}"
                )
                checked += 1
    assert problems == []
    assert checked > 30


def test_mapping_of_a_service(tmp_path):
    # given
    load_rich_catalogue(tmp_path)
    # when
    exported = export(tmp_path)
    services = {s["name"]: s for s in exported["service"]}
    tkk = services["Työkykykoordinaattori, Testilä"]
    ended = services["Kuntakokeilu; Testilä"]
    # then: stable UUIDv5 ids from slugs
    assert tkk["id"] == stable_id("service", "testila-tyokykykoordinaattori")
    assert tkk["organization_id"] == exported["organization"][0]["id"]
    # status from validity; assured date and who verified
    assert tkk["status"] == "active" and ended["status"] == "inactive"
    assert tkk["assured_date"] == "2024-12-31"
    assert tkk["metadata"][0]["updated_by"] == "seed 000"
    assert ended["assurer_email"] == "kirjaaja@testimaa.example"
    assert "assurer_email" not in tkk
    # phones (the placeholder is left out), e-mail, url, schedules
    assert [p["number"] for p in tkk["phones"]] == ["020 692 235"]
    assert tkk["email"] == "tkk@testimaa.example"
    assert tkk["url"] == "https://testimaa.example/tkk"
    assert {"tkk.turva@testimaa.example"} <= {c.get("email") for c in tkk["contacts"]}
    lifecare = next(c for c in tkk["contacts"] if "TKK-ryhmä" in c["name"])
    assert lifecare["title"] == "Lifecare-viesti – Vain ammattilaisille"
    schedule = tkk["schedules"][0]
    assert (schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
        "MO,TU",
        "09:00",
        "15:00",
    )
    # service areas = municipalities; languages; ages
    assert sorted(a["name"] for a in tkk["service_areas"]) == ["Koekylä", "Testilä"]
    assert [(x["code"], x["name"]) for x in tkk["languages"]] == [("fi", "suomi"), ("sv", "ruotsi")]
    assert (tkk["minimum_age"], tkk["maximum_age"]) == (18, 64)
    # visiting addresses become service_at_location with a parsed address and its hours
    sal = tkk["service_at_locations"][0]
    address = sal["location"]["addresses"][0]
    assert (address["address_1"], address["postal_code"], address["city"]) == (
        "Kauppakatu 10",
        "18100",
        "Testilä",
    )
    assert sal["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"
    # need areas and access routes as taxonomy attributes
    codes = {a["taxonomy_term"]["code"] for a in tkk["attributes"]}
    assert {"rehabilitation", "self_referral", "tyokykykoordinaattori"} <= codes


def test_swedish_export_uses_swedish_where_present_and_keeps_ids(tmp_path):
    load_rich_catalogue(tmp_path)
    fi = export(tmp_path / "fi")
    sv = export(tmp_path / "sv", "--lang", "sv")
    names = {s["id"]: s["name"] for s in sv["service"]}
    assert {s["id"] for s in fi["service"]} == set(names)
    assert "Arbetsförmågekoordinator, Testilä" in names.values()
    assert "Kuntakokeilu; Testilä" in names.values()  # no Swedish: Finnish stays
    assert sv["organization"][0]["description"] == "Välfärdsområde."


def test_the_real_catalogue_exports_valid_hsds(tmp_path, validators):
    # given the catalogue files of the repository (data/catalogue/*.yaml)
    code = call_command("load_catalogue", str(settings.DATA_DIR / "catalogue"), stdout=StringIO())
    assert code is None
    # when
    exported = export(tmp_path)
    # then every record of every type is valid, and there is something in each
    for kind, records in exported.items():
        assert records, kind
        for i, record in enumerate(records):
            assert list(hsds_validation.errors(validators[kind], record, f"{kind}[{i}]")) == []
    ids = [s["id"] for s in exported["service"]]
    assert len(ids) == len(set(ids))


def test_unverified_validity_and_unchecked_translation_in_the_export(tmp_path):
    # given a service whose validity is unverified, with Swedish unchecked and English checked
    load_rich_catalogue(tmp_path)
    sid = stable_id("service", "testila-tyokykykoordinaattori")

    def service(lang: str) -> dict:
        exported = export(tmp_path / lang, "--lang", lang)
        return next(s for s in exported["service"] if s["id"] == sid)

    def codes(record: dict, taxonomy: str) -> set[str]:
        return {
            a["taxonomy_term"]["code"]
            for a in record["attributes"]
            if a["taxonomy_term"]["taxonomy"] == taxonomy
        }

    fi, sv, en = service("fi"), service("sv"), service("en")
    # then it stays active (HSDS has no "unknown") with an alert in the export's language
    assert fi["status"] == "active"
    assert (
        fi["alert"] == "Voimassaolo tarkistamatta: Hankkeen palvelu; lähde ei kerro, jatkuuko se."
    )
    assert sv["alert"].startswith("Giltigheten har inte kontrollerats: Ett projekts tjänst")
    assert en["alert"].startswith("Validity not verified: Hankkeen palvelu")  # no English note
    assert codes(fi, "tukiverkko-voimassaolo") == {"tarkistamatta"}
    # and the Swedish export says its texts are an unchecked translation; the English does not
    assert codes(sv, "tukiverkko-kaannos") == {"tarkistamatta"}
    assert codes(en, "tukiverkko-kaannos") == set()
    assert codes(fi, "tukiverkko-kaannos") == set()
