import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tukiverkko.audit.models import AccessLogEntry
from tukiverkko.plans.models import Plan
from tukiverkko.teams import actions
from tukiverkko.teams.models import AgendaItem, AgendaStatus
from tukiverkko.teams.tests.factories import a_team_world, team_consent

pytestmark = pytest.mark.django_db


def _as(user) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def test_the_nurse_brings_the_case_and_the_team_decides_through_the_pages():
    world = a_team_world()
    team_consent(world)
    actions.add_series(
        team=world.team,
        by=world.coordinator,
        first_starts_at=timezone.now() - dt.timedelta(minutes=10),
        duration_minutes=60,
        rrule="FREQ=WEEKLY;INTERVAL=2",
        mode="virtual",
    )
    nurse = _as(world.nurse)
    form = nurse.get(reverse("teams:bring", args=[world.case.pk]))
    assert form.status_code == 200
    value = form.context["form"].fields["occurrence"].choices[0][0]
    answer = nurse.post(
        reverse("teams:bring", args=[world.case.pk]),
        {
            "occurrence": value,
            "question": "Monialainen arvio?",
            "categories": ["health", "employment"],
            "purpose": "planning_without_client",
        },
    )
    assert answer.status_code == 302
    item = AgendaItem.objects.get(case=world.case)
    # The employment expert of the town sees the client on the agenda while the meeting lasts.
    expert = _as(world.employment)
    page = expert.get(reverse("teams:meeting", args=[item.meeting_id]))
    assert page.status_code == 200
    assert world.case.client.first_name in page.content.decode()
    assert AccessLogEntry.objects.filter(what=f"team_agenda:{item.pk}", allowed=True).exists()
    coordinator = _as(world.coordinator)
    done = coordinator.post(
        reverse("teams:agenda_item", args=[item.pk]),
        {
            "summary": "Tarvitaan kuntoutusta.",
            "decisions": "Kuntoutusohjaus.",
            "actions": "Varaa aika kuntoutusohjaajalle\n\nSeuraa työkykyä",
            "companion_user": world.nurse.pk,
        },
    )
    assert done.status_code == 302, done.content.decode()[:2000]
    item.refresh_from_db()
    assert item.status == AgendaStatus.DECIDED
    assert Plan.objects.get(case=world.case).actions.count() == 2
    shown = coordinator.get(reverse("teams:agenda_item", args=[item.pk])).content.decode()
    assert "Tarvitaan kuntoutusta." in shown


def test_a_refused_bring_keeps_the_form_and_names_the_reason():
    world = a_team_world()
    actions.schedule_meeting(
        team=world.team,
        by=world.coordinator,
        starts_at=timezone.now() + dt.timedelta(days=2),
        duration_minutes=60,
        mode="virtual",
    )
    nurse = _as(world.nurse)
    url = reverse("teams:bring", args=[world.case.pk])
    value = nurse.get(url).context["form"].fields["occurrence"].choices[0][0]
    answer = nurse.post(
        url,
        {
            "occurrence": value,
            "question": "Kysymys",
            "categories": ["health"],
            "purpose": "planning_without_client",
        },
    )
    assert answer.status_code == 400
    body = answer.content.decode()
    assert "suostumus ei kata" in body and "Kysymys" in body
    assert not AgendaItem.objects.exists()


def test_someone_outside_the_team_gets_404_logged():
    world = a_team_world()
    outsider = _as(world.nurse)
    assert outsider.get(reverse("teams:detail", args=[world.team.pk])).status_code == 404
    assert AccessLogEntry.objects.filter(what=f"team:{world.team.pk}", allowed=False).exists()
    member = _as(world.employment)
    page = member.get(reverse("teams:detail", args=[world.team.pk]))
    assert page.status_code == 200 and "Kela" in page.content.decode()


def test_the_coordinator_sets_the_rhythm_and_a_bad_rule_is_named():
    world = a_team_world()
    http = _as(world.coordinator)
    url = reverse("teams:series_add", args=[world.team.pk])
    bad = http.post(
        url,
        {
            "series-first_starts_at": "17.3.2027 13.00",
            "series-duration_minutes": 60,
            "series-rhythm": "custom",
            "series-rrule": "FREQ=DAILY",
            "series-mode": "virtual",
        },
    )
    assert bad.status_code == 400 and "viikoittain" in bad.content.decode()
    ok = http.post(
        url,
        {
            "series-first_starts_at": "17.3.2027 13.00",
            "series-duration_minutes": 60,
            "series-rhythm": "FREQ=WEEKLY;INTERVAL=3",
            "series-mode": "virtual",
        },
    )
    assert ok.status_code == 302
    page = http.get(reverse("teams:detail", args=[world.team.pk])).content.decode()
    assert "joka kolmas viikko" in page


def test_a_client_meeting_is_booked_with_its_topics_and_recorded():
    world = a_team_world()
    http = _as(world.nurse)
    url = reverse("teams:client_meeting_create", args=[world.case.pk])
    refused = http.post(
        url,
        {
            "topics": "Työkyky",
            "starts_at": "1.1.2099 10.00",
            "duration_minutes": 90,
            "mode": "in_person",
            "client_present": "on",
        },
    )
    assert refused.status_code == 400
    assert "ennen aikavarausta" in refused.content.decode()
    booked = http.post(
        url,
        {
            "topics": "Työkyky",
            "starts_at": "1.1.2099 10.00",
            "duration_minutes": 90,
            "mode": "in_person",
            "client_present": "on",
            "topics_shared_on": timezone.localdate().strftime("%d.%m.%Y"),
            "topics_channel": "puhelin",
        },
    )
    assert booked.status_code == 302
    page = http.get(booked["Location"])
    assert page.status_code == 200 and "Työkyky" in page.content.decode()
