"""Who acts: a professional (a ``User``), the client themself, or the system.

Every action takes an ``Actor``, and the audit log records which kind acted: a reminder sent by a
scheduled task is the system's, a consent revoked in the portal is the client's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from tukiverkko.accounts.models import User


@dataclass(frozen=True)
class ClientActor:
    """The client acting on their own data (the portal). ``assisted_by``: the professional on
    whose screen the client logged in with their own code (seed 002: "kuka auttaa?") — the
    audit log names them beside the client."""

    client_id: int
    assisted_by: User | None = None


@dataclass(frozen=True)
class SystemActor:
    """The product itself: a scheduled task, an import. ``name`` says which."""

    name: str


Actor: TypeAlias = User | ClientActor | SystemActor
Professional: TypeAlias = User


def kind_of(actor: Actor) -> str:
    """'professional', 'client' or 'system' — the audit log's actor kind."""
    if isinstance(actor, ClientActor):
        return "client"
    if isinstance(actor, SystemActor):
        return "system"
    return "professional"
