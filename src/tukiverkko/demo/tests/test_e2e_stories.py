"""The seed stories (seed 002) end to end in a real headless Chromium, as the professionals
walk them: by the pages' links, labels and buttons, checking what each page says. The same
stories without a browser (and on PostgreSQL) are test_stories_http.

Maija: the sickness allowance ends → vocational rehabilitation checked first (the checker) →
the plan, agreed → the referral to Kela's vocational rehabilitation, accepted.
Moona: the nurse's broad health check → the doctor's check → network work with her TE services
→ the plan; on the way a referral sent to the wrong address is returned with the better one,
and the doctor sends a new one there (counted in the hand-off figure).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tukiverkko.assessments.models import HealthCheckStep
from tukiverkko.cases.models import Phase
from tukiverkko.consent.models import InfoCategory
from tukiverkko.core.tests.browser import logged_in, serious_violations
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
from tukiverkko.referrals.models import Referral, Status
from tukiverkko.referrals.selectors import handoff_count

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def group(page: Page, legend: str) -> Locator:
    """A fieldset by its legend."""
    return page.get_by_role("group", name=legend, exact=True)


def open_form(page: Page, legend: str) -> Locator:
    """An action form of the client page, opened: it is loaded when its <details> opens
    (decision 0337); the fieldset by its legend, once it is there."""
    page.locator("details.case-form > summary", has_text=legend).click()
    form = group(page, legend)
    expect(form).to_be_visible()
    return form


def main(page: Page) -> Locator:
    return page.locator("main")


def as_user(browser: Browser, url: str, user) -> Page:
    return logged_in(browser, url, user).new_page()


def write_plan(page: Page, *, client_goal: str, mode: str, goal: str, action: str) -> None:
    """The edit form's plan fields, one new goal and one new action (the responsible is set by
    the caller)."""
    plan = group(page, "Suunnitelma")
    plan.get_by_label("Asiakkaan oma tavoite, asiakkaan omin sanoin").fill(client_goal)
    plan.get_by_label("Suunnittelutapa").select_option(mode)
    plan.get_by_label("Seuraava arviointi", exact=False).fill(finnish_day(in_three_months()))
    group(page, "Uusi tavoite").get_by_label("Tavoite", exact=True).fill(goal)
    group(page, "Uusi toimenpide").get_by_label("Toimenpide", exact=True).fill(action)
    # The empty row for another plan is left as it is: untouched, it is not saved.


def send_referral(page: Page, service_pk: int, situation: str, question: str) -> None:
    """The referral form on the case: a catalogue service, the content, the health category."""
    page.get_by_label("Palvelu (palveluhakemistosta)").select_option(str(service_pk))
    page.get_by_label("Asiakkaan tilanne lyhyesti").fill(situation)
    page.get_by_label("Mitä halutaan selvitettävän").fill(question)
    group(page, "Luovutettavat tietoryhmät").get_by_label(str(InfoCategory.HEALTH.label)).check()
    page.get_by_role("button", name="Lähetä", exact=True).click()


def open_from_inbox(page: Page, url: str) -> None:
    page.goto(f"{url}/lahetteet/")
    page.get_by_role("table", name="Saapuneet lähetteet").get_by_role("link").first.click()


def test_maija_from_the_sickness_allowance_to_the_referral_to_kela(live_server, browser):
    # given Maija's case with the county's nurse, and Kela's vocational rehabilitation
    world = maija_world()
    case, url = world.case, live_server.url
    page = as_user(browser, url, world.nurse)
    client_page = f"{url}/asiakkaat/{case.client_id}/"
    # when the nurse records that the sickness allowance is ending and the pension was refused
    page.goto(client_page)
    journal = open_form(page, "Uusi kirjaus")
    journal.get_by_label("Tietoryhmä").select_option("health")
    journal.get_by_label("Kirjaus", exact=True).fill(SICKNESS_ALLOWANCE_ENDS)
    journal.get_by_role("button", name="Tallenna kirjaus").click()
    expect(main(page)).to_contain_text(SICKNESS_ALLOWANCE_ENDS)
    # and checks her situation on the checker
    page.goto(f"{url}/tyokykymittari/tarkistin/")
    page.get_by_label("Ikä:", exact=True).fill(MAIJA_SITUATION["age"])
    page.get_by_label("Työmarkkina-asema").select_option(MAIJA_SITUATION["employment_status"])
    page.locator("#id_has_occupational_health_care_2").check()  # ei
    page.locator("#id_work_disability_threat_1").check()  # kyllä
    page.get_by_label("Kuntoutustarpeen syy").select_option("illness_or_injury")
    page.get_by_label("Vuosia omassa ammatissa").fill(MAIJA_SITUATION["years_in_profession"])
    page.get_by_label("Työansiot viideltä vuodelta (€)").fill(
        MAIJA_SITUATION["earnings_last_5_years_eur"]
    )
    page.get_by_label("Työkyky alentunut (kk)").fill(
        MAIJA_SITUATION["work_capacity_reduced_months"]
    )
    page.locator(".tkm-form button[type=submit]").click()
    # then vocational rehabilitation is checked first: it is open to her, Kela organises it,
    # and the disability pension waits for it
    result = page.locator("#tkm-result")
    expect(result).to_contain_text("Järjestäjä: Kela")
    expect(result).to_contain_text("Ammatillinen kuntoutus: täyttyy")
    expect(result).to_contain_text(
        "Järjestettävä: Ammatillisen kuntoutuksen mahdollisuus selvitetään ensin"
    )
    services = result.locator("article.tkm-service h3").all_inner_texts()
    names = [s.split(":")[0] for s in services]
    assert names.index("Ammatillinen kuntoutus") < names.index("Työkyvyttömyyseläke")
    # when the nurse starts the plan from the client page and writes it with Maija
    page.goto(client_page)
    page.get_by_role("link", name="Avaa suunnitelma").click()
    page.get_by_role("button", name="Aloita suunnitelma").click()
    expect(main(page)).to_contain_text("Suunnitelma aloitettu.")
    write_plan(
        page,
        client_goal=MAIJA_GOAL,
        mode="division_of_work",
        goal="Ammatillisen kuntoutuksen suunta selvillä",
        action=MAIJA_ACTION,
    )
    new_action = group(page, "Uusi toimenpide")
    new_action.get_by_label("Palvelu (yleiskuvaus)").select_option(
        str(world.kela_service.service_type_id)
    )
    new_action.get_by_label("Kuka vastaa").select_option("client")
    page.get_by_role("button", name="Tallenna uutena versiona").click()
    expect(main(page)).to_contain_text("Suunnitelma tallennettu uutena versiona.")
    expect(main(page)).to_contain_text(MAIJA_GOAL)
    expect(main(page)).to_contain_text(MAIJA_ACTION)
    # and agrees the follow-up (quick guide step 7) on the client page, then the plan
    page.goto(client_page)
    checklist = open_form(page, "Merkitse kohta tehdyksi")
    checklist.get_by_label("Kohta", exact=True).select_option("7")
    checklist.get_by_label("Seurannasta vastaa (kohta 7)").select_option(str(world.nurse.pk))
    checklist.get_by_role("button", name="Merkitse").click()
    page.get_by_role("link", name="Avaa suunnitelma").click()
    page.get_by_role("button", name="Merkitse suunnitelma sovituksi").click()
    # then the plan is agreed and the case is in toteutus
    expect(main(page)).to_contain_text("Suunnitelma sovittu; asiakkuus siirtyi toteutukseen.")
    case.refresh_from_db()
    assert case.phase == Phase.IMPLEMENTATION
    # when she refers Maija to Kela's vocational rehabilitation from the client page
    page.goto(client_page)
    page.get_by_role("link", name="Uusi lähete tai konsultaatio").click()
    assert serious_violations(page) == []
    send_referral(
        page,
        world.kela_service.pk,
        "Masennus ja ahdistuneisuus, vuoden sairausloma; " + SICKNESS_ALLOWANCE_ENDS,
        "Ammatillisen kuntoutuksen edellytykset ja uudelleenkoulutus.",
    )
    # then it is sent, and "where is it now?" says so on one line
    expect(main(page)).to_contain_text("Lähete lähetetty.")
    expect(page.locator(".where")).to_contain_text(
        f"Lähetetty {finnish_day()} vastaanottajalle {world.kela_service.name_fi}; "
        "odottaa vastaanottoa."
    )
    # when Kela's expert finds it in the inbox, receives and accepts it
    kela = as_user(browser, url, world.kela_worker)
    open_from_inbox(kela, url)
    kela.get_by_role("button", name="Merkitse vastaanotetuksi").click()
    expect(main(kela)).to_contain_text("Lähete vastaanotettu.")
    kela.get_by_role("button", name="Hyväksy").click()
    expect(main(kela)).to_contain_text(
        "Lähete hyväksytty; näet asiakkaan tiedot, kunnes lähete on valmis."
    )
    # then the nurse sees where it is now on the client page
    page.goto(client_page)
    expect(main(page)).to_contain_text(
        f"vastaanotettu {finnish_day()}; hyväksytty {finnish_day()}, odottaa aloitusta."
    )
    assert Referral.objects.get(case=case).status == Status.ACCEPTED


def test_moona_health_check_network_work_and_plan_with_a_redirected_referral(live_server, browser):
    # given Moona's case with the county's nurse and doctor, and the services around her
    world = moona_world()
    case, url = world.case, live_server.url
    page = as_user(browser, url, world.nurse)
    client_page = f"{url}/asiakkaat/{case.client_id}/"
    # when the nurse records the need for a health check that the TE services identified
    page.goto(client_page)
    page.get_by_role("link", name="Kirjaa terveystarkastuksen tarve").click()
    page.get_by_label("työllisyysviranomainen").check()
    page.get_by_label("Lähettävä organisaatio (palautetta varten)").select_option(str(world.te.pk))
    page.get_by_label("Esitiedot (esitietolomakkeelta)").fill(
        "Kampaajaopinnot keskeytyneet; paljon kipuja."
    )
    page.get_by_role("button", name="Kirjaa tarve").click()
    expect(main(page)).to_contain_text("Terveystarkastuksen tarve kirjattu.")
    check_url = page.url
    # and her broad check finds the need for a closer assessment
    nurse_check = group(page, "Terveydenhoitajan laaja terveystarkastus")
    nurse_check.get_by_label("Tarkastuspäivä (p.k.vvvv)").fill(finnish_day())
    nurse_check.get_by_label("Yhteenveto:", exact=False).fill(
        "Paljon kipuja, lääkitsee itseään alkoholilla."
    )
    nurse_check.get_by_label("Systemaattinen mielenterveys- ja päihdearvio tehty").check()
    nurse_check.get_by_label("Kyllä: lääkärin tarkastukseen").check()
    nurse_check.get_by_role("button", name="Tallenna").click()
    expect(main(page)).to_contain_text("Tallennettu.")
    # when the doctor records the check: sickness allowance, treatment, network work and a
    # multi-professional meeting
    doctor = as_user(browser, url, world.doctor)
    doctor.goto(check_url)
    doctor_check = group(doctor, "Lääkärin tarkastus")
    doctor_check.get_by_label("Tarkastuspäivä (p.k.vvvv)").fill(finnish_day())
    doctor_check.get_by_label("Terveyden kartoitus ja arvio työ- ja toimintakyvystä").fill(
        "Fibromyalgia; ei työkykyinen tällä hetkellä."
    )
    doctor_check.get_by_label("Arvio jäljellä olevasta työkyvystä").fill(
        "Kouluttautuminen mahdollista hoidon jälkeen."
    )
    for outcome in (
        "sairauspäiväraha",
        "sairauksien hoito",
        "verkostotyön käynnistäminen",
        "monialainen neuvonpito",
    ):
        doctor_check.get_by_label(outcome, exact=True).check()
    doctor_check.get_by_role("button", name="Tallenna").click()
    # then the check is done with its outcomes, and they are in Moona's plan as its actions
    expect(main(doctor)).to_contain_text(
        "sairauspäiväraha, sairauksien hoito, verkostotyön käynnistäminen, monialainen neuvonpito"
    )
    expect(main(doctor)).to_contain_text("Tulosten toimenpiteet, suunnitelman versio 2")
    assert case.health_checks.get().step == HealthCheckStep.DOCTOR_CHECKED
    # when the nurse starts the network work: Moona's TE services join her network
    page.goto(client_page)
    network = open_form(page, "Lisää verkostoon")
    network.get_by_label("Organisaatio", exact=True).select_option(str(world.te.pk))
    network.get_by_label("Ammattilainen (valinnainen)").select_option(str(world.te_worker.pk))
    network.get_by_label("Rooli verkostossa").fill("TYP-omavalmentaja")
    network.get_by_role("button", name="Lisää").click()
    expect(main(page)).to_contain_text("TYP-omavalmentaja")
    # and the doctor refers her to what he takes for substance-abuse work: the town's
    # outreach youth work (the wrong address)
    doctor.goto(client_page)
    doctor.get_by_role("link", name="Uusi lähete tai konsultaatio").click()
    send_referral(
        doctor, world.wrong_service.pk, "Lääkitsee kipuja alkoholilla.", "Päihdetyön tuki."
    )
    expect(main(doctor)).to_contain_text("Lähete lähetetty.")
    # when the town's youth worker receives it and returns it with the better address
    town = as_user(browser, url, world.youth_worker)
    open_from_inbox(town, url)
    town.get_by_role("button", name="Merkitse vastaanotetuksi").click()
    back = group(town, "Palauta: väärä osoite")
    back.get_by_label("Perustelu").fill("Päihdetyö ei kuulu etsivälle nuorisotyölle.")
    back.get_by_label("Parempi osoite: palvelu").select_option(str(world.substance_service.pk))
    back.get_by_role("button", name="Palauta").click()
    expect(main(town)).to_contain_text("Lähete palautettu paremman osoitteen kera.")
    # then the doctor sees the better address on the client page, and the hand-off counted
    doctor.goto(client_page)
    expect(main(doctor)).to_contain_text(
        f"palautettu {finnish_day()}: parempi osoite {world.substance_service.name_fi}"
    )
    expect(main(doctor)).to_contain_text(
        "Hylättyjä tai palautettuja lähetteitä (siirtoja luukulta luukulle): 1"
    )
    # when he sends a new referral there, and the substance-abuse worker accepts it
    doctor.get_by_role("link", name="Uusi lähete tai konsultaatio").click()
    send_referral(
        doctor, world.substance_service.pk, "Lääkitsee kipuja alkoholilla.", "Päihdetyön tuki."
    )
    expect(main(doctor)).to_contain_text("Lähete lähetetty.")
    worker = as_user(browser, url, world.substance_worker)
    open_from_inbox(worker, url)
    worker.get_by_role("button", name="Merkitse vastaanotetuksi").click()
    worker.get_by_role("button", name="Hyväksy").click()
    expect(main(worker)).to_contain_text("Lähete hyväksytty")
    # then one hand-off is counted: the returned referral, not the one accepted
    assert handoff_count(case) == 1
    # when the network plans with Moona present: the case moves to yhteinen suunnitelma
    page.goto(client_page)
    phase = open_form(page, "Vaihda vaihetta")
    phase.get_by_label("Uusi vaihe").select_option("joint_plan")
    phase.get_by_label("Perustelu").fill("Monialainen neuvonpito, Moona mukana.")
    phase.get_by_role("button", name="Vaihda vaihe").click()
    # (the plan the doctor's outcomes started: its actions are there, the network adds to it)
    page.get_by_role("link", name="Avaa suunnitelma").click()
    expect(main(page)).to_contain_text("Verkostotyön käynnistäminen")
    page.get_by_role("link", name="Muokkaa suunnitelmaa").click()
    write_plan(
        page,
        client_goal="Haluan auttaa muita ja päästä töihin.",
        mode="group_work",
        goal="TYP-asiakkuus alkaa",
        action="Monialainen työllistymissuunnitelma TYP:ssä",
    )
    new_action = group(page, "Uusi toimenpide")
    new_action.get_by_label("Kuka vastaa").select_option("professional")
    new_action.get_by_label("Vastuussa oleva ammattilainen").select_option(str(world.te_worker.pk))
    page.get_by_role("button", name="Tallenna uutena versiona").click()
    # then the plan shows the group work, the goal and the TE worker's action
    expect(main(page)).to_contain_text("Suunnitelma tallennettu uutena versiona.")
    for text in (
        "ryhmätyö, asiakas mukana",
        "TYP-asiakkuus alkaa",
        "Monialainen työllistymissuunnitelma TYP:ssä",
        "Tiina Työllisyys",
        "Sairauspäivärahan hakeminen Kelasta lääkärintodistuksella",
        "Verkostotyön käynnistäminen",
    ):
        expect(main(page)).to_contain_text(text)
    assert serious_violations(page) == []
