"""The access grant of the IPS coach (tukiverkko.access.policy composes it)."""

from __future__ import annotations

from typing import Any

from django.db import models

from tukiverkko.accounts.models import User


def clients_of_ips_coach(user: User) -> models.QuerySet[Any]:
    """Grant: the clients of the open IPS periods ``user`` coaches; ending the period ends it
    (decision 0300)."""
    from tukiverkko.ips.models import IpsPeriod, IpsPhase

    return (
        IpsPeriod.objects.filter(coach=user)
        .exclude(phase=IpsPhase.ENDED)
        .values(client_id=models.F("case__client_id"))
    )
