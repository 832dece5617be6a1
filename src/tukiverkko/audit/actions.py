"""Writing the audit logs. Every read of client data calls ``record_access``; every disclosure
to another organisation calls ``record_disclosure``; every change calls
``audit.events.record_event``.

Call them inside the transaction that reads, discloses or changes: the entry is then written
exactly when the rest is. Each call appends to the hash chain (``tukiverkko.audit.chain``), which
holds the chain's lock until that transaction ends — so log near the end of a long transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tukiverkko.accounts.actors import Actor, ClientActor, SystemActor
from tukiverkko.accounts.models import Organisation
from tukiverkko.audit import context
from tukiverkko.audit.chain import append
from tukiverkko.audit.models import AccessLogEntry, DisclosureLogEntry

# Who reads: an actor, or a request's anonymous user (a refused read is logged too).
Reader = Actor | AnonymousUser
# The role column of what a client did in the portal on a professional's screen.
ASSISTED = "client_assisted"


def actor_fields(actor: Reader) -> dict[str, Any]:
    """The user, username, organisation and role columns that say who acted.

    A client acting for themself has no user row (``username`` "client:<id>", role "client");
    assisted, the professional beside them fills the user and organisation (role
    "client_assisted"). The system has none either (``username`` "system:<name>", role "system")."""
    if isinstance(actor, ClientActor):
        helper = actor.assisted_by
        if helper is not None:  # assisted use: the professional beside the client is named
            return _fields(helper.pk, f"client:{actor.client_id}", helper.organisation, ASSISTED)
        return _fields(None, f"client:{actor.client_id}", None, "client")
    if isinstance(actor, SystemActor):
        return _fields(None, f"system:{actor.name}", None, "system")
    if isinstance(actor, AnonymousUser):
        return _fields(None, "", None, "")
    return _fields(actor.pk, actor.username or "", actor.organisation, actor.role or "")


def _fields(
    user_id: int | None, username: str, org: Organisation | None, role: str
) -> dict[str, Any]:
    return {
        "user_id": int(user_id) if user_id else None,
        "username": username,
        "organisation_id": int(org.pk) if org else None,
        "organisation_name": org.name_fi if org else "",
        "role": role,
    }


class PurposeMissing(ValueError):
    """A read was logged without its purpose: the law asks for one on every use."""


def record_access(
    *,
    user: Reader,
    client_id: int | None,
    what: str,
    purpose: str,
    allowed: bool,
    basis: str = "",
) -> AccessLogEntry:
    """Log one read (or refused read) of client data by ``user``, for ``purpose`` (never blank),
    and — for a granted read — what let it through (``basis``: the grant or the role)."""
    if not str(purpose).strip():
        raise PurposeMissing(f"read {what!r} logged without a purpose")
    if not allowed:
        context.count_denial()
    return append(
        AccessLogEntry,
        {
            "at": timezone.now(),
            **actor_fields(user),
            "client_id": None if client_id is None else int(client_id),
            "what": str(what),
            "purpose": str(purpose),
            "allowed": bool(allowed),
            "basis": str(basis) if allowed else "",
            **context.fields(),
        },
    )


def record_disclosure(
    *,
    user: Actor,
    client_id: int,
    from_organisation_id: int | None,
    from_register: str,
    to_organisation: Organisation | None,
    categories: Iterable[str],
    purpose: str,
    what: str,
    basis: str,
    consent_id: int | None = None,
    to_name: str = "",
) -> DisclosureLogEntry:
    """Log one disclosure of client data: ``from_organisation_id``'s ``from_register`` (whose
    content it is) shown to ``user`` of ``to_organisation``, under ``basis``
    ("consent:<id>" or "legal_basis:<id>"). A recipient outside the network's organisations
    (an employer, IPS) has no organisation row: ``to_organisation`` is None and ``to_name``
    names it."""
    fields = actor_fields(user)
    return append(
        DisclosureLogEntry,
        {
            "at": timezone.now(),
            "user_id": fields["user_id"],
            "username": fields["username"],
            "from_organisation_id": None
            if from_organisation_id is None
            else int(from_organisation_id),
            "to_organisation_id": None if to_organisation is None else int(to_organisation.pk),
            "to_organisation_name": to_name if to_organisation is None else to_organisation.name_fi,
            "client_id": int(client_id),
            "categories": sorted(str(c) for c in categories),
            "purpose": str(purpose),
            "consent_id": None if consent_id is None else int(consent_id),
            "what": str(what),
            "basis": str(basis),
            "from_register": str(from_register),
            **context.fields(),
        },
    )
