import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.access import policy
from tukiverkko.accounts.models import Role
from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases.tests.factories import a_professional, a_unit
from tukiverkko.consent.models import Purpose
from tukiverkko.plans.models import Plan
from tukiverkko.referrals.tests.factories import a_service
from tukiverkko.teams import actions
from tukiverkko.teams.models import AgendaStatus, Meeting, MeetingStatus, TeamKind
from tukiverkko.teams.tests.factories import a_meeting_now, a_team_world, on_agenda, team_consent

pytestmark = pytest.mark.django_db


def _bring(world, meeting, **kw):
    fields = {
        "meeting": meeting,
        "case": world.case,
        "by": world.nurse,
        "question": "Mitä seuraavaksi?",
        "categories": ["health"],
        "purpose": Purpose.PLANNING_WITHOUT_CLIENT,
    }
    fields.update(kw)
    return actions.add_to_agenda(**fields)


def test_one_member_coordinates_and_a_new_coordinator_takes_over():
    world = a_team_world()
    actions.add_member(
        team=world.team,
        by=world.coordinator,
        role=Role.WORK_ABILITY_COORDINATOR,
        organisation=world.county,
        user=world.nurse,
        coordinating=True,
    )
    coordinating = list(world.team.members.current().filter(coordinating=True))
    assert [m.user for m in coordinating] == [world.nurse]


def test_only_the_coordinator_or_a_team_manager_changes_the_team():
    world = a_team_world()
    with pytest.raises(ValidationError) as exc:
        actions.add_member(
            team=world.team, by=world.nurse, role=Role.DOCTOR, organisation=world.county
        )
    assert exc.value.code == "not_team_manager"


def test_a_case_without_consent_for_the_team_is_not_admitted_and_the_refusal_names_the_org():
    world = a_team_world()
    with pytest.raises(ValidationError) as exc:
        _bring(world, a_meeting_now(world))
    text = " ".join(exc.value.messages)
    assert "Kaupunki" in text and "Kela" in text
    assert not world.case.client.consents.exists()


def test_a_consent_missing_a_category_to_discuss_refuses_that_category():
    world = a_team_world()
    team_consent(world, categories=["health"])
    with pytest.raises(ValidationError) as exc:
        _bring(world, a_meeting_now(world), categories=["health", "social"])
    assert "sosiaali" in " ".join(exc.value.messages)


def test_a_consent_for_another_purpose_does_not_admit():
    world = a_team_world()
    team_consent(world, purposes=[Purpose.FEEDBACK_TO_REFERRER])
    with pytest.raises(ValidationError):
        _bring(world, a_meeting_now(world))


def test_admitted_case_opens_the_client_to_members_only_while_the_meeting_lasts():
    world = a_team_world()
    client_id = world.case.client_id
    assert not policy.can_see_client(world.employment, client_id)
    later = actions.schedule_meeting(
        team=world.team,
        by=world.coordinator,
        starts_at=timezone.now() + dt.timedelta(days=7),
        duration_minutes=60,
        mode="virtual",
    )
    item = on_agenda(world, later)
    assert item.consent_id is not None
    assert not policy.can_see_client(world.employment, client_id)  # before the meeting
    Meeting.objects.filter(pk=later.pk).update(
        starts_at=timezone.now() - dt.timedelta(minutes=1),
        ends_at=timezone.now() + dt.timedelta(minutes=59),
    )
    assert policy.can_see_client(world.employment, client_id)  # during it
    Meeting.objects.filter(pk=later.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )
    assert not policy.can_see_client(world.employment, client_id)  # and not after


def test_a_removed_member_loses_the_grant_at_once():
    world = a_team_world()
    on_agenda(world)
    member = world.team.members.current().get(user=world.employment)
    assert policy.can_see_client(world.employment, world.case.client_id)
    actions.remove_member(member=member, by=world.coordinator)
    assert not policy.can_see_client(world.employment, world.case.client_id)


def test_a_team_without_cases_takes_none():
    world = a_team_world(kind=TeamKind.GENERAL)
    with pytest.raises(ValidationError) as exc:
        _bring(world, a_meeting_now(world))
    assert exc.value.code == "no_cases_here"


def test_only_who_steers_the_case_brings_it():
    world = a_team_world()
    team_consent(world)
    with pytest.raises(ValidationError) as exc:
        _bring(world, a_meeting_now(world), by=world.employment)
    assert exc.value.code == "not_steering"


def test_a_case_is_not_on_the_agenda_twice_at_once():
    world = a_team_world()
    on_agenda(world)
    with pytest.raises(ValidationError) as exc:
        _bring(world, a_meeting_now(world, minutes_ago=1))
    assert exc.value.code == "already_on_agenda"


def test_minutes_add_plan_actions_name_the_companion_and_the_case_leaves_the_team():
    world = a_team_world()
    item = on_agenda(world)
    minutes = actions.record_minutes(
        item=item,
        by=world.coordinator,
        decision=actions.Decision(
            summary="Monialaisen tuen tarve.",
            decisions="Kuntoutusohjaus ja työkyvyn arvio.",
            actions=["Varaa aika kuntoutusohjaajalle", "Työkyvyn arvio lääkärillä"],
            companion_user=world.nurse,
        ),
    )
    item.refresh_from_db()
    assert item.status == AgendaStatus.DECIDED
    plan = Plan.objects.get(case=world.case)
    assert plan.companion_user == world.nurse
    assert sorted(a.text for a in plan.actions.all()) == [
        "Työkyvyn arvio lääkärillä",
        "Varaa aika kuntoutusohjaajalle",
    ]
    assert all(a.responsible_user == world.nurse for a in plan.actions.all())
    assert minutes.plan_version is not None
    assert EventLogEntry.objects.filter(event="team_minutes", ref=str(minutes.pk)).exists()
    # The responsible worker brings the case back when the situation changes.
    again = _bring(world, a_meeting_now(world, minutes_ago=1), categories=["health"])
    assert again.returning is True


def test_the_team_must_name_a_companion_when_the_client_has_none():
    world = a_team_world()
    item = on_agenda(world)
    with pytest.raises(ValidationError) as exc:
        actions.record_minutes(
            item=item,
            by=world.coordinator,
            decision=actions.Decision(summary="x", decisions="y"),
        )
    assert "companion_user" in exc.value.message_dict
    item.refresh_from_db()
    assert item.status == AgendaStatus.ON_AGENDA


def test_minutes_can_ask_for_a_referral_and_name_a_responsible_worker():
    world = a_team_world()
    item = on_agenda(world)
    colleague = a_professional(
        role=Role.SOCIAL_INSTRUCTOR, unit=a_unit(world.county, "social_care", slug="sosiaalityo")
    )
    service = a_service(world.town)
    minutes = actions.record_minutes(
        item=item,
        by=world.coordinator,
        decision=actions.Decision(
            summary="Tarvitaan työllisyyspalvelua.",
            decisions="Lähete työllisyyspalveluun.",
            companion_name="Liisa Vertainen",
            referral_service=service,
            referral_question="Sopiiko työhönvalmennus?",
            responsible_worker=colleague,
        ),
    )
    world.case.refresh_from_db()
    assert world.case.responsible_worker == colleague
    assert minutes.referral is not None and minutes.referral.status == "draft"
    assert EventLogEntry.objects.filter(event="responsible_named").exists()


def test_a_non_member_does_not_record_the_minutes():
    world = a_team_world()
    item = on_agenda(world)
    with pytest.raises(ValidationError) as exc:
        actions.record_minutes(
            item=item,
            by=world.nurse,
            decision=actions.Decision(summary="x", decisions="y", companion_name="Joku"),
        )
    assert exc.value.code == "not_member"


def test_minutes_wait_for_the_meeting_to_start():
    world = a_team_world()
    later = actions.schedule_meeting(
        team=world.team,
        by=world.coordinator,
        starts_at=timezone.now() + dt.timedelta(days=1),
        duration_minutes=30,
        mode="virtual",
    )
    item = on_agenda(world, later)
    with pytest.raises(ValidationError) as exc:
        actions.record_minutes(
            item=item,
            by=world.coordinator,
            decision=actions.Decision(summary="x", decisions="y", companion_name="Joku"),
        )
    assert exc.value.code == "meeting_not_started"


def test_withdrawing_ends_the_grant_and_frees_the_case():
    world = a_team_world()
    item = on_agenda(world)
    actions.withdraw_from_agenda(item=item, by=world.nurse)
    assert not policy.can_see_client(world.employment, world.case.client_id)
    with pytest.raises(ValidationError):
        actions.withdraw_from_agenda(item=item, by=world.nurse)


def test_a_client_meeting_needs_the_topics_shared_before_booking():
    world = a_team_world()
    base = {
        "case": world.case,
        "by": world.nurse,
        "starts_at": timezone.now() + dt.timedelta(days=3),
        "duration_minutes": 90,
        "mode": "in_person",
        "place": "Sote-keskus",
        "topics": "Työkyky ja jatkopolku",
    }
    with pytest.raises(ValidationError) as exc:
        actions.book_client_meeting(**base, topics_shared_on=None, topics_channel="")
    assert {"topics_shared_on", "topics_channel"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        actions.book_client_meeting(
            **base,
            topics_shared_on=timezone.localdate(),
            topics_channel="puhelin",
            participants=[world.employment],
        )
    assert "participants" in exc.value.message_dict
    meeting = actions.book_client_meeting(
        **base,
        topics_shared_on=timezone.localdate(),
        topics_channel="puhelin",
        participants=[world.coordinator],
        others=["Kelan asiantuntija"],
    )
    assert meeting.status == MeetingStatus.BOOKED
    assert meeting.participants.filter(is_client=True).exists()
    assert meeting.participants.count() == 4
    with pytest.raises(ValidationError) as exc:
        actions.record_client_meeting(meeting=meeting, by=world.nurse, record="Sovittiin.")
    assert exc.value.code == "meeting_not_started"
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )
    meeting.refresh_from_db()
    done = actions.record_client_meeting(meeting=meeting, by=world.nurse, record="Sovittiin.")
    assert done.status == MeetingStatus.HELD and done.record == "Sovittiin."


def test_a_series_takes_weekly_and_monthly_rules_only():
    world = a_team_world()
    start = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        actions.add_series(
            team=world.team,
            by=world.coordinator,
            first_starts_at=start,
            duration_minutes=60,
            rrule="FREQ=DAILY",
            mode="virtual",
        )
    assert "rrule" in exc.value.message_dict
    with pytest.raises(ValidationError):
        actions.add_series(
            team=world.team,
            by=world.coordinator,
            first_starts_at=start,
            duration_minutes=60,
            rrule="EVERY TUESDAY",
            mode="virtual",
        )
    series = actions.add_series(
        team=world.team,
        by=world.coordinator,
        first_starts_at=start,
        duration_minutes=60,
        rrule="RRULE:freq=weekly;interval=2",
        mode="virtual",
    )
    assert series.rrule == "FREQ=WEEKLY;INTERVAL=2"
    meeting = actions.meeting_of(series, start + dt.timedelta(weeks=2), world.coordinator)
    assert meeting.ends_at - meeting.starts_at == dt.timedelta(hours=1)
    assert actions.meeting_of(series, start + dt.timedelta(weeks=2), world.coordinator) == meeting
    with pytest.raises(ValidationError):
        actions.meeting_of(series, start + dt.timedelta(weeks=1), world.coordinator)
