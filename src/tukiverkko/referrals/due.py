"""What of the referrals is due (``followup_sources``, core.due): a referral overdue — not
received, or not answered, by its due date (``ReferralQuerySet.overdue``, the service's own time
limit) — to its sender ("Tiedustelut missä vaiheessa…", PATH.md §2), or to the case's
responsible worker when the sender has left. One query; done when the receiver answers (or the
sender closes it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import cast

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tukiverkko.core.due import Due
from tukiverkko.referrals.models import Referral


def overdue(today: dt.date) -> Iterator[Due]:
    link = reverse("referrals:detail", kwargs={"referral_id": 1234567}).replace("1234567", "{}")
    rows = Referral.objects.overdue(today).values_list(
        "pk",
        "case__client_id",
        "sender_id",
        "sender__is_active",
        "case__responsible_worker_id",
        "due_on",
    )
    for pk, client_id, sender_id, active, worker_id, due_on in rows:
        yield Due(
            kind="referral_overdue",
            key=f"referral:{pk}",
            owner_id=sender_id if active else worker_id,
            due=cast(dt.date, due_on),  # overdue() filters on it: never None
            title=_("Lähetteeseen ei ole vastattu määräajassa: tiedustele, missä vaiheessa se on"),
            url=link.format(pk),
            client_id=client_id,
        )
