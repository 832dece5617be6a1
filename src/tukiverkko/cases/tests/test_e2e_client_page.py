"""End-to-end: a real headless Chromium logs in, opens a client page, passes axe (no serious or
critical violations) and reveals the henkilötunnus through htmx — which lands in the log; opens
an action form, loaded on demand (decision 0337), and saves it; and without JavaScript the
form's link leads to a page with the form, whose refusal and save work as before."""

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
    # when they open the journal form: it loads into its <details>, focus on its first field
    assert page.locator("#journal-form select[name=category]").count() == 0
    page.click("#journal-form > summary")
    page.wait_for_selector("#journal-form select[name=category]")
    focused = page.evaluate("document.activeElement.name")
    open_violations = serious_violations(page)
    page.select_option("#journal-form select[name=category]", "health")
    page.fill("#journal-form textarea[name=text]", "Lomake ladattiin avattaessa.")
    page.click("#journal-form button[type=submit]")
    page.wait_for_selector("main:has-text('Lomake ladattiin avattaessa.')")
    context.close()
    assert violations == [] and open_violations == []
    assert focused == "category"
    assert code not in masked and code[:7] in masked
    assert code in revealed
    assert (
        AccessLogEntry.objects.filter(user=user, what="henkilotunnus_reveal", allowed=True).count()
        == 1
    )
    assert AccessLogEntry.objects.filter(user=user, what="case_journal_form").count() == 1


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_action_forms_without_javascript(live_server, browser):
    # given a coordinator with a client, in a browser with JavaScript off
    user = User.objects.create_user(
        username="e2e-nojs",
        password="e2e-salasana-123",
        role=Role.WORK_ABILITY_COORDINATOR,
        organisation=an_organisation(),
    )
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, user, first="Ilman", last="Skriptiä")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/tili/kirjaudu/")
    page.fill("input[name=username]", "e2e-nojs")
    page.fill("input[name=password]", "e2e-salasana-123")
    page.click("form:has(input[name=username]) button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/asiakkaat/{case.client_id}/")
    # when they open the phase form's <details> and follow its link
    page.click("#phase-form > summary")
    page.click("#phase-form a")
    page.wait_for_selector("h1:has-text('Vaihda vaihetta')")
    form_page = page.url
    # and send a bad date: the client page tells what is wrong, in Finnish, at the field
    page.select_option("select[name=to]", "closed")
    page.select_option("select[name=outcome]", "studies")
    page.fill("input[name=closed_on]", "31.2.2025")
    page.click("main form[method=post] fieldset button[type=submit]")
    error = page.inner_text("#id_closed_on-errors")
    reopened = page.get_attribute("#phase-form", "open")
    # and then a good change
    page.select_option("#phase-form select[name=to]", "joint_plan")
    page.fill("#phase-form input[name=closed_on]", "")
    page.select_option("#phase-form select[name=outcome]", "")
    page.click("#phase-form button[type=submit]")
    page.wait_for_selector("main:has-text('Tallennettu.')")
    context.close()
    # (axe-core is a script: the form page is checked in a browser that runs it)
    checker = browser.new_context()
    checked = checker.new_page()
    checked.goto(f"{live_server.url}/tili/kirjaudu/")
    checked.fill("input[name=username]", "e2e-nojs")
    checked.fill("input[name=password]", "e2e-salasana-123")
    checked.click("form:has(input[name=username]) button[type=submit]")
    checked.wait_for_load_state()
    checked.goto(form_page)
    form_violations = serious_violations(checked)
    checker.close()
    # then each step worked without a script
    assert form_page.endswith(f"/asiakkaat/asiakkuus/{case.pk}/vaihe/lomake/")
    assert form_violations == []
    assert "p.k.vvvv" in error
    assert reopened is not None
    case.refresh_from_db()
    assert case.phase == Phase.JOINT_PLAN
