from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from tukiverkko.accounts.models import Organisation
from tukiverkko.catalogue.models import Service

pytestmark = pytest.mark.django_db


def load(directory) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("load_catalogue", str(directory), stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_valid_catalogue_loads_with_placeholders_left_empty(catalogue_dir):
    # when
    code, out, _ = load(catalogue_dir())
    # then
    assert code == 0
    service = Service.objects.get(slug="testila-tyokykykoordinaattori")
    assert sorted(m.name_fi for m in service.municipalities.all()) == ["Koekylä", "Testilä"]
    phones = list(service.contacts.order_by("position"))
    assert phones[0].is_placeholder and phones[0].value == ""
    assert phones[1].opening_hours == [{"days": ["MO", "TU"], "opens": "09:00", "closes": "15:00"}]
    assert " työkyky " in service.search_lemmas
    assert "Catalogue loaded." in out


def test_loading_twice_changes_nothing(catalogue_dir):
    directory = catalogue_dir()
    load(directory)
    before = Service.objects.get().updated_at
    # when
    code, out, _ = load(directory)
    # then
    assert code == 0
    assert "Catalogue unchanged." in out
    assert "created" not in out and "updated" not in out
    assert Service.objects.get().updated_at == before


def test_malformed_file_names_file_record_and_field_and_loads_nothing(catalogue_dir, region_data):
    # given a service whose Finnish description is missing
    del region_data["organisations"][0]["services"][0]["what"]["fi"]
    region_data["organisations"][0]["services"][0]["what"]["en"] = "English only"
    # when
    code, _, err = load(catalogue_dir(region=region_data))
    # then
    assert code == 2
    assert "testimaa.yaml" in err
    assert "services[0] (slug testila-tyokykykoordinaattori)" in err
    assert "'what'" in err and "'fi' is a required property" in err
    assert Organisation.objects.count() == 0
    assert Service.objects.count() == 0


def test_broken_yaml_is_reported_with_its_line(catalogue_dir, tmp_path):
    directory = catalogue_dir()
    (directory / "rikki.yaml").write_text("region: [unclosed\n", encoding="utf-8")
    code, _, err = load(directory)
    assert code == 2
    assert "rikki.yaml" in err and "not valid YAML" in err
    assert Service.objects.count() == 0


@pytest.mark.parametrize("placeholder", ["000-000", "03 – 000", "nimi", "sähköposti", "XX"])
def test_seed_placeholder_is_never_data(catalogue_dir, region_data, placeholder):
    region_data["organisations"][0]["services"][0]["contacts"][0]["value"] = placeholder
    code, _, err = load(catalogue_dir(region=region_data))
    assert code == 2
    assert "contacts[0].value" in err and "placeholder" in err
    assert Service.objects.count() == 0


@pytest.mark.parametrize(
    ("path", "value", "field", "reason"),
    [
        (("business_id",), "1234567-8", "business_id", "not a valid Y-tunnus"),
        (("services", 0, "service_type"), "olematon", "service_type", "unknown service type"),
        (("services", 0, "municipalities"), ["Atlantis"], "municipalities", "unknown municipality"),
        (("services", 0, "valid_from"), "2025-02-30", "valid_from", "is not a 'date'"),
        (("services", 0, "network_group"), "mars", "network_group", "is not one of"),
    ],
)
def test_semantic_errors_are_named(catalogue_dir, region_data, path, value, field, reason):
    target = region_data["organisations"][0]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    code, _, err = load(catalogue_dir(region=region_data))
    assert code == 2
    assert field in err and reason in err
    assert Service.objects.count() == 0
