"""Every refusal of the team actions names the field and why, and saves nothing: a team without
a name or in the wrong region, a member who cannot be one, a meeting without a time, an agenda
item for a closed case or a meeting that is over, minutes that contradict themselves, a client
meeting booked in the past or recorded in the wrong place."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.accounts.models import Municipality, Region, Role
from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.tests.factories import a_professional
from tukiverkko.consent.models import Purpose
from tukiverkko.plans.models import Plan
from tukiverkko.referrals.tests.factories import a_service
from tukiverkko.teams import actions
from tukiverkko.teams.models import AgendaItem, Meeting, MeetingStatus, Team, TeamMember
from tukiverkko.teams.tests.factories import a_meeting_now, a_team_world, on_agenda

pytestmark = pytest.mark.django_db


def _events() -> int:
    return EventLogEntry.objects.count()


def test_a_team_needs_a_name_a_kind_and_its_own_region():
    world = a_team_world()
    elsewhere = Region.objects.exclude(pk=world.county.region_id).first() or Region.objects.create(
        slug="muu-alue", name_fi="Muu alue"
    )
    home_town = Municipality.objects.create(region=world.county.region, name_fi="Kotikunta")
    before, teams = _events(), Team.objects.count()
    with pytest.raises(ValidationError) as bad:
        actions.create_team(
            by=world.coordinator,
            name="  ",
            kind="choir",
            organisation=world.county,
            region=elsewhere,
            municipalities=[home_town],  # not of the region asked for
        )
    assert set(bad.value.message_dict) == {"name", "kind", "region", "municipalities"}
    assert (_events(), Team.objects.count()) == (before, teams)


def test_a_member_needs_a_role_a_membership_and_a_person_who_can_be_one():
    world = a_team_world()
    members = TeamMember.objects.count()
    with pytest.raises(ValidationError) as bad:
        actions.add_member(
            team=world.team,
            by=world.coordinator,
            role="juggler",
            organisation=world.county,
            membership="sometimes",
            coordinating=True,
        )
    assert set(bad.value.message_dict) == {"role", "membership", "coordinating"}
    editor = a_professional("toimittaja", org=world.county, role=Role.CATALOGUE_EDITOR)
    for user, field_says in (
        (editor, "asiakastyötä tekevä"),
        (world.employment, "jo tiimin jäsen"),
        (world.nurse, "ei kuulu valittuun organisaatioon"),
    ):
        organisation = world.town if user == world.nurse else user.organisation
        with pytest.raises(ValidationError) as refused:
            actions.add_member(
                team=world.team,
                by=world.coordinator,
                role=Role.UNEMPLOYED_HEALTH_NURSE,
                organisation=organisation,
                user=user,
            )
        assert field_says in refused.value.message_dict["user"][0]
    assert TeamMember.objects.count() == members


def test_a_member_is_removed_once():
    world = a_team_world()
    member = world.team.members.current().get(user=world.employment)
    actions.remove_member(member=member, by=world.coordinator)
    with pytest.raises(ValidationError) as again:
        actions.remove_member(member=member, by=world.coordinator)
    assert again.value.messages == ["Jäsen on jo poistettu tiimistä."]


def test_a_meeting_needs_a_time_a_sensible_length_and_a_mode():
    world = a_team_world()
    meetings = Meeting.objects.count()
    with pytest.raises(ValidationError) as bad:
        actions.schedule_meeting(
            team=world.team,
            by=world.coordinator,
            starts_at=None,  # type: ignore[arg-type]
            duration_minutes=5,
            mode="by_pigeon",
        )
    assert set(bad.value.message_dict) == {"starts_at", "duration_minutes", "mode"}
    assert Meeting.objects.count() == meetings


def test_no_case_comes_to_a_meeting_that_is_over_nor_a_closed_case():
    world = a_team_world()
    held = a_meeting_now(world, minutes_ago=120, length=60)
    bring = {
        "case": world.case,
        "by": world.nurse,
        "question": "Mitä seuraavaksi?",
        "categories": ["health"],
        "purpose": Purpose.PLANNING_WITHOUT_CLIENT,
    }
    with pytest.raises(ValidationError) as over:
        actions.add_to_agenda(meeting=held, **bring)
    assert over.value.code == "meeting_over"
    Case.objects.filter(pk=world.case.pk).update(phase=Phase.CLOSED)
    world.case.refresh_from_db()
    with pytest.raises(ValidationError) as closed:
        actions.add_to_agenda(meeting=a_meeting_now(world), **bring)
    assert closed.value.messages == ["Päättynyttä asiakkuutta ei voi tuoda tiimiin."]
    assert not AgendaItem.objects.exists()


def test_minutes_that_contradict_themselves_are_refused_and_recorded_once():
    world = a_team_world()
    item = on_agenda(world)
    with pytest.raises(ValidationError) as bad:
        actions.record_minutes(
            item=item,
            by=world.coordinator,
            decision=actions.Decision(
                summary="Arvio",
                decisions="Päätös",
                companion_user=world.employment,
                companion_name="Joku muu",
                referral_service=a_service(world.county),
                referral_question=" ",
            ),
        )
    assert set(bad.value.message_dict) == {"companion_name", "referral_question"}
    good = actions.Decision(summary="Arvio", decisions="Päätös", companion_name="Liisa L.")
    actions.record_minutes(item=item, by=world.coordinator, decision=good)
    with pytest.raises(ValidationError) as twice:
        actions.record_minutes(item=item, by=world.coordinator, decision=good)
    assert twice.value.code == "not_on_agenda"


def _booking(world, **kw):
    fields = {
        "case": world.case,
        "by": world.nurse,
        "starts_at": timezone.now() + dt.timedelta(days=3),
        "duration_minutes": 60,
        "mode": "in_person",
        "place": "Sote-keskus",
        "topics": "Työkyky",
        "topics_shared_on": timezone.localdate(),
        "topics_channel": "puhelin",
    }
    fields.update(kw)
    return actions.book_client_meeting(**fields)


def test_a_client_meeting_is_not_booked_in_the_past_without_topics_or_for_a_closed_case():
    world = a_team_world()
    with pytest.raises(ValidationError) as bad:
        _booking(
            world,
            starts_at=timezone.now() - dt.timedelta(hours=1),
            topics=" ",
            topics_shared_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assert bad.value.message_dict == {
        "starts_at": ["Tapaamisen aika on jo mennyt."],
        "topics": ["Kirjaa tapaamisen aihealueet."],
        "topics_shared_on": ["Päivä ei voi olla tulevaisuudessa."],
    }
    Case.objects.filter(pk=world.case.pk).update(phase=Phase.CLOSED)
    world.case.refresh_from_db()
    with pytest.raises(ValidationError) as closed:
        _booking(world)
    assert closed.value.messages == ["Päättyneelle asiakkuudelle ei voi varata tapaamista."]
    assert not Meeting.objects.filter(case=world.case).exists()


def test_a_client_meeting_record_only_for_a_client_meeting_of_this_version_and_not_empty():
    world = a_team_world()
    meeting = _booking(world)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as not_client:
        actions.record_client_meeting(
            meeting=a_meeting_now(world), by=world.nurse, record="Sovittiin."
        )
    assert not_client.value.messages == ["Tämä ei ole asiakkaan kanssa pidetty tapaaminen."]
    with pytest.raises(ValidationError) as stale:
        actions.record_client_meeting(
            meeting=meeting, by=world.nurse, record="x", expected_version=meeting.version + 1
        )
    assert stale.value.code == "conflict"
    with pytest.raises(ValidationError) as empty:
        actions.record_client_meeting(meeting=meeting, by=world.nurse, record="  ")
    assert empty.value.message_dict == {"record": ["Muistio on tyhjä."]}
    # who steers the case may write it even without having taken part
    outsider_case_worker = world.nurse
    Meeting.objects.get(pk=meeting.pk).participants.filter(user=outsider_case_worker).delete()
    done = actions.record_client_meeting(meeting=meeting, by=world.nurse, record="Sovittiin.")
    assert done.status == MeetingStatus.HELD


def test_minutes_that_add_nothing_to_the_plan_leave_it_as_it_is():
    # given a client whose rinnallakulkija a first meeting named
    world = a_team_world()
    first = on_agenda(world)
    named = actions.Decision(summary="Arvio", decisions="Nimetään", companion_name="Liisa L.")
    actions.record_minutes(item=first, by=world.coordinator, decision=named)
    versions = Plan.objects.get(case=world.case).versions.count()
    # when the case comes back and the team only decides to wait
    again = on_agenda(world)
    minutes = actions.record_minutes(
        item=again,
        by=world.coordinator,
        decision=actions.Decision(summary="Tilanne ennallaan", decisions="Odotetaan"),
    )
    # then the minutes are kept and the plan has no new version
    assert minutes.decisions == "Odotetaan"
    assert Plan.objects.get(case=world.case).versions.count() == versions


def test_a_network_meeting_without_the_client_lists_no_client():
    world = a_team_world()
    meeting = _booking(world, client_present=False)
    assert not meeting.participants.filter(is_client=True).exists()
    assert meeting.participants.filter(user=world.nurse).exists()
