"""The sequencer: chains the entries that reads wrote unchained (decision 0330).

With ``AUDIT_SEQUENCING = "deferred"`` a read only INSERTs its entry (``seq`` NULL): durable
when the request commits, no lock held in the request. ``sequence()`` then, in ONE transaction:

1. takes the chain head row's lock (the same lock the inline writer takes, so the two never
   fork the chain, and a second sequencer waits);
2. reads the oldest waiting entries of the three logs (by ``at``, then log, then id) as the
   database gives them back — the very values ``verify-audit`` will hash;
3. gives each the next ``seq``, the previous hash and its hash (HMAC with the key, computed
   here in Python: the key never goes to the database);
4. moves the head, and commits.

A crash anywhere before the commit rolls all of it back: the entries are still there, still
unchained, and the next run chains them. Nothing acknowledged is lost, nothing is half-chained.

``SequencerThread`` runs it in the task worker (``tukiverkko worker``, which ``tukiverkko
serve`` starts): every few milliseconds while there is work, a little less often when idle.
"""

from __future__ import annotations

import heapq
import logging
import threading
from typing import Any

from django.db import DatabaseError, close_old_connections, connections, router, transaction

from tukiverkko.audit.chain import (
    FIELDS,
    HEAD_ID,
    MODELS,
    OPTIONAL,
    AuditChainError,
    _take_head,
    canonical,
    configured_key,
    digest,
)
from tukiverkko.audit.models import ChainHead
from tukiverkko.audit.verify import _converters

log = logging.getLogger(__name__)

BATCH = 2000
BUSY_PAUSE = 0.005  # seconds between runs while entries keep coming
IDLE_PAUSE = 0.05  # … and when the last run found none


def _waiting(kind: str, alias: str, limit: int) -> list[tuple[tuple[Any, ...], str, list[Any]]]:
    connection = connections[alias]
    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in ("id", *FIELDS[kind], *OPTIONAL[kind]))
    table = qn(MODELS[kind]._meta.db_table)
    sql = f"SELECT {columns} FROM {table} WHERE seq IS NULL ORDER BY at, id LIMIT %s"  # noqa: S608
    # verify's converters count the 5 chain columns before the fields; here only "id" comes first.
    converters = [(i - 4, fn) for i, fn in _converters(kind, connection.vendor)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [limit])
        rows = cursor.fetchall()
    out = []
    order = list(MODELS).index(kind)
    for raw in rows:
        values = list(raw)
        for i, convert in converters:
            values[i] = convert(values[i])
        # sort key: the time of the read, the log, the row
        out.append(((values[1], order, values[0]), kind, values))
    return out


def sequence(*, alias: str | None = None, batch: int = BATCH) -> int:
    """Chain up to ``batch`` waiting entries in one transaction; how many were chained."""
    alias = alias or router.db_for_write(ChainHead)
    key_id, key = configured_key()
    connection = connections[alias]
    qn = connection.ops.quote_name
    with transaction.atomic(using=alias):
        if connection.vendor == "postgresql":
            # Its commit need not wait for the disk: the entries were made durable by their
            # writers' commits. A crash that loses this commit loses only the chaining — the
            # entries are unchained again, and the next run chains them (decision 0330).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        seq, prev = _take_head(alias, step=0)
        waiting = heapq.merge(*(_waiting(kind, alias, batch) for kind in MODELS))
        updates: dict[str, list[tuple[int, str, str, str, int]]] = {kind: [] for kind in MODELS}
        done = 0
        for _key, kind, values in waiting:
            if done == batch:
                break
            seq += 1
            entry_hash = digest(canonical(kind, seq, prev, values[1:]), key)
            updates[kind].append((seq, prev, entry_hash, key_id, values[0]))
            prev = entry_hash
            done += 1
        if not done:
            return 0
        with connection.cursor() as cursor:
            for kind, rows in updates.items():
                if rows:
                    _chain_rows(cursor, connection.vendor, qn(MODELS[kind]._meta.db_table), rows)
            _move_head(cursor, qn(ChainHead._meta.db_table), seq, prev)
    return done


def _chain_rows(
    cursor: Any, vendor: str, table: str, rows: list[tuple[int, str, str, str, int]]
) -> None:
    """Give the rows their place in the chain: on PostgreSQL one statement for the lot (row by
    row costs ten times more on the server); on SQLite one statement per row."""
    if vendor == "postgresql":
        cursor.execute(
            f"UPDATE {table} AS e SET seq = v.seq, prev_hash = v.prev, entry_hash = v.hash, "  # noqa: S608
            "key_id = v.key FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], "
            "%s::bigint[]) AS v(seq, prev, hash, key, id) WHERE e.id = v.id AND e.seq IS NULL",
            [list(column) for column in zip(*rows, strict=True)],
        )
        changed = cursor.rowcount
    else:
        cursor.executemany(
            f"UPDATE {table} SET seq = %s, prev_hash = %s, entry_hash = %s, "  # noqa: S608
            "key_id = %s WHERE id = %s AND seq IS NULL",
            rows,
        )
        changed = len(rows) if cursor.rowcount < 0 else cursor.rowcount
    if changed != len(rows):
        # Another hand chained one meanwhile (nothing should, under the head lock): give up
        # this run rather than chain anything twice; the rollback keeps everything waiting.
        raise AuditChainError(f"{table}: {changed} of {len(rows)} entries could be chained")


def _move_head(cursor: Any, table: str, seq: int, entry_hash: str) -> None:
    cursor.execute(
        f"UPDATE {table} SET seq = %s, hash = %s WHERE id = %s",  # noqa: S608
        [seq, entry_hash, HEAD_ID],
    )


def sequence_all(*, alias: str | None = None, batch: int = BATCH) -> int:
    """Chain every waiting entry (runs until one finds fewer than a batch)."""
    total = 0
    while True:
        n = sequence(alias=alias, batch=batch)
        total += n
        if n < batch:
            return total


class SequencerThread:
    """The sequencer as a thread of the task worker, beside its heartbeat."""

    def __init__(self, busy: float = BUSY_PAUSE, idle: float = IDLE_PAUSE) -> None:
        self.busy, self.idle = busy, idle
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="audit-sequencer", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        pause = self.idle
        while not self._stop.wait(pause):
            close_old_connections()
            try:
                n = sequence()
            except DatabaseError:
                # The database away for a moment: nothing was chained, nothing lost (the
                # transaction rolled back); try again after a longer pause.
                log.warning("audit sequencer: the database refused; trying again")
                connections[router.db_for_write(ChainHead)].close()
                pause = 1.0
                continue
            pause = 0 if n == BATCH else (self.busy if n else self.idle)
        connections[router.db_for_write(ChainHead)].close()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
