"""The audit API: the same rules as the page."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tukiverkko.accounts.models import User
from tukiverkko.audit.actions import record_access, record_disclosure
from tukiverkko.audit.models import AccessLogEntry


def test_anonymous_gets_401_and_the_refusal_is_logged(client: Client, db: Any) -> None:
    # when
    response = client.get("/api/v1/audit/clients/5/access-log")
    # then a 401, logged as a refused request naming what was asked for (review M3)
    assert response.status_code == 401
    entry = AccessLogEntry.objects.get()
    assert (entry.allowed, entry.purpose, entry.client_id) == (False, "refused_request", None)
    assert entry.what.startswith("refused:401:GET:") and entry.what.endswith(":client:5")


def test_other_roles_get_403_and_are_logged(client: Client, nurse: User) -> None:
    # given
    client.force_login(nurse)
    # when
    response = client.get("/api/v1/audit/clients/5/disclosures")
    # then
    assert response.status_code == 403
    assert AccessLogEntry.objects.get().allowed is False


def test_data_protection_reads_pages_newest_first(
    client: Client, dpo: User, nurse: User, other_organisation: Any
) -> None:
    # given
    for n in range(3):
        record_access(
            user=nurse, client_id=5, what=f"journal_entry:{n}", purpose="hoito", allowed=True
        )
    record_disclosure(
        user=nurse,
        client_id=5,
        from_organisation_id=nurse.organisation_id,
        from_register="health_care",
        basis="consent:1",
        to_organisation=other_organisation,
        categories=["social"],
        purpose="lähete",
        what="referral:1",
    )
    client.force_login(dpo)
    # when
    first = client.get("/api/v1/audit/clients/5/access-log?limit=2").json()
    rest = client.get(f"/api/v1/audit/clients/5/access-log?before_seq={first[-1]['seq']}").json()
    disclosures = client.get("/api/v1/audit/clients/5/disclosures").json()
    # then: the first call logged itself before reading, so it is the newest entry
    assert [e["what"] for e in first] == ["api:audit_access_log", "journal_entry:2"]
    assert [e["what"] for e in rest] == ["journal_entry:1", "journal_entry:0"]
    assert disclosures[0]["to_organisation_name"] == "Kela Testimaa"
    assert disclosures[0]["categories"] == ["social"]


def test_a_limit_out_of_range_is_refused(client: Client, dpo: User) -> None:
    # given
    client.force_login(dpo)
    # when
    response = client.get("/api/v1/audit/clients/5/access-log?limit=0")
    # then
    assert response.status_code == 422
    assert "limit" in response.json()["detail"]
