import pytest
from django.http import Http404
from django.utils import timezone

from tukiverkko.access import policy
from tukiverkko.access import selectors as access
from tukiverkko.accounts.models import Role
from tukiverkko.audit.models import AccessLogEntry, DisclosureLogEntry
from tukiverkko.cases import actions
from tukiverkko.cases.models import Phase
from tukiverkko.cases.selectors import visible_journal
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_professional,
    an_organisation,
)
from tukiverkko.clients.models import Client
from tukiverkko.consent.models import ConsentForm, Purpose

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two organisations: the health side holds the client; employment is outside."""
    health, employment = an_organisation("hyvinvointialue"), an_organisation("tyollisyysalue")
    nurse = a_professional("hoitaja", org=health, role=Role.UNEMPLOYED_HEALTH_NURSE)
    colleague = a_professional("kollega", org=health)
    expert = a_professional("asiantuntija", org=employment, role=Role.EMPLOYMENT_EXPERT)
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, nurse)
    actions.add_journal_entry(case=case, by=nurse, category="health", text="Masennus ja ahdistus.")
    return {
        "health": health,
        "employment": employment,
        "nurse": nurse,
        "colleague": colleague,
        "expert": expert,
        "case": case,
    }


def test_the_organisation_holding_the_relationship_sees_the_client(world):
    assert list(policy.clients_visible_to(world["colleague"])) == [world["case"].client]


def test_another_organisation_sees_nothing_and_the_denial_is_logged(world):
    # given an expert of another organisation with no relationship
    client_id = world["case"].client_id
    # when they open the client / then 404, logged as denied
    assert list(policy.clients_visible_to(world["expert"])) == []
    with pytest.raises(Http404):
        access.get_client(world["expert"], client_id, what="client_page")
    assert (
        AccessLogEntry.objects.filter(
            user=world["expert"], client_id=client_id, allowed=False
        ).count()
        == 1
    )


@pytest.mark.parametrize("role", [Role.CATALOGUE_EDITOR, Role.ADMINISTRATOR, Role.DATA_PROTECTION])
def test_roles_that_do_not_work_with_clients_see_none_even_in_the_same_organisation(world, role):
    other = a_professional(org=world["health"], role=role)
    other.is_superuser = True
    other.save()
    assert not policy.can_see_client(other, world["case"].client_id)
    assert list(policy.clients_visible_to(other)) == []


def test_a_network_member_and_a_responsible_worker_of_another_organisation_see_the_client(world):
    # given the expert is added to the network
    case = world["case"]
    actions.add_network_member(
        case=case,
        by=world["nurse"],
        organisation=world["employment"],
        user=world["expert"],
        role="TE",
    )
    # then the expert sees the client, but not the health entry without consent
    client = access.get_client(world["expert"], case.client_id, what="client_page")
    view = visible_journal(world["expert"], client.pk, case.journal.all())
    assert view.entries == [] and view.hidden == 1


def test_consent_covering_organisation_category_and_purpose_shows_the_entry_and_logs_the_disclosure(
    world,
):
    case = world["case"]
    actions.add_network_member(
        case=case,
        by=world["nurse"],
        organisation=world["employment"],
        user=world["expert"],
        role="TE",
    )
    consent = a_consent(
        case.client, world["nurse"], organisations=[world["employment"]], categories=["health"]
    )
    view = visible_journal(world["expert"], case.client_id, case.journal.all())
    assert [e.text for e in view.entries] == ["Masennus ja ahdistus."]
    log = DisclosureLogEntry.objects.get(client_id=case.client_id)
    assert (log.consent_id, log.categories, log.purpose) == (
        consent.pk,
        ["health"],
        "information_exchange",
    )
    # the same consent does not cover another purpose
    other_purpose = visible_journal(
        world["expert"], case.client_id, case.journal.all(), purpose=Purpose.PLANNING_WITHOUT_CLIENT
    )
    assert other_purpose.entries == []


def test_an_oral_consent_covers_one_transaction_only(world):
    case = world["case"]
    actions.add_network_member(
        case=case,
        by=world["nurse"],
        organisation=world["employment"],
        user=world["expert"],
        role="TE",
    )
    a_consent(
        case.client,
        world["nurse"],
        organisations=[world["employment"]],
        categories=["health"],
        form=ConsentForm.ORAL,
        valid_from=timezone.localdate(),
    )
    first = visible_journal(world["expert"], case.client_id, case.journal.all())
    second = visible_journal(world["expert"], case.client_id, case.journal.all())
    assert len(first.entries) == 1
    assert second.entries == []


def test_revealing_the_henkilotunnus_is_logged_and_denied_without_access(world):
    client_id = world["case"].client_id
    _client, code = access.reveal_henkilotunnus(world["colleague"], client_id)
    assert code == Client.objects.get(pk=client_id).henkilotunnus
    assert AccessLogEntry.objects.filter(
        what="henkilotunnus_reveal", allowed=True, user=world["colleague"]
    ).exists()
    with pytest.raises(Http404):
        access.reveal_henkilotunnus(world["expert"], client_id)
    assert AccessLogEntry.objects.filter(
        what="henkilotunnus_reveal", allowed=False, user=world["expert"]
    ).exists()


def test_accepting_a_handover_makes_the_receiver_see_the_client(world):
    case = world["case"]
    req = actions.request_handover(
        case=case, to_worker=world["expert"], by=world["nurse"], reason="Työllisyys"
    )
    assert (
        access.get_handover_request_for_change(world["expert"], req.pk, what="handover").pk
        == req.pk
    )
    with pytest.raises(Http404):
        access.get_handover_request_for_change(world["colleague"], req.pk, what="handover")
    actions.accept_handover(request=req, by=world["expert"])
    assert policy.can_see_client(world["expert"], case.client_id)
