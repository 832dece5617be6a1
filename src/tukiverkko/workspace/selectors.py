"""The start page's read models that need no client (counts of what waits for the user).

The rows that name clients — my clients, my tasks, my unit's inbox, hand-over requests — come
through the access shell's logged getters in the view; this module counts, and counts only
(nothing of a client shown, nothing logged), for the page's headings and the navigation.
"""

from __future__ import annotations

from dataclasses import dataclass

from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import works_with_clients
from tukiverkko.cases.models import HandoverRequest
from tukiverkko.referrals.models import Referral, Status

# What waits for an answer in the inbox: sent (not yet received) or received (not yet decided).
WAITING = (Status.SENT, Status.RECEIVED)


@dataclass(frozen=True)
class WaitingCounts:
    inbox: int  # referrals to me, my unit or my organisation waiting for an answer
    handovers: int  # hand-over requests addressed to me


def waiting(user: User) -> WaitingCounts:
    if not works_with_clients(user):
        return WaitingCounts(0, 0)
    return WaitingCounts(
        inbox=Referral.objects.addressed_to(user).filter(status__in=WAITING).count(),
        handovers=HandoverRequest.objects.pending().filter(to_worker=user).count(),
    )
