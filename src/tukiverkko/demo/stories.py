"""The seeds' case stories: Maija, Matti, Moona (seed 002, Lappi ELY webinar) and Ari (seed 001,
Päijät-Sote). Every henkilötunnus here is fictitious (individual number 900–999, valid check
mark), so no demo code can belong to a real person.

They follow the access rules of issue 8: the professional who takes a client on owns the case
for their organisation and register; each consent is recorded by the controller whose
information it discloses (the county's health care, its social care, the employment area,
Kela), on a signed form with its number, and before anyone it names is admitted to the network;
another register's entries show only under its own consent or a legal basis (Maija: Kela's
statutory right to information).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tukiverkko.accounts.models import Organisation, User
from tukiverkko.assessments import actions as assessment_actions
from tukiverkko.assessments.models import DoctorOutcome, IdentifiedBy
from tukiverkko.cases.models import Case, Phase
from tukiverkko.catalogue.models import ServiceType
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import Purpose
from tukiverkko.demo.hetu import fictitious
from tukiverkko.demo.ips import load_ips_story
from tukiverkko.demo.paths import (
    Cast,
    add_to_network,
    close,
    exists,
    give_consent,
    hand_over,
    move_along,
    org,
    take_on,
    unit,
    write_journal,
)
from tukiverkko.plans import actions as plan_actions
from tukiverkko.plans.actions import ActionData, GoalData, PlanFields

COUNTY = "paijat-hameen-hyvinvointialue"
EXCHANGE = [Purpose.INFORMATION_EXCHANGE, Purpose.NETWORK_MEETING]


def load_stories(cast: Cast) -> list[str]:
    """Maija, Matti, Moona (seed 002, Lappi ELY webinar) and Ari (seed 001, Päijät-Sote)."""
    loaded: list[str] = []
    kela = org("kela")
    te = org("paijat-hameen-tyollisyysalue")
    hva = org(COUNTY)
    # Units of the county: the health side's work-ability services (incl. the unemployed health
    # check) and the social side's services for working-age people.
    health_unit = unit(COUNTY, "tyokykypalvelut")
    social_unit = unit(COUNTY, "tyoikaisten-sosiaalipalvelut")

    # Maija, opettaja [002]: masennus ja ahdistuneisuus, irtisanoutui, vuoden sairausloma,
    # työkyvyttömyyseläke hylättiin; herätään ammatilliseen kuntoutukseen → suunnitelma, toteutus.
    code = fictitious(dt.date(1979, 4, 12), 951)
    if not exists(code):
        nurse = cast.get("terveydenhoitaja")
        case = take_on(cast, code, "Maija", "Opettaja", "Heinola", nurse)
        # The county's health care discloses to the employment area and Kela (Y100).
        give_consent(case.client, nurse, [te, kela], ["health", "contact"])
        add_to_network(
            case,
            nurse,
            cast,
            [
                ("laakari", "lääkäri"),
                ("tyollisyys", "työllisyysasiantuntija"),
                ("kela", "Kelan työkykyneuvoja"),
            ],
        )
        # Kela and the employment area disclose their own information on their own consents.
        give_consent(case.client, cast.get("kela"), [hva, te], ["benefits"])
        give_consent(case.client, cast.get("tyollisyys"), [hva, kela], ["employment"])
        # Kela's statutory right to information for deciding the rehabilitation benefit: the
        # county's health care records it; Kela's reads under it are logged as such.
        if kela is not None:
            consent_actions.record_legal_basis(
                client=case.client,
                by=nurse,
                recipient=kela,
                categories=["health"],
                purposes=[Purpose.INFORMATION_EXCHANGE],
                statute="Kelan tiedonsaantioikeus kuntoutusetuuden käsittelyssä (laki Kelan "
                "kuntoutusetuuksista ja kuntoutusrahaetuuksista 566/2005)",
                valid_from=timezone.localdate() - dt.timedelta(days=7),
            )
        write_journal(
            case,
            cast,
            [
                (
                    "laakari",
                    "health",
                    "Todettu masennus ja ahdistuneisuus; työstä johtuva uupumus, esiintymis- ja sosiaalisten tilanteiden pelko. Sairausloma.",
                ),
                (
                    "kela",
                    "benefits",
                    "Sairauspäiväraha loppumassa; työkyvyttömyyseläkehakemus hylätty.",
                ),
                (
                    "tyollisyys",
                    "employment",
                    "Ei muuta koulutusta; siirtynyt sairausloman jälkeen työttömäksi. Ammatillisen kuntoutuksen / uudelleenkouluttautumisen mahdollisuudet selvitetään.",
                ),
            ],
        )
        case = move_along(
            case,
            Phase.IMPLEMENTATION,
            nurse,
            follow_up_by=cast.get("koordinaattori"),
            reasons={
                Phase.JOINT_ASSESSMENT: "Työkykypistemäärä 4; suostumus tietojen vaihtoon kirjattu.",
                Phase.JOINT_PLAN: "Tavoitteena ammatillinen kuntoutus ja uusi ala.",
                Phase.IMPLEMENTATION: "Kelan ammatillisen kuntoutuksen selvitys käynnissä.",
            },
        )
        give_plan(case, nurse, kela)
        hand_over(
            case,
            cast.get("koordinaattori"),
            nurse,
            "Polun koordinointi työkykykoordinaattorille.",
            stays_as="työttömien terveydenhoitaja",
        )
        loaded.append("Maija")

    # Matti, kirvesmies [002]: olkapäävamma, sairausloma, ammatillinen kuntoutusselvitys,
    # vartijakoulutus ammatillisena kuntoutuksena, työllistyi.
    code = fictitious(dt.date(1971, 9, 3), 952)
    if not exists(code):
        case = take_on(cast, code, "Matti", "Kirvesmies", "Hollola", cast.get("tyollisyys"))
        # The employment area owns the case: its consent admits the county's doctor and
        # physiotherapist, and the county's health care discloses the health side to it.
        give_consent(case.client, case.responsible_worker, [hva], ["employment", "contact"])
        add_to_network(
            case,
            case.responsible_worker,
            cast,
            [("laakari", "terveyskeskuslääkäri"), ("fysioterapeutti", "fysioterapeutti")],
        )
        give_consent(case.client, cast.get("laakari"), [te], ["health"])
        write_journal(
            case,
            cast,
            [
                (
                    "tyollisyys",
                    "employment",
                    "Ollut jonkin aikaa työttömänä; koulutus fyysiseen työhön (kirvesmies).",
                ),
                (
                    "laakari",
                    "health",
                    "Kaatuminen, olkapäävamma. Sairausloma. Seurannassa olkapää ei kuntoudu kirvesmiehen työhön.",
                ),
                (
                    "tyollisyys",
                    "employment",
                    "Ammatillinen kuntoutusselvitys: kirvesmiehen työ ei motivoi. Vartijakoulutus ammatillisena kuntoutuksena.",
                ),
            ],
        )
        case = move_along(
            case, Phase.FOLLOW_UP, case.responsible_worker, follow_up_by=cast.get("tyollisyys")
        )
        close(
            case,
            case.responsible_worker,
            "open_labour_market",
            "Valmistui vartijaksi ja työllistyi.",
        )
        loaded.append("Matti")

    # Moona, 27 v, ei ammattia [002]: kampaajaopinnot keskeytyneet, fibromyalgia, lääkitsee
    # itseään alkoholilla; laaja terveystarkastus, sairausloma, päihdetyöntekijä, monialainen
    # neuvonpito, TYP-asiakkuus; kouluttautuu lähihoitajaksi ja työllistyy.
    code = fictitious(dt.date(1998, 2, 20), 953)
    if not exists(code):
        nurse = cast.get("terveydenhoitaja")
        case = take_on(cast, code, "Moona", "Nuori", "Heinola", nurse)
        planning = [*EXCHANGE, Purpose.PLANNING_WITHOUT_CLIENT]
        give_consent(case.client, nurse, [te], ["health", "contact"], purposes=planning)
        add_to_network(
            case,
            nurse,
            cast,
            [
                ("laakari", "lääkäri"),
                ("paihdetyo", "päihdetyöntekijä"),
                ("tyollisyys", "työllisyysasiantuntija (TYP/TYM)"),
            ],
        )
        health_check_path(case, nurse, cast.get("laakari"), referrer=te)
        give_consent(
            case.client,
            cast.get("tyollisyys"),
            [hva],
            ["employment", "education"],
            purposes=planning,
        )
        write_journal(
            case,
            cast,
            [
                (
                    "terveydenhoitaja",
                    "health",
                    "Laaja-alainen terveystarkastus: paljon kipuja, lääkitsee itseään alkoholilla. Tarvitaan laaja työ- ja toimintakyvyn arvio.",
                ),
                (
                    "laakari",
                    "health",
                    "Ei työkykyinen tällä hetkellä; sairausloma. Fibromyalgialääkitys aloitettu, ohjaus päihdetyöntekijälle.",
                ),
                (
                    "tyollisyys",
                    "employment",
                    "Monialainen neuvonpito, Moona mukana. TYP-asiakkuus alkaa.",
                ),
                (
                    "tyollisyys",
                    "education",
                    "Kiinnostunut auttamaan muita: lähihoitajakoulutus (mielenterveys- ja päihdesuuntaus).",
                ),
            ],
        )
        case = move_along(case, Phase.JOINT_PLAN, nurse)
        case = hand_over(
            case,
            cast.get("tyollisyys"),
            nurse,
            "Painopiste työllistymiseen (TYP).",
            stays_as="työttömien terveydenhoitaja",
        )
        case = move_along(
            case, Phase.FOLLOW_UP, case.responsible_worker, follow_up_by=cast.get("tyollisyys")
        )
        close(
            case,
            case.responsible_worker,
            "open_labour_market",
            "Valmistui lähihoitajaksi ja työllistyi.",
        )
        loaded.append("Moona")

    # Ari [001]: the seed only names "Työkyvyn tuen asiakkaan palvelupolku_Ari" (Hollola, Asikkala
    # and Padasjoki sote-centres); his path follows the model path of seed 001 step by step.
    code = fictitious(dt.date(1984, 11, 7), 954)
    if not exists(code):
        nurse = cast.get("terveydenhoitaja")
        case = take_on(cast, code, "Ari", "Esimerkki", "Asikkala", nurse)
        # Seed 001: consent specified per recipient — the county's social services (a unit of
        # the same county, another register), the employment area and Kela.
        give_consent(
            case.client,
            nurse,
            [te, kela],
            ["health", "employment", "contact"],
            form="regional_form",
            units=[social_unit],
        )
        add_to_network(
            case,
            nurse,
            cast,
            [
                ("koordinaattori", "työkykykoordinaattori"),
                ("sosiaaliohjaaja", "omatyöntekijä (sosiaalihuolto)"),
                ("tyollisyys", "työllisyysasiantuntija"),
            ],
        )
        # Social care records its own consent: to the health side's work-ability services.
        give_consent(
            case.client,
            cast.get("sosiaaliohjaaja"),
            [],
            ["social"],
            form="regional_form",
            units=[health_unit],
        )
        write_journal(
            case,
            cast,
            [
                (
                    "terveydenhoitaja",
                    "health",
                    "Tunnistaminen: toistuvat sairauslomat, oma arvio työkyvystä 5/10 (työkykypistemäärä ≤ 7 → selvitetään tarkemmin).",
                ),
                (
                    "terveydenhoitaja",
                    "health",
                    "Yhteinen arviointi: Kykyviisari täytetty, suostumus tietojen vaihtoon kirjattu; arvio ja tavoitteet HOI-lehdelle.",
                ),
                ("sosiaaliohjaaja", "social", "Elämäntilanne kartoitettu; omatyöntekijä nimetty."),
                (
                    "koordinaattori",
                    "employment",
                    "Yhteinen suunnitelma: työkokeilu ja työkykyselvitys; vastuutyöntekijä sote-tiimissä.",
                ),
            ],
        )
        case = move_along(case, Phase.FOLLOW_UP, nurse, follow_up_by=cast.get("koordinaattori"))
        loaded.append("Ari")
    # Issue 16: Iida in IPS job coaching, and the IPS-25 review of the Varha IPS service.
    loaded += load_ips_story(cast)
    return loaded


def give_plan(case: Any, nurse: Any, kela: Any) -> None:
    """Maija's plan [002]: started, then her goal, the division of work and Kela's part (two
    versions)."""
    today = timezone.localdate()
    fields = PlanFields(
        client_goal="Haluan löytää uuden alan, jossa jaksan, ja palata työelämään.",
        next_review_on=today + dt.timedelta(days=90),
        companion_name="Työkykykoordinaattori",
    )
    plan = plan_actions.create_plan(case=case, by=nurse, fields=fields)
    service_type = ServiceType.objects.filter(slug="ammatillinen-kuntoutus").first()
    plan_actions.save_plan(
        plan=plan,
        by=nurse,
        expected_version=plan.version,
        fields=fields,
        goals=[
            GoalData(
                text="Ammatillisen kuntoutuksen suunta selvillä",
                indicator="Kelan päätös ammatillisesta kuntoutuksesta",
                target_on=today + dt.timedelta(days=60),
            )
        ],
        actions=[
            ActionData(text="Hakee Kelan ammatillista kuntoutusta", service_type=service_type),
            *(
                [
                    ActionData(
                        text="Kelan kuntoutusselvitys ja päätös",
                        responsible="organisation",
                        responsible_organisation=kela,
                    )
                ]
                if kela is not None
                else []
            ),
            ActionData(
                text="Seurantakäynnit mielialasta",
                responsible="professional",
                responsible_user=nurse,
            ),
        ],
    )


def health_check_path(
    case: Case, nurse: User, doctor: User, *, referrer: Organisation | None
) -> None:
    """Moona's health check [002]: the employment authority identified the need; the nurse's
    broad check (AUDIT among it) found a need for a closer assessment; the doctor's check led to
    sickness allowance, treatment, network work and a multi-professional meeting."""
    today = timezone.localdate()
    assessment_actions.record_instrument_result(
        case=case,
        by=nurse,
        instrument="audit",
        answers={
            "q1": 3,
            "q2": 2,
            "q3": 2,
            "q4": 1,
            "q5": 1,
            "q6": 0,
            "q7": 1,
            "q8": 1,
            "q9": 0,
            "q10": 2,
            "sex": "female",
        },
        assessed_on=today - dt.timedelta(days=20),
    )
    check = assessment_actions.open_health_check(
        case=case,
        by=nurse,
        identified_by=IdentifiedBy.EMPLOYMENT_AUTHORITY,
        referrer_organisation=referrer,
        pre_information="Esitietolomake: kampaajaopinnot keskeytyneet, kipuja, univaikeuksia.",
    )
    check = assessment_actions.record_nurse_check(
        check=check,
        by=nurse,
        checked_on=today - dt.timedelta(days=20),
        summary="Paljon kipuja, lääkitsee itseään alkoholilla (AUDIT 13). Tarvitaan laaja työ- "
        "ja toimintakyvyn arvio.",
        mental_health_and_substance_assessed=True,
        further_assessment_needed=True,
    )
    assessment_actions.record_doctor_check(
        check=check,
        by=doctor,
        checked_on=today - dt.timedelta(days=14),
        summary="Fibromyalgia; ei työkykyinen tällä hetkellä.",
        remaining_work_ability="Kouluttautuminen mahdollista hoidon ja kuntoutuksen jälkeen.",
        outcomes=[
            DoctorOutcome.SICKNESS_ALLOWANCE,
            DoctorOutcome.TREATMENT,
            DoctorOutcome.NETWORK_WORK,
            DoctorOutcome.MULTIPROFESSIONAL_CONSULTATION,
        ],
    )
