"""Writing the audit logs. Every read of client data calls ``record_access``; every disclosure
to another organisation calls ``record_disclosure``. Call inside the request's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from tukiverkko.audit.models import AccessLogEntry, DisclosureLogEntry


def _actor(user: Any) -> dict[str, Any]:
    org = getattr(user, "organisation", None)
    return {
        "user": user if getattr(user, "pk", None) else None,
        "username": getattr(user, "username", "") or "",
    } | ({"organisation_id": org.pk, "organisation_name": org.name_fi} if org else {})


def record_access(
    *, user: Any, client_id: int | None, what: str, purpose: str = "", allowed: bool
) -> AccessLogEntry:
    actor = _actor(user)
    return AccessLogEntry.objects.create(
        at=timezone.now(),
        role=getattr(user, "role", "") or "",
        client_id=client_id,
        what=what,
        purpose=purpose,
        allowed=allowed,
        **actor,
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
    org = getattr(user, "organisation", None)
    return DisclosureLogEntry.objects.create(
        at=timezone.now(),
        user=user if getattr(user, "pk", None) else None,
        username=getattr(user, "username", "") or "",
        from_organisation_id=org.pk if org else None,
        to_organisation_id=to_organisation.pk,
        to_organisation_name=to_organisation.name_fi,
        client_id=client_id,
        categories=sorted(categories),
        purpose=purpose,
        consent_id=consent_id,
        what=what,
    )
