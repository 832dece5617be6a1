"""Moona at the Rovaniemi team over HTTP (the browser walk's twin; runs on PostgreSQL too):
the nurse brings her to the team, the team meets and decides, the reminder job later gives the
rinnallakulkija the plan's review, and she does it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tukiverkko.access import policy
from tukiverkko.followup.jobs import run_reminders
from tukiverkko.followup.models import Task
from tukiverkko.plans.models import Plan
from tukiverkko.teams.models import AgendaItem, AgendaStatus
from tukiverkko.teams.tests.story import (
    ACTIONS,
    DECISIONS,
    QUESTION,
    SUMMARY,
    finnish,
    moona_at_the_team,
    review_day,
)

pytestmark = pytest.mark.django_db


def _as(user) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def test_moona_at_the_team_and_the_review_nobody_forgets():
    story = moona_at_the_team()
    case = story.case
    # Kela's expert does not see Moona before she is on a meeting's agenda
    assert not policy.can_see_client(story.kela, case.client_id)
    # when the nurse brings her to the team's meeting going on now
    nurse = _as(story.nurse)
    url = reverse("teams:bring", args=[case.pk])
    meeting = nurse.get(url).context["form"].fields["occurrence"].choices[0][0]
    answer = nurse.post(
        url,
        {
            "occurrence": meeting,
            "question": QUESTION,
            "categories": ["health", "employment"],
            "purpose": "planning_without_client",
        },
    )
    assert answer.status_code == 302
    item = AgendaItem.objects.get(case=case)
    # then the team's members see her while the meeting lasts
    assert policy.can_see_client(story.kela, case.client_id)
    coordinator = _as(story.coordinator)
    start = coordinator.get(reverse("workspace:start")).content.decode()
    assert "1 asiakas esityslistalla" in start
    page = coordinator.get(reverse("teams:meeting", args=[item.meeting_id])).content.decode()
    assert "Moona" in page
    # when the team records its decision: the rinnallakulkija, the plan actions, the review
    done = coordinator.post(
        reverse("teams:agenda_item", args=[item.pk]),
        {
            "summary": SUMMARY,
            "decisions": DECISIONS,
            "actions": "\n".join(ACTIONS),
            "companion_user": story.companion.pk,
            "next_review_on": finnish(review_day()),
        },
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == AgendaStatus.DECIDED  # she has left the team
    plan = Plan.objects.get(case=case)
    assert plan.companion_user == story.companion
    assert sorted(a.text for a in plan.actions.all()) == sorted(ACTIONS)
    # and later the reminder job gives the rinnallakulkija the review
    run_reminders(today=review_day() - dt.timedelta(days=10))
    task = Task.objects.get(kind="plan_review", status="open")
    assert task.owner == story.companion
    companion = _as(story.companion)
    mine = companion.get(reverse("workspace:start")).content.decode()
    assert "Suunnitelman arviointi erääntyy" in mine and task.url in mine
    # when she reviews the goal with Moona and sets the next review
    assert companion.get(task.url).status_code == 200
    goal = plan.goals.get()
    review_url = reverse("plans:review", args=[case.pk, goal.pk])
    assert review_url in companion.get(task.url).content.decode()
    plan.refresh_from_db()
    next_one = review_day() + dt.timedelta(weeks=12)
    reviewed = companion.post(
        review_url,
        {
            "version": plan.version,
            "reviewed_on": finnish(timezone.localdate()),
            "attainment": 1,
            "note": "Opinnot jatkuvat syksyllä.",
            "next_review_on": finnish(next_one),
        },
    )
    assert reviewed.status_code == 302, reviewed.content.decode()[:3000]
    plan.refresh_from_db()
    assert plan.next_review_on == next_one
    # then the task is done by doing the review: the job's next run closes it
    run_reminders(today=review_day() - dt.timedelta(days=9))
    task.refresh_from_db()
    assert task.status == "done"
    # and someone outside the case's steering who is not the rinnallakulkija may not review
    other = _as(story.kela)
    assert other.get(review_url).status_code in {403, 404}
