"""Consent questions answered from the database (the decision itself is consent.policy's)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tukiverkko.accounts.models import Organisation
from tukiverkko.consent import policy
from tukiverkko.consent.models import Consent
from tukiverkko.consent.policy import ConsentDecision


def may_disclose(
    *,
    client_id: int,
    to_organisation: Organisation | None,
    category: str,
    purpose: str,
    at: dt.datetime | None = None,
) -> ConsentDecision:
    """May ``to_organisation`` see ``category`` of client ``client_id`` for ``purpose`` at ``at``
    (default now)? Reads the client's consents and asks the policy."""
    return policy.may_disclose(
        Consent.objects.for_client(client_id).facts(),
        to_organisation_id=to_organisation.pk if to_organisation is not None else None,
        category=category,
        purpose=purpose,
        today=timezone.localdate(at or timezone.now()),
    )
