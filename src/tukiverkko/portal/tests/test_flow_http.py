"""The client's path through the portal over HTTP (the browser walk's twin; PostgreSQL too):
log in with a one-time code, read the plan, mark her own task, fill in a self-assessment that
the nurse then sees, revoke a consent — and the employment expert no longer sees what it
covered; the log shows every read made."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from tukiverkko.audit.models import AccessLogEntry
from tukiverkko.followup.models import Task
from tukiverkko.plans.enums import ActionStatus, VersionChange
from tukiverkko.portal.tests.story import logged_in, maija

pytestmark = pytest.mark.django_db

WAS_ANSWER = {"score": "6"}


def _as(user) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def test_the_client_reads_acts_and_sees_who_read(django_capture_on_commit_callbacks):
    story = maija()
    client_id = story.case.client_id
    first_entry = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    http = logged_in(story)
    # the start page names her responsible worker and how to reach her
    start = http.get(reverse("portal:start")).content.decode()
    assert "Tiina Testinen" in start and "044 123 4567" in start
    assert "Heinolan Tyollisyyspalvelut" in start and "työnhaun tuki" in start
    # her plan shows her goal and her own task; she marks it done with a word
    plan = http.get(reverse("portal:plan")).content.decode()
    assert "Työkokeilu alkaa" in plan and "Hakee työkokeilupaikkaa" in plan
    answer = http.post(
        reverse("portal:task", args=[story.own_task.pk]),
        {"done": "on", "comment": "Hain kahta paikkaa."},
    )
    assert answer.status_code == 302
    story.own_task.refresh_from_db()
    assert story.own_task.status == ActionStatus.DONE
    assert story.own_task.client_comment == "Hain kahta paikkaa."
    assert story.plan.versions.order_by("-number").first().change == VersionChange.CLIENT
    # she fills in the work ability score before her visit; the nurse sees it on the case
    answer = http.post(reverse("portal:assessment", args=["was"]), WAS_ANSWER)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    nurse = _as(story.nurse)
    page = nurse.get(reverse("cases:detail", args=[client_id])).content.decode()
    assert "<td>asiakas itse</td>" in page
    # the employment expert sees it too, under her consent
    expert = _as(story.expert)
    seen = expert.get(reverse("cases:detail", args=[client_id])).content.decode()
    assert "<td>asiakas itse</td>" in seen
    # when she revokes the consent
    answer = http.post(reverse("portal:revoke", args=[story.consent.pk]))
    assert answer.status_code == 302
    story.consent.refresh_from_db()
    assert story.consent.revoked_at is not None
    # then at once the expert no longer sees what it covered, and the nurse has the task
    seen = expert.get(reverse("cases:detail", args=[client_id])).content.decode()
    assert "<td>asiakas itse</td>" not in seen
    task = Task.objects.get(kind="consent_revoked", key=f"consent:{story.consent.pk}")
    assert task.owner == story.nurse and task.client_id == client_id
    # and her log names every read of her data, one line each (the professionals' too)
    log = http.get(reverse("portal:log")).content.decode()
    reads = AccessLogEntry.objects.filter(client_id=client_id)
    assert reads.filter(pk__gt=first_entry or 0, username="tiina").exists()
    assert reads.filter(pk__gt=first_entry or 0, username="eero").exists()
    section = log.split('id="reads-h"', 1)[1].split("</ol>", 1)[0]
    assert section.count("<li") == reads.count() <= 50
    assert "Työttömien terveydenhoitaja Tiina T., Päijät-Hämeen hyvinvointialue" in section
    assert "Työllisyysasiantuntija / omavalmentaja Eero T., Heinolan Tyollisyyspalvelut" in section
    assert "Sinä avasit omat tietosi" in section
