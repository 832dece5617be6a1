"""The referral's lifecycle through its actions: every allowed arrow, a refused one, the
sending refusals with the message a professional sees, and one audit event per change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.accounts.models import Role
from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import a_professional, a_unit, an_organisation
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import Purpose
from tukiverkko.referrals import actions, sending
from tukiverkko.referrals.models import TRANSITIONS, Referral, ReferralTransition, Status
from tukiverkko.referrals.tests.factories import (
    a_draft,
    a_referral_in,
    a_service,
    a_world,
    consent_for,
)

pytestmark = pytest.mark.django_db


def _message(excinfo: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(excinfo.value.messages)


def test_the_transition_table_reaches_every_status_from_the_draft():
    # given the table
    seen, todo = {Status.DRAFT}, [Status.DRAFT]
    # when it is walked from the draft
    while todo:
        for nxt in TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    # then every status is reachable and only closed is final
    assert seen == set(Status)
    assert [s for s, nxt in TRANSITIONS.items() if not nxt] == [Status.CLOSED]


@pytest.mark.parametrize("status", list(Status))
def test_every_status_is_reached_through_the_actions_with_its_log(status):
    # when a referral is brought to the status
    referral = a_referral_in(status)
    # then every step is one transition row and one audit event
    steps = list(referral.transitions.values_list("from_status", "to_status"))
    assert steps[0] == ("", Status.DRAFT)
    assert steps[-1][1] == status
    for came_from, went_to in steps[1:]:
        assert Status(went_to) in TRANSITIONS[Status(came_from)]
    events = EventLogEntry.objects.filter(event__startswith="referral_").count()
    assert events == len(steps)


def test_a_transition_the_table_does_not_allow_is_refused_and_nothing_is_saved():
    # given a sent referral
    world = a_world()
    referral = a_referral_in(Status.SENT, world)
    # when the receiver tries to accept it before receiving it
    with pytest.raises(ValidationError) as excinfo:
        actions.accept_referral(referral=referral, by=world.receiver)
    # then it is refused and the status stays
    assert _message(excinfo) == "Lähetettä ei voi siirtää tilasta lähetetty tilaan hyväksytty."
    referral.refresh_from_db()
    assert referral.status == Status.SENT and referral.handler is None


def test_a_stale_version_is_a_conflict():
    world = a_world()
    referral = a_referral_in(Status.SENT, world)
    with pytest.raises(actions.ConflictError) as excinfo:
        actions.receive_referral(
            referral=referral, by=world.receiver, expected_version=referral.version - 1
        )
    assert excinfo.value.code == "conflict"
    assert _message(excinfo) == (
        "Toinen käyttäjä on muuttanut lähetettä sillä välin. Muutoksiasi ei tallennettu: lataa "
        "sivu uudelleen ja tee muutos uudestaan."
    )


def test_a_referral_changed_underneath_is_a_conflict():
    # given a referral already received in another request
    world = a_world()
    referral = a_referral_in(Status.SENT, world)
    Referral.objects.filter(pk=referral.pk).update(status=Status.RECEIVED)
    # when this request, holding the old row, receives it
    with pytest.raises(actions.ConflictError):
        actions.receive_referral(referral=referral, by=world.receiver)


def test_sending_sets_the_due_date_from_the_services_own_time_limit():
    world = a_world(referral_time_limit_days=7)
    referral = a_referral_in(Status.SENT, world)
    assert referral.due_on == timezone.localdate() + dt.timedelta(days=7)
    assert referral.sent_at is not None


def test_without_a_time_limit_of_its_own_the_default_applies():
    world = a_world()
    referral = a_referral_in(Status.SENT, world, service=None, to_professional=world.receiver)
    assert referral.due_on == timezone.localdate() + dt.timedelta(days=21)


# -- sending refused: the consent ----------------------------------------------------------


def test_sending_without_a_consent_is_refused_with_the_reason():
    # given a draft to another organisation and no consent
    world = a_world()
    referral = a_draft(world)
    # when it is sent
    with pytest.raises(ValidationError) as excinfo:
        actions.send_referral(referral=referral, by=world.sender)
    # then the professional sees why
    assert excinfo.value.code == "no_consent"
    assert _message(excinfo) == (
        "Lähetettä ei voi lähettää: asiakkaan voimassa oleva suostumus ei kata vastaanottajaa "
        "Kaupunki: Kaupunki: other, tietoryhmää sosiaali ja käyttötarkoitusta tietojen vaihto. "
        "Kirjaa suostumus ensin tai poista tietoryhmä lähetteeltä."
    )
    referral.refresh_from_db()
    assert referral.status == Status.DRAFT


def test_a_consent_without_the_category_does_not_cover_it():
    world = a_world()
    consent_for(world, categories=["employment"])
    referral = a_draft(world, categories=["employment", "social"])
    with pytest.raises(ValidationError) as excinfo:
        actions.send_referral(referral=referral, by=world.sender)
    assert "tietoryhmää sosiaali" in _message(excinfo)


def test_a_consent_for_another_purpose_does_not_cover_it():
    world = a_world()
    consent_for(world, purposes=[Purpose.NETWORK_MEETING])
    referral = a_draft(world)
    with pytest.raises(ValidationError) as excinfo:
        actions.send_referral(referral=referral, by=world.sender)
    assert excinfo.value.code == "no_consent"


def test_a_disclosure_prohibition_refuses_the_sending():
    # given a consent, but the client has forbidden the social-care register's disclosures
    world = a_world()
    consent_for(world)
    consent_actions.record_prohibition(
        client=world.case.client, by=world.sender, channel="in_person"
    )
    referral = a_draft(world)
    # when it is sent
    with pytest.raises(ValidationError) as excinfo:
        actions.send_referral(referral=referral, by=world.sender)
    # then
    assert excinfo.value.code == "prohibited"
    assert _message(excinfo) == (
        "Lähetettä ei voi lähettää: asiakas on kieltänyt tietojensa luovuttamisen "
        "(luovutuskielto), joka koskee tietoryhmää sosiaali."
    )


def test_a_receiver_in_the_senders_own_organisation_and_register_needs_no_consent():
    # given a colleague of the same unit (same organisation and register)
    world = a_world()
    colleague = a_professional(role=Role.SOCIAL_INSTRUCTOR, unit=world.sender.unit)
    referral = a_draft(world, service=None, to_unit=None, to_professional=colleague)
    # when it is sent without any consent
    sent = actions.send_referral(referral=referral, by=world.sender)
    # then it goes
    assert sent.status == Status.SENT


def test_another_register_of_the_same_organisation_needs_a_consent():
    world = a_world()
    health = a_professional(role=Role.DOCTOR, unit=a_unit(world.sender.organisation, "health_care"))
    referral = a_draft(world, service=None, to_unit=None, to_professional=health)
    with pytest.raises(ValidationError) as excinfo:
        actions.send_referral(referral=referral, by=world.sender)
    assert excinfo.value.code == "no_consent"


# -- sending refused: the rules' prerequisites ---------------------------------------------


def _other_sender_world(type_slug: str, municipality: str | None = None):
    return a_world(
        sender_role=Role.EMPLOYMENT_EXPERT,
        sender_register="other",
        type_slug=type_slug,
        municipality=municipality,
    )


def _send_refused(world, **draft) -> ValidationError:
    consent_for(world, categories=["employment", "health", "social"])
    referral = a_draft(world, categories=["employment"], **draft)
    with pytest.raises(ValidationError) as excinfo:
        actions.send_referral(referral=referral, by=world.sender)
    assert excinfo.value.code == "prerequisite"
    return excinfo.value


def test_the_doctor_in_heinola_needs_the_nurses_or_coordinators_assessment_first():
    # given an employment expert referring a Heinola client to the work-ability doctor
    world = _other_sender_world("tyokyvyn-tuen-laakari", municipality="Heinola")
    # when it is sent, then the rules' requirement is the reason
    error = _send_refused(world)
    assert error.messages == [
        "Lähetettä ei voi lähettää: tyokyvyn tuen laakari edellyttää ensin: Terveydenhoitajan "
        "tai työkykykoordinaattorin kartoitus (hoitajan koonti) ennen lääkäriä; tarvittaessa "
        "myös fysio- ja toimintaterapeutin ja MiePä-tiimin arvio."
    ]


def test_the_nurse_who_did_the_assessment_may_consult_the_doctor():
    world = a_world(
        sender_role=Role.UNEMPLOYED_HEALTH_NURSE,
        sender_register="health_care",
        type_slug="tyokyvyn-tuen-laakari",
        municipality="Heinola",
    )
    consent_for(world, categories=["health"])
    referral = a_draft(world, categories=["health"])
    assert actions.send_referral(referral=referral, by=world.sender).status == Status.SENT


def test_outside_the_heinola_practice_the_doctor_needs_nothing_first():
    world = _other_sender_world("tyokyvyn-tuen-laakari", municipality="Lahti")
    consent_for(world, categories=["employment"])
    referral = a_draft(world, categories=["employment"])
    assert actions.send_referral(referral=referral, by=world.sender).status == Status.SENT


def test_kuntoutustutkimus_needs_a_doctors_referral():
    error = _send_refused(_other_sender_world("kuntoutustutkimus"))
    assert error.messages == [
        "Lähetettä ei voi lähettää: kuntoutustutkimus edellyttää ensin: Lääkärin lähete."
    ]


def test_a_doctor_refers_to_kuntoutustutkimus():
    world = a_world(
        sender_role=Role.DOCTOR, sender_register="health_care", type_slug="kuntoutustutkimus"
    )
    consent_for(world, categories=["health"])
    referral = a_draft(world, categories=["health"])
    assert actions.send_referral(referral=referral, by=world.sender).status == Status.SENT


@pytest.mark.parametrize("slug", ["ips-tyohonvalmennus", "vammaispalvelujen-tyohonvalmennus"])
def test_ips_and_disability_job_coaching_need_a_social_care_decision(slug):
    error = _send_refused(_other_sender_world(slug))
    assert error.messages == [
        f"Lähetettä ei voi lähettää: {slug.replace('-', ' ')} edellyttää ensin: "
        "Sosiaalihuollon päätös."
    ]


def test_kuntouttava_tyotoiminta_needs_a_social_care_decision_and_the_plan():
    error = _send_refused(_other_sender_world("kuntouttava-tyotoiminta"))
    assert error.messages == [
        "Lähetettä ei voi lähettää: kuntouttava tyotoiminta edellyttää ensin: Sosiaalihuollon "
        "päätös; Aktivointisuunnitelma tai monialainen työllistymissuunnitelma."
    ]


def test_a_case_fact_from_another_app_meets_a_prerequisite(monkeypatch):
    # given an app that records the social-care decision and the plan as case facts
    monkeypatch.setattr(
        sending,
        "case_facts",
        lambda case: {"social_care_decision": True, "activation_plan_in_place": True},
    )
    world = _other_sender_world("kuntouttava-tyotoiminta")
    consent_for(world, categories=["employment"])
    referral = a_draft(world, categories=["employment"])
    # then the referral goes
    assert actions.send_referral(referral=referral, by=world.sender).status == Status.SENT


# -- who acts on which side ----------------------------------------------------------------


def test_only_the_sending_organisation_sends():
    world = a_world()
    consent_for(world)
    referral = a_draft(world)
    with pytest.raises(ValidationError) as excinfo:
        actions.send_referral(referral=referral, by=world.receiver)
    assert _message(excinfo) == (
        "Vain lähettävän organisaation ammattilainen voi lähettää tai sulkea lähetteen."
    )


def test_sending_from_a_closed_case_is_refused():
    world = a_world()
    consent_for(world)
    referral = a_draft(world)
    world.case.phase = Phase.CLOSED
    world.case.save(update_fields=["phase"])
    with pytest.raises(ValidationError) as excinfo:
        actions.send_referral(referral=referral, by=world.sender)
    assert _message(excinfo) == "Päättyneestä asiakkuudesta ei voi lähettää lähetettä."


@pytest.mark.parametrize(
    "act",
    [
        lambda r, u: actions.receive_referral(referral=r, by=u),
        lambda r, u: actions.accept_referral(referral=r, by=u),
        lambda r, u: actions.decline_referral(referral=r, by=u, reason="x"),
        lambda r, u: actions.start_referral(referral=r, by=u),
        lambda r, u: actions.complete_referral(referral=r, by=u, feedback="x"),
    ],
)
def test_only_the_receiving_side_answers(act):
    # given a sent referral and a professional of a third organisation
    world = a_world()
    referral = a_referral_in(Status.SENT, world)
    outsider = a_professional(org=an_organisation("kolmas"))
    # when they act on it, then it is refused
    with pytest.raises(ValidationError) as excinfo:
        act(referral, outsider)
    assert excinfo.value.code == "not_receiver"
    assert _message(excinfo) == (
        "Vain vastaanottavan organisaation tai yksikön ammattilainen (tai lähetteen nimetty "
        "vastaanottaja) voi käsitellä lähetettä."
    )


def test_a_referral_to_a_named_professional_is_theirs_alone_to_answer():
    world = a_world()
    colleague = a_professional(role=Role.JOB_COACH, unit=world.receiving_unit)
    referral = a_referral_in(
        Status.SENT, world, service=None, to_unit=None, to_professional=world.receiver
    )
    with pytest.raises(ValidationError):
        actions.receive_referral(referral=referral, by=colleague)
    assert actions.receive_referral(referral=referral, by=world.receiver).status == Status.RECEIVED


def test_declining_needs_a_reason():
    world = a_world()
    referral = a_referral_in(Status.RECEIVED, world)
    with pytest.raises(ValidationError) as excinfo:
        actions.decline_referral(referral=referral, by=world.receiver, reason=" ")
    assert excinfo.value.message_dict == {"reason": ["Kerro, miksi lähete hylätään."]}
    assert excinfo.value.error_dict["reason"][0].code == "required"


def test_returning_needs_the_better_address_and_a_reason():
    world = a_world()
    referral = a_referral_in(Status.RECEIVED, world)
    with pytest.raises(ValidationError) as excinfo:
        actions.return_referral(referral=referral, by=world.receiver, reason="Väärä osoite.")
    assert excinfo.value.message_dict == {
        "better_service": ["Kerro parempi osoite: palvelu tai organisaatio."]
    }
    with pytest.raises(ValidationError) as excinfo:
        actions.return_referral(
            referral=referral, by=world.receiver, reason="", better_organisation=world.receiving
        )
    assert excinfo.value.message_dict == {"reason": ["Kerro, miksi lähete palautetaan."]}


def test_a_returned_referral_names_the_better_services_organisation():
    world = a_world()
    better = a_service(an_organisation("kela"), "kela-tyokykyneuvoja")
    referral = a_referral_in(Status.RECEIVED, world)
    returned = actions.return_referral(
        referral=referral, by=world.receiver, reason="Kelan asia.", better_service=better
    )
    assert returned.better_organisation == better.organisation
    assert returned.transitions.last().text == "Kelan asia."


def test_completing_needs_the_feedback():
    world = a_world()
    referral = a_referral_in(Status.IN_PROGRESS, world)
    with pytest.raises(ValidationError) as excinfo:
        actions.complete_referral(referral=referral, by=world.receiver, feedback="")
    assert excinfo.value.message_dict == {"feedback": ["Kirjoita palaute lähettäjälle."]}


def test_completing_records_the_feedback_as_the_receivers_content():
    world = a_world()
    referral = a_referral_in(Status.COMPLETED, world)
    assert referral.feedback == "Arvio tehty."
    assert referral.feedback_organisation == world.receiving
    assert referral.feedback_register == "other"
    assert referral.feedback_category == "employment"


# -- the draft -----------------------------------------------------------------------------


def test_a_draft_needs_an_address_the_situation_the_question_and_a_category():
    world = a_world()
    with pytest.raises(ValidationError) as excinfo:
        actions.create_draft(
            case=world.case, by=world.sender, situation="", question="", categories=[]
        )
    assert excinfo.value.message_dict == {"service": ["Valitse palvelu tai ammattilainen."]}
    with pytest.raises(ValidationError) as excinfo:
        a_draft(
            world, situation=" ", question="", categories=[], kind="x", urgency="x", purpose="x"
        )
    assert excinfo.value.message_dict == {
        "situation": ["Kerro asiakkaan tilanne lyhyesti."],
        "question": ["Kerro, mitä halutaan selvitettävän."],
        "categories": ["Valitse ainakin yksi luovutettava tietoryhmä."],
        "kind": ["Valitse lähete tai konsultaatio."],
        "urgency": ["Valitse kiireellisyys."],
        "purpose": ["Valitse käyttötarkoitus."],
    }
    with pytest.raises(ValidationError) as excinfo:
        a_draft(world, categories=["astrology"])
    assert excinfo.value.message_dict == {"categories": ["Tuntematon tietoryhmä."]}


def test_a_draft_goes_to_a_service_or_a_professional_not_both():
    world = a_world()
    with pytest.raises(ValidationError) as excinfo:
        a_draft(world, to_professional=world.receiver)
    assert excinfo.value.message_dict == {
        "service": ["Valitse joko palvelu tai ammattilainen, ei molempia."]
    }


def test_a_draft_to_oneself_or_to_a_non_professional_is_refused():
    world = a_world()
    with pytest.raises(ValidationError) as excinfo:
        a_draft(world, service=None, to_professional=world.sender)
    assert excinfo.value.message_dict == {
        "to_professional": ["Lähetettä ei voi osoittaa itselleen."]
    }
    editor = a_professional(role=Role.CATALOGUE_EDITOR)
    with pytest.raises(ValidationError) as excinfo:
        a_draft(world, service=None, to_professional=editor)
    assert excinfo.value.message_dict == {
        "to_professional": ["Vastaanottaja ei ole asiakastyötä tekevä ammattilainen."]
    }


def test_a_draft_to_an_ended_service_or_a_unit_of_another_organisation_is_refused():
    world = a_world()
    ended = a_service(world.receiving, valid_to=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as excinfo:
        a_draft(world, service=ended)
    assert excinfo.value.message_dict == {"service": ["Palvelu ei ole enää voimassa."]}
    with pytest.raises(ValidationError) as excinfo:
        a_draft(world, to_unit=world.sender.unit)
    assert excinfo.value.message_dict == {
        "to_unit": ["Yksikön on kuuluttava palvelun järjestävään organisaatioon."]
    }


def test_a_draft_needs_a_register_and_an_open_case():
    world = a_world()
    # a doctor in a social-care unit keeps no register (accounts.roles.REGISTERS)
    misplaced = a_professional(role=Role.DOCTOR, unit=world.sender.unit)
    with pytest.raises(ValidationError) as excinfo:
        a_draft(world, by=misplaced)
    assert excinfo.value.code == "no_register"
    assert _message(excinfo) == (
        "Lähetteen voi tehdä vain ammattilainen, jolla on organisaatio ja yksikkö."
    )
    world.case.phase = Phase.CLOSED
    world.case.save(update_fields=["phase"])
    with pytest.raises(ValidationError) as excinfo:
        a_draft(world)
    assert _message(excinfo) == "Päättyneestä asiakkuudesta ei voi tehdä lähetettä."


def test_text_over_its_limit_is_refused():
    world = a_world()
    with pytest.raises(ValidationError) as excinfo:
        a_draft(world, question="x" * 2001)
    assert "question" in excinfo.value.message_dict


def test_a_draft_writes_its_first_log_row_in_the_senders_register():
    world = a_world()
    referral = a_draft(world)
    row = ReferralTransition.objects.get(referral=referral)
    assert (row.from_status, row.to_status) == ("", Status.DRAFT)
    assert (referral.source_organisation, referral.source_register) == (
        world.sender.organisation,
        "social_care",
    )


def test_a_sent_referral_is_not_sent_again():
    world = a_world()
    referral = a_referral_in(Status.SENT, world)
    with pytest.raises(ValidationError) as excinfo:
        actions.send_referral(referral=referral, by=world.sender)
    assert _message(excinfo) == "Lähetettä ei voi siirtää tilasta lähetetty tilaan lähetetty."


def test_the_rows_name_themselves():
    referral = a_referral_in(Status.SENT)
    assert str(referral) == f"referral {referral.pk} (sent)"
    assert str(referral.transitions.last()) == "draft → sent"
    assert str(referral.transitions.first()) == "- → draft"


def test_specialist_care_needs_a_doctors_referral():
    error = _send_refused(_other_sender_world("erikoissairaanhoito"))
    assert error.messages == [
        "Lähetettä ei voi lähettää: erikoissairaanhoito edellyttää ensin: Lääkärin lähete."
    ]


def _act(to: Status, referral: Referral, world) -> Referral:
    """The action of the arrow into ``to``, by the side that takes it."""
    receiver, sender = world.receiver, world.sender
    return {
        Status.SENT: lambda: actions.send_referral(referral=referral, by=sender),
        Status.RECEIVED: lambda: actions.receive_referral(referral=referral, by=receiver),
        Status.ACCEPTED: lambda: actions.accept_referral(referral=referral, by=receiver),
        Status.DECLINED: lambda: actions.decline_referral(
            referral=referral, by=receiver, reason="Ei."
        ),
        Status.RETURNED: lambda: actions.return_referral(
            referral=referral, by=receiver, reason="Väärä.", better_organisation=world.receiving
        ),
        Status.IN_PROGRESS: lambda: actions.start_referral(referral=referral, by=receiver),
        Status.COMPLETED: lambda: actions.complete_referral(
            referral=referral, by=receiver, feedback="Valmis."
        ),
        Status.CLOSED: lambda: actions.close_referral(referral=referral, by=sender),
    }[to]()


ARROWS = [(came_from, to) for came_from, tos in TRANSITIONS.items() for to in sorted(tos)]


@pytest.mark.parametrize(("came_from", "to"), ARROWS)
def test_every_allowed_arrow_moves_and_is_logged(came_from, to):
    # given a referral in the arrow's first status (and the consent its sending needs)
    world = a_world()
    consent_for(world)
    referral = a_referral_in(came_from, world)
    # when its action runs
    moved = _act(to, referral, world)
    # then the status, the log row and the event follow
    assert moved.status == to
    last = moved.transitions.last()
    assert (last.from_status, last.to_status) == (came_from, to)
    assert EventLogEntry.objects.filter(ref=f"{moved.pk}:{to}").count() == 1


@pytest.mark.parametrize(
    ("came_from", "to"),
    [
        (Status.DRAFT, Status.RECEIVED),
        (Status.RECEIVED, Status.COMPLETED),
        (Status.ACCEPTED, Status.DECLINED),
        (Status.COMPLETED, Status.IN_PROGRESS),
        (Status.CLOSED, Status.SENT),
    ],
)
def test_an_arrow_not_in_the_table_is_refused(came_from, to):
    world = a_world()
    referral = a_referral_in(came_from, world)
    with pytest.raises(ValidationError) as excinfo:
        _act(to, referral, world)
    assert excinfo.value.code in {"transition", "not_receiver"}
    referral.refresh_from_db()
    assert referral.status == came_from
