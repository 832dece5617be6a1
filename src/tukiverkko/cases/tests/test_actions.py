import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.accounts.models import Role
from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases import actions
from tukiverkko.cases.models import (
    TRANSITIONS,
    Case,
    HandoverStatus,
    Phase,
    PhaseTransition,
    ResponsibilityPeriod,
)
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_professional,
    an_organisation,
)

pytestmark = pytest.mark.django_db


def test_the_path_runs_through_every_phase_with_a_log_row_each():
    # given a worker
    worker = a_professional()
    # when a case goes from tunnistaminen to seuranta
    case = a_case_in_phase(Phase.FOLLOW_UP, worker)
    # then every step is logged from/to/who
    rows = list(PhaseTransition.objects.filter(case=case).values_list("from_phase", "to_phase"))
    assert rows == [
        ("", "identification"),
        ("identification", "joint_assessment"),
        ("joint_assessment", "joint_plan"),
        ("joint_plan", "implementation"),
        ("implementation", "follow_up"),
    ]
    assert PhaseTransition.objects.filter(case=case).exclude(by=worker).count() == 0


def test_back_from_follow_up_to_plan_is_allowed():
    # given a case in follow-up / when the plan needs revising
    worker = a_professional()
    case = a_case_in_phase(Phase.FOLLOW_UP, worker)
    case = actions.change_phase(
        case=case,
        to=Phase.JOINT_PLAN,
        by=worker,
        reason="Tavoite muuttui",
        expected_version=case.version,
    )
    # then the case is back in the plan, with the reason logged
    assert case.phase == Phase.JOINT_PLAN
    assert PhaseTransition.objects.filter(case=case).last().reason == "Tavoite muuttui"


def test_skipping_the_plan_is_refused_in_finnish_and_nothing_changes():
    # given a case in joint assessment
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, worker)
    before = PhaseTransition.objects.count()
    # when someone tries to jump to toteutus
    with pytest.raises(ValidationError) as exc:
        actions.change_phase(
            case=case, to=Phase.IMPLEMENTATION, by=worker, expected_version=case.version
        )
    # then the message names both phases and nothing was saved
    assert "yhteinen arviointi" in exc.value.message_dict["to"][0]
    assert "toteutus" in exc.value.message_dict["to"][0]
    case.refresh_from_db()
    assert case.phase == Phase.JOINT_ASSESSMENT
    assert PhaseTransition.objects.count() == before


def test_the_transition_table_never_skips_the_plan_and_closed_is_final():
    # given the table / then only the plan (or follow-up, which comes after it) leads to toteutus
    into_implementation = {
        p for p, targets in TRANSITIONS.items() if Phase.IMPLEMENTATION in targets
    }
    assert into_implementation == {Phase.JOINT_PLAN, Phase.FOLLOW_UP}
    assert TRANSITIONS[Phase.CLOSED] == frozenset()
    assert all(Phase.CLOSED in t for p, t in TRANSITIONS.items() if p != Phase.CLOSED)


def test_toteutus_needs_step_7_who_follows_up():
    # given a case with a plan but nobody named for follow-up
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    # when it moves to toteutus / then it is refused with the quick-guide step named
    with pytest.raises(ValidationError) as exc:
        actions.change_phase(
            case=case, to=Phase.IMPLEMENTATION, by=worker, expected_version=case.version
        )
    assert "kohta 7" in exc.value.message_dict["to"][0]
    # and step 7 itself refuses an empty answer
    with pytest.raises(ValidationError):
        actions.mark_checklist_step(case=case, step=7, by=worker, expected_version=case.version)


def test_closing_requires_outcome_and_a_sensible_date():
    # given an open case
    worker = a_professional()
    case = a_case_in_phase(Phase.IMPLEMENTATION, worker)
    # when closed without outcome and date / then both fields are named
    with pytest.raises(ValidationError) as exc:
        actions.change_phase(case=case, to=Phase.CLOSED, by=worker, expected_version=case.version)
    assert set(exc.value.message_dict) == {"outcome", "closed_on"}
    # when closed with a future date / then refused
    with pytest.raises(ValidationError) as exc:
        actions.change_phase(
            case=case,
            to=Phase.CLOSED,
            by=worker,
            expected_version=case.version,
            outcome="pension",
            closed_on=timezone.localdate() + dt.timedelta(days=3),
        )
    assert "tulevaisuudessa" in exc.value.message_dict["closed_on"][0]
    # when closed properly / then outcome and date are stored and closed is final
    case = actions.change_phase(
        case=case,
        to=Phase.CLOSED,
        by=worker,
        expected_version=case.version,
        outcome="open_labour_market",
        closed_on=timezone.localdate(),
    )
    assert (case.phase, case.outcome, case.closed_on) == (
        "closed",
        "open_labour_market",
        timezone.localdate(),
    )
    with pytest.raises(ValidationError):
        actions.change_phase(
            case=case, to=Phase.JOINT_PLAN, by=worker, expected_version=case.version
        )


def test_the_later_of_two_concurrent_edits_gets_a_conflict_and_overwrites_nothing():
    # given two professionals who opened the same case at version v
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, worker)
    first_view, second_view = Case.objects.get(pk=case.pk), Case.objects.get(pk=case.pk)
    # when the first moves it on, and the second then tries to step it back
    actions.change_phase(
        case=first_view, to=Phase.JOINT_PLAN, by=worker, expected_version=first_view.version
    )
    with pytest.raises(actions.ConflictError) as exc:
        actions.change_phase(
            case=second_view,
            to=Phase.IDENTIFICATION,
            by=worker,
            expected_version=second_view.version,
        )
    # then the message says so in Finnish and the first save stands
    assert "Toinen käyttäjä" in exc.value.messages[0]
    case.refresh_from_db()
    assert case.phase == Phase.JOINT_PLAN
    assert (
        not PhaseTransition.objects.filter(case=case, to_phase=Phase.IDENTIFICATION)
        .exclude(from_phase="")
        .exists()
    )


def test_hand_over_is_a_request_until_the_receiver_accepts():
    # given a case and a colleague
    worker = a_professional("vanha")
    colleague = a_professional("uusi")
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    # when the worker asks the colleague to take over
    req = actions.request_handover(
        case=case, to_worker=colleague, by=worker, reason="Painopiste työllisyyteen"
    )
    case.refresh_from_db()
    # then the worker stays responsible until acceptance
    assert case.responsible_worker == worker
    assert req.status == HandoverStatus.PENDING
    with pytest.raises(ValidationError):
        actions.accept_handover(request=req, by=worker)
    # when the colleague accepts / then the history shows both, with the reason
    case = actions.accept_handover(request=req, by=colleague)
    assert case.responsible_worker == colleague
    periods = list(ResponsibilityPeriod.objects.filter(case=case))
    assert [p.worker for p in periods] == [worker, colleague]
    assert periods[0].ended_at is not None and periods[1].ended_at is None
    assert periods[1].reason == "Painopiste työllisyyteen"
    assert case.handoff_count() == 1


def test_a_second_pending_request_and_a_request_to_oneself_are_refused():
    worker = a_professional()
    colleague = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    actions.request_handover(case=case, to_worker=colleague, by=worker, reason="loma")
    with pytest.raises(ValidationError) as exc:
        actions.request_handover(case=case, to_worker=a_professional(), by=worker, reason="x")
    assert "odottava" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        actions.request_handover(case=case, to_worker=worker, by=worker, reason="x")


def test_a_catalogue_editor_cannot_become_responsible_worker():
    worker = a_professional()
    editor = a_professional(role=Role.CATALOGUE_EDITOR)
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    with pytest.raises(ValidationError) as exc:
        actions.request_handover(case=case, to_worker=editor, by=worker, reason="x")
    assert "to_worker" in exc.value.message_dict


def test_a_leaving_professionals_whole_caseload_is_handed_over_in_one_step():
    # given a worker with three open cases and one closed
    leaving = a_professional("lahtija")
    receiver = a_professional("jatkaja")
    open_cases = [
        a_case_in_phase(p, leaving)
        for p in (Phase.IDENTIFICATION, Phase.JOINT_PLAN, Phase.FOLLOW_UP)
    ]
    a_case_in_phase(Phase.CLOSED, leaving)
    # when the caseload is handed over
    requests = actions.hand_over_caseload(
        from_worker=leaving, to_worker=receiver, by=leaving, reason="Eläkkeelle"
    )
    # then one request per open case, in one batch, each accepted separately
    assert sorted(r.case_id for r in requests) == sorted(c.pk for c in open_cases)
    assert len({r.caseload_batch for r in requests}) == 1
    actions.accept_handover(request=requests[0], by=receiver)
    accepted, waiting = (
        Case.objects.get(pk=requests[0].case_id),
        Case.objects.get(pk=requests[1].case_id),
    )
    assert accepted.responsible_worker == receiver
    assert waiting.responsible_worker == leaving


def test_only_the_worker_or_a_coordinator_of_the_same_organisation_hands_over_a_caseload():
    leaving = a_professional(org=an_organisation("a"))
    a_case_in_phase(Phase.IDENTIFICATION, leaving)
    outsider = a_professional(org=an_organisation("b"), role=Role.WORK_ABILITY_COORDINATOR)
    with pytest.raises(ValidationError):
        actions.hand_over_caseload(from_worker=leaving, to_worker=outsider, by=outsider, reason="x")
    coordinator = a_professional(org=an_organisation("a"), role=Role.WORK_ABILITY_COORDINATOR)
    assert (
        len(
            actions.hand_over_caseload(
                from_worker=leaving, to_worker=coordinator, by=coordinator, reason="x"
            )
        )
        == 1
    )


def test_journal_entry_needs_category_and_text_and_is_audited():
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, worker)
    with pytest.raises(ValidationError) as exc:
        actions.add_journal_entry(case=case, by=worker, category="gossip", text=" ")
    assert set(exc.value.message_dict) == {"category", "text"}
    entry = actions.add_journal_entry(
        case=case, by=worker, category="employment", text="Työkokeilu sovittu."
    )
    assert entry.organisation_id == worker.organisation_id
    assert EventLogEntry.objects.filter(
        event="journal_add", ref=str(entry.pk), user=worker
    ).exists()


def test_network_member_must_belong_to_the_organisation_named():
    worker = a_professional(org=an_organisation("a"))
    elsewhere = a_professional(org=an_organisation("b"))
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    with pytest.raises(ValidationError):
        actions.add_network_member(
            case=case, by=worker, organisation=an_organisation("a"), user=elsewhere, role="Kela"
        )
    a_consent(case.client, worker, organisations=[elsewhere.organisation], categories=["social"])
    member = actions.add_network_member(
        case=case, by=worker, organisation=an_organisation("b"), user=elsewhere, role="Kela"
    )
    actions.remove_network_member(member=member, by=worker)
    with pytest.raises(ValidationError):
        actions.remove_network_member(member=member, by=worker)
