"""End-to-end: a real headless Chromium logs in, opens a client page, passes axe (no serious or
critical violations) and reveals the henkilötunnus through htmx — which lands in the log."""

import pytest

from tukiverkko.accounts.models import Role, User
from tukiverkko.audit.models import AccessLogEntry
from tukiverkko.cases import actions
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import a_case_in_phase, an_organisation
from tukiverkko.core.tests.browser import serious_violations


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_client_page_in_a_real_browser(live_server, browser):
    # given a coordinator with a client, a network and a journal entry
    user = User.objects.create_user(
        username="e2e",
        password="e2e-salasana-123",
        role=Role.WORK_ABILITY_COORDINATOR,
        organisation=an_organisation(),
        first_name="Eeva",
        last_name="Testaaja",
    )
    case = a_case_in_phase(Phase.JOINT_PLAN, user, first="Selain", last="Asiakas")
    actions.add_journal_entry(case=case, by=user, category="employment", text="Työkokeilu sovittu.")
    code = case.client.henkilotunnus
    context = browser.new_context()
    page = context.new_page()
    # when they log in and open the client page
    page.goto(f"{live_server.url}/tili/kirjaudu/")
    page.fill("input[name=username]", "e2e")
    page.fill("input[name=password]", "e2e-salasana-123")
    page.click("form:has(input[name=username]) button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/asiakkaat/{case.client_id}/")
    # then the page is accessible and shows the masked code only
    violations = serious_violations(page)
    masked = page.inner_text("#hetu")
    page.click("#hetu button")
    page.wait_for_selector(f"#hetu:has-text('{code}')")
    revealed = page.inner_text("#hetu")
    context.close()
    assert violations == []
    assert code not in masked and code[:7] in masked
    assert code in revealed
    assert (
        AccessLogEntry.objects.filter(user=user, what="henkilotunnus_reveal", allowed=True).count()
        == 1
    )
