"""Every state change of a case: validate, change, and write the log rows (phase log,
responsibility history, the audit event) in the same transaction. No signals.

Errors are ``ValidationError`` with a Finnish message saying what is wrong; a stale edit
raises ``ConflictError``. Nothing is saved when an action raises.

The actions live in four modules by responsibility — ``case`` (taking a client on, phases,
the checklist), ``handover`` (the responsible worker), ``network`` (the network and the
journal) and ``_common`` — and are all reached as ``tukiverkko.cases.actions.<name>``.
"""

from tukiverkko.cases.actions._common import ConflictError
from tukiverkko.cases.actions.case import (
    ClientResult,
    change_phase,
    create_client,
    mark_checklist_step,
    open_case,
)
from tukiverkko.cases.actions.handover import (
    accept_handover,
    decline_handover,
    hand_over_caseload,
    name_responsible_worker,
    request_handover,
)
from tukiverkko.cases.actions.network import (
    add_journal_entry,
    add_network_member,
    remove_network_member,
)
from tukiverkko.clients.actions import AlreadyRegistered, LikelyDuplicate

__all__ = [
    "AlreadyRegistered",
    "ClientResult",
    "ConflictError",
    "LikelyDuplicate",
    "accept_handover",
    "add_journal_entry",
    "add_network_member",
    "change_phase",
    "create_client",
    "decline_handover",
    "hand_over_caseload",
    "mark_checklist_step",
    "name_responsible_worker",
    "open_case",
    "remove_network_member",
    "request_handover",
]
