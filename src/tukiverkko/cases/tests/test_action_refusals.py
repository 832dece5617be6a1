"""Every refusal of the case actions says what is wrong, in Finnish, and saves nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.accounts.models import Register, Role
from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases import actions
from tukiverkko.cases.models import Case, HandoverRequest, HandoverStatus, Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_hetu,
    a_member,
    a_professional,
    a_unit,
    an_organisation,
)
from tukiverkko.clients.actions import AlreadyRegistered, register_client
from tukiverkko.clients.models import Client
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import RequestChannel

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


def test_a_professional_outside_the_case_does_not_steer_it():
    # given a case of one organisation
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    outsider = a_professional(org=an_organisation("kela"), role=Role.KELA_EXPERT)
    # when a professional of another organisation, not responsible, moves its phase
    with pytest.raises(ValidationError) as exc:
        actions.change_phase(
            case=case, to=Phase.JOINT_ASSESSMENT, by=outsider, expected_version=case.version
        )
    # then it is refused and the case is as it was
    assert exc.value.code == "not_steering"
    case.refresh_from_db()
    assert case.phase == Phase.IDENTIFICATION
    assert not case.transitions.filter(by=outsider).exists()


def test_a_phase_reason_too_long_is_refused_naming_the_field():
    # given a case
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    # when its phase is changed with a reason over the limit
    with pytest.raises(ValidationError) as exc:
        actions.change_phase(
            case=case,
            to=Phase.JOINT_ASSESSMENT,
            by=worker,
            expected_version=case.version,
            reason="x" * 2001,
        )
    # then the reason is refused and the phase stays
    assert "liian pitkä" in exc.value.message_dict["reason"][0]
    case.refresh_from_db()
    assert case.phase == Phase.IDENTIFICATION


def test_a_professional_who_keeps_no_register_opens_no_case():
    # given a registered client without a case, and a doctor placed in a social-care unit
    # (a role outside that unit's register)
    worker = a_professional()
    client = register_client(
        by=worker, henkilotunnus=a_hetu(), first_name="Aino", last_name="A"
    ).client
    odd = a_professional(unit=a_unit(worker.organisation, Register.SOCIAL_CARE), role=Role.DOCTOR)
    # when the doctor opens a case for the client
    with pytest.raises(ValidationError) as exc:
        actions.open_case(client=client, by=odd)
    # then it is refused and no case exists
    assert exc.value.code == "no_register"
    assert not Case.objects.filter(client=client).exists()


def test_follow_up_is_not_given_to_someone_outside_the_clients_path():
    # given a case, a Kela expert outside its network, and a catalogue editor of its own
    # organisation (who does no client work)
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    outsider = a_professional(org=an_organisation("kela"), role=Role.KELA_EXPERT)
    editor = a_professional(org=worker.organisation, role=Role.CATALOGUE_EDITOR)
    for follower in (outsider, editor):
        # when either is named responsible for follow-up (quick guide step 7)
        with pytest.raises(ValidationError) as exc:
            actions.mark_checklist_step(
                case=case, step=7, by=worker, expected_version=case.version, follow_up_by=follower
            )
        # then it is refused and nothing is saved
        assert "Seurannasta vastaa" in exc.value.message_dict["follow_up_by"][0]
    case.refresh_from_db()
    assert case.follow_up_by_id is None
    assert not case.checklist.filter(step=7).exists()


def test_responsibility_is_not_handed_to_a_professional_outside_the_clients_path():
    # given a case and a Kela expert outside its network
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    outsider = a_professional(org=an_organisation("kela"), role=Role.KELA_EXPERT)
    # when the responsible worker asks the expert to take over
    with pytest.raises(ValidationError) as exc:
        actions.request_handover(case=case, to_worker=outsider, by=worker, reason="loma")
    # then it is refused and no request waits
    assert "Vastuun voi siirtää vain" in exc.value.message_dict["to_worker"][0]
    assert not HandoverRequest.objects.exists()


def test_a_caseload_is_not_handed_to_another_organisation():
    # given a worker with an open case, and a professional of another organisation
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    outsider = a_professional(org=an_organisation("kela"), role=Role.KELA_EXPERT)
    # when the worker hands their caseload to them
    with pytest.raises(ValidationError) as exc:
        actions.hand_over_caseload(from_worker=worker, to_worker=outsider, by=worker, reason="x")
    # then it is refused and the case waits for nobody
    assert exc.value.message_dict == {
        "to_worker": ["Asiakkuudet siirtyvät vain saman organisaation ammattilaiselle."]
    }
    assert exc.value.error_dict["to_worker"][0].code == "other_organisation"
    assert not HandoverRequest.objects.filter(case=case).exists()


def test_no_one_who_does_no_client_work_joins_a_network():
    # given a case and a catalogue editor of its own organisation
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    editor = a_professional(org=worker.organisation, role=Role.CATALOGUE_EDITOR)
    # when the editor is added to the network
    with pytest.raises(ValidationError) as exc:
        actions.add_network_member(
            case=case, by=worker, organisation=worker.organisation, user=editor, role="apu"
        )
    # then it is refused and the network is empty
    assert exc.value.message_dict == {
        "user": ["Verkoston jäsenen on oltava asiakastyötä tekevä ammattilainen."]
    }
    assert not case.network.exists()


def test_a_prohibition_keeps_another_organisation_out_of_the_network():
    # given a case whose client forbade disclosing the case register's information, and a
    # consent to Kela recorded before that
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    kela = an_organisation("kela")
    expert = a_professional(org=kela, role=Role.KELA_EXPERT)
    a_consent(case.client, worker, organisations=[kela], categories=["health"])
    consent_actions.record_prohibition(
        client=case.client, by=worker, channel=RequestChannel.WRITTEN
    )
    # when the Kela expert is added to the network
    with pytest.raises(ValidationError) as exc:
        actions.add_network_member(case=case, by=worker, organisation=kela, user=expert, role="x")
    # then the prohibition refuses it
    assert "kieltänyt tietojensa luovuttamisen" in exc.value.message_dict["user"][0]
    assert not case.network.exists()


def test_another_organisation_joins_the_network_only_under_a_consent():
    # given a case without any consent, and a Kela expert
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    kela = an_organisation("kela")
    expert = a_professional(org=kela, role=Role.KELA_EXPERT)
    # when the expert is added to the network
    with pytest.raises(ValidationError) as exc:
        actions.add_network_member(case=case, by=worker, organisation=kela, user=expert, role="x")
    # then it is refused: no consent covers Kela
    assert "suostumus ei kata" in exc.value.message_dict["user"][0]
    assert exc.value.error_dict["user"][0].code == "not_admitted"
    assert not case.network.exists()


def test_a_closed_cases_network_does_not_change():
    # given a closed case
    worker = a_professional()
    case = a_case_in_phase(Phase.CLOSED, worker)
    colleague = a_professional(org=worker.organisation)
    # when a colleague is added to its network
    with pytest.raises(ValidationError) as exc:
        actions.add_network_member(
            case=case, by=worker, organisation=worker.organisation, user=colleague, role="x"
        )
    # then it is refused
    assert exc.value.messages == ["Päättyneen asiakkuuden verkostoa ei voi muuttaa."]
    assert not case.network.exists()


def test_a_current_member_is_not_added_twice():
    # given a colleague in the client's network
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    colleague = a_professional(org=worker.organisation)
    a_member(case, colleague)
    # when they are added again
    with pytest.raises(ValidationError) as exc:
        a_member(case, colleague, role="toinen")
    # then it is refused and they are a member once
    assert exc.value.message_dict == {"user": ["Hän on jo asiakkaan verkostossa."]}
    assert case.network.filter(user=colleague).count() == 1


def test_a_step_other_than_follow_up_asks_for_no_follow_up_worker():
    # given a case and its responsible worker
    worker = a_professional(role=Role.SOCIAL_WORKER)
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    # when step 1 of the quick guide is marked with a note
    item = actions.mark_checklist_step(
        case=case, step=1, by=worker, expected_version=case.version, note="Soitettu"
    )
    # then it is marked, and nobody was made responsible for follow-up
    assert (item.step, item.note, item.done_by) == (1, "Soitettu", worker)
    assert Case.objects.get(pk=case.pk).follow_up_by is None


def test_naming_a_responsible_worker_needs_an_open_case_and_a_reason():
    # given a case with a colleague in the client's path
    worker = a_professional("vastaava")
    colleague = a_professional("kollega")
    case = a_case_in_phase(Phase.IMPLEMENTATION, worker)
    a_member(case, colleague)
    # when a team names the colleague without saying why / then the reason is asked for
    with pytest.raises(ValidationError) as no_reason:
        actions.name_responsible_worker(case=case, to_worker=colleague, by=worker, reason="  ")
    assert no_reason.value.message_dict == {"reason": ["Kerro, miksi vastuu siirtyy."]}
    # and a closed case keeps the responsible worker it ended with
    closed = a_case_in_phase(Phase.IMPLEMENTATION, worker, first="Toinen")
    a_member(closed, colleague)
    Case.objects.filter(pk=closed.pk).update(phase=Phase.CLOSED)
    closed.refresh_from_db()
    with pytest.raises(ValidationError) as ended:
        actions.name_responsible_worker(case=closed, to_worker=colleague, by=worker, reason="x")
    assert ended.value.messages == ["Päättyneen asiakkuuden vastuuta ei voi siirtää."]
    assert {c.responsible_worker for c in Case.objects.filter(pk__in=[case.pk, closed.pk])} == {
        worker
    }
