"""What the data-protection officer reads of one client's logs: the page and the API render
these same rows.

The access log they read holds every read *and* every change of the client's data, in the
chain's order: reads are access rows, changes are event rows shown with ``what`` =
``event:ref`` (``journal_add:42``) and ``allowed`` true. Disclosures are their own log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Case, CharField, F, QuerySet, Value, When
from django.db.models.functions import Concat

from tukiverkko.accounts.models import Organisation, User
from tukiverkko.audit.chain import ACCESS, FIELDS
from tukiverkko.audit.models import AccessLogEntry, DisclosureLogEntry, EventLogEntry
from tukiverkko.audit.purposes import AccessPurpose

# The purpose a data-protection officer reads a log for (logged with every such read).
PURPOSE = str(AccessPurpose.DATA_PROTECTION)

# The columns of the merged access log, in the order both halves of the UNION select them.
_COLUMNS = ("seq", *FIELDS[ACCESS])
# The logs are paged by sequence number: an entry the sequencer has not chained yet (deferred
# sequencing, decision 0330) has none, and shows a few milliseconds later, in its place.
CHAINED = {"seq__isnull": False}


@dataclass(frozen=True)
class AccessRow:
    seq: int
    at: dt.datetime
    user_id: int | None
    username: str
    organisation_id: int | None
    organisation_name: str
    role: str
    client_id: int | None
    what: str
    purpose: str
    allowed: bool
    user_label: str = ""  # "Full Name (username)" where the user still exists


@dataclass(frozen=True)
class DisclosureRow:
    entry: DisclosureLogEntry
    user_label: str
    from_organisation: str


def access_log(client_id: int, *, before_seq: int | None = None) -> QuerySet[Any]:
    """Reads and changes of one client's data, newest first (rows as dicts of ``_COLUMNS``;
    slice it, then ``access_rows``). ``before_seq``: only entries older than that sequence."""
    reads = AccessLogEntry.objects.filter(client_id=client_id, **CHAINED).order_by()
    changes = EventLogEntry.objects.filter(client_id=client_id, **CHAINED).order_by()
    if before_seq is not None:
        reads, changes = reads.filter(seq__lt=before_seq), changes.filter(seq__lt=before_seq)
    text = CharField()
    read_rows = reads.values(**{f"c_{c}": F(c) for c in _COLUMNS})
    # The same columns in the same order on both sides of the UNION.
    change_rows = changes.values(
        c_seq=F("seq"),
        c_at=F("at"),
        c_user_id=F("user_id"),
        c_username=F("username"),
        c_organisation_id=F("organisation_id"),
        c_organisation_name=F("organisation_name"),
        c_role=F("role"),
        c_client_id=F("client_id"),
        c_what=Case(
            When(ref="", then=F("event")),
            default=Concat(F("event"), Value(":"), F("ref"), output_field=text),
            output_field=text,
        ),
        c_purpose=Value("", output_field=text),
        c_allowed=Value(True, output_field=BooleanField()),
    )
    # (django-stubs does not know the columns of a UNION)
    return read_rows.union(change_rows, all=True).order_by("-c_seq")  # type: ignore[misc]


def access_rows(rows: Any) -> list[AccessRow]:
    """The rows of a slice of ``access_log``, with each user's name where the user exists."""
    raw = [{c: row[f"c_{c}"] for c in _COLUMNS} for row in rows]
    names = _user_labels({r["user_id"] for r in raw if r["user_id"]})
    return [
        AccessRow(
            **{**r, "allowed": bool(r["allowed"])},
            user_label=names.get(r["user_id"] or 0, r["username"]),
        )
        for r in raw
    ]


def disclosure_log(
    client_id: int, *, before_seq: int | None = None
) -> QuerySet[DisclosureLogEntry]:
    """Every logged disclosure of one client's data, newest first."""
    qs = DisclosureLogEntry.objects.filter(client_id=client_id, **CHAINED)
    if before_seq is not None:
        qs = qs.filter(seq__lt=before_seq)
    return qs.order_by("-seq")


def denials_without_client(*, before_seq: int | None = None) -> QuerySet[AccessLogEntry]:
    """Refusals that name no client — an id that does not exist, an anonymous or 401 call, a
    refused CSRF check — newest first. They are in no client's log, so the data-protection
    officer reads them here (review M3)."""
    qs = AccessLogEntry.objects.filter(allowed=False, client_id__isnull=True, **CHAINED)
    if before_seq is not None:
        qs = qs.filter(seq__lt=before_seq)
    return qs.order_by("-seq")


def denial_rows(entries: Any) -> list[AccessRow]:
    entries = list(entries)
    names = _user_labels({e.user_id for e in entries if e.user_id})
    return [
        AccessRow(
            seq=e.seq,
            at=e.at,
            user_id=e.user_id,
            username=e.username,
            organisation_id=e.organisation_id,
            organisation_name=e.organisation_name,
            role=e.role,
            client_id=e.client_id,
            what=e.what,
            purpose=e.purpose,
            allowed=e.allowed,
            user_label=names.get(e.user_id or 0, e.username),
        )
        for e in entries
    ]


def disclosure_rows(entries: Any) -> list[DisclosureRow]:
    entries = list(entries)
    names = _user_labels({d.user_id for d in entries if d.user_id})
    org_ids = {d.from_organisation_id for d in entries if d.from_organisation_id}
    orgs = dict(Organisation.objects.filter(id__in=org_ids).values_list("id", "name_fi"))
    return [
        DisclosureRow(
            entry=d,
            user_label=names.get(d.user_id or 0, d.username),
            from_organisation=orgs.get(d.from_organisation_id or 0, ""),
        )
        for d in entries
    ]


def _user_labels(ids: set[int]) -> dict[int, str]:
    users = User.objects.filter(pk__in=ids).only("pk", "username", "first_name", "last_name")
    return {u.pk: f"{u.get_full_name() or u.username} ({u.username})" for u in users}
