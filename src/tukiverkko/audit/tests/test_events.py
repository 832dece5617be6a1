"""The event log: one typed row per change, by a professional, the client or the system, in the
same hash chain as the reads and disclosures — and as tamper-evident."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from tukiverkko.accounts.actors import ClientActor, SystemActor
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.audit.models import AccessLogEntry, ChainHead, EventLogEntry
from tukiverkko.audit.tests.conftest import tamper


def verify(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify_audit", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, out.getvalue()


@pytest.fixture
def events(nurse: Any) -> list[Any]:
    """A read, a professional's change, the client's change and the system's, in that order."""
    return [
        record_access(user=nurse, client_id=7, what="client_page", purpose="hoito", allowed=True),
        record_event(nurse, 7, EventType.JOURNAL_ADD, 42),
        record_event(ClientActor(client_id=7), 7, EventType.CONSENT_REVOKE, 3),
        record_event(SystemActor("reminders"), 7, EventType.HANDOVER_CANCEL, 5),
    ]


def test_each_actor_kind_is_recorded_with_the_typed_event(events: list[Any]) -> None:
    # given the four entries / then each change names its actor and its event
    rows = list(
        EventLogEntry.objects.order_by("seq").values_list(
            "actor_kind", "username", "role", "event", "ref", "organisation_name"
        )
    )
    assert rows == [
        (
            "professional",
            "hoitaja",
            "unemployed_health_nurse",
            "journal_add",
            "42",
            "Testimaan hyvinvointialue",
        ),
        ("client", "client:7", "client", "consent_revoke", "3", ""),
        ("system", "system:reminders", "system", "handover_cancel", "5", ""),
    ]
    # and the change is not a read: the access log holds the read only
    assert list(AccessLogEntry.objects.values_list("what", flat=True)) == ["client_page"]


def test_events_share_the_one_gapless_chain(events: list[Any]) -> None:
    # when / then the sequence runs across both tables and the whole chain verifies
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert events[1].prev_hash == events[0].entry_hash
    assert ChainHead.objects.get().seq == 4
    code, out = verify()
    assert code == 0, out
    assert out.splitlines()[0] == "OK (4 entries)"


def test_an_unknown_event_type_is_refused_before_anything_is_written(nurse: Any) -> None:
    with pytest.raises(ValueError, match="is not a valid EventType"):
        record_event(nurse, 7, "journal_edit", 1)  # type: ignore[arg-type]
    assert EventLogEntry.objects.count() == 0
    assert ChainHead.objects.get().seq == 0


def test_a_changed_event_is_named(events: list[Any]) -> None:
    # given an attacker who rewrites who did the change
    tamper("UPDATE audit_eventlogentry SET username = 'joku-muu' WHERE seq = 2")
    # when
    code, message = verify()
    # then
    event_id = EventLogEntry.objects.get(seq=2).pk
    assert code == 1
    assert "changed" in message
    assert f"seq 2 (audit_eventlogentry id {event_id})" in message


def test_a_deleted_event_is_named(events: list[Any]) -> None:
    # given
    tamper("DELETE FROM audit_eventlogentry WHERE seq = 3")
    # when
    code, message = verify()
    # then
    assert code == 1
    assert "deleted" in message
    assert "seq 3" in message


def test_the_event_log_refuses_update_and_delete(events: list[Any]) -> None:
    # given an event row / when changed or deleted through the ORM or raw SQL / then refused
    entry = EventLogEntry.objects.get(seq=2)
    entry.ref = "43"
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        entry.save()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        EventLogEntry.objects.all().delete()
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_eventlogentry SET event = 'x'")
    assert EventLogEntry.objects.get(seq=2).ref == "42"


def test_a_lifted_trigger_on_the_event_log_is_reported(events: list[Any]) -> None:
    # given
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_eventlogentry DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER audit_eventlogentry_no_update")
    # when
    code, message = verify()
    # then
    assert code == 1
    assert "trigger" in message
    assert "audit_eventlogentry" in message


@pytest.mark.django_db
def test_a_refused_anonymous_read_is_logged_without_a_user() -> None:
    # given / when an anonymous caller is refused a client's data
    from django.contrib.auth.models import AnonymousUser

    entry = record_access(
        user=AnonymousUser(), client_id=7, what="client_page", purpose="hoito", allowed=False
    )
    # then the row names nobody
    assert (entry.user_id, entry.username, entry.role, entry.organisation_id) == (
        None,
        "",
        "",
        None,
    )
