"""Factories of referrals: a sender's case, a receiving organisation with a service, and a
referral brought to a named status through the actions."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from tukiverkko.accounts.models import Municipality, Organisation, Role, Unit, User
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_professional,
    a_region,
    a_unit,
    an_organisation,
)
from tukiverkko.catalogue.models import Service, ServiceType
from tukiverkko.consent.models import Purpose
from tukiverkko.referrals import actions
from tukiverkko.referrals.models import Referral, Status

_seq = itertools.count(1)


def a_service(org: Organisation, type_slug: str = "tyokykykoordinaattori", **extra: Any) -> Service:
    stype, _ = ServiceType.objects.get_or_create(
        slug=type_slug, defaults={"name_fi": type_slug.replace("-", " "), "description_fi": "-"}
    )
    return Service.objects.create(
        slug=f"{org.slug}-{type_slug}-{next(_seq)}",
        organisation=org,
        service_type=stype,
        region=org.region,
        name_fi=f"{org.name_fi}: {stype.name_fi}",
        what_fi="-",
        network_group="health",
        **extra,
    )


@dataclass
class World:
    """A sender (social worker of the county's social care) with a case, and a receiving
    organisation (the town's employment services) with a unit, a professional and a service."""

    sender: User
    case: Case
    receiving: Organisation
    receiving_unit: Unit
    receiver: User
    service: Service


def a_world(
    *,
    sender_role: str = Role.SOCIAL_WORKER,
    sender_register: str = "social_care",
    type_slug: str = "tyokykykoordinaattori",
    municipality: str | None = None,
    **service_extra: Any,
) -> World:
    county = an_organisation("hyvinvointialue")
    sender = a_professional(role=sender_role, unit=a_unit(county, sender_register))
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, sender)
    if municipality is not None:
        place, _ = Municipality.objects.get_or_create(
            name_fi=municipality, defaults={"region": a_region()}
        )
        case.client.municipality = place
        case.client.save(update_fields=["municipality"])
    town = an_organisation("kaupunki")
    unit = a_unit(town, "other", slug="tyollisyyspalvelut")
    receiver = a_professional(role=Role.WORK_ABILITY_COORDINATOR, unit=unit)
    return World(sender, case, town, unit, receiver, a_service(town, type_slug, **service_extra))


def consent_for(world: World, *, purposes: list[str] | None = None, categories=None) -> Any:
    """The sender's register consents to disclosing to the receiving organisation."""
    return a_consent(
        world.case.client,
        world.sender,
        organisations=[world.receiving],
        categories=categories or ["social", "employment"],
        purposes=purposes or [Purpose.INFORMATION_EXCHANGE],
    )


def a_draft(world: World, **kwargs: Any) -> Referral:
    fields: dict[str, Any] = {
        "case": world.case,
        "by": world.sender,
        "situation": "Työtön, uupumusta, toimeentulo-ongelmia.",
        "question": "Työkyvyn arvio ja jatkopolku.",
        "categories": ["social"],
        "service": world.service,
        "to_unit": world.receiving_unit,
    }
    fields.update(kwargs)
    return actions.create_draft(**fields)


_PATH = [
    Status.SENT,
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.IN_PROGRESS,
    Status.COMPLETED,
    Status.CLOSED,
]


def a_referral_in(status: str, world: World | None = None, **kwargs: Any) -> Referral:
    """A referral brought to ``status`` by the actions (with the consent its sending needs)."""
    world = world or a_world()
    if status != Status.DRAFT and not world.case.client.consents.exists():
        consent_for(world)
    referral = a_draft(world, **kwargs)
    receiver = world.receiver
    if status in (Status.DECLINED, Status.RETURNED):
        referral = a_referral_path(referral, world, Status.RECEIVED)
        if status == Status.DECLINED:
            return actions.decline_referral(referral=referral, by=receiver, reason="Ei kriteerit.")
        return actions.return_referral(
            referral=referral, by=receiver, reason="Väärä osoite.", better_service=world.service
        )
    return a_referral_path(referral, world, status)


def a_referral_path(referral: Referral, world: World, status: str) -> Referral:
    for step in _PATH:
        if referral.status == status:
            break
        if step == Status.SENT:
            referral = actions.send_referral(referral=referral, by=world.sender)
        elif step == Status.RECEIVED:
            referral = actions.receive_referral(referral=referral, by=world.receiver)
        elif step == Status.ACCEPTED:
            referral = actions.accept_referral(referral=referral, by=world.receiver)
        elif step == Status.IN_PROGRESS:
            referral = actions.start_referral(referral=referral, by=world.receiver)
        elif step == Status.COMPLETED:
            referral = actions.complete_referral(
                referral=referral,
                by=world.receiver,
                feedback="Arvio tehty.",
                recommendations="IPS.",
            )
        else:
            referral = actions.close_referral(referral=referral, by=world.sender)
    assert referral.status == status
    return referral
