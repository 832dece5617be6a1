import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tukiverkko.cases import actions
from tukiverkko.cases.tests.factories import a_client, a_professional, an_organisation
from tukiverkko.clients.models import Client, ClientRelationship
from tukiverkko.clients.models.client import birth_date_of, mask, normalise_henkilotunnus
from tukiverkko.demo.hetu import fictitious

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "born"),
    [
        ("131052-308T", dt.date(1952, 10, 13)),
        ("131052Y308T", dt.date(1952, 10, 13)),
        ("131052X308T", dt.date(1952, 10, 13)),
        ("131052W308T", dt.date(1952, 10, 13)),
        ("131052V308T", dt.date(1952, 10, 13)),
        ("131052U308T", dt.date(1952, 10, 13)),
        ("010105A905X", dt.date(2005, 1, 1)),
        ("010105B905X", dt.date(2005, 1, 1)),
        ("010105F905X", dt.date(2005, 1, 1)),
        ("131052+308T", dt.date(1852, 10, 13)),
    ],
)
def test_every_century_sign_is_accepted_and_gives_the_birth_date(code, born):
    # given a code with one of the century signs (2023's -YXWVU and ABCDEF included)
    # when it is normalised
    normal = normalise_henkilotunnus(code.lower())
    # then it is valid, upper-case, and its birth date follows the sign
    assert normal == code
    assert birth_date_of(normal) == born


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("131052-308U", "tarkistusmerkki"),
        ("310252-308Y", "syntymäaika"),
        ("131052G308T", "muotoa"),
        ("1310", "muotoa"),
    ],
)
def test_invalid_codes_get_a_finnish_message_saying_what_is_wrong(code, fragment):
    # given an invalid code / when validated / then the message names the problem
    with pytest.raises(ValidationError) as exc:
        normalise_henkilotunnus(code)
    assert fragment in exc.value.messages[0]


def test_fictitious_codes_have_valid_checksums_in_the_900_range():
    # given a birth date / when a fictitious code is made / then stdnum accepts it as temporary
    code = fictitious(dt.date(1990, 1, 1), 955)
    assert normalise_henkilotunnus(code) == code
    assert code[7:10] == "955"
    with pytest.raises(ValueError, match="900"):
        fictitious(dt.date(1990, 1, 1), 123)


def test_a_database_dump_does_not_reveal_the_henkilotunnus():
    # given a client
    worker = a_professional()
    code = fictitious(dt.date(1990, 1, 1), 955)
    client = a_client(worker, hetu=code)
    # when every column of the row is read raw from the database
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM clients_client WHERE id = %s", [client.pk])
        row = cur.fetchone()
    # then no column holds the code or its individual part, yet the model decrypts it
    dumped = " ".join(str(v) for v in row)
    assert code not in dumped
    assert code[6:] not in dumped
    assert Client.objects.get(pk=client.pk).henkilotunnus == code
    assert client.henkilotunnus_masked == "010190-****" == mask(code)


def test_C1_typing_a_known_henkilotunnus_attaches_nobody():
    # given a client created in one organisation
    first = a_professional(org=an_organisation("a"))
    code = fictitious(dt.date(1980, 5, 5), 901)
    original = a_client(first, hetu=code, first="Matti", last="Virtanen")
    # when another organisation types the same henkilötunnus (lower case, spaces around) and
    # any names at all
    other = a_professional(org=an_organisation("b"))
    with pytest.raises(actions.AlreadyRegistered) as exc:
        actions.create_client(
            by=other, henkilotunnus=f" {code.lower()} ", first_name="x", last_name="y"
        )
    # then nothing is attached: no relationship, no network membership, no second client
    assert exc.value.client_id == original.pk
    assert "toisen organisaation asiakas" in exc.value.messages[0]
    assert Client.objects.count() == 1
    assert ClientRelationship.objects.filter(client=original).count() == 1
    assert not original.cases.get().network.exists()


def test_the_new_century_signs_make_a_different_person_so_only_a_warning():
    # given a client with the classic "-" sign
    worker = a_professional()
    code = fictitious(dt.date(1980, 5, 5), 901)
    a_client(worker, hetu=code, first="Matti", last="Virtanen")
    # when the same digits come with "Y" (since 2023 another person, same birth date)
    # then it is not the same client, but a likely duplicate to confirm
    with pytest.raises(actions.LikelyDuplicate):
        actions.create_client(
            by=worker,
            henkilotunnus=code.replace("-", "Y"),
            first_name="Matti",
            last_name="Virtanen",
            duplicates_among=Client.objects.all(),
        )


def test_a_likely_duplicate_by_name_and_birth_date_warns_until_confirmed():
    # given a client
    worker = a_professional()
    a_client(worker, hetu=fictitious(dt.date(1980, 5, 5), 901), first="Moona", last="Korhonen")
    other_code = fictitious(dt.date(1980, 5, 5), 902)
    # when the same name and birth date come with another code, among the clients looked in
    with pytest.raises(actions.LikelyDuplicate):
        actions.create_client(
            by=worker,
            henkilotunnus=other_code,
            first_name="moona",
            last_name="Korhonen",
            duplicates_among=Client.objects.all(),
        )
    # then nothing was saved, and confirming creates the second client
    assert Client.objects.count() == 1
    actions.create_client(
        by=worker,
        henkilotunnus=other_code,
        first_name="Moona",
        last_name="Korhonen",
        confirm_not_duplicate=True,
        duplicates_among=Client.objects.all(),
    )
    assert Client.objects.count() == 2


def test_M1_a_likely_duplicate_is_looked_for_only_among_the_clients_one_may_see():
    # given a client of another organisation
    other = a_professional(org=an_organisation("muu"))
    a_client(other, hetu=fictitious(dt.date(1979, 4, 12), 951), first="Maija", last="Opettaja")
    # when a professional who sees none of them types the same name and birth date
    worker = a_professional(org=an_organisation("oma"))
    actions.create_client(
        by=worker,
        henkilotunnus=fictitious(dt.date(1979, 4, 12), 998),
        first_name="Maija",
        last_name="Opettaja",
        duplicates_among=Client.objects.filter(created_by=worker),
    )
    # then no warning tells them the other exists: a new client is made
    assert Client.objects.filter(first_name="Maija").count() == 2


def test_invalid_input_saves_nothing_and_names_each_field():
    # given a professional / when the form is all wrong
    worker = a_professional()
    with pytest.raises(ValidationError) as exc:
        actions.create_client(by=worker, henkilotunnus="010190-123X", first_name=" ", last_name="")
    # then each field has its message and no row was written
    assert set(exc.value.message_dict) == {"henkilotunnus", "first_name", "last_name"}
    assert Client.objects.count() == 0


def test_personal_data_is_declared_and_exports():
    # given a client / when exported for a data request / then every declared field is there
    worker = a_professional()
    code = fictitious(dt.date(1975, 7, 7), 933)
    client = a_client(worker, hetu=code, first="Ari", last="Aaltonen")
    data = client.export_personal_data()
    assert data["henkilotunnus"] == code
    assert data["first_name"] == "Ari"
    assert data["birth_date"] == "1975-07-07"
    assert [f for f, spec in Client.PERSONAL_DATA.items() if spec["sensitive"]] == ["henkilotunnus"]
