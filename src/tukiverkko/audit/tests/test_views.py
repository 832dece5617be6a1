"""The data-protection officer's page of a client's access and disclosure logs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client

from tukiverkko.accounts.models import User
from tukiverkko.audit.actions import record_access, record_disclosure
from tukiverkko.audit.models import AccessLogEntry

URL = "/loki/asiakas/42/"


@pytest.fixture
def logged(monkeypatch: Any, nurse: User, other_organisation: Any) -> None:
    monkeypatch.setattr("django.utils.timezone.now", lambda: datetime(2026, 1, 5, 8, 7, tzinfo=UTC))
    record_access(user=nurse, client_id=42, what="client_page", purpose="hoito", allowed=True)
    record_access(user=nurse, client_id=42, what="journal_entry:3", purpose="hoito", allowed=False)
    record_access(user=nurse, client_id=43, what="client_page", purpose="muu-asiakas", allowed=True)
    record_disclosure(
        user=nurse,
        client_id=42,
        from_organisation_id=None,
        from_register="health_care",
        basis="consent:1",
        to_organisation=other_organisation,
        categories=["health", "benefits"],
        purpose="lähete",
        what="referral:9",
        consent_id=5,
    )
    monkeypatch.undo()


def test_anonymous_is_sent_to_login_and_the_refusal_is_logged(client: Client, db: Any) -> None:
    # when
    response = client.get(URL)
    # then
    assert response.status_code == 302
    assert "/tili/" in response["Location"]
    entry = AccessLogEntry.objects.get()
    assert (entry.allowed, entry.purpose) == (False, "refused_request")


def test_a_professional_without_the_data_protection_role_is_refused_and_logged(
    client: Client, nurse: User
) -> None:
    # given
    client.force_login(nurse)
    # when
    response = client.get(URL)
    # then
    assert response.status_code == 403
    entry = AccessLogEntry.objects.get()
    assert (entry.username, entry.client_id, entry.what, entry.allowed) == (
        "hoitaja",
        42,
        "audit_log",
        False,
    )


def test_data_protection_officer_sees_the_clients_log(
    client: Client, dpo: User, logged: None
) -> None:
    # given
    client.force_login(dpo)
    # when
    response = client.get(URL)
    # then
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Hanna Hoitaja (hoitaja)" in html
    assert "Testimaan hyvinvointialue" in html
    assert "työttömien terveydenhoitaja" in html
    assert "journal_entry:3" in html
    assert "estetty" in html
    assert "5.1.2026 10.07" in html  # 08.07 UTC is 10.07 in Helsinki in January
    assert "muu-asiakas" not in html  # another client's entry
    assert "Kela Testimaa" in html
    assert "etuudet, terveys" in html  # stored sorted
    assert "suostumus 5" in html


def test_opening_the_page_is_itself_logged(client: Client, dpo: User) -> None:
    # given
    client.force_login(dpo)
    # when
    response = client.get(URL)
    # then
    entry = AccessLogEntry.objects.get()
    assert (entry.username, entry.client_id, entry.purpose, entry.allowed) == (
        "tietosuoja",
        42,
        "tietosuojavalvonta",
        True,
    )
    assert "tietosuojavalvonta" in response.content.decode()


def test_a_user_without_a_role_is_refused(client: Client, organisation: Any) -> None:
    # given
    user = User.objects.create_user(username="rooliton", password="x-pitka-salasana-9")
    client.force_login(user)
    # when
    response = client.get(URL)
    # then
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("prefix", "heading"),
    [
        ("", "Käyttöloki"),
        ("/sv", "Åtkomstlogg"),
        ("/en", "Access log"),
    ],
)
def test_the_page_speaks_finnish_swedish_and_english(
    client: Client, dpo: User, prefix: str, heading: str
) -> None:
    # given
    client.force_login(dpo)
    # when
    response = client.get(prefix + URL)
    # then
    assert response.status_code == 200
    assert f">{heading}</h2>" in response.content.decode()
