import pytest
from django.core.exceptions import PermissionDenied
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
    a_member,
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


def _admit_expert(world):
    """The nurse records the client's consent to share employment information with the
    employment authority, then admits its expert to the network (review H1: a consent first)."""
    case = world["case"]
    a_consent(
        case.client, world["nurse"], organisations=[world["employment"]], categories=["employment"]
    )
    return a_member(case, world["expert"], role="TE")


def test_h3_a_colleague_of_the_same_organisation_without_a_relationship_sees_nothing(world):
    # given a colleague of the nurse's organisation, in no case of the client
    colleague, client_id = world["colleague"], world["case"].client_id
    # then organisation membership alone opens nothing
    assert list(policy.clients_visible_to(colleague)) == []
    with pytest.raises(Http404):
        access.get_client(colleague, client_id, what="client_page")


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


def test_a_network_member_of_another_organisation_sees_the_client_not_the_health_entry(world):
    # given the expert is admitted under an employment consent
    case = world["case"]
    _admit_expert(world)
    # then the expert sees the client, but not the health entry the consent does not cover
    client = access.get_client(world["expert"], case.client_id, what="client_page")
    view = visible_journal(world["expert"], client.pk, case.journal.all())
    assert view.shown == [] and view.hidden == 1


def test_consent_covering_organisation_category_and_purpose_shows_the_entry_and_logs_the_disclosure(
    world,
):
    # given the admitted expert and a consent for the health category too
    case = world["case"]
    _admit_expert(world)
    consent = a_consent(
        case.client, world["nurse"], organisations=[world["employment"]], categories=["health"]
    )
    # when the expert reads the journal / then the entry shows, and the disclosure is logged
    view = visible_journal(world["expert"], case.client_id, case.journal.all())
    assert [e.text for e in view.shown] == ["Masennus ja ahdistus."]
    log = DisclosureLogEntry.objects.get(client_id=case.client_id)
    assert (log.consent_id, log.categories, log.purpose, log.from_organisation_id) == (
        consent.pk,
        ["health"],
        "information_exchange",
        world["health"].pk,
    )
    # the same consent does not cover another purpose
    other_purpose = visible_journal(
        world["expert"], case.client_id, case.journal.all(), purpose=Purpose.PLANNING_WITHOUT_CLIENT
    )
    assert other_purpose.shown == []


def test_an_oral_consent_covers_one_transaction_only(world):
    # given the admitted expert and an oral consent for health
    case = world["case"]
    _admit_expert(world)
    a_consent(
        case.client,
        world["nurse"],
        organisations=[world["employment"]],
        categories=["health"],
        form=ConsentForm.ORAL,
        valid_from=timezone.localdate(),
    )
    # when the expert reads twice / then only the first read shows the entry
    first = visible_journal(world["expert"], case.client_id, case.journal.all())
    second = visible_journal(world["expert"], case.client_id, case.journal.all())
    assert len(first.shown) == 1
    assert second.shown == []


def test_revealing_the_henkilotunnus_is_logged_and_denied_to_another_organisation(world):
    # given the colleague is in the network (same organisation and register: no consent needed)
    # and the expert of another organisation too
    case, client_id = world["case"], world["case"].client_id
    a_member(case, world["colleague"], role="lääkäri")
    _admit_expert(world)
    # when the colleague reveals the code / then they get it, and the reveal is logged
    _client, code = access.reveal_henkilotunnus(world["colleague"], client_id)
    assert code == Client.objects.get(pk=client_id).henkilotunnus
    assert AccessLogEntry.objects.filter(
        what="henkilotunnus_reveal", allowed=True, user=world["colleague"]
    ).exists()
    # and the expert, who sees the client, is refused the full code, logged
    with pytest.raises(PermissionDenied):
        access.reveal_henkilotunnus(world["expert"], client_id)
    assert AccessLogEntry.objects.filter(
        what="henkilotunnus_reveal", allowed=False, user=world["expert"]
    ).exists()


def test_accepting_a_handover_makes_the_receiver_see_the_client(world):
    # given the expert is in the network
    case = world["case"]
    _admit_expert(world)
    # when the nurse hands the case over to the expert
    req = actions.request_handover(
        case=case, to_worker=world["expert"], by=world["nurse"], reason="Työllisyys"
    )
    # then only the receiver acts on the request, and after accepting is responsible
    assert (
        access.get_handover_request_for_change(world["expert"], req.pk, what="handover").pk
        == req.pk
    )
    with pytest.raises(Http404):
        access.get_handover_request_for_change(world["colleague"], req.pk, what="handover")
    actions.accept_handover(request=req, by=world["expert"])
    assert policy.has_relationship(world["expert"], case.client_id)
