"""Querysets of referrals, and the grant this app adds to the access policy (decision 0263)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

if TYPE_CHECKING:
    from tukiverkko.accounts.models import User
    from tukiverkko.referrals.models import Referral  # noqa: F401


class ReferralQuerySet(models.QuerySet["Referral"]):
    def sent(self) -> ReferralQuerySet:
        """Every referral that has left its draft."""
        return self.exclude(status="draft")

    def overdue(self, today: dt.date | None = None) -> ReferralQuerySet:
        """Not received, or received and not answered, by its due date (the service's own time
        limit from sending, catalogue.Service.referral_time_limit)."""
        from tukiverkko.referrals.models import AWAITING_ANSWER

        day = today or timezone.localdate()
        return self.filter(status__in=AWAITING_ANSWER, due_on__lt=day)

    def addressed_to(self, user: User) -> ReferralQuerySet:
        """The referrals of ``user``'s inbox: to them by name, to their unit, or to their
        organisation without a unit or a professional named (decision 0263)."""
        if user.organisation_id is None:
            return self.none()
        mine = Q(to_professional=user)
        if user.unit_id is not None:
            mine |= Q(to_unit_id=user.unit_id, to_professional__isnull=True)
        mine |= Q(
            to_organisation_id=user.organisation_id,
            to_unit__isnull=True,
            to_professional__isnull=True,
        )
        return self.sent().filter(mine)

    def sent_back(self) -> ReferralQuerySet:
        """Declined or returned at some point (the hand-off figure counts them)."""
        from tukiverkko.referrals.models import SENT_BACK

        return self.filter(transitions__to_status__in=SENT_BACK).distinct()


def clients_of_referral_handler(user: User) -> models.QuerySet[Any]:
    """Grant: the clients of the referrals ``user`` accepted, while they are open (accepted or
    in progress); completing, closing or declining ends it."""
    from tukiverkko.referrals.models import OPEN_FOR_HANDLER, Referral

    return Referral.objects.filter(handler=user, status__in=OPEN_FOR_HANDLER).values(
        client_id=models.F("case__client_id")
    )
