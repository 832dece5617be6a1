"""Disclosing under a consent and spending an oral one are one action: both or neither."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tukiverkko.audit.models import DisclosureLogEntry, EventLogEntry
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_professional,
    an_organisation,
)
from tukiverkko.consent import actions
from tukiverkko.consent.actions import disclosures
from tukiverkko.consent.models import Consent, ConsentForm, ExternalRecipient, RecipientKind
from tukiverkko.consent.querysets import facts_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def oral() -> dict[str, Any]:
    nurse = a_professional(org=an_organisation("hyvinvointialue"))
    kela = an_organisation("kela")
    expert = a_professional(org=kela)
    client = a_case_in_phase(Phase.JOINT_ASSESSMENT, nurse).client
    consent = a_consent(
        client,
        nurse,
        organisations=[kela],
        categories=["health"],
        form=ConsentForm.ORAL,
        valid_from=timezone.localdate(),
    )
    return {"nurse": nurse, "kela": kela, "expert": expert, "client": client, "consent": consent}


def _disclosure(world: dict[str, Any]) -> actions.Disclosure:
    return actions.Disclosure(
        from_organisation_id=world["nurse"].organisation_id,
        from_register="other",
        consent=facts_of(world["consent"]),
        legal_basis_id=None,
        categories=frozenset({"health"}),
        what="journal:journal_entry",
    )


def test_a_disclosure_under_an_oral_consent_logs_it_and_spends_the_consent(oral):
    # when
    actions.disclose(
        by=oral["expert"],
        client_id=oral["client"].pk,
        to_organisation=oral["kela"],
        purpose="information_exchange",
        disclosures=[_disclosure(oral)],
    )
    # then the disclosure is logged — from the disclosing organisation, under the consent — the
    # consent used, and the spending is its own event
    logged = DisclosureLogEntry.objects.get()
    assert (logged.consent_id, logged.from_organisation_id, logged.basis) == (
        oral["consent"].pk,
        oral["nurse"].organisation_id,
        f"consent:{oral['consent'].pk}",
    )
    assert Consent.objects.get(pk=oral["consent"].pk).used_at is not None
    assert EventLogEntry.objects.filter(event="consent_oral_used").count() == 1
    # and a second disclosure does not spend it again
    actions.disclose(
        by=oral["expert"],
        client_id=oral["client"].pk,
        to_organisation=oral["kela"],
        purpose="information_exchange",
        disclosures=[_disclosure(oral)],
    )
    assert EventLogEntry.objects.filter(event="consent_oral_used").count() == 1


def test_when_logging_fails_the_oral_consent_is_not_spent(oral, monkeypatch):
    # given an audit log that refuses the write (a full disk, a lost lock)
    def refuse(**kwargs: Any) -> None:
        raise RuntimeError("the audit log refused the write")

    monkeypatch.setattr(disclosures, "record_disclosure", refuse)
    # when / then nothing is disclosed and the consent stays unspent
    with pytest.raises(RuntimeError):
        actions.disclose(
            by=oral["expert"],
            client_id=oral["client"].pk,
            to_organisation=oral["kela"],
            purpose="information_exchange",
            disclosures=[_disclosure(oral)],
        )
    assert Consent.objects.get(pk=oral["consent"].pk).used_at is None


def test_a_written_consent_is_never_spent(oral):
    # given a written consent that covers the same
    written = a_consent(
        oral["client"],
        oral["nurse"],
        organisations=[oral["kela"]],
        categories=["health"],
        valid_from=timezone.localdate() - dt.timedelta(days=1),
    )
    # when disclosed under it / then it stays as it was
    actions.disclose(
        by=oral["expert"],
        client_id=oral["client"].pk,
        to_organisation=oral["kela"],
        purpose="information_exchange",
        disclosures=[
            actions.Disclosure(
                from_organisation_id=oral["nurse"].organisation_id,
                from_register="other",
                consent=facts_of(written),
                legal_basis_id=None,
                categories=frozenset({"health"}),
                what="journal:journal_entry",
            )
        ],
    )
    assert Consent.objects.get(pk=written.pk).used_at is None
    assert not EventLogEntry.objects.filter(event="consent_oral_used").exists()


def test_an_oral_consent_is_spent_once_by_disclosures_to_an_employer(oral):
    # given an employer the client named (IPS: contact with the client's permission)
    employer = ExternalRecipient.objects.create(
        kind=RecipientKind.EMPLOYER, name="Työnantaja Oy", business_id="1572860-0"
    )

    def tell_the_employer() -> None:
        actions.disclose_to_external(
            by=oral["nurse"],
            client_id=oral["client"].pk,
            recipient=employer,
            consent=facts_of(oral["consent"]),
            categories=["health"],
            purpose="employer_contact",
            what="ips:contact",
        )

    # when the professional tells the employer twice
    tell_the_employer()
    tell_the_employer()
    # then both disclosures are logged, and the oral consent was spent by the first only
    assert (
        DisclosureLogEntry.objects.filter(to_organisation_name__contains="Työnantaja Oy").count()
        == 2
    )
    assert Consent.objects.get(pk=oral["consent"].pk).used_at is not None
    assert EventLogEntry.objects.filter(event="consent_oral_used").count() == 1
