"""An IPS world: a social worker's case in a county's social care, the job coach of the county's
IPS service (social care too), the Varha-like IPS service, and a catalogue editor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from tukiverkko.accounts.models import Role, User
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_professional,
    a_unit,
    an_organisation,
)
from tukiverkko.catalogue.models import Service
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import Consent, ConsentForm, InfoCategory, Purpose
from tukiverkko.ips import actions
from tukiverkko.ips.models import IpsPeriod
from tukiverkko.referrals.tests.factories import a_service

EMPLOYER = ("Puutarha Oy", "0112038-9")
OTHER_EMPLOYER = ("Kone Oyj", "1927400-1")


@dataclass
class World:
    social_worker: User
    coach: User
    editor: User
    case: Case
    service: Service


def a_world() -> World:
    county = an_organisation("varsinais-suomen-hyvinvointialue")
    social = a_unit(county, "social_care", slug="tyollistymista-edistavat")
    social_worker = a_professional(role=Role.SOCIAL_WORKER, unit=social)
    coach = a_professional(role=Role.JOB_COACH, unit=social)
    editor = a_professional(role=Role.CATALOGUE_EDITOR, org=county)
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, social_worker)
    service = a_service(county, "ips-tyohonvalmennus")
    return World(social_worker, coach, editor, case, service)


def a_decision(world: World) -> object:
    return actions.record_decision(
        case=world.case,
        by=world.social_worker,
        reference="SOS-2026-123",
        decided_on=timezone.localdate() - dt.timedelta(days=3),
    )


def a_period(world: World) -> IpsPeriod:
    a_decision(world)
    return actions.start_period(
        case=world.case, by=world.social_worker, coach=world.coach, service=world.service
    )


def employer_consent(
    world: World, employer: tuple[str, str] = EMPLOYER, *, form: str = ConsentForm.REGIONAL_FORM
) -> Consent:
    """The client's consent, recorded by the coach, to contact ``employer`` about work."""
    return consent_actions.record_consent(
        client=world.case.client,
        by=world.coach,
        employers=[consent_actions.Employer(*employer)],
        categories=[InfoCategory.EMPLOYMENT],
        purposes=[Purpose.EMPLOYER_CONTACT],
        form=form,
        signature_method="handwritten" if form != ConsentForm.ORAL else "oral_recorded",
        evidence_reference="" if form == ConsentForm.ORAL else "VARHA-SUOST-1",
        valid_from=timezone.localdate() - dt.timedelta(days=0 if form == ConsentForm.ORAL else 1),
    )


def contact_data(employer: tuple[str, str] = EMPLOYER, **extra: object) -> actions.ContactData:
    values: dict[str, object] = {
        "employer_name": employer[0],
        "business_id": employer[1],
        "contacted_on": timezone.localdate(),
        "kind": "visit",
        "outcome": "interview",
        "note": "Haastattelu sovittu.",
    }
    return actions.ContactData(**(values | extra))  # type: ignore[arg-type]
