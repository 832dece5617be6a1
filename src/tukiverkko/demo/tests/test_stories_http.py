"""The seed stories (seed 002) walked through the same pages as the browser walks them
(test_e2e_stories), with django.test.Client: the twin that runs on PostgreSQL too.

Maija: the sickness allowance ends → vocational rehabilitation checked first (the checker) →
the plan, agreed → the referral to Kela's vocational rehabilitation, accepted.
Moona: the nurse's broad health check → the doctor's check → network work with her TE services
→ the plan; on the way a referral sent to the wrong address is returned with the better one,
and the doctor sends a new one there (counted in the hand-off figure).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from tukiverkko.assessments.models import HealthCheck, HealthCheckStep
from tukiverkko.cases.models import Phase
from tukiverkko.demo.tests.story_worlds import (
    MAIJA_ACTION,
    MAIJA_GOAL,
    MAIJA_SITUATION,
    SICKNESS_ALLOWANCE_ENDS,
    finnish_day,
    in_three_months,
    maija_world,
    moona_world,
)
from tukiverkko.plans.models import Plan
from tukiverkko.referrals.models import Referral, Status
from tukiverkko.referrals.selectors import handoff_count

pytestmark = pytest.mark.django_db


def logged_in(user: Any) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def text_of(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def post_ok(http: HttpClient, url: str, data: dict[str, Any]) -> str:
    """POST a form as its page sends it and follow the redirect: the page that shows after."""
    response = http.post(url, data, follow=True)
    assert response.redirect_chain, response.content.decode()[:3000]
    return text_of(response)


def plan_form(
    version: int, *, goal: str, mode: str, action: dict[str, Any], client_goal: str
) -> dict[str, Any]:
    """The edit form of a new plan as its page sends it: its fields, the new goal and action
    filled in, the empty row for another plan untouched."""
    return {
        "client_goal": client_goal,
        "mode": mode,
        "next_review_on": finnish_day(in_three_months()),
        "version": version,
        "goals-TOTAL_FORMS": 1,
        "goals-INITIAL_FORMS": 0,
        "goals-0-text": goal,
        "goals-0-status": "in_progress",
        "goals-0-visible_to_client": "on",
        "actions-TOTAL_FORMS": 1,
        "actions-INITIAL_FORMS": 0,
        "actions-0-status": "planned",
        "actions-0-visible_to_client": "on",
        **{f"actions-0-{k}": v for k, v in action.items()},
        # The empty row for another plan, untouched, as the browser sends it: its select's
        # first kind (left out as unchanged).
        "external_plans-TOTAL_FORMS": 1,
        "external_plans-INITIAL_FORMS": 0,
        "external_plans-0-kind": "activation",
    }


def test_maija_from_the_sickness_allowance_to_the_referral_to_kela():
    # given Maija's case with the county's nurse, and Kela's vocational rehabilitation
    world = maija_world()
    case, nurse = world.case, world.nurse
    http = logged_in(nurse)
    client_page = reverse("cases:detail", args=[case.client_id])
    # when the nurse records that the sickness allowance is ending and the pension was refused
    page = post_ok(
        http,
        reverse("cases:journal", args=[case.pk]),
        {"category": "health", "text": SICKNESS_ALLOWANCE_ENDS},
    )
    assert SICKNESS_ALLOWANCE_ENDS in page
    # and checks her situation on the checker
    result = text_of(http.post(reverse("rules:checker"), MAIJA_SITUATION))
    # then vocational rehabilitation is checked first: it is open to her, Kela organises it,
    # and the disability pension waits for it
    assert 'Ammatillinen kuntoutus: <span class="tkm-status">täyttyy</span>' in result
    assert "Järjestäjä: <strong>Kela</strong>" in result
    assert "Järjestettävä: Ammatillisen kuntoutuksen mahdollisuus selvitetään ensin" in result
    assert result.index("Ammatillinen kuntoutus: <span") < result.index("Työkyvyttömyyseläke:")
    # when the nurse starts the plan from the client page and writes it with Maija
    assert reverse("plans:detail", args=[case.pk]) in text_of(http.get(client_page))
    assert "Aloita suunnitelma" in text_of(http.get(reverse("plans:detail", args=[case.pk])))
    edit = post_ok(http, reverse("plans:create", args=[case.pk]), {})
    assert "Suunnitelma aloitettu." in edit
    plan = Plan.objects.get(case=case)
    page = post_ok(
        http,
        reverse("plans:edit", args=[case.pk]),
        plan_form(
            plan.version,
            client_goal=MAIJA_GOAL,
            mode="division_of_work",
            goal="Ammatillisen kuntoutuksen suunta selvillä",
            action={
                "text": MAIJA_ACTION,
                "responsible": "client",
                "service_type": world.kela_service.service_type_id,
            },
        ),
    )
    assert "Suunnitelma tallennettu uutena versiona." in page
    assert MAIJA_GOAL in page and MAIJA_ACTION in page
    # and agrees the follow-up (quick guide step 7) on the client page, then the plan
    case.refresh_from_db()
    post_ok(
        http,
        reverse("cases:checklist", args=[case.pk]),
        {"step": 7, "follow_up_by": nurse.pk, "version": case.version},
    )
    plan.refresh_from_db()
    page = post_ok(http, reverse("plans:agree", args=[case.pk]), {"version": plan.version})
    # then the plan is agreed and the case is in toteutus
    assert "Suunnitelma sovittu; asiakkuus siirtyi toteutukseen." in page
    case.refresh_from_db()
    assert case.phase == Phase.IMPLEMENTATION
    # when she refers Maija to Kela's vocational rehabilitation from the client page
    assert reverse("referrals:create", args=[case.pk]) in text_of(http.get(client_page))
    form = text_of(http.get(reverse("referrals:create", args=[case.pk])))
    assert world.kela_service.name_fi in form
    page = post_ok(
        http,
        reverse("referrals:create", args=[case.pk]),
        {
            "kind": "referral",
            "service": world.kela_service.pk,
            "situation": "Masennus ja ahdistuneisuus, vuoden sairausloma; "
            + SICKNESS_ALLOWANCE_ENDS,
            "question": "Ammatillisen kuntoutuksen edellytykset ja uudelleenkoulutus.",
            "urgency": "routine",
            "categories": ["health"],
            "purpose": "information_exchange",
            "send": "1",
        },
    )
    referral = Referral.objects.get(case=case)
    # then it is sent, and "where is it now?" says so on one line
    assert "Lähete lähetetty." in page
    assert (
        f"Lähetetty {finnish_day()} vastaanottajalle {world.kela_service.name_fi}; "
        "odottaa vastaanottoa." in page
    )
    # when Kela's expert finds it in the inbox, receives and accepts it
    kela = logged_in(world.kela_worker)
    inbox = text_of(kela.get(reverse("referrals:inbox")))
    assert reverse("referrals:detail", args=[referral.pk]) in inbox
    referral.refresh_from_db()
    post_ok(kela, reverse("referrals:receive", args=[referral.pk]), {"version": referral.version})
    referral.refresh_from_db()
    page = post_ok(
        kela, reverse("referrals:accept", args=[referral.pk]), {"version": referral.version}
    )
    assert "Lähete hyväksytty; näet asiakkaan tiedot, kunnes lähete on valmis." in page
    # then the nurse sees where it is now, on the client page too
    page = text_of(http.get(client_page))
    assert f"vastaanotettu {finnish_day()}; hyväksytty {finnish_day()}, odottaa aloitusta." in page
    referral.refresh_from_db()
    assert referral.status == Status.ACCEPTED


def test_moona_health_check_network_work_and_plan_with_a_redirected_referral():
    # given Moona's case with the county's nurse and doctor, and the services around her
    world = moona_world()
    case, nurse = world.case, world.nurse
    http = logged_in(nurse)
    client_page = reverse("cases:detail", args=[case.client_id])
    # when the nurse records the need for a health check that the TE services identified
    open_url = reverse("assessments:health_check_open", args=[case.pk])
    assert open_url in text_of(http.get(client_page))
    page = post_ok(
        http,
        open_url,
        {
            "identified_by": "employment_authority",
            "referrer_organisation": world.te.pk,
            "pre_information": "Kampaajaopinnot keskeytyneet; paljon kipuja.",
        },
    )
    assert "Terveystarkastuksen tarve kirjattu." in page
    check = HealthCheck.objects.get(case=case)
    check_url = reverse("assessments:health_check", args=[check.pk])
    # and her broad check finds the need for a closer assessment
    assert "Terveydenhoitajan laaja terveystarkastus" in page
    page = post_ok(
        http,
        check_url,
        {
            "checked_on": finnish_day(),
            "summary": "Paljon kipuja, lääkitsee itseään alkoholilla.",
            "mental_health_and_substance_assessed": "on",
            "further_assessment_needed": "true",
            "version": check.version,
        },
    )
    assert "Lääkärin tarkastus" in page
    # when the doctor records the check: sickness allowance, treatment, network work and a
    # multi-professional meeting
    doctor = logged_in(world.doctor)
    check.refresh_from_db()
    page = post_ok(
        doctor,
        check_url,
        {
            "checked_on": finnish_day(),
            "summary": "Fibromyalgia; ei työkykyinen tällä hetkellä.",
            "remaining_work_ability": "Kouluttautuminen mahdollista hoidon jälkeen.",
            "outcomes": [
                "sickness_allowance",
                "treatment",
                "network_work",
                "multiprofessional_consultation",
            ],
            "version": check.version,
        },
    )
    # then the check is done with its outcomes
    assert (
        "sairauspäiväraha, sairauksien hoito, verkostotyön käynnistäminen, monialainen neuvonpito"
        in page
    )
    check.refresh_from_db()
    assert check.step == HealthCheckStep.DOCTOR_CHECKED
    # when the nurse starts the network work: Moona's TE services join her network
    case.refresh_from_db()
    page = post_ok(
        http,
        reverse("cases:network", args=[case.pk]),
        {"organisation": world.te.pk, "user": world.te_worker.pk, "role": "TYP-omavalmentaja"},
    )
    assert "TYP-omavalmentaja" in page
    # and the doctor refers her to what he takes for substance-abuse work: the town's
    # outreach youth work (the wrong address)
    page = post_ok(
        doctor,
        reverse("referrals:create", args=[case.pk]),
        {
            "kind": "referral",
            "service": world.wrong_service.pk,
            "situation": "Lääkitsee kipuja alkoholilla.",
            "question": "Päihdetyön tuki.",
            "urgency": "routine",
            "categories": ["health"],
            "purpose": "information_exchange",
            "send": "1",
        },
    )
    assert "Lähete lähetetty." in page
    first = Referral.objects.get(case=case)
    # when the town's youth worker receives it and returns it with the better address
    town = logged_in(world.youth_worker)
    assert reverse("referrals:detail", args=[first.pk]) in text_of(
        town.get(reverse("referrals:inbox"))
    )
    first.refresh_from_db()
    post_ok(town, reverse("referrals:receive", args=[first.pk]), {"version": first.version})
    first.refresh_from_db()
    page = post_ok(
        town,
        reverse("referrals:return", args=[first.pk]),
        {
            "version": first.version,
            "return-reason": "Päihdetyö ei kuulu etsivälle nuorisotyölle.",
            "return-better_service": world.substance_service.pk,
        },
    )
    assert "Lähete palautettu paremman osoitteen kera." in page
    # then the doctor sees the better address on the client page, and the hand-off counted
    page = text_of(doctor.get(client_page))
    assert f"palautettu {finnish_day()}: parempi osoite {world.substance_service.name_fi}" in page
    assert "Hylättyjä tai palautettuja lähetteitä (siirtoja luukulta luukulle): 1" in page
    # when he sends a new referral there, and the substance-abuse worker accepts it
    post_ok(
        doctor,
        reverse("referrals:create", args=[case.pk]),
        {
            "kind": "referral",
            "service": world.substance_service.pk,
            "situation": "Lääkitsee kipuja alkoholilla.",
            "question": "Päihdetyön tuki.",
            "urgency": "routine",
            "categories": ["health"],
            "purpose": "information_exchange",
            "send": "1",
        },
    )
    second = Referral.objects.exclude(pk=first.pk).get(case=case)
    worker = logged_in(world.substance_worker)
    post_ok(worker, reverse("referrals:receive", args=[second.pk]), {"version": second.version})
    second.refresh_from_db()
    page = post_ok(
        worker, reverse("referrals:accept", args=[second.pk]), {"version": second.version}
    )
    assert "Lähete hyväksytty" in page
    # then one hand-off is counted: the returned referral, not the one accepted
    assert handoff_count(case) == 1
    # when the network plans with Moona present: the case moves to yhteinen suunnitelma
    case.refresh_from_db()
    post_ok(
        http,
        reverse("cases:phase", args=[case.pk]),
        {
            "to": "joint_plan",
            "reason": "Monialainen neuvonpito, Moona mukana.",
            "version": case.version,
        },
    )
    # (the plan the doctor's outcomes started: its actions are there, the network adds to it)
    plan = Plan.objects.get(case=case)
    assert "Verkostotyön käynnistäminen" in text_of(
        http.get(reverse("plans:detail", args=[case.pk]))
    )
    existing = list(plan.actions.order_by("position", "pk"))
    form = plan_form(
        plan.version,
        client_goal="Haluan auttaa muita ja päästä töihin.",
        mode="group_work",
        goal="TYP-asiakkuus alkaa",
        action={
            "text": "Monialainen työllistymissuunnitelma TYP:ssä",
            "responsible": "professional",
            "responsible_user": world.te_worker.pk,
        },
    )
    # the edit form sends the plan's existing actions first, as they are, then the new row
    new_row = {k: v for k, v in form.items() if k.startswith("actions-0-")}
    for key in new_row:
        del form[key]
    for n, a in enumerate(existing):
        form |= {
            f"actions-{n}-id": a.pk,
            f"actions-{n}-text": a.text,
            f"actions-{n}-responsible": a.responsible,
            f"actions-{n}-responsible_user": a.responsible_user_id or "",
            f"actions-{n}-service_type": a.service_type_id or "",
            f"actions-{n}-starts_on": finnish_day(a.starts_on) if a.starts_on else "",
            f"actions-{n}-status": a.status,
            f"actions-{n}-visible_to_client": "on",
        }
    form |= {k.replace("actions-0-", f"actions-{len(existing)}-"): v for k, v in new_row.items()}
    form |= {"actions-TOTAL_FORMS": len(existing) + 1, "actions-INITIAL_FORMS": len(existing)}
    page = post_ok(http, reverse("plans:edit", args=[case.pk]), form)
    # then the plan shows the group work, the goal and the TE worker's action
    assert "Suunnitelma tallennettu uutena versiona." in page
    assert "ryhmätyö, asiakas mukana" in page
    assert "TYP-asiakkuus alkaa" in page
    assert "Monialainen työllistymissuunnitelma TYP:ssä" in page
    assert "Tiina Työllisyys" in page
    assert "Sairauspäivärahan hakeminen Kelasta lääkärintodistuksella" in page
    assert "Verkostotyön käynnistäminen" in page
