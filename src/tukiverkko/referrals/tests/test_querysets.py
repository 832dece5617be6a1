"""Overdue referrals, the inbox's addressing, and the grant that opens the client to the
professional handling an accepted referral — asked through the access policy itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tukiverkko.access.policy import can_see_client, has_relationship
from tukiverkko.accounts.models import Role
from tukiverkko.cases.tests.factories import a_professional, a_unit
from tukiverkko.referrals import actions
from tukiverkko.referrals.models import Referral, Status
from tukiverkko.referrals.tests.factories import a_referral_in, a_world

pytestmark = pytest.mark.django_db


def _age(referral: Referral, days: int) -> None:
    Referral.objects.filter(pk=referral.pk).update(
        due_on=timezone.localdate() - dt.timedelta(days=days)
    )


def test_a_referral_not_received_by_its_due_date_is_overdue():
    # given a sent referral whose due date passed yesterday
    referral = a_referral_in(Status.SENT)
    _age(referral, 1)
    # then it is overdue, in the queryset and on the row
    assert list(Referral.objects.overdue()) == [referral]
    referral.refresh_from_db()
    assert referral.is_overdue


def test_a_received_referral_not_answered_by_its_due_date_is_overdue():
    referral = a_referral_in(Status.RECEIVED)
    _age(referral, 1)
    assert list(Referral.objects.overdue()) == [referral]


def test_on_its_due_date_it_is_not_yet_overdue():
    referral = a_referral_in(Status.SENT)
    _age(referral, 0)
    assert not Referral.objects.overdue().exists()
    referral.refresh_from_db()
    assert not referral.is_overdue


@pytest.mark.parametrize("status", [Status.ACCEPTED, Status.DECLINED, Status.RETURNED])
def test_an_answered_referral_is_never_overdue(status):
    referral = a_referral_in(status)
    _age(referral, 30)
    assert not Referral.objects.overdue().exists()


def test_the_inbox_holds_what_is_addressed_to_the_professional_their_unit_or_organisation():
    # given referrals to the unit, to a named colleague and to the organisation itself
    world = a_world()
    colleague = a_professional(role=Role.JOB_COACH, unit=world.receiving_unit)
    other_unit = a_professional(
        role=Role.JOB_COACH, unit=a_unit(world.receiving, "social_care", slug="sosiaali")
    )
    to_unit = a_referral_in(Status.SENT, world)
    to_colleague = a_referral_in(
        Status.SENT, world, service=None, to_unit=None, to_professional=colleague
    )
    to_org = a_referral_in(Status.SENT, world, to_unit=None)
    draft = a_referral_in(Status.DRAFT, world)
    # then each inbox holds its own, and no draft
    assert set(Referral.objects.addressed_to(world.receiver)) == {to_unit, to_org}
    assert set(Referral.objects.addressed_to(colleague)) == {to_unit, to_colleague, to_org}
    assert set(Referral.objects.addressed_to(other_unit)) == {to_org}
    assert draft not in Referral.objects.addressed_to(world.receiver)


def test_a_professional_without_an_organisation_has_no_inbox():
    world = a_world()
    a_referral_in(Status.SENT, world)
    world.receiver.organisation = None
    assert not Referral.objects.addressed_to(world.receiver).exists()


def test_accepting_opens_the_client_to_the_handler_and_completing_closes_it():
    # given a received referral: the receiver does not see the client
    world = a_world()
    client_id = world.case.client_id
    referral = a_referral_in(Status.RECEIVED, world)
    assert not can_see_client(world.receiver, client_id)
    # when they accept it, they see the client, as a relationship
    referral = actions.accept_referral(referral=referral, by=world.receiver)
    assert can_see_client(world.receiver, client_id)
    assert has_relationship(world.receiver, client_id)
    # and while it is in progress
    referral = actions.start_referral(referral=referral, by=world.receiver)
    assert can_see_client(world.receiver, client_id)
    # when it is completed, the access ends
    referral = actions.complete_referral(referral=referral, by=world.receiver, feedback="Valmis.")
    assert not can_see_client(world.receiver, client_id)
    # and stays ended when the sender closes it
    actions.close_referral(referral=referral, by=world.sender)
    assert not can_see_client(world.receiver, client_id)


def test_the_grant_is_the_handlers_not_their_units():
    world = a_world()
    colleague = a_professional(role=Role.JOB_COACH, unit=world.receiving_unit)
    a_referral_in(Status.ACCEPTED, world)
    assert can_see_client(world.receiver, world.case.client_id)
    assert not can_see_client(colleague, world.case.client_id)


def test_declining_gives_no_access():
    world = a_world()
    a_referral_in(Status.DECLINED, world)
    assert not can_see_client(world.receiver, world.case.client_id)


def test_returning_gives_no_access():
    world = a_world()
    a_referral_in(Status.RETURNED, world)
    assert not can_see_client(world.receiver, world.case.client_id)


def test_sent_back_counts_declined_and_returned_once_each():
    world = a_world()
    declined = a_referral_in(Status.DECLINED, world)
    actions.close_referral(referral=declined, by=world.sender)
    a_referral_in(Status.RETURNED, world)
    a_referral_in(Status.COMPLETED, world)
    assert Referral.objects.filter(case=world.case).sent_back().count() == 2
