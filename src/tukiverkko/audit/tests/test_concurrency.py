"""Many requests appending at once: the chain stays one gapless line, never a fork."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, transaction

from tukiverkko.accounts.models import User
from tukiverkko.audit.actions import record_access, record_disclosure
from tukiverkko.audit.models import AccessLogEntry, ChainHead, DisclosureLogEntry
from tukiverkko.audit.verify import verify_chain

THREADS = 8
PER_THREAD = 25


def _writer(n: int, user_id: int, org: Any, start: threading.Barrier, errors: list[str]) -> None:
    try:
        start.wait()
        user = User.objects.select_related("organisation").get(pk=user_id)
        for i in range(PER_THREAD):
            if i % 3 == 0:
                # inside the caller's transaction, after it has read client data
                with transaction.atomic():
                    User.objects.filter(pk=user_id).exists()
                    record_disclosure(
                        user=user,
                        client_id=n,
                        from_organisation_id=None,
                        from_register="health_care",
                        basis="consent:1",
                        to_organisation=org,
                        categories=["health"],
                        purpose="lähete",
                        what=f"referral:{n}:{i}",
                    )
            else:
                record_access(
                    user=user, client_id=n, what="client_page", purpose="hoito", allowed=True
                )
    except Exception as exc:
        errors.append(f"thread {n}: {exc!r}")
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_make_one_gapless_chain(nurse: Any, other_organisation: Any) -> None:
    # given
    start = threading.Barrier(THREADS)
    errors: list[str] = []
    threads = [
        threading.Thread(target=_writer, args=(n, nurse.pk, other_organisation, start, errors))
        for n in range(THREADS)
    ]
    # when
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    # then
    assert errors == []
    total = THREADS * PER_THREAD
    seqs = sorted(
        [
            *AccessLogEntry.objects.values_list("seq", flat=True),
            *DisclosureLogEntry.objects.values_list("seq", flat=True),
        ]
    )
    assert seqs == list(range(1, total + 1))
    prevs = [
        *AccessLogEntry.objects.values_list("prev_hash", flat=True),
        *DisclosureLogEntry.objects.values_list("prev_hash", flat=True),
    ]
    assert len(set(prevs)) == total  # no two entries hang from the same parent: no fork
    assert ChainHead.objects.get().seq == total
    report = verify_chain()
    assert report.ok, report.finding
    assert report.entries == total
