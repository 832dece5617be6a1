from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from tukiverkko.accounts.models import Organisation, Region, Role, User


@pytest.fixture
def organisation(db: Any) -> Organisation:
    region = Region.objects.create(slug="testimaa", name_fi="Testimaa")
    return Organisation.objects.create(
        slug="testimaan-hyvinvointialue",
        name_fi="Testimaan hyvinvointialue",
        sector="public",
        region=region,
    )


@pytest.fixture
def other_organisation(organisation: Organisation) -> Organisation:
    return Organisation.objects.create(
        slug="kela-testimaa", name_fi="Kela Testimaa", sector="public", region=organisation.region
    )


@pytest.fixture
def nurse(organisation: Organisation) -> User:
    return User.objects.create_user(
        username="hoitaja",
        password="salasana-joka-on-pitka-1",
        first_name="Hanna",
        last_name="Hoitaja",
        organisation=organisation,
        role=Role.UNEMPLOYED_HEALTH_NURSE,
    )


@pytest.fixture
def dpo(organisation: Organisation) -> User:
    return User.objects.create_user(
        username="tietosuoja",
        password="salasana-joka-on-pitka-2",
        organisation=organisation,
        role=Role.DATA_PROTECTION,
    )


def tamper(sql: str, params: list[Any] | None = None) -> None:
    """What an attacker with rights on the database does: lift the triggers, change the rows
    with raw SQL, put the triggers back."""
    tables = [
        "audit_accesslogentry",
        "audit_disclosurelogentry",
        "audit_eventlogentry",
        "audit_chainhead",
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            cursor.execute(sql, params)
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            return
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        saved = cursor.fetchall()
        for name, _ in saved:
            cursor.execute(f'DROP TRIGGER "{name}"')
        cursor.execute(sql, params)
        for _, create in saved:
            cursor.execute(create)
