"""The hash chain over the three audit logs.

One chain, one sequence: every entry of the access log, the disclosure log and the event log gets
the next sequence number and the hash of the entry before it, whichever table that entry is in.
So the order of reads, disclosures and changes is fixed.

Two ways to get there (``settings.AUDIT_SEQUENCING``, decision 0330):
- ``inline`` — the writer chains its own entry under the head row lock (SQLite, the suite);
- ``deferred`` — the writer only INSERTs the entry unchained (``seq`` NULL), taking no lock,
  and the sequencer (``audit.sequencer``, in the task worker) chains the waiting entries a few
  milliseconds later, many in one transaction, under the same head row lock. Both may run at
  once: the head row keeps them to one chain.

entry_hash = SHA-256 (or HMAC-SHA-256 with ``settings.AUDIT_HMAC_KEY``) over the canonical
serialisation: compact JSON of ``[FORMAT, kind, seq, prev_hash, *fields in FIELDS[kind] order]``,
UTF-8, datetimes as UTC ``YYYY-MM-DDTHH:MM:SS.ffffffZ``. The same function serves the writer
(values in Python) and the verifier (values read back from the database).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

from django.conf import settings
from django.db import OperationalError, connections, router, transaction
from django.db.models import Field, Model

from tukiverkko.audit.models import AccessLogEntry, ChainHead, DisclosureLogEntry, EventLogEntry

FORMAT = "tv-audit-1"
GENESIS = "0" * 64
HEAD_ID = 1

ACCESS = "access"
DISCLOSURE = "disclosure"
EVENT = "event"
FIELDS: dict[str, tuple[str, ...]] = {
    ACCESS: (
        "at",
        "user_id",
        "username",
        "organisation_id",
        "organisation_name",
        "role",
        "client_id",
        "what",
        "purpose",
        "allowed",
    ),
    DISCLOSURE: (
        "at",
        "user_id",
        "username",
        "from_organisation_id",
        "to_organisation_id",
        "to_organisation_name",
        "client_id",
        "categories",
        "purpose",
        "consent_id",
        "what",
    ),
    EVENT: (
        "at",
        "actor_kind",
        "user_id",
        "username",
        "organisation_id",
        "organisation_name",
        "role",
        "client_id",
        "event",
        "ref",
    ),
}
# Context written since issue 8, after the fields above: which grant or basis opened the read or
# the disclosure, the register disclosed from, the request id, a reference to the session (never
# the session key) and — only where the deployment enables it — the IP address. They are hashed
# after the fields when any of them is set (``canonical``), so entries written before them keep
# their hashes and a context added to or removed from an entry later breaks its hash.
OPTIONAL: dict[str, tuple[str, ...]] = {
    ACCESS: ("basis", "request_id", "session_ref", "ip"),
    DISCLOSURE: ("basis", "from_register", "request_id", "session_ref", "ip"),
    EVENT: ("request_id", "session_ref", "ip"),
}
MODELS: dict[str, type[Model]] = {
    ACCESS: AccessLogEntry,
    DISCLOSURE: DisclosureLogEntry,
    EVENT: EventLogEntry,
}
KIND_OF_TABLE = {m._meta.db_table: kind for kind, m in MODELS.items()}

M = TypeVar("M", bound=Model)


class AuditChainError(RuntimeError):
    """The chain cannot be appended to (head row missing, database kept locked)."""


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def utc_text(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("audit timestamps must be timezone-aware")
    if at.tzinfo is not UTC:
        at = at.astimezone(UTC)
    return at.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def canonical(kind: str, seq: int, prev_hash: str, values: Sequence[Any]) -> bytes:
    """The bytes that are hashed; ``values`` in ``FIELDS[kind]`` order (``at`` first), then
    optionally the ``OPTIONAL[kind]`` ones — hashed only when one of them is set."""
    n = len(FIELDS[kind])
    fields, extra = list(values[:n]), list(values[n:])
    if any(v not in ("", None) for v in extra):
        fields += extra
    return _ENCODER.encode(
        [FORMAT, kind, seq, prev_hash, utc_text(fields[0]), *fields[1:]]
    ).encode()


def key_id_for(key: bytes) -> str:
    """A short public name of the HMAC key, stored on each entry: which key to verify with."""
    return hashlib.sha256(b"tukiverkko-audit-key-id:" + key).hexdigest()[:16]


def configured_key() -> tuple[str, bytes | None]:
    raw = getattr(settings, "AUDIT_HMAC_KEY", "") or ""
    if not raw:
        return "", None
    key = raw.encode()
    return key_id_for(key), key


def verification_keys() -> dict[str, bytes]:
    """Every key an entry may have been written with: the current one and the retired ones
    (``AUDIT_HMAC_KEYS_PREVIOUS``), by key id. Only the current one ever writes."""
    raw = [getattr(settings, "AUDIT_HMAC_KEY", "") or ""]
    raw += list(getattr(settings, "AUDIT_HMAC_KEYS_PREVIOUS", []) or [])
    return {key_id_for(k.encode()): k.encode() for k in raw if k}


def digest(data: bytes, key: bytes | None) -> str:
    if key is None:
        return hashlib.sha256(data).hexdigest()
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def _is_table_locked(exc: BaseException) -> bool:
    # SQLite shared-cache databases (the test suite's in-memory database) answer "database table
    # is locked" at once, without the busy timeout: waiting and trying again is right. Plain
    # "database is locked" comes after the busy timeout has already waited, or at once when
    # this transaction has read first and another holds the write lock — a deadlock that only
    # ending this transaction resolves, so trying again inside it would only prolong it.
    return "table is locked" in str(exc) or "schema is locked" in str(exc)


def _take_head(alias: str, step: int = 1) -> tuple[int, str]:
    """Move the head to the next sequence number and return (seq, previous hash); ``step`` 0
    (the sequencer) only takes the lock and reads the head.

    The UPDATE comes first so that it takes the lock before anything is read: SQLite's write
    lock (the busy timeout waits for it when it is the transaction's first statement) or
    PostgreSQL's row lock (concurrent writers queue on it until this transaction ends).
    """
    connection = connections[alias]
    table = connection.ops.quote_name(ChainHead._meta.db_table)
    sql = f"UPDATE {table} SET seq = seq + %s WHERE id = %s RETURNING seq, hash"  # noqa: S608
    timeout = float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 20))
    deadline = time.monotonic() + timeout
    pause = 0.001
    while True:
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, [step, HEAD_ID])
                row = cursor.fetchone()
            break
        except OperationalError as exc:
            if connection.vendor != "sqlite":
                raise
            if not _is_table_locked(exc):
                raise AuditChainError(
                    "the audit log is locked by another writer; nothing was written. On SQLite "
                    "a transaction that reads before it logs should start with BEGIN IMMEDIATE "
                    "(DATABASES OPTIONS transaction_mode='IMMEDIATE')"
                ) from exc
            if time.monotonic() > deadline:
                raise AuditChainError(
                    "the audit log stayed locked by other writers; nothing was written"
                ) from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
    if row is None:
        raise AuditChainError("the audit chain head row is missing: run `tukiverkko migrate`")
    return int(row[0]), str(row[1])


INLINE = "inline"
DEFERRED = "deferred"


def sequencing() -> str:
    return str(getattr(settings, "AUDIT_SEQUENCING", "") or INLINE)


def append(model: type[M], values: dict[str, Any]) -> M:
    """Append one entry to the chain inside the caller's transaction (or a new one) — or, with
    deferred sequencing, write it unchained for the sequencer: durable when the caller commits.

    ``values`` must hold exactly the fields of ``FIELDS[kind]``; they are hashed as given, so
    they must be what the database will give back (ints, str, bool, aware datetime, list).
    """
    kind = KIND_OF_TABLE[model._meta.db_table]
    alias = router.db_for_write(model)
    values = {**dict.fromkeys(OPTIONAL[kind], ""), **values}
    ordered = [values[name] for name in (*FIELDS[kind], *OPTIONAL[kind])]
    if set(values) != {*FIELDS[kind], *OPTIONAL[kind]}:
        raise ValueError(f"{kind} entry fields must be {FIELDS[kind]}, not {sorted(values)}")
    for name, value in values.items():
        # SQLite would keep an over-long string and PostgreSQL refuse it: refuse on both.
        max_length = getattr(model._meta.get_field(name), "max_length", None)
        if max_length and isinstance(value, str) and len(value) > max_length:
            raise ValueError(f"audit field {name!r} is longer than {max_length} characters")
    if sequencing() == DEFERRED:
        return _insert_unchained(model, alias, values)
    key_id, key = configured_key()
    connection = connections[alias]
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        # Our own transaction: if SQLite refuses even its start (shared cache), start again.
        return _retrying(lambda: _append(model, kind, alias, ordered, values, key_id, key), alias)
    return _append(model, kind, alias, ordered, values, key_id, key)


def _insert_unchained(model: type[M], alias: str, values: dict[str, Any]) -> M:
    """One INSERT, no lock: the sequencer hashes and chains the entry (audit.sequencer). Plain
    SQL, as the ORM's save() would write it (each field's own conversion), at a third of the
    Python time — this runs once for every read of client data."""
    connection = connections[alias]
    qn = connection.ops.quote_name
    row = {"seq": None, "prev_hash": "", "entry_hash": "", "key_id": "", **values}
    fields = [cast("Field[Any, Any]", model._meta.get_field(name)) for name in row]
    columns = ", ".join(qn(str(f.column)) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    params = [f.get_db_prep_save(row[f.attname], connection) for f in fields]
    table = qn(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING id",  # noqa: S608
            params,
        )
        (pk,) = cursor.fetchone()
    entry = model(id=pk, **row)
    entry._state.adding = False
    entry._state.db = alias
    return entry


def _retrying(fn: Callable[[], M], alias: str) -> M:
    deadline = time.monotonic() + 20
    pause = 0.001
    while True:
        try:
            return fn()
        except OperationalError as exc:
            if not _is_table_locked(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.05)


def _append(
    model: type[M],
    kind: str,
    alias: str,
    ordered: list[Any],
    values: dict[str, Any],
    key_id: str,
    key: bytes | None,
) -> M:
    with transaction.atomic(using=alias):
        seq, prev_hash = _take_head(alias)
        entry_hash = digest(canonical(kind, seq, prev_hash, ordered), key)
        entry = model._default_manager.using(alias).create(
            seq=seq, prev_hash=prev_hash, entry_hash=entry_hash, key_id=key_id, **values
        )
        ChainHead._default_manager.using(alias).filter(id=HEAD_ID).update(hash=entry_hash)
    return entry
