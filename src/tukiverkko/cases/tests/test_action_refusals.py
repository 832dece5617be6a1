"""Every refusal of the case actions says what is wrong, in Finnish, and saves nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases import actions
from tukiverkko.cases.models import Case, HandoverRequest, HandoverStatus, Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_hetu,
    a_professional,
    an_organisation,
)
from tukiverkko.clients.actions import AlreadyRegistered, register_client
from tukiverkko.clients.models import Client

pytestmark = pytest.mark.django_db


def test_a_second_open_case_is_refused():
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    with pytest.raises(ValidationError) as exc:
        actions.open_case(client=case.client, by=worker)
    assert exc.value.code == "case_open"
    assert Case.objects.filter(client=case.client).count() == 1


def test_an_unknown_phase_is_refused_naming_the_field():
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    with pytest.raises(ValidationError) as exc:
        actions.change_phase(case=case, to="somewhere", by=worker, expected_version=case.version)
    assert exc.value.message_dict == {"to": ["Tuntematon vaihe."]}


def test_a_case_cannot_close_before_it_opened():
    # given a case opened today
    worker = a_professional()
    case = a_case_in_phase(Phase.IMPLEMENTATION, worker)
    # when it is closed with yesterday's date / then the date is refused and the case stays open
    with pytest.raises(ValidationError) as exc:
        actions.change_phase(
            case=case,
            to=Phase.CLOSED,
            by=worker,
            expected_version=case.version,
            outcome="studies",
            closed_on=timezone.localdate(case.opened_at) - dt.timedelta(days=1),
        )
    assert "ennen asiakkuuden alkua" in exc.value.message_dict["closed_on"][0]
    case.refresh_from_db()
    assert case.phase == Phase.IMPLEMENTATION


def test_closing_a_case_cancels_the_hand_over_that_waited_and_logs_it():
    # given a case with a pending hand-over request
    worker, colleague = a_professional(), a_professional()
    case = a_case_in_phase(Phase.FOLLOW_UP, worker)
    req = actions.request_handover(case=case, to_worker=colleague, by=worker, reason="loma")
    # when the case closes
    actions.change_phase(
        case=case,
        to=Phase.CLOSED,
        by=worker,
        expected_version=case.version,
        outcome="studies",
        closed_on=timezone.localdate(),
    )
    # then the request is cancelled, with an event of its own
    req.refresh_from_db()
    assert req.status == HandoverStatus.CANCELLED and req.decided_at is not None
    assert EventLogEntry.objects.filter(event="handover_cancel", ref=str(req.pk)).count() == 1


def test_the_quick_guide_has_seven_steps():
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    with pytest.raises(ValidationError) as exc:
        actions.mark_checklist_step(case=case, step=8, by=worker, expected_version=case.version)
    assert exc.value.message_dict == {"step": ["Pikaoppaassa on kohdat 1–7."]}


def test_a_closed_case_is_not_handed_over_and_a_hand_over_needs_a_reason():
    worker, colleague = a_professional(), a_professional()
    closed = a_case_in_phase(Phase.CLOSED, worker)
    with pytest.raises(ValidationError, match="Päättyneen asiakkuuden"):
        actions.request_handover(case=closed, to_worker=colleague, by=worker, reason="x")
    open_case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    with pytest.raises(ValidationError) as exc:
        actions.request_handover(case=open_case, to_worker=colleague, by=worker, reason="  ")
    assert set(exc.value.message_dict) == {"reason"}
    assert not HandoverRequest.objects.exists()


def test_a_decided_request_is_not_decided_again_and_only_its_receiver_declines_it():
    worker, colleague, other = a_professional(), a_professional(), a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    req = actions.request_handover(case=case, to_worker=colleague, by=worker, reason="loma")
    with pytest.raises(ValidationError, match="Vain pyynnön vastaanottaja voi hylätä"):
        actions.decline_handover(request=req, by=other)
    actions.decline_handover(request=req, by=colleague)
    for decide in (actions.accept_handover, actions.decline_handover):
        with pytest.raises(ValidationError) as exc:
            decide(request=req, by=colleague)
        assert exc.value.code == "not_pending"
    case.refresh_from_db()
    assert case.responsible_worker == worker


def test_an_empty_caseload_is_not_handed_over():
    worker, colleague = a_professional(), a_professional()
    with pytest.raises(ValidationError) as exc:
        actions.hand_over_caseload(from_worker=worker, to_worker=colleague, by=worker, reason="x")
    assert exc.value.code == "empty"


def test_a_network_member_needs_an_organisation_and_a_role():
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    with pytest.raises(ValidationError) as exc:
        actions.add_network_member(case=case, by=worker, organisation=None, role="Kela")
    assert set(exc.value.message_dict) == {"organisation"}
    with pytest.raises(ValidationError) as exc:
        actions.add_network_member(case=case, by=worker, organisation=an_organisation(), role=" ")
    assert set(exc.value.message_dict) == {"role"}
    assert not case.network.exists()


def test_no_journal_entry_without_an_organisation_or_in_a_closed_case():
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    homeless = a_professional()
    homeless.organisation = None
    with pytest.raises(ValidationError) as exc:
        actions.add_journal_entry(case=case, by=homeless, category="health", text="x")
    assert "organisaatio" in exc.value.message_dict["__all__"][0]
    closed = a_case_in_phase(Phase.CLOSED, worker)
    with pytest.raises(ValidationError) as exc:
        actions.add_journal_entry(case=closed, by=worker, category="health", text="x")
    assert "Päättyneeseen" in exc.value.message_dict["__all__"][0]
    assert not case.journal.exists() and not closed.journal.exists()


def test_no_client_is_registered_by_a_professional_without_an_organisation():
    homeless = a_professional()
    homeless.organisation = None
    with pytest.raises(ValidationError) as exc:
        register_client(by=homeless, henkilotunnus=a_hetu(), first_name="A", last_name="B")
    assert "organisaatio" in exc.value.message_dict["__all__"][0]
    assert not Client.objects.exists()


def test_taking_the_same_client_on_twice_changes_nothing():
    # given a client the worker took on
    worker = a_professional()
    code = a_hetu()
    first = actions.create_client(by=worker, henkilotunnus=code, first_name="Aino", last_name="A")
    # when the same worker types the same henkilötunnus again
    with pytest.raises(AlreadyRegistered) as exc:
        actions.create_client(by=worker, henkilotunnus=code, first_name="Aino", last_name="A")
    # then nothing is created or attached: one client, one case, one relationship, no network
    assert exc.value.client_id == first.client.pk
    assert Client.objects.count() == 1
    assert first.client.cases.count() == 1
    assert not first.case.network.exists()
    assert first.client.relationships.count() == 1
    events = list(
        EventLogEntry.objects.filter(client_id=first.client.pk).values_list("event", flat=True)
    )
    assert events.count("relationship_open") == 1
