"""Walking the audit hash chain: is every entry still what was written, in order, none missing?

The walk reads both logs in sequence order, a chunk at a time by keyset (``seq > last``), only
the columns the hash needs, so it runs in constant memory, takes no long lock and may run while
requests keep appending. It stops at the FIRST problem and says which entry and what it looks
like: changed, deleted, inserted.

Entries still waiting for the sequencer (deferred sequencing, decision 0330: ``seq`` NULL) are
not in the chain yet: the walk counts them, and fails ("lag") when the oldest has waited longer
than ``AUDIT_CHAIN_LAG_SECONDS`` — the sequencer has stopped, and they are not protected.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connections, router
from django.db.models import Count, Min
from django.utils import timezone

from tukiverkko.audit import triggers
from tukiverkko.audit.chain import (
    FIELDS,
    GENESIS,
    HEAD_ID,
    MODELS,
    OPTIONAL,
    canonical,
    configured_key,
    digest,
    verification_keys,
)
from tukiverkko.audit.models import ChainHead

# Columns of a row as read: id, seq, prev_hash, entry_hash, key_id, *FIELDS[kind]
_ID, _SEQ, _PREV, _HASH, _KEY = range(5)


class KeyMissing(Exception):
    """An entry is keyed with an HMAC key that is not configured: it cannot be checked."""


class Row(NamedTuple):
    seq: int
    kind: str
    values: tuple[Any, ...]

    @property
    def ref(self) -> str:
        table = MODELS[self.kind]._meta.db_table
        return f"seq {self.seq} ({table} id {self.values[_ID]})"


@dataclass
class Finding:
    kind: str  # changed | deleted | inserted | head | trigger | lag
    message: str
    seq: int | None = None


@dataclass
class Epoch:
    """A run of consecutive entries written under one key ("" = plain SHA-256, no key)."""

    key_id: str
    first_seq: int
    last_seq: int


@dataclass
class Report:
    entries: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    unkeyed: int = 0
    unchained: int = 0  # written, waiting for the sequencer
    oldest_unchained: datetime | None = None
    epochs: list[Epoch] = field(default_factory=list)
    finding: Finding | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.finding is None


def _converters(kind: str, vendor: str) -> list[tuple[int, Callable[[Any], Any]]]:
    """What turns raw column values into what the ORM (and so the writer) gives.

    Raw SQL instead of the ORM halves the walk's time; these few conversions are all the
    ORM would add: SQLite keeps datetimes as UTC text and booleans as 0/1, and Django reads
    JSON columns as text on both databases.
    """
    out: list[tuple[int, Callable[[Any], Any]]] = []
    for i, name in enumerate(FIELDS[kind], start=5):
        if name == "at" and vendor == "sqlite":
            out.append((i, _sqlite_datetime))
        elif name == "allowed" and vendor == "sqlite":
            out.append((i, bool))
        elif name == "categories":
            out.append((i, _json))
    return out


def _sqlite_datetime(text: Any) -> Any:
    if isinstance(text, datetime):
        return text if text.tzinfo else text.replace(tzinfo=UTC)
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _rows(kind: str, alias: str, upto: int | None, chunk: int) -> Iterator[Row]:
    """One log's rows in seq order, a page at a time by keyset (seq > last seen)."""
    connection = connections[alias]
    qn = connection.ops.quote_name
    columns = ", ".join(
        qn(c)
        for c in ("id", "seq", "prev_hash", "entry_hash", "key_id", *FIELDS[kind], *OPTIONAL[kind])
    )
    table = qn(MODELS[kind]._meta.db_table)
    upper = "" if upto is None else " AND seq <= %s"
    sql = f"SELECT {columns} FROM {table} WHERE seq > %s{upper} ORDER BY seq LIMIT %s"  # noqa: S608
    converters = _converters(kind, connection.vendor)
    last = -(2**63)  # also rows an attacker gave seq 0 or below
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last, upto, chunk] if upto is not None else [last, chunk])
            batch = cursor.fetchall()
        for raw in batch:
            values = list(raw)
            for i, convert in converters:
                values[i] = convert(values[i])
            yield Row(values[_SEQ], kind, tuple(values))
        if len(batch) < chunk:
            return
        last = batch[-1][_SEQ]


def _hash_ok(row: Row, seq: int, keys: dict[str, bytes]) -> bool:
    key_id = row.values[_KEY]
    key = None
    if key_id:
        if key_id not in keys:
            raise KeyMissing(
                f"{row.ref} was written with HMAC key {key_id}, which is not configured "
                "(set TUKIVERKKO_AUDIT_HMAC_KEY to that key, or add it to "
                "TUKIVERKKO_AUDIT_HMAC_KEY_PREVIOUS if it was retired)"
            )
        key = keys[key_id]
    values = row.values
    data = canonical(row.kind, seq, values[_PREV], values[5:])
    return bool(digest(data, key) == values[_HASH])


def _key_name(key_id: str) -> str:
    return f"HMAC key {key_id}" if key_id else "no key (plain SHA-256)"


class _Walk:
    def __init__(self, rows: Iterator[Row], keys: dict[str, bytes], anchor: tuple[int, str] | None):
        self.rows = rows
        self.keys = keys
        self.anchor = anchor
        self.expected = 1
        self.prev_hash = GENESIS
        self.prev: Row | None = None
        self.unkeyed = 0
        self.anchor_seen = False
        self.epochs: list[Epoch] = []

    def run(self) -> Finding | None:
        # Rows come in seq order; a group is the rows sharing one seq (normally exactly one).
        # Each group is checked with the next one in view, to tell insertion from change.
        pending: list[Row] | None = None
        current: list[Row] | None = None
        for row in self.rows:
            if current is not None and current[0].seq == row.seq:
                current.append(row)
                continue
            if pending is not None and current is not None:
                finding = self._step(pending, current)
                if finding:
                    return finding
            pending, current = current, [row]
        for group, following in ((pending, current), (current, None)):
            if group is not None:
                finding = self._step(group, following)
                if finding:
                    return finding
        return None

    def _step(self, group: list[Row], following: list[Row] | None) -> Finding | None:
        row = group[0]
        s = row.seq
        if len(group) > 1:
            fitting = [
                r for r in group if r.values[_PREV] == self.prev_hash and _hash_ok(r, s, self.keys)
            ]
            odd = [r for r in group if r not in fitting] or group[1:]
            return Finding(
                "inserted",
                f"{len(group)} entries carry sequence number {s}: {odd[0].ref} does not belong "
                "to the chain — an inserted entry",
                s,
            )
        if s < self.expected:
            return Finding(
                "inserted", f"{row.ref} has a sequence number before the chain starts", s
            )
        if s > self.expected:
            where = f"after {self.prev.ref}" if self.prev else "at the start of the chain"
            missing = (
                f"seq {self.expected}" if s == self.expected + 1 else f"seq {self.expected}–{s - 1}"
            )
            return Finding(
                "deleted",
                f"entries are missing: {missing}, {where} and before {row.ref} — deleted",
                self.expected,
            )
        if not _hash_ok(row, s, self.keys):
            return self._explain_bad_hash(row, following)
        if row.values[_PREV] != self.prev_hash:
            if self.prev is None:
                return Finding("changed", f"{row.ref} does not start from the genesis hash", s)
            return Finding(
                "changed",
                f"{self.prev.ref} was changed and its hash recomputed (or {row.ref} replaced): "
                "the link between them no longer matches",
                self.prev.seq,
            )
        finding = self._epoch(row)
        if finding:
            return finding
        if self.anchor and self.anchor[0] == s:
            self.anchor_seen = True
            if row.values[_HASH] != self.anchor[1]:
                return Finding(
                    "changed",
                    f"the chain up to {row.ref} was rewritten: its hash is not the anchored one",
                    s,
                )
        self.prev, self.prev_hash, self.expected = row, row.values[_HASH], s + 1
        return None

    def _epoch(self, row: Row) -> Finding | None:
        """Keys change only forwards: each key writes one unbroken run of entries (its epoch),
        and once a newer key has written, an older one (or none) never writes again. So a key
        that leaked after it was retired cannot forge anything after its epoch ended."""
        key_id = row.values[_KEY]
        if not key_id:
            self.unkeyed += 1
        if self.epochs and self.epochs[-1].key_id == key_id:
            self.epochs[-1].last_seq = row.seq
            return None
        ended = next((e for e in self.epochs if e.key_id == key_id), None)
        if ended is not None or (not key_id and self.epochs):
            how = f"with HMAC key {key_id}" if key_id else "without the HMAC key"
            since = self.epochs[-1]
            return Finding(
                "changed",
                f"{row.ref} is hashed {how} although the entries before it (from seq "
                f"{since.first_seq}) were written under {_key_name(since.key_id)} — it was "
                "rewritten by someone holding an older key, or none",
                row.seq,
            )
        self.epochs.append(Epoch(key_id, row.seq, row.seq))
        return None

    def _explain_bad_hash(self, row: Row, following: list[Row] | None) -> Finding:
        s = row.seq
        if _hash_ok(row, s + 1, self.keys):
            return Finding(
                "deleted",
                f"{row.ref} was written as seq {s + 1}: the entry seq {s} before it was deleted "
                "and the later entries renumbered",
                s,
            )
        if self.prev is not None and _hash_ok(row, s - 1, self.keys):
            return Finding(
                "inserted",
                f"{self.prev.ref} was inserted: {row.ref} was written as seq {s - 1} and the "
                "later entries renumbered",
                self.prev.seq,
            )
        if (
            following
            and len(following) == 1
            and following[0].values[_PREV] == self.prev_hash
            and _hash_ok(following[0], s, self.keys)
        ):
            return Finding(
                "inserted",
                f"{row.ref} was inserted: the entry after it was written as seq {s} and links "
                "to the entry before it",
                s,
            )
        return Finding(
            "changed",
            f"{row.ref} was changed: its contents no longer match its hash",
            s,
        )


def verify_chain(
    *,
    alias: str | None = None,
    chunk: int = 5000,
    anchor: tuple[int, str] | None = None,
) -> Report:
    """Walk the whole chain; ``anchor`` (seq, hash) is a head recorded elsewhere earlier."""
    alias = alias or router.db_for_read(ChainHead)
    connection = connections[alias]
    report = Report()

    missing = sorted(
        set(triggers.expected_triggers(connection.vendor)) - triggers.present(connection)
    )
    if missing:
        report.finding = Finding(
            "trigger",
            f"append-only trigger(s) missing or disabled: {', '.join(missing)} — "
            "someone lifted them; the log may have been changed outside the application",
        )
        return report

    key_id, key = configured_key()
    keys = verification_keys()
    head = ChainHead._default_manager.using(alias).filter(id=HEAD_ID).first()
    upto = head.seq if head else None

    merged = heapq.merge(*(_rows(kind, alias, upto, chunk) for kind in MODELS), key=lambda r: r.seq)
    walk = _Walk(iter(merged), keys, anchor)
    report.finding = walk.run()  # KeyMissing propagates: the chain cannot be checked at all
    report.entries = walk.expected - 1
    report.unkeyed = walk.unkeyed
    report.epochs = walk.epochs
    if report.finding:
        return report

    last = walk.prev
    if head is None:
        if last is not None:
            report.finding = Finding(
                "head", "the chain head row is missing: the newest entries cannot be checked"
            )
        return report
    report.head_seq, report.head_hash = head.seq, head.hash
    if report.entries < head.seq:
        report.finding = Finding(
            "deleted",
            f"the newest entries seq {report.entries + 1}–{head.seq} are missing (the chain "
            f"head says seq {head.seq}) — deleted",
            report.entries + 1,
        )
    elif last is not None and last.values[_HASH] != head.hash:
        report.finding = Finding(
            "changed",
            f"the newest entry {last.ref} was changed, or the chain head was: their hashes differ",
            last.seq,
        )
    elif last is None and head.hash != GENESIS:
        report.finding = Finding("head", "the chain head was changed: the chain is empty")
    if report.finding:
        return report

    # Entries above the head (re-read: requests may have appended meanwhile) were never
    # written by the chain writer.
    now = ChainHead._default_manager.using(alias).filter(id=HEAD_ID).values_list("seq", flat=True)
    now_seq = now.first() or head.seq
    for kind, model in MODELS.items():
        stray = (
            model._default_manager.using(alias)
            .filter(seq__gt=now_seq)
            .order_by("seq")
            .values_list("id", "seq", "prev_hash", "entry_hash", "key_id", *FIELDS[kind])
            .first()
        )
        if stray is not None:
            report.finding = Finding(
                "inserted",
                f"{Row(stray[_SEQ], kind, stray).ref} lies beyond the chain head (seq {now_seq}) — inserted",
                stray[_SEQ],
            )
            return report
    finding = _lag(report, alias)
    if finding:
        report.finding = finding
        return report
    # (0, GENESIS) anchors the empty chain — a backup taken while every entry still waited
    # for the sequencer (decision 0330): there is nothing before it to prove.
    if anchor and not walk.anchor_seen and anchor != (0, GENESIS):
        report.finding = Finding(
            "deleted",
            f"the anchored entry seq {anchor[0]} is not in the chain (it ends at seq "
            f"{report.entries}) — the chain was cut back",
            anchor[0],
        )
    if report.unchained:
        report.notes.append(
            f"{report.unchained} entries are written but not chained yet (the sequencer chains "
            f"them; the oldest is from {report.oldest_unchained:%Y-%m-%d %H:%M:%S})"
        )
    if key is not None and report.unkeyed:
        report.notes.append(
            f"{report.unkeyed} entries (the oldest) are not keyed: written before the HMAC key was set"
        )
    if report.epochs and key is not None and report.epochs[-1].key_id != key_id:
        report.notes.append(
            f"the current HMAC key {key_id} has written nothing yet: the newest entries are "
            f"under {_key_name(report.epochs[-1].key_id)}"
        )
    return report


def _lag(report: Report, alias: str) -> Finding | None:
    """Count the entries the sequencer has not chained yet; a finding when one has waited too
    long (its ``at``, the time of the read, is older than ``AUDIT_CHAIN_LAG_SECONDS``)."""
    for model in MODELS.values():
        waiting = (
            model._default_manager.using(alias)
            .filter(seq__isnull=True)
            .aggregate(n=Count("id"), oldest=Min("at"))
        )
        report.unchained += waiting["n"]
        oldest = waiting["oldest"]
        if oldest and (report.oldest_unchained is None or oldest < report.oldest_unchained):
            report.oldest_unchained = oldest
    bound = int(getattr(settings, "AUDIT_CHAIN_LAG_SECONDS", 60))
    if report.oldest_unchained is None:
        return None
    waited = (timezone.now() - report.oldest_unchained).total_seconds()
    if waited <= bound:
        return None
    return Finding(
        "lag",
        f"{report.unchained} entries are not chained, the oldest for {waited:.0f} s (more "
        f"than {bound} s): the sequencer in the task worker is not running — start "
        "`tukiverkko worker` (or `tukiverkko serve`); until then these entries are unprotected",
    )
