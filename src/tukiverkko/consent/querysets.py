"""Reading consents as the plain facts the pure decision (consent.policy) works on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from tukiverkko.consent.policy import ConsentFacts

if TYPE_CHECKING:
    from tukiverkko.consent.models import Consent


class ConsentQuerySet(models.QuerySet["Consent"]):
    def for_client(self, client_id: int) -> ConsentQuerySet:
        return self.filter(client_id=client_id)

    def facts(self) -> list[ConsentFacts]:
        """Every consent of this queryset as ``ConsentFacts`` (two queries in all)."""
        return [facts_of(c) for c in self.prefetch_related("organisations")]


def facts_of(consent: Consent) -> ConsentFacts:
    from tukiverkko.consent.models import ConsentForm

    return ConsentFacts(
        id=consent.pk,
        organisation_ids=frozenset(o.pk for o in consent.organisations.all()),
        categories=frozenset(consent.categories),
        purposes=frozenset(consent.purposes),
        valid_from=consent.valid_from,
        valid_until=consent.valid_until,
        revoked=consent.revoked_at is not None,
        oral=consent.form == ConsentForm.ORAL,
        used=consent.used_at is not None,
    )
