"""The database itself refuses to change or delete audit log entries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from tukiverkko.audit.actions import record_access, record_disclosure
from tukiverkko.audit.models import AccessLogEntry, ChainHead, DisclosureLogEntry


@pytest.fixture
def entries(nurse: Any, other_organisation: Any) -> tuple[Any, Any]:
    access = record_access(
        user=nurse, client_id=7, what="client_page", purpose="hoito", allowed=True
    )
    disclosure = record_disclosure(
        user=nurse,
        client_id=7,
        from_organisation_id=nurse.organisation_id,
        from_register="health_care",
        basis="consent:1",
        to_organisation=other_organisation,
        categories=["health"],
        purpose="lähete",
        what="referral:1",
    )
    return access, disclosure


def test_orm_save_of_a_changed_entry_is_refused(entries: Any) -> None:
    # given
    access, disclosure = entries
    access.allowed = False
    disclosure.purpose = "muu"
    # when / then
    for entry in (access, disclosure):
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            entry.save()
    assert AccessLogEntry.objects.get(pk=access.pk).allowed is True
    assert DisclosureLogEntry.objects.get(pk=disclosure.pk).purpose == "lähete"


def test_orm_queryset_update_and_delete_are_refused(entries: Any) -> None:
    # given
    for model in (AccessLogEntry, DisclosureLogEntry):
        # when / then
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            model.objects.all().update(what="x")
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            model.objects.all().delete()
        assert model.objects.count() == 1
        assert model.objects.get().what != "x"


def test_raw_sql_update_and_delete_are_refused(entries: Any) -> None:
    # given
    for table in ("audit_accesslogentry", "audit_disclosurelogentry"):
        for sql in (f"UPDATE {table} SET what = 'x'", f"DELETE FROM {table}"):  # noqa: S608
            # when / then
            with (
                pytest.raises(IntegrityError, match="append-only"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql)
    assert AccessLogEntry.objects.get().what == "client_page"
    assert DisclosureLogEntry.objects.get().what == "referral:1"


def test_chain_head_cannot_be_deleted_or_moved_back(entries: Any) -> None:
    # given
    head = ChainHead.objects.get()
    assert head.seq == 2
    # when / then
    with pytest.raises(IntegrityError), transaction.atomic():
        ChainHead.objects.all().delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        ChainHead.objects.all().update(seq=1)
    assert ChainHead.objects.get().seq == 2


def test_an_over_long_field_is_refused_before_anything_is_written(nurse: Any) -> None:
    # when
    with pytest.raises(ValueError, match="'what' is longer than 200"):
        record_access(user=nurse, client_id=1, what="x" * 201, purpose="hoito", allowed=True)
    # then
    assert AccessLogEntry.objects.count() == 0
    assert ChainHead.objects.get().seq == 0
