import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tukiverkko.audit.models import AccessLogEntry
from tukiverkko.cases import actions as case_actions
from tukiverkko.followup.jobs import run_reminders
from tukiverkko.followup.tests.factories import a_planned_case, a_worker
from tukiverkko.referrals.tests.factories import a_referral_in, a_world
from tukiverkko.teams import actions as team_actions
from tukiverkko.teams.tests.factories import a_team_world, on_agenda

pytestmark = pytest.mark.django_db


def _page(user):
    http = HttpClient()
    http.force_login(user)
    return http.get(reverse("workspace:start"))


def test_the_start_page_shows_my_tasks_overdue_first_and_counts_them_in_the_navigation():
    worker = a_worker()
    late, _plan = a_planned_case(worker, review_in=-3, first="Aino", last="Myöhässä")
    _soon, _plan2 = a_planned_case(worker, review_in=5, first="Eino", last="Pian")
    run_reminders()
    response = _page(worker)
    body = response.content.decode()
    assert response.status_code == 200
    tasks = body[body.index('id="tasks-h"') : body.index('id="handover-h"')]
    assert tasks.index("Myöhässä") < tasks.index("Pian")
    assert "(2, 1 myöhässä)" in tasks
    nav = body[body.index("<nav") : body.index("</nav>")]
    assert '<span class="count">2<span class="visually-hidden"> avointa, 1 myöhässä' in nav
    # each client named on the page is logged
    assert AccessLogEntry.objects.filter(what="start_page", client_id=late.client_id).exists()


def test_the_start_page_shows_the_inbox_handovers_and_meetings():
    world = a_world()
    a_referral_in("sent", world)
    receiver = world.receiver
    body = _page(receiver).content.decode()
    inbox = body[body.index('id="inbox-h"') : body.index('id="clients-h"')]
    assert "1 odottaa vastausta" in inbox
    assert world.case.client.first_name in inbox
    # a hand-over request to the sender's colleague shows on their page
    colleague = a_worker(unit=world.sender.unit, role=world.sender.role)
    case_actions.request_handover(
        case=world.case, to_worker=colleague, by=world.sender, reason="Lomalle"
    )
    page = _page(colleague).content.decode()
    handovers = page[page.index('id="handover-h"') : page.index('id="meetings-h"')]
    assert "(1)" in handovers and world.case.client.first_name in handovers


def test_my_team_meetings_and_their_agendas_show():
    team = a_team_world()
    later = team_actions.schedule_meeting(
        team=team.team,
        by=team.coordinator,
        starts_at=timezone.now() + dt.timedelta(days=3),
        duration_minutes=60,
        mode="virtual",
    )
    on_agenda(team, later)
    body = _page(team.employment).content.decode()
    meetings = body[body.index('id="meetings-h"') : body.index('id="inbox-h"')]
    assert "Työkyvyn tuen tiimi" in meetings and "1 asiakas esityslistalla" in meetings
    # the meeting's client is not named before the meeting
    assert team.case.client.first_name not in body


def test_a_professional_with_nothing_waiting_gets_empty_sections_and_no_count():
    worker = a_worker()
    body = _page(worker).content.decode()
    assert "Ei avoimia tehtäviä." in body and "Ei saapuneita lähetteitä." in body
    assert 'class="count"' not in body
