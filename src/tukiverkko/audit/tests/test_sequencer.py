"""Deferred sequencing (decision 0330): a read writes its entry unchained at once, the sequencer
chains it; a crash mid-sequencing loses nothing acknowledged and the chain still verifies."""

from __future__ import annotations

import io
import threading
import time
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tukiverkko.audit import sequencer
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.chain import append
from tukiverkko.audit.models import AccessLogEntry, ChainHead
from tukiverkko.audit.selectors import access_log
from tukiverkko.audit.verify import verify_chain


def verify() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify_audit", stdout=out)
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, out.getvalue()


def read(user: Any, n: int) -> AccessLogEntry:
    return record_access(
        user=user, client_id=7, what=f"client_page:{n}", purpose="hoito", allowed=True
    )


@pytest.fixture
def deferred(settings: Any) -> None:
    settings.AUDIT_SEQUENCING = "deferred"


@pytest.mark.django_db
def test_a_read_is_written_at_once_and_chained_by_the_sequencer(deferred: None, nurse: Any) -> None:
    # given
    entries = [read(nurse, n) for n in range(3)]
    # then: written, not chained, not yet on the page; verify-audit counts them
    assert [e.seq for e in AccessLogEntry.objects.order_by("id")] == [None, None, None]
    assert list(access_log(7)) == []
    code, out = verify()
    assert code == 0
    assert "3 entries are written but not chained yet" in out
    # when
    assert sequencer.sequence() == 3
    # then
    assert [e.seq for e in AccessLogEntry.objects.order_by("id")] == [1, 2, 3]
    assert [r["c_seq"] for r in access_log(7)] == [3, 2, 1]
    assert ChainHead.objects.get().seq == 3
    assert verify()[1].splitlines()[0] == "OK (3 entries)"
    assert entries[0].pk == AccessLogEntry.objects.get(seq=1).pk


@pytest.mark.django_db
def test_inline_writers_and_the_sequencer_keep_one_chain(settings: Any, nurse: Any) -> None:
    # given: during a switch, some servers chain inline while the worker sequences
    settings.AUDIT_SEQUENCING = "inline"
    read(nurse, 0)
    settings.AUDIT_SEQUENCING = "deferred"
    read(nurse, 1)
    read(nurse, 2)
    settings.AUDIT_SEQUENCING = "inline"
    read(nurse, 3)  # seq 2: the inline writer takes the head, ahead of the two waiting
    # when
    sequencer.sequence_all()
    # then
    seqs = list(AccessLogEntry.objects.order_by("id").values_list("what", "seq"))
    assert seqs == [
        ("client_page:0", 1),
        ("client_page:1", 3),
        ("client_page:2", 4),
        ("client_page:3", 2),
    ]
    assert verify_chain().ok


@pytest.mark.django_db
def test_sequencing_runs_in_batches(deferred: None, nurse: Any) -> None:
    # given
    for n in range(5):
        read(nurse, n)
    # when / then
    assert sequencer.sequence(batch=2) == 2
    assert AccessLogEntry.objects.filter(seq__isnull=True).count() == 3
    assert sequencer.sequence_all(batch=2) == 3
    assert verify_chain().entries == 5


@pytest.mark.django_db
def test_an_entry_is_chained_only_once_and_never_changed(deferred: None, nurse: Any) -> None:
    # given
    entry = read(nurse, 0)
    table = AccessLogEntry._meta.db_table
    # when / then: the content of an unchained entry cannot change either
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET what = 'x', seq = 1 WHERE id = %s", [entry.pk])  # noqa: S608
    sequencer.sequence()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET seq = 9, entry_hash = 'x' WHERE id = %s", [entry.pk])  # noqa: S608
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
    assert verify_chain().ok


@pytest.mark.django_db
def test_a_sequencer_failing_mid_run_rolls_back_and_loses_nothing(
    deferred: None, nurse: Any
) -> None:
    # given: acknowledged reads (committed), and a sequencer that dies after it has chained the
    # rows but before it moved the head and committed
    for n in range(4):
        read(nurse, n)
    with (
        mock.patch.object(sequencer, "_move_head", side_effect=RuntimeError("killed")),
        pytest.raises(RuntimeError),
    ):
        sequencer.sequence()
    # then: nothing half-chained, nothing lost
    assert list(AccessLogEntry.objects.values_list("seq", flat=True)) == [None] * 4
    assert ChainHead.objects.get().seq == 0
    assert verify_chain().ok
    # when: the next run
    assert sequencer.sequence() == 4
    # then
    report = verify_chain()
    assert (report.ok, report.entries, report.unchained) == (True, 4, 0)


def _kill_own_session() -> None:
    """What a crash of the sequencer's process does to its transaction: the session ends
    without a commit (PostgreSQL: the server ends the backend; SQLite: the file handle goes)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    else:
        connection.connection.close()
    raise SystemExit("sequencer process killed")


@pytest.mark.django_db(transaction=True)
def test_a_sequencer_killed_mid_transaction_loses_no_acknowledged_read(
    deferred: None, nurse: Any
) -> None:
    # given: six reads acknowledged to their requests, two already chained
    for n in range(2):
        read(nurse, n)
    sequencer.sequence()
    for n in range(2, 6):
        read(nurse, n)
    died: list[BaseException] = []

    def doomed() -> None:
        try:
            with mock.patch.object(sequencer, "_move_head", side_effect=_kill_own_session):
                sequencer.sequence()
        except BaseException as exc:
            died.append(exc)
        finally:
            connection.close()

    # when: a sequencer is killed between chaining the rows and moving the head
    t = threading.Thread(target=doomed)
    t.start()
    t.join()
    # then: its work is gone, the reads are not
    assert died
    assert AccessLogEntry.objects.count() == 6
    assert AccessLogEntry.objects.filter(seq__isnull=True).count() == 4
    assert ChainHead.objects.get().seq == 2
    assert verify_chain().ok
    # when: the restarted worker's sequencer runs
    assert sequencer.sequence() == 4
    # then
    report = verify_chain()
    assert (report.ok, report.entries) == (True, 6)
    assert sorted(AccessLogEntry.objects.values_list("seq", flat=True)) == [1, 2, 3, 4, 5, 6]


@pytest.mark.django_db
def test_verify_audit_fails_when_entries_wait_too_long(
    deferred: None, settings: Any, nurse: Any
) -> None:
    # given: the sequencer stopped, an entry from two minutes ago
    settings.AUDIT_CHAIN_LAG_SECONDS = 60
    values = {
        "at": timezone.now() - timedelta(minutes=2),
        "user_id": nurse.pk,
        "username": nurse.username,
        "organisation_id": None,
        "organisation_name": "",
        "role": "",
        "client_id": 7,
        "what": "client_page",
        "purpose": "hoito",
        "allowed": True,
    }
    append(AccessLogEntry, values)
    # when
    code, message = verify()
    # then
    assert code == 1
    assert message.startswith("NOT CHAINED: 1 entries are not chained")
    # and once sequenced it verifies
    sequencer.sequence()
    assert verify()[0] == 0


@pytest.mark.django_db(transaction=True)
def test_the_worker_thread_chains_what_reads_write(deferred: None, nurse: Any) -> None:
    # given
    thread = sequencer.SequencerThread(busy=0.001, idle=0.001)
    thread.start()
    try:
        # when
        entry = read(nurse, 0)
        deadline = time.monotonic() + 30  # a generous bound on a loaded machine, not a timing
        while AccessLogEntry.objects.get(pk=entry.pk).seq is None and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        thread.stop()
    # then
    assert AccessLogEntry.objects.get(pk=entry.pk).seq == 1
    assert verify_chain().ok


@pytest.mark.django_db
@pytest.mark.parametrize(("mode", "runs"), [("deferred", True), ("inline", False)])
def test_the_task_worker_runs_the_sequencer_only_when_deferred(
    settings: Any, mode: str, runs: bool
) -> None:
    # given
    from tukiverkko.operations.management.commands import worker

    settings.AUDIT_SEQUENCING = mode
    seen: list[str] = []

    class Fake:
        def start(self) -> None:
            seen.append("start")

        def stop(self) -> None:
            seen.append("stop")

    # when: the worker starts, runs its tasks (here: none) and stops
    with (
        mock.patch.object(worker, "SequencerThread", Fake),
        mock.patch.object(
            worker.DbWorkerCommand, "handle", side_effect=lambda *a, **k: seen.append("run")
        ),
    ):
        worker.Command().handle(reload=False, worker_id="w1")
    # then
    assert seen == (["start", "run", "stop"] if runs else ["run"])
