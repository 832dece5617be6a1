"""export-ptv / import-ptv: the catalogue in the Suomi.fi service catalogue's V11 shape."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tukiverkko.catalogue.actions import apply_catalogue
from tukiverkko.catalogue.loading import catalogue_files, read_files
from tukiverkko.catalogue.models import ContactChannel, Service
from tukiverkko.catalogue.tests.interop_data import load_rich_catalogue
from tukiverkko.interop import ptv_schema

pytestmark = pytest.mark.django_db

REAL = settings.DATA_DIR / "catalogue"
TKK = "testila-tyokykykoordinaattori"


def export(path: Path) -> dict:
    call_command("export_ptv", str(path), stdout=StringIO())
    return json.loads(path.read_text("utf-8"))


def import_file(path: Path, *args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_ptv", str(path), *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def invalid_records(data: dict) -> list[str]:
    problems = []
    for i, record in enumerate(data["services"]):
        problems += ptv_schema.errors(ptv_schema.SERVICE_MODEL, record, f"services[{i}]")
    for i, record in enumerate(data["serviceChannels"]):
        model = ptv_schema.channel_model(record)
        assert model is not None, record
        problems += ptv_schema.errors(model, record, f"serviceChannels[{i}]")
    return problems


def load_without_services(directory: Path) -> None:
    """The catalogue's service types, regions and organisations, and not one service."""
    data = read_files(catalogue_files(directory))
    data.organisations = [(region, {**org, "services": []}) for region, org in data.organisations]
    apply_catalogue(data)


def test_the_real_catalogue_round_trips_through_ptv(tmp_path):
    # given the repository's own catalogue (data/catalogue/*.yaml), exported
    call_command("load_catalogue", str(REAL), stdout=StringIO())
    first = export(tmp_path / "first.json")
    # then every record validates against the vendored V11 models, and there are records
    assert len(first["services"]) == Service.objects.count() > 50
    assert first["serviceChannels"]
    assert invalid_records(first) == []
    # and importing it into the same catalogue changes nothing (what PTV does not carry,
    # e.g. contacts only for professionals, stays in its place)
    code, out, err = import_file(tmp_path / "first.json")
    assert (code, err) == (0, "")
    assert f"unchanged {len(first['services'])}" in out
    # when it is imported into a database with no services at all
    Service.objects.all().delete()
    assert not ContactChannel.objects.exists()
    code, out, err = import_file(tmp_path / "first.json")
    assert (code, err) == (0, "")
    assert f"created {len(first['services'])}" in out
    # then exporting again gives exactly the same file
    export(tmp_path / "second.json")
    assert (tmp_path / "second.json").read_text("utf-8") == (tmp_path / "first.json").read_text(
        "utf-8"
    )
    # and importing it once more changes nothing
    assert "Catalogue unchanged." in import_file(tmp_path / "second.json")[1]


def test_the_real_catalogue_imports_into_an_empty_catalogue(tmp_path):
    # given an export of the real catalogue
    call_command("load_catalogue", str(REAL), stdout=StringIO())
    first = export(tmp_path / "ptv.json")
    # and a fresh database holding only what PTV does not carry (service types, regions,
    # organisations) — loaded through the catalogue's loader, without one service
    Service.objects.all().delete()
    load_without_services(REAL)
    assert not Service.objects.exists()
    # when
    code, _, err = import_file(tmp_path / "ptv.json")
    # then
    assert (code, err) == (0, "")
    assert export(tmp_path / "again.json") == first


def test_rich_catalogue_maps_every_contact_kind(tmp_path):
    # given every contact kind, translations, opening hours and an ended service
    load_rich_catalogue(tmp_path)
    # when
    data = export(tmp_path / "ptv.json")
    # then
    assert invalid_records(data) == []
    tkk = next(s for s in data["services"] if s["sourceId"] == TKK)
    assert {n["language"]: n["value"] for n in tkk["serviceNames"]}["sv"] == (
        "Arbetsförmågekoordinator, Testilä"
    )
    assert {s["sourceId"]: s["publishingStatus"] for s in data["services"]}[
        "testila-kuntakokeilu"
    ] == "Archived"
    channels = [c for c in data["serviceChannels"] if c["sourceId"].startswith(TKK + ".")]
    kinds = [c["serviceChannelType"] for c in channels]
    # the secure e-mail and the professionals-only Lifecare message have no PTV channel
    assert kinds.count("EChannel") == 2 and "Phone" in kinds and "WebPage" in kinds
    location = next(c for c in channels if "addresses" in c)
    assert location["addresses"][0]["otherAddress"]["postalCode"] == "18100"
    hours = location["serviceHours"][0]
    assert [h["dayFrom"] for h in hours["openingHour"]] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
    ]
    assert hours["additionalInformation"] == [{"language": "fi", "value": "ma–pe 8–16"}]
    # when the services are removed and the file is imported back
    Service.objects.all().delete()
    code, _, err = import_file(tmp_path / "ptv.json")
    # then the export is the same again
    assert (code, err) == (0, "")
    assert export(tmp_path / "again.json") == data


def test_import_keeps_what_ptv_does_not_carry(tmp_path):
    # given the rich catalogue, exported
    load_rich_catalogue(tmp_path)
    data = export(tmp_path / "ptv.json")
    before = Service.objects.get(slug=TKK)
    # when a name is edited in the PTV file and imported
    tkk = next(s for s in data["services"] if s["sourceId"] == TKK)
    tkk["serviceNames"][0]["value"] = "Työkykykoordinaattori (PTV)"
    (tmp_path / "ptv.json").write_text(json.dumps(data), "utf-8")
    code, out, _ = import_file(tmp_path / "ptv.json")
    # then the name changed, and the fields without a PTV counterpart did not
    assert code == 0 and "updated 1" in out
    after = Service.objects.get(slug=TKK)
    assert after.name_fi == "Työkykykoordinaattori (PTV)"
    assert (after.network_group, after.how_to_refer_fi, after.age_min) == (
        before.network_group,
        before.how_to_refer_fi,
        before.age_min,
    )
    kinds = list(after.contacts.order_by("position").values_list("kind", flat=True))
    assert "lifecare_message" in kinds and "secure_email" in kinds


def test_dry_run_checks_and_saves_nothing(tmp_path):
    # given an export, and the services removed
    load_rich_catalogue(tmp_path)
    export(tmp_path / "ptv.json")
    Service.objects.all().delete()
    # when
    code, out, _ = import_file(tmp_path / "ptv.json", "--dry-run")
    # then
    assert code == 0 and "nothing saved" in out
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d["services"][0].update(serviceNamez=[]), "serviceNamez"),
        (
            lambda d: d["services"][0]["serviceNames"][0].update(value=""),
            "serviceNames/0/value",
        ),
        (lambda d: d["services"][0].update(id="not-a-uuid"), "id: 'not-a-uuid'"),
        (
            lambda d: d["services"][0].update(generalDescriptionId=None),
            "generalDescriptionId: no service type",
        ),
        (
            lambda d: d["services"][0]["mainOrganization"].update(
                id="00000000-0000-0000-0000-000000000000"
            ),
            "mainOrganization/id: unknown organisation",
        ),
        (
            lambda d: d["services"][0].update(serviceNames=[]),
            "name",
        ),
        (
            lambda d: d["services"][0]["municipalities"][0]["name"][0].update(value="Atlantis"),
            "municipalities: unknown municipality 'Atlantis'",
        ),
        (lambda d: d["serviceChannels"][0].update(serviceChannelType="Fax"), "serviceChannelType"),
        (lambda d: d.update(extra=1), "(file): extra: unknown key"),
    ],
)
def test_bad_input_names_the_record_and_field_and_saves_nothing(tmp_path, edit, expected):
    # given an export of the rich catalogue, the services removed, and one field broken
    load_rich_catalogue(tmp_path)
    data = export(tmp_path / "ptv.json")
    Service.objects.all().delete()
    edit(data)
    (tmp_path / "ptv.json").write_text(json.dumps(data), "utf-8")
    # when
    code, _, err = import_file(tmp_path / "ptv.json")
    # then exit 2, the problem named, nothing saved
    assert code == 2
    assert "nothing saved" in err and expected in err
    assert not Service.objects.exists()


def test_unreadable_files_exit_2(tmp_path):
    # given a file that is not JSON, and one that does not exist
    (tmp_path / "bad.json").write_text("{", "utf-8")
    # then
    assert import_file(tmp_path / "bad.json")[0] == 2
    assert "not JSON" in import_file(tmp_path / "bad.json")[2]
    assert import_file(tmp_path / "missing.json")[0] == 2
    (tmp_path / "latin1.json").write_bytes("{ä}".encode("latin-1"))
    assert "not UTF-8" in import_file(tmp_path / "latin1.json")[2]


def ptv_location(service: dict, **fields) -> dict:
    """A service location as PTV itself serves one: a street address, hours by day range."""
    channel = {
        "id": "3f0f7a52-9d3c-4b61-8a57-1c2b3d4e5f60",
        "sourceId": "ptv-location",
        "serviceChannelType": "ServiceLocation",
        "organizationId": service["mainOrganization"]["id"],
        "serviceChannelNames": [{"type": "Name", "language": "fi", "value": "Sote-keskus"}],
        "addresses": [
            {
                "type": "Visiting",
                "subType": "Street",
                "streetAddress": {
                    "postalCode": "18100",
                    "street": [{"language": "fi", "value": "Kauppakatu"}],
                    "streetNumber": "10",
                    "postOffice": [{"language": "fi", "value": "TESTILÄ"}],
                },
            }
        ],
        "serviceHours": [
            {
                "serviceHourType": "DaysOfTheWeek",
                "openingHour": [
                    {
                        "dayFrom": "Monday",
                        "dayTo": "Thursday",
                        "from": "08:00:00",
                        "to": "16:00:00",
                    },
                    {"dayFrom": "Friday", "from": "08:00:00", "to": "16:00:00"},
                ],
            },
            {"serviceHourType": "Exception", "openingHour": []},
        ],
    }
    channel.update(fields)
    return {k: v for k, v in channel.items() if v is not None or k == "sourceId"}


def test_a_file_in_ptvs_own_shape_is_read(tmp_path):
    # given an export whose first service links one channel written the way PTV serves it
    load_rich_catalogue(tmp_path)
    data = export(tmp_path / "ptv.json")
    service = data["services"][0]
    data["serviceChannels"].append(ptv_location(service))
    service["serviceChannels"] = [{"serviceChannel": {"id": data["serviceChannels"][-1]["id"]}}]
    (tmp_path / "ptv.json").write_text(json.dumps(data), "utf-8")
    # when
    code, _, err = import_file(tmp_path / "ptv.json")
    # then the street address is one line, the day range is the days
    assert (code, err) == (0, "")
    contact = Service.objects.get(slug=service["sourceId"]).contacts.get(kind="visiting_address")
    assert contact.value == "Kauppakatu 10, 18100 TESTILÄ"
    assert contact.label_fi == "Sote-keskus"
    assert contact.opening_hours == [
        {"days": ["MO", "TU", "WE", "TH", "FR"], "opens": "08:00", "closes": "16:00"}
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"serviceChannelType": "PrintableForm", "addresses": None, "serviceHours": None},
            "a printable form has no counterpart",
        ),
        ({"addresses": []}, "visiting_address: the channel has no value"),
        ({"sourceId": None}, "a channel needs its id and sourceId"),
    ],
)
def test_channels_without_a_counterpart_are_named(tmp_path, fields, expected):
    # given a linked channel the catalogue cannot hold
    load_rich_catalogue(tmp_path)
    data = export(tmp_path / "ptv.json")
    service = data["services"][0]
    data["serviceChannels"].append(ptv_location(service, **fields))
    service["serviceChannels"] = [{"serviceChannel": {"id": data["serviceChannels"][-1]["id"]}}]
    (tmp_path / "ptv.json").write_text(json.dumps(data), "utf-8")
    # when
    code, _, err = import_file(tmp_path / "ptv.json")
    # then
    assert code == 2 and expected in err


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d["services"][0].update(sourceId=None), "sourceId: missing"),
        (lambda d: d["services"].append(d["services"][0]), "sourceId: appears twice"),
        (
            lambda d: d["services"][0]["serviceChannels"].append(
                {"serviceChannel": {"id": "00000000-0000-0000-0000-000000000001"}}
            ),
            "serviceChannel/id: not in the file",
        ),
        (lambda d: d.pop("services"), "(file): services: missing"),
        (lambda d: d["serviceChannels"].append(5), "serviceChannelType: missing or unknown"),
        (lambda d: d["services"].append(5), "services[2]: (record): 5 is not of type 'object'"),
        (lambda d: d.update(serviceChannels={}), "(file): serviceChannels: a list is expected"),
    ],
)
def test_broken_references_are_named(tmp_path, edit, expected):
    # given an export with one reference broken
    load_rich_catalogue(tmp_path)
    data = export(tmp_path / "ptv.json")
    edit(data)
    (tmp_path / "ptv.json").write_text(json.dumps(data), "utf-8")
    # when
    code, _, err = import_file(tmp_path / "ptv.json")
    # then
    assert code == 2 and expected in err


def test_a_file_that_is_not_an_object_is_refused(tmp_path):
    (tmp_path / "list.json").write_text("[]", "utf-8")
    code, _, err = import_file(tmp_path / "list.json")
    assert code == 2 and "an object with 'services'" in err


def test_opening_hours_text_without_hours_travels(tmp_path):
    # given a visiting address with only a free-text opening time
    load_rich_catalogue(tmp_path)
    ContactChannel.objects.filter(value="Torikatu 1").update(opening_hours_fi="sopimuksen mukaan")
    data = export(tmp_path / "ptv.json")
    # when the services are removed and the file is imported back
    Service.objects.all().delete()
    assert import_file(tmp_path / "ptv.json")[0] == 0
    # then the text came back, and the export is the same
    assert ContactChannel.objects.get(value="Torikatu 1").opening_hours_fi == "sopimuksen mukaan"
    assert export(tmp_path / "again.json") == data
