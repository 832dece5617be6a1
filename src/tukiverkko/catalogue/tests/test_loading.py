from __future__ import annotations

import copy
from io import StringIO

import pytest
from django.core.management import call_command

from tukiverkko.accounts.models import Organisation
from tukiverkko.catalogue.models import Service, ServiceType
from tukiverkko.catalogue.tests.conftest import SERVICE_TYPES

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


def test_review_status_and_validity_note_are_loaded_and_a_second_load_changes_nothing(
    catalogue_dir, region_data
):
    # given a service with Swedish and English texts, one checked, and an unverified validity
    svc = region_data["organisations"][0]["services"][0]
    svc["what"].update(sv="Hjälper att känna igen utmaningar.", en="Helps to identify challenges.")
    svc["translations"] = {"sv": "checked", "en": "unchecked"}
    svc["validity_unverified"] = {"fi": "Luonnos vuodelta 2022.", "en": "A 2022 draft."}
    directory = catalogue_dir(region=region_data)
    # when
    code, out, _ = load(directory)
    # then
    assert code == 0, out
    service = Service.objects.get(slug="testila-tyokykykoordinaattori")
    assert (service.translation_sv, service.translation_en) == ("checked", "unchecked")
    assert service.has_unverified_validity
    assert (service.validity_unverified_fi, service.validity_unverified_sv) == (
        "Luonnos vuodelta 2022.",
        "",
    )
    assert ServiceType.objects.get().translation_en == "checked"
    assert "Catalogue unchanged." in load(directory)[1]


@pytest.mark.parametrize(
    ("change", "record", "field", "reason"),
    [
        # a Swedish text (here a contact label) with no review status
        (
            lambda st, svc: svc["contacts"][0]["label"].update(sv="Telefon"),
            "services[0] (slug testila-tyokykykoordinaattori)",
            "translations.sv",
            "Swedish text but no review status",
        ),
        # a status for a language the record has no text in
        (
            lambda st, svc: st.update(translations={"en": "checked", "sv": "unchecked"}),
            "service_types[0] (slug tyokykykoordinaattori)",
            "translations.sv",
            "the record has no Swedish text",
        ),
        # a status that is neither unchecked nor checked
        (
            lambda st, svc: st.update(translations={"en": "ok"}),
            "service_types[0] (slug tyokykykoordinaattori)",
            "translations.en",
            "'ok' is not one of",
        ),
        # a validity note without its Finnish text
        (
            lambda st, svc: svc.update(validity_unverified={"sv": "Utkast."}),
            "services[0] (slug testila-tyokykykoordinaattori)",
            "validity_unverified",
            "'fi' is a required property",
        ),
    ],
)
def test_bad_review_status_or_validity_note_names_file_record_field_and_loads_nothing(
    catalogue_dir, region_data, change, record, field, reason
):
    # given
    service_types = copy.deepcopy(SERVICE_TYPES)
    change(service_types["service_types"][0], region_data["organisations"][0]["services"][0])
    # when
    code, _, err = load(catalogue_dir(service_types=service_types, region=region_data))
    # then
    assert code == 2
    assert record in err and f"field '{field}'" in err and reason in err
    assert ServiceType.objects.count() == 0 and Service.objects.count() == 0


def test_a_services_review_rule_and_referral_time_limit_load(catalogue_dir, region_data):
    # given a service type with its own plan review rule and a service with its referral limit
    types = copy.deepcopy(SERVICE_TYPES)
    types["service_types"][0]["plan_review_months"] = 3
    region_data["organisations"][0]["services"][0]["referral_time_limit_days"] = 14
    # when the catalogue is loaded
    code, _out, err = load(catalogue_dir(types, region_data))
    # then both are kept
    assert code == 0, err
    assert ServiceType.objects.get(slug=types["service_types"][0]["slug"]).plan_review_months == 3
    assert Service.objects.get().referral_time_limit_days == 14


def test_a_review_rule_out_of_range_is_refused(catalogue_dir):
    types = copy.deepcopy(SERVICE_TYPES)
    types["service_types"][0]["plan_review_months"] = 24
    code, _out, err = load(catalogue_dir(types))
    assert code != 0
    assert "plan_review_months" in err
