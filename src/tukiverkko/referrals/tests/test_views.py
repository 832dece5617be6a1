"""The referral pages: the form on a case, the referral page with its history and buttons, the
inbox, the case page's panel — an outsider gets 404, an inbox shows only its own."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tukiverkko.accounts.models import Role
from tukiverkko.audit.models import AccessLogEntry, DisclosureLogEntry
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.tests.factories import a_consent, a_professional, a_unit, an_organisation
from tukiverkko.consent.models import Purpose
from tukiverkko.referrals import actions, selectors
from tukiverkko.referrals.models import Referral, Status
from tukiverkko.referrals.tests.factories import (
    a_draft,
    a_referral_in,
    a_world,
    consent_for,
)

pytestmark = pytest.mark.django_db


def logged_in(user):
    http = HttpClient()
    http.force_login(user)
    return http


def test_the_form_on_a_case_offers_the_services_and_the_categories_as_checkboxes():
    world = a_world()
    response = logged_in(world.sender).get(reverse("referrals:create", args=[world.case.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert world.service.name_fi in body
    assert 'type="checkbox" name="categories" value="social"' in body
    assert response["Cache-Control"].count("no-store") == 1


def test_sending_from_the_form_lands_on_the_referral_page_with_where_it_is():
    # given a consent covering the receiving organisation
    world = a_world()
    consent_for(world)
    # when the sender fills in the form and sends
    response = logged_in(world.sender).post(
        reverse("referrals:create", args=[world.case.pk]),
        {
            "kind": "referral",
            "service": world.service.pk,
            "to_unit": world.receiving_unit.pk,
            "situation": "Uupumus.",
            "question": "Työkyvyn arvio.",
            "urgency": "routine",
            "categories": ["social"],
            "purpose": Purpose.INFORMATION_EXCHANGE,
            "send": "1",
        },
    )
    # then the referral is sent and its page says so in one sentence
    referral = Referral.objects.get()
    assert referral.status == Status.SENT
    assert referral.to_unit == world.receiving_unit
    assert response["Location"] == reverse("referrals:detail", args=[referral.pk])
    page = logged_in(world.sender).get(response["Location"]).content.decode()
    today = timezone.localdate()
    assert (
        f"Lähetetty {today.day}.{today.month}.{today.year} vastaanottajalle "
        f"{world.service.name_fi}; odottaa vastaanottoa." in page
    )


def test_a_refused_sending_keeps_the_draft_and_says_why():
    world = a_world()
    response = logged_in(world.sender).post(
        reverse("referrals:create", args=[world.case.pk]),
        {
            "kind": "referral",
            "service": world.service.pk,
            "situation": "Uupumus.",
            "question": "Arvio.",
            "urgency": "routine",
            "categories": ["social"],
            "purpose": Purpose.INFORMATION_EXCHANGE,
            "send": "1",
        },
        follow=True,
    )
    assert Referral.objects.get().status == Status.DRAFT
    assert "asiakkaan voimassa oleva suostumus ei kata vastaanottajaa" in response.content.decode()


def test_the_form_shows_errors_next_to_the_fields():
    world = a_world()
    response = logged_in(world.sender).post(
        reverse("referrals:create", args=[world.case.pk]),
        {"kind": "referral", "urgency": "routine", "purpose": Purpose.INFORMATION_EXCHANGE},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_situation-errors"' in body
    assert "Valitse palvelu tai ammattilainen." not in body  # the form's own errors first
    response = logged_in(world.sender).post(
        reverse("referrals:create", args=[world.case.pk]),
        {
            "kind": "referral",
            "situation": "x",
            "question": "y",
            "urgency": "routine",
            "purpose": Purpose.INFORMATION_EXCHANGE,
        },
    )
    assert response.status_code == 400
    assert "Valitse palvelu tai ammattilainen." in response.content.decode()
    assert not Referral.objects.exists()


def test_a_draft_is_saved_without_sending():
    world = a_world()
    response = logged_in(world.sender).post(
        reverse("referrals:create", args=[world.case.pk]),
        {
            "kind": "consultation",
            "to_professional": world.sender.pk,  # not offered: oneself
            "situation": "x",
            "question": "y",
            "urgency": "urgent",
            "categories": ["social"],
            "purpose": Purpose.INFORMATION_EXCHANGE,
        },
    )
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_an_outsider_gets_404_for_the_form_the_page_and_the_steps_and_it_is_logged():
    world = a_world()
    referral = a_referral_in(Status.SENT, world)
    outsider = logged_in(a_professional(org=an_organisation("kolmas")))
    denied = AccessLogEntry.objects.filter(allowed=False).count()
    assert outsider.get(reverse("referrals:create", args=[world.case.pk])).status_code == 404
    assert outsider.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404
    for step in ("send", "receive", "accept", "close"):
        assert outsider.post(reverse(f"referrals:{step}", args=[referral.pk])).status_code == 404
    assert outsider.get(reverse("referrals:detail", args=[10**6])).status_code == 404
    assert AccessLogEntry.objects.filter(allowed=False).count() == denied + 7
    assert "Työttömyys" not in outsider.get(reverse("referrals:inbox")).content.decode()


def test_the_receiver_reads_an_addressed_referral_and_its_content_is_logged_as_disclosed():
    # given a sent referral to the receiver's unit
    world = a_world()
    referral = a_referral_in(Status.SENT, world)
    # when the receiver opens it
    response = logged_in(world.receiver).get(reverse("referrals:detail", args=[referral.pk]))
    body = response.content.decode()
    # then they see its content and the button to receive it, and the reads are logged
    assert response.status_code == 200
    assert "Työtön, uupumusta, toimeentulo-ongelmia." in body
    assert reverse("referrals:receive", args=[referral.pk]) in body
    assert AccessLogEntry.objects.filter(
        user=world.receiver, basis="referrals.addressee", allowed=True
    ).exists()
    assert DisclosureLogEntry.objects.filter(to_organisation_id=world.receiving.pk).exists()


def test_the_receiver_walks_the_referral_through_its_steps():
    world = a_world()
    referral = a_referral_in(Status.SENT, world)
    http = logged_in(world.receiver)
    for step in ("receive", "accept", "start"):
        response = http.post(reverse(f"referrals:{step}", args=[referral.pk]))
        assert response.status_code == 302, step
    response = http.post(
        reverse("referrals:complete", args=[referral.pk]),
        {"feedback": "Arvio tehty.", "recommendations": "IPS."},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Status.COMPLETED
    # the sender closes it
    response = logged_in(world.sender).post(reverse("referrals:close", args=[referral.pk]))
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Status.CLOSED


def test_a_refused_step_shows_the_reason_with_400():
    world = a_world()
    referral = a_referral_in(Status.SENT, world)
    response = logged_in(world.receiver).post(reverse("referrals:accept", args=[referral.pk]))
    assert response.status_code == 400
    assert "Lähetettä ei voi siirtää tilasta lähetetty tilaan hyväksytty." in (
        response.content.decode()
    )


@pytest.mark.parametrize("step", ["decline", "return", "complete"])
def test_a_step_with_a_form_shows_its_errors_next_to_the_field(step):
    world = a_world()
    status = Status.IN_PROGRESS if step == "complete" else Status.RECEIVED
    referral = a_referral_in(status, world)
    response = logged_in(world.receiver).post(reverse(f"referrals:{step}", args=[referral.pk]))
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()


def test_declining_and_returning_from_the_page():
    world = a_world()
    http = logged_in(world.receiver)
    declined = a_referral_in(Status.RECEIVED, world)
    response = http.post(
        reverse("referrals:decline", args=[declined.pk]), {"decline-reason": "Ei kriteerejä."}
    )
    assert response.status_code == 302
    returned = a_referral_in(Status.RECEIVED, world)
    response = http.post(
        reverse("referrals:return", args=[returned.pk]),
        {"return-reason": "Väärä osoite.", "return-better_organisation": world.receiving.pk},
    )
    assert response.status_code == 302
    returned.refresh_from_db()
    assert returned.status == Status.RETURNED
    # the sender's page says where the client should go, and closes it with a note
    page = logged_in(world.sender).get(reverse("referrals:detail", args=[returned.pk]))
    assert f"parempi osoite {world.receiving}" in page.content.decode()
    response = logged_in(world.sender).post(
        reverse("referrals:close", args=[returned.pk]), {"text": "x" * 3000}
    )
    assert response.status_code == 400


def test_the_feedback_shows_to_another_organisations_sender_only_with_consent():
    # given a completed referral from the county's social care to the town
    world = a_world()
    referral = a_referral_in(Status.COMPLETED, world)
    url = reverse("referrals:detail", args=[referral.pk])
    # then the sender does not see the feedback without the client's consent for it
    body = logged_in(world.sender).get(url).content.decode()
    assert "Arvio tehty." not in body
    assert "asiakkaan suostumus palautteeseen lähettävälle taholle puuttuu" in body
    # when the town records the client's consent to feedback to the referrer
    a_consent(
        world.case.client,
        world.receiver,
        organisations=[world.sender.organisation],
        categories=["employment"],
        purposes=[Purpose.FEEDBACK_TO_REFERRER],
    )
    # then the sender sees it
    assert "Arvio tehty." in logged_in(world.sender).get(url).content.decode()


def test_the_feedback_shows_to_a_sender_of_the_same_register_without_consent():
    world = a_world()
    colleague = a_professional(role=Role.SOCIAL_INSTRUCTOR, unit=world.sender.unit)
    referral = a_draft(world, service=None, to_unit=None, to_professional=colleague)
    referral = actions.send_referral(referral=referral, by=world.sender)
    for act in (actions.receive_referral, actions.accept_referral, actions.start_referral):
        referral = act(referral=referral, by=colleague)
    actions.complete_referral(referral=referral, by=colleague, feedback="Sama rekisteri.")
    body = logged_in(world.sender).get(reverse("referrals:detail", args=[referral.pk]))
    assert "Sama rekisteri." in body.content.decode()


def test_the_inbox_shows_only_its_own_organisations_referrals_newest_first_with_flags():
    # given two referrals to the town (one overdue) and one to another organisation
    world = a_world()
    older = a_referral_in(Status.SENT, world)
    Referral.objects.filter(pk=older.pk).update(
        sent_at=timezone.now() - dt.timedelta(days=30),
        due_on=timezone.localdate() - dt.timedelta(days=9),
    )
    newer = a_referral_in(Status.SENT, world)
    elsewhere_org = an_organisation("muu-kunta")
    elsewhere = a_professional(role=Role.JOB_COACH, unit=a_unit(elsewhere_org, "other"))
    a_consent(
        world.case.client,
        world.sender,
        organisations=[elsewhere_org],
        categories=["social"],
    )
    other = a_referral_in(Status.SENT, world, service=None, to_unit=None, to_professional=elsewhere)
    # when the town's receiver opens the inbox
    body = logged_in(world.receiver).get(reverse("referrals:inbox")).content.decode()
    # then it lists its own, newest first, the overdue one flagged
    first = body.index(reverse("referrals:detail", args=[newer.pk]))
    second = body.index(reverse("referrals:detail", args=[older.pk]))
    assert first < second
    assert reverse("referrals:detail", args=[other.pk]) not in body
    assert body.count('class="flag"') == 1
    # and the other organisation's inbox holds only theirs
    theirs = logged_in(elsewhere).get(reverse("referrals:inbox")).content.decode()
    assert reverse("referrals:detail", args=[other.pk]) in theirs
    assert reverse("referrals:detail", args=[newer.pk]) not in theirs


def test_the_inbox_is_paged():
    world = a_world()
    for _ in range(3):
        a_referral_in(Status.SENT, world)
    page = selectors.inbox(world.receiver, page=2)
    assert (page.number, page.pages, page.total) == (1, 1, 3)
    body = logged_in(world.receiver).get(reverse("referrals:inbox") + "?sivu=x")
    assert body.status_code == 200


def test_the_case_page_has_the_referrals_panel():
    world = a_world()
    a_referral_in(Status.DECLINED, world)
    page = logged_in(world.sender).get(reverse("cases:detail", args=[world.case.client_id]))
    body = page.content.decode()
    assert 'id="referrals-h"' in body
    assert "hylätty" in body
    assert "Hylättyjä tai palautettuja lähetteitä (siirtoja luukulta luukulle): 1" in body
    assert reverse("referrals:create", args=[world.case.pk]) in body


def test_the_form_offers_the_cases_professionals_by_name_and_organisation():
    world = a_world()
    colleague = a_professional(role=Role.SOCIAL_INSTRUCTOR, unit=world.sender.unit)
    body = logged_in(world.sender).get(reverse("referrals:create", args=[world.case.pk]))
    assert f"{colleague} – {colleague.organisation}" in body.content.decode()


def test_a_draft_refused_as_a_whole_shows_the_reason_above_the_form():
    # given a case that has closed
    world = a_world()
    Case.objects.filter(pk=world.case.pk).update(phase=Phase.CLOSED)
    response = logged_in(world.sender).post(
        reverse("referrals:create", args=[world.case.pk]),
        {
            "kind": "referral",
            "service": world.service.pk,
            "situation": "x",
            "question": "y",
            "urgency": "routine",
            "categories": ["social"],
            "purpose": Purpose.INFORMATION_EXCHANGE,
        },
    )
    assert response.status_code == 400
    assert "Päättyneestä asiakkuudesta ei voi tehdä lähetettä." in response.content.decode()


def test_a_draft_is_sent_from_its_page():
    world = a_world()
    consent_for(world)
    referral = a_draft(world)
    http = logged_in(world.sender)
    page = http.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Luonnos, ei vielä lähetetty" in page
    response = http.post(reverse("referrals:send", args=[referral.pk]), {"version": "x"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Status.SENT


def test_a_step_on_an_absent_referral_is_404():
    world = a_world()
    assert logged_in(world.sender).post(reverse("referrals:send", args=[10**6])).status_code == 404
