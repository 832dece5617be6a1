"""Moona at the Rovaniemi work-ability team (seed 002) end to end in headless Chromium, as the
professionals walk it: the nurse brings her to the team from her page; the coordinator opens the
meeting from the start page and records the team's decision — the rinnallakulkija, the plan's
actions and its next review; later the reminder job gives the rinnallakulkija the review, which
she does from her start page. The HTTP twin (also on PostgreSQL) is test_story_http."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, Page, expect

from tukiverkko.core.tests.browser import logged_in, serious_violations
from tukiverkko.followup.jobs import run_reminders
from tukiverkko.followup.models import Task
from tukiverkko.plans.models import Plan
from tukiverkko.teams.tests.story import (
    ACTIONS,
    DECISIONS,
    QUESTION,
    SUMMARY,
    TEAM,
    finnish,
    moona_at_the_team,
    review_day,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def as_user(browser: Browser, url: str, user) -> Page:
    return logged_in(browser, url, user).new_page()


def test_moona_is_brought_to_the_team_which_names_her_rinnallakulkija(live_server, browser):
    story = moona_at_the_team()
    url = live_server.url
    # when the nurse brings Moona to the team from her client page
    nurse = as_user(browser, url, story.nurse)
    nurse.goto(f"{url}/asiakkaat/{story.case.client_id}/")
    nurse.get_by_role("link", name="Tuo työkyvyn tuen tiimiin").click()
    expect(nurse.locator("h1")).to_have_text("Tuo asiakas työkyvyn tuen tiimiin")
    nurse.get_by_label("Kokous").select_option(index=0)
    nurse.get_by_label("Mitä tiimiltä kysytään").fill(QUESTION)
    categories = nurse.get_by_role("group", name="Käsiteltävät tietoryhmät")
    categories.get_by_label("terveys").check()
    categories.get_by_label("työllisyys").check()
    nurse.get_by_role("button", name="Tuo esityslistalle").click()
    expect(nurse.locator("main")).to_contain_text("Asiakas tuotu tiimin esityslistalle.")
    # then the coordinator finds the meeting on her start page, with Moona on its agenda
    coordinator = as_user(browser, url, story.coordinator)
    coordinator.goto(f"{url}/tyopoyta/")
    meetings = coordinator.get_by_role("region", name="Tulevat kokoukset")
    expect(meetings).to_contain_text(TEAM)
    expect(meetings).to_contain_text("1 asiakas esityslistalla")
    meetings.get_by_role("link").first.click()
    expect(coordinator.locator("main")).to_contain_text("Kokous on käynnissä")
    assert serious_violations(coordinator) == []
    coordinator.get_by_role("link", name="Moona Nuori").click()
    # when the team records its decision
    coordinator.get_by_label("Arvion yhteenveto").fill(SUMMARY)
    coordinator.get_by_label("Päätökset").fill(DECISIONS)
    coordinator.get_by_label("Suunnitelmaan lisättävät toimenpiteet (yksi riville)").fill(
        "\n".join(ACTIONS)
    )
    coordinator.get_by_label("Rinnallakulkija (ammattilainen)").select_option(
        str(story.companion.pk)
    )
    coordinator.get_by_label("Suunnitelman seuraava arviointi").fill(finnish(review_day()))
    assert serious_violations(coordinator) == []
    coordinator.get_by_role("button", name="Tallenna käsittely").click()
    main = coordinator.locator("main")
    expect(main).to_contain_text("Tiimin käsittely kirjattu")
    expect(main).to_contain_text("Rinnallakulkija: Tiina Työllisyys")
    # then the decisions are in Moona's plan
    coordinator.get_by_role("link", name="Päätökset lisättiin työkyvyn tuen suunnitelmaan").click()
    for action in ACTIONS:
        expect(coordinator.locator("main")).to_contain_text(action)
    # when, later, the reminder job runs before the review
    run_reminders(today=review_day() - dt.timedelta(days=10))
    # then the rinnallakulkija has the review on her start page, and does it
    companion = as_user(browser, url, story.companion)
    companion.goto(f"{url}/tyopoyta/")
    tasks = companion.get_by_role("region", name="Tehtäväni (1)")
    tasks.get_by_role("link", name="Suunnitelman arviointi erääntyy").click()
    companion.get_by_role("link", name="Arvioi tavoite").first.click()
    companion.locator("input[name=attainment][value='1']").check()
    companion.get_by_label("Huomio").fill("Opinnot jatkuvat syksyllä.")
    next_one = review_day() + dt.timedelta(weeks=12)
    companion.get_by_label("Suunnitelman seuraava arviointi", exact=False).fill(finnish(next_one))
    companion.get_by_role("button", name="Tallenna arviointi").click()
    expect(companion.locator("main")).to_contain_text("Arviointi tallennettu.")
    assert Plan.objects.get(case=story.case).next_review_on == next_one
    # and the job's next run closes the task: it was done by doing the review
    run_reminders(today=review_day() - dt.timedelta(days=9))
    assert Task.objects.get(kind="plan_review").status == "done"
    companion.goto(f"{url}/tyopoyta/")
    expect(companion.get_by_role("region", name="Tehtäväni (0)")).to_contain_text(
        "Ei avoimia tehtäviä."
    )
