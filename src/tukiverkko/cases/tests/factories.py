"""Factories that reach named states: ``a_case_in_phase(Phase.IMPLEMENTATION)``, a professional
in a unit of a register (``a_unit``), a consent of the recorder's register, a network member."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from tukiverkko.accounts.models import (
    Municipality,
    Organisation,
    Region,
    Role,
    Unit,
    User,
)
from tukiverkko.cases import actions
from tukiverkko.cases.models import Case, Phase
from tukiverkko.clients.models import Client
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import SIGNATURES, Consent, ConsentForm, Purpose
from tukiverkko.demo.hetu import fictitious

_seq = itertools.count(1)


def a_region() -> Region:
    region, _ = Region.objects.get_or_create(slug="testimaa", defaults={"name_fi": "Testimaa"})
    return region


def a_municipality() -> Municipality:
    m, _ = Municipality.objects.get_or_create(name_fi="Testilä", defaults={"region": a_region()})
    return m


def an_organisation(slug: str = "hyvinvointialue") -> Organisation:
    org, _ = Organisation.objects.get_or_create(
        slug=slug,
        defaults={
            "name_fi": slug.replace("-", " ").title(),
            "sector": "public",
            "region": a_region(),
        },
    )
    return org


def a_unit(org: Organisation, register: str, slug: str | None = None) -> Unit:
    """A unit of ``org`` keeping ``register`` (health care, social care, other)."""
    unit, _ = Unit.objects.get_or_create(
        organisation=org,
        slug=slug or register.replace("_", "-"),
        defaults={"name_fi": f"{org.name_fi}: {register}", "register": register},
    )
    return unit


def a_professional(
    username: str | None = None,
    *,
    org: Organisation | None = None,
    role: str = Role.SOCIAL_WORKER,
    unit: Unit | None = None,
) -> User:
    """A professional; without ``unit`` they keep their organisation's "other" register."""
    username = username or f"user{next(_seq)}"
    organisation = org or (unit.organisation if unit is not None else an_organisation())
    # No password: tests log in with force_login, and hashing one costs ~0.1 s per user.
    user = User(
        username=username,
        first_name=username.title(),
        last_name="Testinen",
        organisation=organisation,
        unit=unit,
        role=role,
    )
    user.set_unusable_password()
    user.save()
    return user


def a_hetu(individual: int | None = None, birth: dt.date = dt.date(1985, 3, 14)) -> str:
    return fictitious(birth, individual or 900 + next(_seq) % 100)


def a_client(
    by: User, *, hetu: str | None = None, first: str = "Maija", last: str | None = None
) -> Client:
    result = actions.create_client(
        by=by,
        henkilotunnus=hetu or a_hetu(birth=dt.date(1970, 1, 1) + dt.timedelta(days=next(_seq))),
        first_name=first,
        last_name=last or f"Meikäläinen{next(_seq)}",
    )
    return result.client


_PATH = [Phase.JOINT_ASSESSMENT, Phase.JOINT_PLAN, Phase.IMPLEMENTATION, Phase.FOLLOW_UP]


def a_case_in_phase(phase: str, by: User, **client_kwargs: Any) -> Case:
    client = a_client(by, **client_kwargs)
    case = client.cases.get()
    for step in _PATH:
        if case.phase == phase:
            break
        if step == Phase.IMPLEMENTATION:
            actions.mark_checklist_step(
                case=case, step=7, by=by, expected_version=case.version, follow_up_by=by
            )
        case = actions.change_phase(case=case, to=step, by=by, expected_version=case.version)
    if phase == Phase.CLOSED:
        case = actions.change_phase(
            case=case,
            to=Phase.CLOSED,
            by=by,
            expected_version=case.version,
            outcome="studies",
            closed_on=timezone.localdate(),
        )
    assert case.phase == phase
    return case


def a_consent(
    client: Client,
    by: User,
    *,
    organisations: list[Organisation],
    categories: list[str],
    purposes: list[str] | None = None,
    form: str = ConsentForm.KELA_Y100,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    units: list[Unit] | None = None,
) -> Consent:
    """A consent ``by``'s organisation and register records (the disclosing party is theirs),
    on a signed form with its number."""
    return consent_actions.record_consent(
        client=client,
        by=by,
        organisations=organisations,
        units=units or [],
        categories=categories,
        purposes=purposes or [Purpose.INFORMATION_EXCHANGE],
        form=form,
        signature_method=sorted(SIGNATURES[form])[0],
        evidence_reference="" if form == ConsentForm.ORAL else "Y100-TEST-1",
        valid_from=valid_from or timezone.localdate() - dt.timedelta(days=1),
        valid_until=valid_until,
    )


def a_member(case: Case, user: User, *, by: User | None = None, role: str = "jäsen") -> Any:
    """``user`` admitted to ``case``'s network (by its responsible worker unless ``by``)."""
    return actions.add_network_member(
        case=case,
        by=by or case.responsible_worker,
        organisation=user.organisation,
        user=user,
        role=role,
    )
