"""The access policy is composed of the grants the apps declare (docs/decisions/0102)."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps

from tukiverkko.access import policy
from tukiverkko.accounts.models import Role
from tukiverkko.cases import actions
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_member,
    a_professional,
    an_organisation,
)

pytestmark = pytest.mark.django_db


def test_the_grants_are_those_the_apps_declare_in_app_order():
    # given the installed apps / then every declared grant is composed, and only those
    # (organisation membership is no grant: review C1, H3)
    assert [(g.app, g.name, g.acts) for g in policy.grants()] == [
        ("cases", "clients_of_responsible_worker", True),
        ("cases", "clients_of_network_member", True),
        ("referrals", "clients_of_referral_handler", True),
        ("teams", "clients_of_team_agenda", True),
        ("ips", "clients_of_ips_coach", True),
        ("access", "clients_of_justified_access", False),
    ]
    declared = [
        p
        for c in apps.get_app_configs()
        for attr in ("access_grants", "access_read_grants")
        for p in getattr(c, attr, ())
    ]
    assert len(declared) == len(policy.grants())


def test_a_new_grant_is_one_registration_and_opens_its_clients(monkeypatch: Any):
    # given a client nobody else in another organisation may see
    owner = a_professional(org=an_organisation("omistaja"))
    outsider = a_professional(org=an_organisation("ulkopuolinen"), role=Role.KELA_EXPERT)
    case = a_case_in_phase(Phase.IDENTIFICATION, owner)
    assert not policy.can_see_client(outsider, case.client_id)
    # when an app declares one more grant (as referrals will: "a referral received")
    grant = policy.Grant("referrals", "received", lambda user: _clients(case.client_id))
    monkeypatch.setattr(policy, "grants", lambda: (*_declared(), grant))
    # then the outsider sees the client, through the policy's both questions
    assert policy.can_see_client(outsider, case.client_id)
    assert list(policy.clients_visible_to(outsider)) == [case.client]


def test_no_grant_opens_a_client_to_a_role_without_client_work(monkeypatch: Any):
    # given a grant that would open every client / then a catalogue editor still sees none
    owner = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, owner)
    editor = a_professional(org=owner.organisation, role=Role.CATALOGUE_EDITOR)
    grant = policy.Grant("test", "everything", lambda user: _clients(case.client_id))
    monkeypatch.setattr(policy, "grants", lambda: (grant,))
    assert not policy.can_see_client(editor, case.client_id)
    assert list(policy.clients_visible_to(editor)) == []


def test_a_removed_network_member_no_longer_sees_the_client():
    # given a member of another organisation admitted under the client's consent
    owner = a_professional(org=an_organisation("a"))
    member = a_professional(org=an_organisation("b"))
    case = a_case_in_phase(Phase.IDENTIFICATION, owner)
    a_consent(case.client, owner, organisations=[member.organisation], categories=["social"])
    row = a_member(case, member, role="x")
    assert policy.can_see_client(member, case.client_id)
    # when the owner removes them / then their access ends at once
    actions.remove_network_member(member=row, by=owner)
    assert not policy.can_see_client(member, case.client_id)


_real_grants = policy.grants


def _declared() -> tuple[policy.Grant, ...]:
    return _real_grants()


def _clients(client_id: int) -> Any:
    from tukiverkko.clients.models import Client

    return Client.objects.filter(pk=client_id).values(client_id=_pk())


def _pk() -> Any:
    from django.db.models import F

    return F("pk")
