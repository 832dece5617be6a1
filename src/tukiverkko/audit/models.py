"""Access log (käyttöloki: reads), disclosure log (luovutusloki) and event log (tapahtumaloki:
changes).

Append-only: the database refuses UPDATE and DELETE on these tables (triggers), and entries are
hash-chained so that a changed, deleted or inserted row is detected by ``tukiverkko verify-audit``.
Client references are plain ids, not foreign keys: a log must outlive what it logs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tukiverkko.core.personal_data import NAME, VALUE, PersonalData

# Who read, disclosed or changed a client's data is the client's data too (the portal will show
# it): every log declares what of it is personal. None of it is sensitive.
_WHO: PersonalData = {"at": VALUE, "username": NAME, "organisation_name": VALUE}
# The entries the sequencer has still to chain: a small partial index it reads them by.
_UNCHAINED = models.Q(seq__isnull=True)


class ChainedEntry(models.Model):
    """What every entry of the three logs carries: who (``user``, a plain id that outlives the
    user row) and its place in the hash chain (see tukiverkko.audit.chain and docs/audit.md:
    one sequence over all logs)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        db_constraint=False,
        related_name="+",
    )
    # NULL (and the hashes "") while the entry waits for the sequencer (decision 0330): written
    # at once by the read, chained a few milliseconds later, exactly once.
    seq = models.BigIntegerField(unique=True, null=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    entry_hash = models.CharField(max_length=64, blank=True)
    key_id = models.CharField(max_length=16, blank=True)  # "" = plain SHA-256, else HMAC key id
    # The request it was written in (the X-Request-ID), a reference to the session — a keyed
    # hash, never the session key itself — and the IP address only where the deployment turns it
    # on (TUKIVERKKO_AUDIT_IP). Hashed into the chain (audit.chain.OPTIONAL).
    # (db_default: rows written by other means — a bulk load, an attacker's INSERT — still fit.)
    request_id = models.CharField(max_length=64, blank=True, db_default="")
    session_ref = models.CharField(max_length=32, blank=True, db_default="")
    ip = models.CharField(max_length=45, blank=True, db_default="")

    class Meta:
        abstract = True


class AccessLogEntry(ChainedEntry):
    PERSONAL_DATA: PersonalData = _WHO | {"what": VALUE, "purpose": VALUE, "allowed": VALUE}

    at = models.DateTimeField(db_index=True)
    username = models.CharField(max_length=150)
    organisation_id = models.BigIntegerField(null=True)
    organisation_name = models.CharField(max_length=300, blank=True)
    role = models.CharField(max_length=40, blank=True)
    client_id = models.BigIntegerField(null=True, db_index=True)
    what = models.CharField(max_length=200)  # e.g. "client_page", "journal_entry:42", "api:clients"
    purpose = models.CharField(max_length=100, blank=True)
    allowed = models.BooleanField()
    # What let the read through: the grant ("responsible_worker", "network_member",
    # "justified_access:12") or the role ("audit_log_reading"); "" for a refusal.
    basis = models.CharField(max_length=200, blank=True, db_default="")

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["client_id", "at"]),
            models.Index(fields=["at", "id"], condition=_UNCHAINED, name="audit_access_unchained"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.what}"


class DisclosureLogEntry(ChainedEntry):
    PERSONAL_DATA: PersonalData = {
        "at": VALUE,
        "username": NAME,
        "to_organisation_name": VALUE,
        "categories": VALUE,
        "purpose": VALUE,
    }

    at = models.DateTimeField(db_index=True)
    username = models.CharField(max_length=150)
    # The disclosing organisation and its register (the content's, not the reader's).
    from_organisation_id = models.BigIntegerField(null=True)
    from_register = models.CharField(max_length=20, blank=True, db_default="")
    to_organisation_id = models.BigIntegerField(null=True)
    to_organisation_name = models.CharField(max_length=300, blank=True)
    client_id = models.BigIntegerField(db_index=True)
    categories = models.JSONField(default=list)  # InfoCategory values
    purpose = models.CharField(max_length=100)
    consent_id = models.BigIntegerField(null=True)
    what = models.CharField(max_length=200)
    # "consent:<id>" or "legal_basis:<id>": what the disclosure rests on.
    basis = models.CharField(max_length=200, blank=True, db_default="")

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["at", "id"], condition=_UNCHAINED, name="audit_disclosure_unchained"
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} → {self.to_organisation_name}"


class EventLogEntry(ChainedEntry):
    """One change of client data: who (a professional, the client, the system) did which typed
    event (``audit.events.EventType``) to what (``ref``, e.g. the journal entry's id)."""

    PERSONAL_DATA: PersonalData = _WHO | {"actor_kind": VALUE, "event": VALUE}

    at = models.DateTimeField(db_index=True)
    actor_kind = models.CharField(max_length=20)  # professional | client | system
    username = models.CharField(max_length=150)  # the professional's, or "system:<name>"
    organisation_id = models.BigIntegerField(null=True)
    organisation_name = models.CharField(max_length=300, blank=True)
    role = models.CharField(max_length=40, blank=True)
    client_id = models.BigIntegerField(null=True, db_index=True)
    event = models.CharField(max_length=40)
    ref = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["client_id", "at"]),
            models.Index(fields=["at", "id"], condition=_UNCHAINED, name="audit_event_unchained"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.event}:{self.ref}"


class ChainHead(models.Model):
    """The one row (id 1) that holds the newest sequence number and hash of the chain.

    The writer UPDATEs this row first in its transaction: that takes SQLite's write lock or
    PostgreSQL's row lock, so appends are serialised and the chain cannot fork. It also lets
    ``verify-audit`` notice that the newest entries were deleted.
    """

    PERSONAL_DATA: PersonalData = {}  # no client's data

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.seq} {self.hash}"
