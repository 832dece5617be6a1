"""The worlds of the seed stories (seed 002), built with the test factories (not the demo
loader), and the facts both walks share: the browser's (test_e2e_stories) and the HTTP twin's
(test_stories_http), so that the two tell the same story on the same pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from tukiverkko.accounts.models import Organisation, Register, Role, User
from tukiverkko.assessments.tests.factories import a_doctor_of, a_nurse
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_member,
    a_professional,
    a_unit,
    an_organisation,
)
from tukiverkko.catalogue.models import Service
from tukiverkko.consent.models import Purpose
from tukiverkko.referrals.tests.factories import a_service

#: Maija on the checker (seed 002): 46, unemployed after a year's sick leave, the doctor found a
#: threat of work disability from an illness, a teacher for 12 years but with earnings below
#: the earnings-related pension's threshold in the last five years — so Kela organises.
MAIJA_SITUATION = {
    "age": "46",
    "employment_status": "unemployed",
    "has_occupational_health_care": "false",
    "work_disability_threat": "true",
    "rehabilitation_cause": "illness_or_injury",
    "years_in_profession": "12",
    "earnings_last_5_years_eur": "20000",
    "work_capacity_reduced_months": "12",
}

SICKNESS_ALLOWANCE_ENDS = "Sairauspäiväraha loppumassa; työkyvyttömyyseläkehakemus hylätty."
MAIJA_GOAL = "Haluan löytää uuden alan, jossa jaksan, ja palata työelämään."
MAIJA_ACTION = "Hakee Kelan ammatillista kuntoutusta"


def finnish_day(day: dt.date | None = None) -> str:
    """d.m.yyyy, as a professional types a date."""
    day = day or timezone.localdate()
    return f"{day.day}.{day.month}.{day.year}"


def in_three_months() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=90)


@dataclass
class MaijaWorld:
    nurse: User
    case: Case
    kela: Organisation
    kela_worker: User
    kela_service: Service


def maija_world() -> MaijaWorld:
    """The county's unemployed persons' nurse with Maija's case in yhteinen suunnitelma; Kela
    with its vocational rehabilitation in the catalogue; the county's health care's consent to
    disclose her health information to Kela."""
    county = an_organisation("hyvinvointialue")
    nurse = a_nurse(county)
    nurse.first_name, nurse.last_name = "Hanna", "Hoitaja"
    nurse.save(update_fields=["first_name", "last_name"])
    case = a_case_in_phase(Phase.JOINT_PLAN, nurse, first="Maija", last="Opettaja")
    kela = an_organisation("kela")
    kela_unit = a_unit(kela, Register.OTHER, slug="kuntoutus")
    kela_worker = a_professional("kelan-asiantuntija", role=Role.KELA_EXPERT, unit=kela_unit)
    service = a_service(kela, "ammatillinen-kuntoutus")
    a_consent(case.client, nurse, organisations=[kela], categories=["health"])
    return MaijaWorld(nurse, case, kela, kela_worker, service)


@dataclass
class MoonaWorld:
    nurse: User
    doctor: User
    case: Case
    te: Organisation
    te_worker: User
    town: Organisation
    youth_worker: User
    wrong_service: Service
    substance_org: Organisation
    substance_worker: User
    substance_service: Service


def moona_world() -> MoonaWorld:
    """The county's nurse with Moona's case in yhteinen arviointi and the county's doctor in her
    network; the employment area (her TE services), the town's outreach youth work (the wrong
    address) and the substance-abuse work of an NGO (the right one), each in the catalogue; the
    county's health care's consent to disclose to the three, for information exchange and the
    network meeting."""
    county = an_organisation("hyvinvointialue")
    nurse = a_nurse(county)
    doctor = a_doctor_of(county)
    doctor.first_name, doctor.last_name = "Lauri", "Lääkäri"
    doctor.save(update_fields=["first_name", "last_name"])
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, nurse, first="Moona", last="Nuori")
    a_member(case, doctor, by=nurse, role="lääkäri")
    te = an_organisation("tyollisyysalue")
    te_worker = a_professional(
        "tyollisyysasiantuntija",
        role=Role.EMPLOYMENT_EXPERT,
        unit=a_unit(te, Register.OTHER, slug="typ"),
    )
    te_worker.first_name, te_worker.last_name = "Tiina", "Työllisyys"
    te_worker.save(update_fields=["first_name", "last_name"])
    town = an_organisation("kaupunki")
    youth_worker = a_professional(
        "nuorisotyontekija",
        role=Role.YOUTH_WORKER,
        unit=a_unit(town, Register.OTHER, slug="nuorisopalvelut"),
    )
    wrong = a_service(town, "etsiva-nuorisotyo")
    ngo = an_organisation("paihdetyo-ry")
    substance_worker = a_professional(
        "paihdetyontekija",
        role=Role.SUBSTANCE_ABUSE_WORKER,
        unit=a_unit(ngo, Register.OTHER, slug="paihdetyo"),
    )
    right = a_service(ngo, "paihdesairaanhoitaja")
    a_consent(
        case.client,
        nurse,
        organisations=[te, town, ngo],
        categories=["health", "contact"],
        purposes=[Purpose.INFORMATION_EXCHANGE, Purpose.NETWORK_MEETING],
    )
    return MoonaWorld(
        nurse,
        doctor,
        case,
        te,
        te_worker,
        town,
        youth_worker,
        wrong,
        ngo,
        substance_worker,
        right,
    )
