"""Reading consents, prohibitions and legal bases as the plain facts the pure decision
(consent.policy) works on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from tukiverkko.consent.policy import (
    ConsentFacts,
    DisclosureFacts,
    LegalBasisFacts,
    ProhibitionFacts,
    Source,
)

if TYPE_CHECKING:
    from tukiverkko.consent.models import (  # noqa: F401
        Consent,
        DisclosureProhibition,
        LegalBasis,
        RevocationNotice,
    )


class ConsentQuerySet(models.QuerySet["Consent"]):
    def for_client(self, client_id: int) -> ConsentQuerySet:
        return self.filter(client_id=client_id)

    def standing(self) -> ConsentQuerySet:
        """Not revoked (validity dates and oral use are the decision's)."""
        return self.filter(revoked_at__isnull=True)

    def facts(self) -> list[ConsentFacts]:
        """Every consent of this queryset as ``ConsentFacts`` (three queries in all)."""
        return [
            facts_of(c)
            for c in self.prefetch_related("organisations", "units", "external_recipients")
        ]

    def visible_to(
        self, organisation_id: int | None, unit_id: int | None, register: str | None
    ) -> ConsentQuerySet:
        """The consents a professional of this organisation, unit and register may see listed:
        their own register's (a consent is content of the register whose data it discloses:
        sector separation), and those naming their organisation or unit as a recipient."""
        if organisation_id is None:
            return self.none()
        mine = Q(organisations=organisation_id)
        if register is not None:
            mine |= Q(disclosing_organisation_id=organisation_id, disclosing_register=register)
        if unit_id is not None:
            mine |= Q(units=unit_id)
        return self.filter(pk__in=self.model.objects.filter(mine).values("pk"))


class RevocationNoticeQuerySet(models.QuerySet["RevocationNotice"]):
    def pending(self) -> RevocationNoticeQuerySet:
        return self.filter(done_at__isnull=True)


class ProhibitionQuerySet(models.QuerySet["DisclosureProhibition"]):
    def active(self) -> ProhibitionQuerySet:
        return self.filter(lifted_at__isnull=True)


class LegalBasisQuerySet(models.QuerySet["LegalBasis"]):
    def current(self) -> LegalBasisQuerySet:
        return self.filter(ended_at__isnull=True)


def facts_of(consent: Consent) -> ConsentFacts:
    from tukiverkko.consent.models import ConsentForm

    return ConsentFacts(
        id=consent.pk,
        organisation_ids=frozenset(o.pk for o in consent.organisations.all()),
        unit_ids=frozenset(u.pk for u in consent.units.all()),
        external_ids=frozenset(r.pk for r in consent.external_recipients.all()),
        categories=frozenset(consent.categories),
        purposes=frozenset(consent.purposes),
        valid_from=consent.valid_from,
        valid_until=consent.valid_until,
        revoked=consent.revoked_at is not None,
        oral=consent.form == ConsentForm.ORAL,
        used=consent.used_at is not None,
        disclosing=Source(consent.disclosing_organisation_id, consent.disclosing_register),
        awaiting=consent.awaits_confirmation,
    )


def disclosure_facts(client_id: int) -> DisclosureFacts:
    """One client's consents, active prohibitions and current legal bases (five queries)."""
    from tukiverkko.consent.models import Consent, DisclosureProhibition, LegalBasis

    prohibitions = DisclosureProhibition.objects.filter(client_id=client_id).active()
    bases = LegalBasis.objects.filter(client_id=client_id).current()
    return DisclosureFacts(
        consents=tuple(Consent.objects.for_client(client_id).facts()),
        prohibitions=tuple(
            ProhibitionFacts(Source(p.organisation_id, p.register), frozenset(p.categories))
            for p in prohibitions
        ),
        legal_bases=tuple(
            LegalBasisFacts(
                id=b.pk,
                source=Source(b.disclosing_organisation_id, b.disclosing_register),
                recipient_id=b.recipient_id,
                categories=frozenset(b.categories),
                purposes=frozenset(b.purposes),
                valid_from=b.valid_from,
                valid_until=b.valid_until,
            )
            for b in bases
        ),
    )
