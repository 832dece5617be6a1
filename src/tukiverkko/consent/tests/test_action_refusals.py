"""Every refusal of the consent actions names the field that is wrong, in Finnish, and saves
nothing; a disclosure under a legal basis is logged as such."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.accounts.models import Register, Role
from tukiverkko.audit.models import DisclosureLogEntry
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_professional,
    a_unit,
    an_organisation,
)
from tukiverkko.consent import actions
from tukiverkko.consent.models import (
    Consent,
    ConsentForm,
    DisclosureProhibition,
    LegalBasis,
    Purpose,
    SignatureMethod,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    county = an_organisation("hyvinvointialue")
    kela = an_organisation("kela")
    nurse = a_professional(
        unit=a_unit(county, Register.HEALTH_CARE), role=Role.UNEMPLOYED_HEALTH_NURSE
    )
    expert = a_professional(org=kela, role=Role.KELA_EXPERT)
    client = a_case_in_phase(Phase.JOINT_ASSESSMENT, nurse).client
    return {"kela": kela, "nurse": nurse, "expert": expert, "client": client}


def test_an_employer_without_a_name_is_refused(setting):
    # when a consent names an employer by its Y-tunnus only
    with pytest.raises(ValidationError) as exc:
        actions.record_consent(
            client=setting["client"],
            by=setting["nurse"],
            employers=[actions.Employer("  ", "0112038-9")],
            categories=["health"],
            purposes=[Purpose.INFORMATION_EXCHANGE],
            form=ConsentForm.CLIENT_ELECTRONIC,
            signature_method=SignatureMethod.STRONG_IDENTIFICATION,
            evidence_reference="portal-1",
            valid_from=timezone.localdate(),
        )
    # then the employer's name is asked for and no consent is saved
    assert exc.value.message_dict == {"employers": ["Anna työnantajan nimi."]}
    assert not Consent.objects.exists()


def test_an_unknown_consent_form_is_refused(setting):
    # when a consent is recorded on a form the product does not know
    with pytest.raises(ValidationError) as exc:
        actions.record_consent(
            client=setting["client"],
            by=setting["nurse"],
            organisations=[setting["kela"]],
            categories=["health"],
            purposes=[Purpose.INFORMATION_EXCHANGE],
            form="fax",
            signature_method=SignatureMethod.HANDWRITTEN,
            evidence_reference="F-1",
            valid_from=timezone.localdate(),
        )
    # then the form is refused and no consent is saved
    assert exc.value.message_dict == {"form": ["Valitse suostumuksen muoto."]}
    assert not Consent.objects.exists()


def test_a_revocation_needs_the_channel_it_was_asked_through(setting):
    # given a consent to Kela
    consent = a_consent(
        setting["client"], setting["nurse"], organisations=[setting["kela"]], categories=["health"]
    )
    # when it is revoked through an unknown channel
    with pytest.raises(ValidationError) as exc:
        actions.revoke_consent(consent=consent, by=setting["nurse"], channel="pigeon")
    # then the channel is asked for and the consent holds, with no notice to send
    assert exc.value.message_dict == {"channel": ["Kerro, miten asiakas pyysi perumista."]}
    consent.refresh_from_db()
    assert consent.revoked_at is None
    assert not consent.notices.exists()


def test_a_prohibition_needs_a_known_channel_and_known_categories(setting):
    # when a prohibition is recorded through an unknown channel, of an unknown category
    with pytest.raises(ValidationError) as exc:
        actions.record_prohibition(
            client=setting["client"], by=setting["nurse"], channel="pigeon", categories=["x"]
        )
    # then both are refused and no prohibition is saved
    assert exc.value.message_dict == {
        "channel": ["Kerro, miten asiakas ilmoitti kiellosta."],
        "categories": ["Tuntematon tietoryhmä."],
    }
    assert not DisclosureProhibition.objects.exists()


def test_a_legal_basis_needs_its_recipient(setting):
    # when a legal basis names no recipient
    with pytest.raises(ValidationError) as exc:
        actions.record_legal_basis(
            client=setting["client"],
            by=setting["nurse"],
            recipient=None,
            categories=["health"],
            purposes=[Purpose.INFORMATION_EXCHANGE],
            statute="sairausvakuutuslaki 1224/2004",
            valid_from=timezone.localdate(),
        )
    # then the recipient is asked for and no legal basis is saved
    assert exc.value.message_dict == {
        "recipient": ["Valitse organisaatio, jolla on tiedonsaantioikeus."]
    }
    assert not LegalBasis.objects.exists()


def test_a_disclosure_under_a_legal_basis_is_logged_under_it(setting):
    # given Kela's statutory right to the county's health-care information
    basis = actions.record_legal_basis(
        client=setting["client"],
        by=setting["nurse"],
        recipient=setting["kela"],
        categories=["health"],
        purposes=[Purpose.INFORMATION_EXCHANGE],
        statute="sairausvakuutuslaki 1224/2004",
        valid_from=timezone.localdate(),
    )
    # when the Kela expert is shown that information under it (no consent)
    actions.disclose(
        by=setting["expert"],
        client_id=setting["client"].pk,
        to_organisation=setting["kela"],
        purpose=Purpose.INFORMATION_EXCHANGE,
        disclosures=[
            actions.Disclosure(
                from_organisation_id=setting["nurse"].organisation_id,
                from_register=Register.HEALTH_CARE,
                consent=None,
                legal_basis_id=basis.pk,
                categories=frozenset({"health"}),
                what="client_page:journal_entry",
            )
        ],
    )
    # then the disclosure log names the legal basis, and no consent
    logged = DisclosureLogEntry.objects.get()
    assert (logged.basis, logged.consent_id) == (f"legal_basis:{basis.pk}", None)
