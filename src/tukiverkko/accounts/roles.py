"""What each role may do: one table of capabilities and the roles that hold them.

Every role check of the product reads this table (the decorators, the access policy, the actions,
the audit log's reader); later issues add a capability here rather than a set in their own
module. Predicates take any object (a request's user may be anonymous) and answer False for
what is not an active professional.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeGuard

from tukiverkko.accounts.models import Role, User


class Capability(StrEnum):
    CLIENT_WORK = "client_work"  # sees and changes client data through the access policy
    CATALOGUE_EDITING = "catalogue_editing"  # keeps the service catalogue true
    CASELOAD_HANDOVER = "caseload_handover"  # hands over another worker's whole caseload
    AUDIT_LOG_READING = "audit_log_reading"  # reads a client's access and disclosure logs


# Roles that do no client work: they see no client through the access policy (no bypass, not
# even for superusers).
NON_CLIENT_ROLES = frozenset({Role.CATALOGUE_EDITOR, Role.DATA_PROTECTION, Role.ADMINISTRATOR})

ROLES: dict[Capability, frozenset[Role]] = {
    Capability.CLIENT_WORK: frozenset(r for r in Role if r not in NON_CLIENT_ROLES),
    Capability.CATALOGUE_EDITING: frozenset({Role.CATALOGUE_EDITOR, Role.ADMINISTRATOR}),
    # Within the leaving worker's own organisation (cases.actions.hand_over_caseload).
    Capability.CASELOAD_HANDOVER: frozenset({Role.ADMINISTRATOR, Role.WORK_ABILITY_COORDINATOR}),
    Capability.AUDIT_LOG_READING: frozenset({Role.DATA_PROTECTION}),
}

CLIENT_WORK_ROLES = ROLES[Capability.CLIENT_WORK]
EDITOR_ROLES = ROLES[Capability.CATALOGUE_EDITING]


def professional(user: object) -> TypeGuard[User]:
    """A logged-in, active user of the product (any role, or none yet)."""
    return isinstance(user, User) and user.is_authenticated and user.is_active


def has(user: object, capability: Capability) -> TypeGuard[User]:
    return professional(user) and user.role in ROLES[capability]


def works_with_clients(user: object) -> TypeGuard[User]:
    return has(user, Capability.CLIENT_WORK)


def edits_catalogue(user: object) -> TypeGuard[User]:
    return has(user, Capability.CATALOGUE_EDITING)


def hands_over_caseloads(user: object) -> TypeGuard[User]:
    """The coordinator's (and administrator's) right to move a colleague's caseload."""
    return has(user, Capability.CASELOAD_HANDOVER)


def reads_audit_log(user: object) -> TypeGuard[User]:
    """The data-protection officer's right to read who read a client's data."""
    return has(user, Capability.AUDIT_LOG_READING)
