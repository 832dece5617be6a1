"""Writing the audit logs. Every read of client data calls ``record_access``; every disclosure
to another organisation calls ``record_disclosure``.

Call them inside the transaction that reads or discloses: the entry is then written exactly when
the rest is. Each call appends to the hash chain (``tukiverkko.audit.chain``), which holds the
chain's lock until that transaction ends — so log near the end of a long transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from tukiverkko.audit.chain import append
from tukiverkko.audit.models import AccessLogEntry, DisclosureLogEntry
from tukiverkko.audit.querysets import access_log_for_client, disclosures_for_client

__all__ = [
    "access_log_for_client",
    "disclosures_for_client",
    "record_access",
    "record_disclosure",
]


def _user_id(user: Any) -> int | None:
    pk = getattr(user, "pk", None)
    return int(pk) if pk else None


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def record_access(
    *, user: Any, client_id: int | None, what: str, purpose: str = "", allowed: bool
) -> AccessLogEntry:
    """Log one read (or refused read) of client data by ``user``."""
    org = getattr(user, "organisation", None)
    return append(
        AccessLogEntry,
        {
            "at": timezone.now(),
            "user_id": _user_id(user),
            "username": getattr(user, "username", "") or "",
            "organisation_id": _optional_int(org.pk) if org else None,
            "organisation_name": org.name_fi if org else "",
            "role": getattr(user, "role", "") or "",
            "client_id": _optional_int(client_id),
            "what": str(what),
            "purpose": str(purpose),
            "allowed": bool(allowed),
        },
    )


def record_disclosure(
    *,
    user: Any,
    client_id: int,
    to_organisation: Any,
    categories: Iterable[str],
    purpose: str,
    what: str,
    consent_id: int | None = None,
) -> DisclosureLogEntry:
    """Log one disclosure of client data by ``user`` to ``to_organisation``."""
    org = getattr(user, "organisation", None)
    return append(
        DisclosureLogEntry,
        {
            "at": timezone.now(),
            "user_id": _user_id(user),
            "username": getattr(user, "username", "") or "",
            "from_organisation_id": _optional_int(org.pk) if org else None,
            "to_organisation_id": _optional_int(to_organisation.pk),
            "to_organisation_name": to_organisation.name_fi,
            "client_id": int(client_id),
            "categories": sorted(str(c) for c in categories),
            "purpose": str(purpose),
            "consent_id": _optional_int(consent_id),
            "what": str(what),
        },
    )
