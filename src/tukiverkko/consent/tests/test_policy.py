"""Consents, prohibitions and legal bases are the disclosing controller's: recorded by its
professional, with evidence; the receiving party can neither record nor widen them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.accounts.actors import ClientActor
from tukiverkko.accounts.models import Register, Role
from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_professional,
    a_unit,
    an_organisation,
)
from tukiverkko.consent import actions
from tukiverkko.consent.content import reader_of
from tukiverkko.consent.models import (
    KELA_CONSENT_ADDRESS,
    ConsentForm,
    Purpose,
    RequestChannel,
    SignatureMethod,
)
from tukiverkko.consent.policy import Source, may_read
from tukiverkko.consent.querysets import disclosure_facts

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    county = an_organisation("hyvinvointialue")
    kela, te = an_organisation("kela"), an_organisation("tyollisyysalue")
    nurse = a_professional(
        "hoitaja", unit=a_unit(county, Register.HEALTH_CARE), role=Role.UNEMPLOYED_HEALTH_NURSE
    )
    expert = a_professional("kela", org=kela, role=Role.KELA_EXPERT)
    client = a_case_in_phase(Phase.JOINT_ASSESSMENT, nurse).client
    return {"kela": kela, "te": te, "nurse": nurse, "expert": expert, "client": client}


def ask(s, reader, category="health", on=None):
    return may_read(
        disclosure_facts(s["client"].pk),
        reader=reader_of(reader),
        source=Source(s["nurse"].organisation_id, Register.HEALTH_CARE),
        category=category,
        purpose=Purpose.INFORMATION_EXCHANGE,
        today=on or timezone.localdate(),
    )


@pytest.mark.parametrize(
    ("state", "allowed", "reason"),
    [
        ("granted", True, "consent"),
        ("expired", False, "expired"),
        ("not_yet_valid", False, "not_yet_valid"),
        ("revoked", False, "revoked"),
        ("wrong_category", False, "category"),
        ("wrong_organisation", False, "organisation"),
        ("wrong_purpose", False, "purpose"),
        ("none", False, "no_consent"),
    ],
)
def test_the_decision_answers_for_every_consent_state(setting, state, allowed, reason):
    # given a consent of the county's health care in the named state
    kw = {
        "organisations": [setting["kela"]],
        "categories": ["health"],
        "valid_from": timezone.localdate() - dt.timedelta(days=30),
    }
    on = timezone.localdate()
    if state == "expired":
        kw["valid_until"] = on - dt.timedelta(days=1)
    if state == "not_yet_valid":
        kw["valid_from"] = on + dt.timedelta(days=1)
    if state == "wrong_category":
        kw["categories"] = ["employment"]
    if state == "wrong_organisation":
        kw["organisations"] = [setting["te"]]
    if state == "wrong_purpose":
        kw["purposes"] = [Purpose.NETWORK_MEETING]
    if state != "none":
        consent = a_consent(setting["client"], setting["nurse"], **kw)
        if state == "revoked":
            actions.revoke_consent(
                consent=consent, by=setting["nurse"], channel=RequestChannel.PHONE
            )
    # when Kela's expert would read health information today
    decision = ask(setting, setting["expert"], on=on)
    # then the answer and its reason
    assert (decision.allowed, decision.reason) == (allowed, reason)


def test_the_last_valid_day_is_included(setting):
    today = timezone.localdate()
    a_consent(
        setting["client"],
        setting["nurse"],
        organisations=[setting["kela"]],
        categories=["health"],
        valid_until=today,
    )
    assert ask(setting, setting["expert"], on=today).allowed
    assert not ask(setting, setting["expert"], on=today + dt.timedelta(days=1)).allowed


def test_a_consent_is_of_the_recorders_own_organisation_and_register(setting):
    # when Kela's expert records a consent naming Kela for health, every category
    consent = a_consent(
        setting["client"],
        setting["expert"],
        organisations=[setting["kela"]],
        categories=["health", "social", "benefits"],
    )
    # then it is Kela's consent: it discloses Kela's records, not the county's (review C2)
    assert (consent.disclosing_organisation, consent.disclosing_register) == (
        setting["kela"],
        Register.OTHER,
    )
    assert ask(setting, setting["expert"]).reason == "other_register"


def test_an_oral_consent_is_valid_for_one_day_only(setting):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        a_consent(
            setting["client"],
            setting["nurse"],
            organisations=[setting["kela"]],
            categories=["health"],
            form=ConsentForm.ORAL,
            valid_from=today,
            valid_until=today + dt.timedelta(days=30),
        )
    assert "yhtä asiointikertaa" in exc.value.message_dict["valid_until"][0]
    oral = a_consent(
        setting["client"],
        setting["nurse"],
        organisations=[setting["kela"]],
        categories=["health"],
        form=ConsentForm.ORAL,
        valid_from=today,
    )
    assert oral.valid_until == today


def test_recording_a_consent_validates_every_field_and_saves_nothing_on_error(setting):
    with pytest.raises(ValidationError) as exc:
        actions.record_consent(
            client=setting["client"],
            by=setting["nurse"],
            organisations=[],
            categories=["x"],
            purposes=[],
            form=ConsentForm.KELA_Y100,
            signature_method=SignatureMethod.ORAL_RECORDED,
            evidence_reference="",
            valid_from=timezone.localdate(),
            valid_until=timezone.localdate() - dt.timedelta(days=1),
            note="x" * 2001,
        )
    assert set(exc.value.message_dict) == {
        "organisations",
        "categories",
        "purposes",
        "signature_method",
        "evidence_reference",
        "valid_until",
        "note",
    }
    assert setting["client"].consents.count() == 0


def test_a_consent_names_units_and_an_employer_as_recipients(setting):
    # given the county's social-care unit and an employer (IPS, issue 16)
    social = a_unit(setting["nurse"].organisation, Register.SOCIAL_CARE)
    consent = actions.record_consent(
        client=setting["client"],
        by=setting["nurse"],
        units=[social],
        employers=[actions.Employer("Rakennus Oy", "0112038-9")],
        categories=["health"],
        purposes=[Purpose.FEEDBACK_TO_REFERRER],
        form=ConsentForm.CLIENT_ELECTRONIC,
        signature_method=SignatureMethod.STRONG_IDENTIFICATION,
        evidence_reference="portal-2025-1",
        valid_from=timezone.localdate(),
    )
    assert list(consent.units.all()) == [social]
    assert [(r.name, r.business_id) for r in consent.external_recipients.all()] == [
        ("Rakennus Oy", "0112038-9")
    ]
    # and an employer's Y-tunnus is checked
    with pytest.raises(ValidationError) as exc:
        actions.record_consent(
            client=setting["client"],
            by=setting["nurse"],
            employers=[actions.Employer("Väärä Oy", "1234567-2")],
            categories=["health"],
            purposes=[Purpose.INFORMATION_EXCHANGE],
            form=ConsentForm.KELA_Y100,
            signature_method=SignatureMethod.HANDWRITTEN,
            evidence_reference="Y100-2",
            valid_from=timezone.localdate(),
        )
    assert "employers" in exc.value.message_dict


def test_revoking_notifies_every_recipient_and_kela_and_twice_is_refused(setting):
    # given a Y100 consent to the employment area and a unit
    unit = a_unit(setting["te"], Register.OTHER)
    consent = a_consent(
        setting["client"],
        setting["nurse"],
        organisations=[setting["te"]],
        units=[unit],
        categories=["health"],
    )
    # when the client revokes it (asked on the phone)
    revoked = actions.revoke_consent(
        consent=consent, by=setting["nurse"], channel=RequestChannel.PHONE
    )
    # then it is revoked at once, and each recipient and Kela's consent address is to be told
    assert (revoked.revoked_by, revoked.revocation_channel) == (setting["nurse"], "phone")
    notices = list(revoked.notices.all())
    assert {(n.organisation_id, n.unit_id, n.address) for n in notices} == {
        (setting["te"].pk, None, ""),
        (None, unit.pk, ""),
        (setting["kela"].pk, None, KELA_CONSENT_ADDRESS),
    }
    with pytest.raises(ValidationError):
        actions.revoke_consent(consent=consent, by=setting["nurse"], channel="phone")


def test_a_notice_is_marked_done_by_the_disclosing_organisation_only(setting):
    consent = a_consent(
        setting["client"], setting["nurse"], organisations=[setting["te"]], categories=["health"]
    )
    actions.revoke_consent(consent=consent, by=setting["nurse"], channel=RequestChannel.IN_PERSON)
    notice = consent.notices.get(organisation=setting["te"])
    with pytest.raises(ValidationError):
        actions.mark_notice_done(notice=notice, by=setting["expert"])
    done = actions.mark_notice_done(notice=notice, by=setting["nurse"])
    assert done.done_by == setting["nurse"] and done.done_at is not None
    assert EventLogEntry.objects.filter(event="revocation_notice_done", ref=str(notice.pk)).exists()
    with pytest.raises(ValidationError):
        actions.mark_notice_done(notice=notice, by=setting["nurse"])


def test_the_client_revokes_only_their_own_consent(setting):
    consent = a_consent(
        setting["client"], setting["nurse"], organisations=[setting["kela"]], categories=["health"]
    )
    with pytest.raises(ValidationError):
        actions.revoke_consent(
            consent=consent, by=ClientActor(setting["client"].pk + 1), channel="electronic"
        )
    revoked = actions.revoke_consent(
        consent=consent, by=ClientActor(setting["client"].pk), channel="electronic"
    )
    assert revoked.revoked_at is not None and revoked.revoked_by is None
    assert EventLogEntry.objects.filter(event="consent_revoke", actor_kind="client").exists()


def test_a_consent_starting_in_the_far_future_or_far_past_is_refused(setting):
    for start in (timezone.localdate().replace(year=2126), dt.date(2000, 1, 1)):
        with pytest.raises(ValidationError) as exc:
            a_consent(
                setting["client"],
                setting["nurse"],
                organisations=[setting["kela"]],
                categories=["health"],
                valid_from=start,
            )
        assert "valid_from" in exc.value.message_dict


def test_a_prohibition_and_a_legal_basis_are_the_disclosing_registers_and_are_logged(setting):
    # given a consent to Kela
    a_consent(
        setting["client"], setting["nurse"], organisations=[setting["kela"]], categories=["health"]
    )
    assert ask(setting, setting["expert"], on=timezone.localdate()).reason == "consent"
    # when the client forbids the county's health care's disclosures
    prohibition = actions.record_prohibition(
        client=setting["client"], by=setting["nurse"], channel=RequestChannel.WRITTEN
    )
    # then the consent no longer discloses
    assert ask(setting, setting["expert"], on=timezone.localdate()).reason == "prohibited"
    # and Kela's statutory right still does, logged as such
    basis = actions.record_legal_basis(
        client=setting["client"],
        by=setting["nurse"],
        recipient=setting["kela"],
        categories=["health"],
        purposes=[Purpose.INFORMATION_EXCHANGE],
        statute="sairausvakuutuslaki 1224/2004",
        valid_from=timezone.localdate(),
    )
    decision = ask(setting, setting["expert"], on=timezone.localdate())
    assert (decision.reason, decision.basis) == ("legal_basis", f"legal_basis:{basis.pk}")
    # and only the county lifts its prohibition or ends its legal basis
    with pytest.raises(ValidationError):
        actions.lift_prohibition(prohibition=prohibition, by=setting["expert"])
    with pytest.raises(ValidationError):
        actions.end_legal_basis(basis=basis, by=setting["expert"])
    actions.lift_prohibition(prohibition=prohibition, by=setting["nurse"])
    actions.end_legal_basis(basis=basis, by=setting["nurse"])
    assert ask(setting, setting["expert"], on=timezone.localdate()).reason == "consent"
    events = set(EventLogEntry.objects.values_list("event", flat=True))
    assert {
        "prohibition_record",
        "prohibition_lift",
        "legal_basis_record",
        "legal_basis_end",
    } <= events


def test_a_legal_basis_needs_its_statute_and_another_recipient(setting):
    with pytest.raises(ValidationError) as exc:
        actions.record_legal_basis(
            client=setting["client"],
            by=setting["nurse"],
            recipient=setting["nurse"].organisation,
            categories=[],
            purposes=[],
            statute="",
            valid_from=None,
        )
    assert set(exc.value.message_dict) == {
        "recipient",
        "categories",
        "purposes",
        "statute",
        "valid_from",
    }


def test_a_professional_who_keeps_no_register_records_nothing(setting):
    # given a doctor placed in a social-care unit (a role outside its registers)
    odd = a_professional(
        unit=a_unit(setting["nurse"].organisation, Register.SOCIAL_CARE), role=Role.DOCTOR
    )
    with pytest.raises(ValidationError) as exc:
        actions.record_prohibition(client=setting["client"], by=odd, channel="phone")
    assert exc.value.code == "not_disclosing_party"
