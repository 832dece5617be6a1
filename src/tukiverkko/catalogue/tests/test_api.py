from __future__ import annotations

import pytest

from tukiverkko.catalogue.tests.interop_data import load_rich_catalogue

pytestmark = pytest.mark.django_db

TKK = "testila-tyokykykoordinaattori"


@pytest.fixture
def catalogue(tmp_path):
    load_rich_catalogue(tmp_path)


def get(client, path: str, **params):
    response = client.get(f"/api/v1{path}", params)
    return response.status_code, response.json()


def test_service_types_list_and_detail(client, catalogue):
    code, body = get(client, "/service-types")
    assert code == 200
    assert [t["slug"] for t in body] == ["tyokykykoordinaattori"]
    code, body = get(client, "/service-types/tyokykykoordinaattori")
    assert code == 200
    assert body["name"] == {
        "fi": "Työkykykoordinaattori",
        "sv": None,
        "en": "Work ability coordinator",
    }
    assert body["need_areas"] == ["rehabilitation", "employment"]
    assert get(client, "/service-types/olematon")[0] == 404


def test_services_are_paginated_and_ended_ones_hidden_unless_asked(client, catalogue):
    code, body = get(client, "/services")
    assert code == 200
    assert body["count"] == 1 and [s["slug"] for s in body["items"]] == [TKK]
    code, body = get(client, "/services", include_ended="true", page_size=1, page=2)
    assert code == 200
    assert body["count"] == 2 and len(body["items"]) == 1


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "työkyvyn"}, [TKK]),  # inflected form finds the base form
        ({"q": "kuntakokeilu", "include_ended": "true"}, ["testila-kuntakokeilu"]),
        ({"need_area": "rehabilitation"}, [TKK]),
        ({"need_area": "education"}, []),
        ({"region": "testimaa"}, [TKK]),
        ({"region": "muualla"}, []),
        ({"municipality": "Koekylä"}, [TKK]),
        ({"age": 17}, []),
        ({"age": 30}, [TKK]),
        ({"access_route": "doctor_referral"}, []),
        ({"access_route": "self_referral"}, [TKK]),
        ({"sector": "third_sector"}, []),
        ({"sector": "public"}, [TKK]),
        ({"service_type": "tyokykykoordinaattori"}, [TKK]),
    ],
)
def test_service_filters_are_the_search_pages(client, catalogue, params, expected):
    code, body = get(client, "/services", **params)
    assert code == 200
    assert [s["slug"] for s in body["items"]] == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"need_area": "kuu"}, "need_area"),
        ({"age": "vanha"}, "age"),
        ({"age": "-1"}, "age"),
        ({"access_route": "x"}, "access_route"),
        ({"sector": "x"}, "sector"),
        ({"page": "0"}, "page"),
        ({"page": str(10**30)}, "page"),  # would overflow the database's OFFSET
        ({"page_size": "1000"}, "page_size"),
        ({"q": "työ\x00kyky"}, "q"),  # PostgreSQL refuses NUL in a string
        ({"region": "Päijät Häme"}, "region"),
    ],
)
def test_invalid_query_values_answer_422_naming_the_field(client, catalogue, params, field):
    code, body = get(client, "/services", **params)
    assert code == 422
    assert field in [e["field"] for e in body["errors"]]


def test_service_detail_has_texts_contacts_hours_and_verification(client, catalogue):
    code, body = get(client, f"/services/{TKK}")
    assert code == 200
    assert body["name"]["sv"] == "Arbetsförmågekoordinator, Testilä"
    assert body["what"]["fi"].startswith("Auttaa")
    assert body["organisation"]["slug"] == "testimaan-hyvinvointialue"
    assert body["verified"] == {"on": "2024-12-31", "by": "seed 000"}
    assert body["municipalities"] == ["Koekylä", "Testilä"]
    assert (body["age_min"], body["age_max"], body["languages"]) == (18, 64, ["fi", "sv"])
    placeholder, phone = body["contacts"][:2]
    assert placeholder["value"] is None
    assert phone["opening_hours"] == [{"days": ["MO", "TU"], "opens": "09:00", "closes": "15:00"}]
    assert get(client, "/services/olematon")[0] == 404
    code, body = get(client, "/services/ei%00kelpaa")
    assert code == 422 and (body["errors"][0]["location"], body["errors"][0]["field"]) == (
        "path",
        "slug",
    )


def test_contacts_for_professionals_carry_the_flag_as_on_the_page(client, catalogue):
    _, body = get(client, f"/services/{TKK}")
    flags = {c["kind"]: c["for_professionals_only"] for c in body["contacts"]}
    assert flags["lifecare_message"] is True
    assert flags["email"] is False


def test_organisations_list_and_detail(client, catalogue):
    code, body = get(client, "/organisations")
    assert code == 200 and body["count"] == 1
    code, body = get(client, "/organisations/testimaan-hyvinvointialue")
    assert code == 200
    assert body["business_id"] == "0201256-6"
    assert body["description"] == {"fi": "Hyvinvointialue.", "sv": "Välfärdsområde.", "en": None}
    assert (body["region"], body["municipality"], body["sector"]) == (
        "testimaa",
        "Testilä",
        "public",
    )
    assert get(client, "/organisations/olematon")[0] == 404


def test_review_status_and_unverified_validity_are_in_the_api(client, catalogue):
    # when
    _, detail = get(client, f"/services/{TKK}")
    _, listing = get(client, "/services", include_ended="on")
    _, service_type = get(client, "/service-types/tyokykykoordinaattori")
    # then
    assert detail["translations"] == {"sv": "unchecked", "en": "checked"}
    assert detail["validity_unverified"] == {
        "fi": "Hankkeen palvelu; lähde ei kerro, jatkuuko se.",
        "sv": "Ett projekts tjänst; källan säger inte om den fortsätter.",
        "en": None,
    }
    by_slug = {s["slug"]: s for s in listing["items"]}
    assert by_slug[TKK]["validity_unverified"]["fi"].startswith("Hankkeen")
    assert by_slug["testila-kuntakokeilu"]["validity_unverified"] is None
    assert service_type["translations"] == {"sv": None, "en": "checked"}
