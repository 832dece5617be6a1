"""The plan's pages: read, edit (goals and actions as formsets), review, agree, versions and the
diff, the printout; an outsider gets 404, a reader who may not steer 403; form errors in Finnish
beside their fields, nothing saved on an error."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tukiverkko.accounts.models import Role
from tukiverkko.audit.models import AccessLogEntry
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_member,
    a_professional,
    an_organisation,
)
from tukiverkko.plans.models import Plan, PlanVersion
from tukiverkko.plans.tests.factories import a_plan_with_goals, in_a_month, ready_to_agree

pytestmark = pytest.mark.django_db


def logged_in(user: Any) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def url(name: str, plan_or_case: Any, *args: Any) -> str:
    case_id = getattr(plan_or_case, "case_id", None) or plan_or_case.pk
    return reverse(f"plans:{name}", args=[case_id, *args])


def edit_data(plan: Plan, **over: Any) -> dict[str, Any]:
    """The edit form as the page sends it: the plan's fields, its goal and actions unchanged,
    one empty row of each kind."""
    day = f"{in_a_month():%d.%m.%Y}"
    data: dict[str, Any] = {
        "client_goal": plan.client_goal,
        "mode": plan.mode,
        "next_review_on": day,
        "version": plan.version,
        "goals-TOTAL_FORMS": 0,
        "goals-INITIAL_FORMS": 0,
        "actions-TOTAL_FORMS": 0,
        "actions-INITIAL_FORMS": 0,
        "external_plans-TOTAL_FORMS": 0,
        "external_plans-INITIAL_FORMS": 0,
    }
    for n, goal in enumerate(plan.goals.all()):
        data |= {
            f"goals-{n}-id": goal.pk,
            f"goals-{n}-text": goal.text,
            f"goals-{n}-indicator": goal.indicator,
            f"goals-{n}-status": goal.status,
            f"goals-{n}-visible_to_client": "on",
        }
        data["goals-TOTAL_FORMS"] = data["goals-INITIAL_FORMS"] = n + 1
    for n, action in enumerate(plan.actions.all()):
        data |= {
            f"actions-{n}-id": action.pk,
            f"actions-{n}-text": action.text,
            f"actions-{n}-responsible": action.responsible,
            f"actions-{n}-responsible_user": action.responsible_user_id or "",
            f"actions-{n}-status": action.status,
            f"actions-{n}-visible_to_client": "on",
        }
        data["actions-TOTAL_FORMS"] = data["actions-INITIAL_FORMS"] = n + 1
    return data | over


def test_the_client_page_has_the_plan_panel_linking_to_the_plan():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    page = logged_in(worker).get(reverse("cases:detail", args=[plan.case.client_id]))
    body = page.content.decode()
    assert 'id="plan-h">Työkyvyn tuen suunnitelma</h2>' in body
    assert f'href="{url("detail", plan)}"' in body
    assert "1 tavoite, 2 toimenpidettä." in body


def test_the_plan_page_shows_the_plan_and_the_rights_sentence_and_logs_the_read():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    page = logged_in(worker).get(url("detail", plan))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Työkokeilu alkaa" in body and "Hakee työkokeilupaikkaa" in body
    assert "Suunnitelma ei itse takaa oikeuksia eri palveluihin" in body
    assert "Merkitse suunnitelma sovituksi" in body
    assert "no-store" in page["Cache-Control"]
    assert AccessLogEntry.objects.filter(what="plan_page", allowed=True).exists()


def test_a_case_without_a_plan_offers_to_start_one():
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    http = logged_in(worker)
    assert "Aloita suunnitelma" in http.get(url("detail", case)).content.decode()
    response = http.post(url("create", case))
    assert response.status_code == 302 and response["Location"] == url("edit", case)
    assert Plan.objects.get(case=case).version == 1
    # a second start is refused with its message, nothing more made
    http.post(url("create", case))
    assert Plan.objects.filter(case=case).count() == 1
    assert "Asiakkuudella on jo suunnitelma." in http.get(url("detail", case)).content.decode()


def test_an_outsider_gets_404_and_the_refusal_is_logged():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    outsider = logged_in(a_professional(org=an_organisation("muu-kunta")))
    for name in ("detail", "edit", "versions", "diff", "print", "pdf"):
        assert outsider.get(url(name, plan)).status_code == 404, name
    assert outsider.post(url("agree", plan), {"version": plan.version}).status_code == 404
    goal = plan.goals.get()
    assert outsider.get(url("review", plan, goal.pk)).status_code == 404
    assert AccessLogEntry.objects.filter(allowed=False, what="plan_page").exists()


def test_a_network_member_of_another_organisation_reads_but_may_not_change():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    other = a_professional(org=worker.organisation, role=Role.SOCIAL_WORKER)
    # same organisation as the case: may steer; another organisation's member may not
    outsider = a_professional(org=an_organisation("kunta"))
    from tukiverkko.cases.tests.factories import a_consent

    a_consent(
        plan.case.client, worker, organisations=[outsider.organisation], categories=["education"]
    )
    a_member(plan.case, outsider)
    http = logged_in(outsider)
    assert http.get(url("detail", plan)).status_code == 200
    assert "Merkitse suunnitelma sovituksi" not in http.get(url("detail", plan)).content.decode()
    edit = http.get(url("edit", plan))
    assert edit.status_code == 403
    assert "Vain vastuutyöntekijä" in edit.content.decode()
    assert http.post(url("edit", plan), edit_data(plan)).status_code == 403
    assert logged_in(other).get(url("edit", plan)).status_code == 404  # no relationship


def test_the_edit_form_saves_goals_and_actions_as_one_version():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    data = edit_data(plan)
    data |= {
        "goals-TOTAL_FORMS": 2,
        "goals-1-text": "Oma tavoite: liikun kolmesti viikossa",
        "goals-1-status": "in_progress",
        "actions-0-DELETE": "on",
    }
    response = logged_in(worker).post(url("edit", plan), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.version == 3
    assert list(plan.goals.values_list("text", flat=True)) == [
        "Työkokeilu alkaa",
        "Oma tavoite: liikun kolmesti viikossa",
    ]
    assert list(plan.actions.values_list("text", flat=True)) == ["Soittaa työnantajalle"]


def test_the_edit_page_shows_the_form_with_its_rows():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    body = logged_in(worker).get(url("edit", plan)).content.decode()
    assert 'name="goals-0-text"' in body and 'name="goals-1-text"' in body  # one empty row
    assert "Työkokeilu alkaa" in body
    assert '<label for="id_actions-0-responsible">Kuka vastaa</label>' in body


def test_a_rule_broken_in_a_row_shows_beside_it_in_finnish_and_saves_nothing():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    data = edit_data(plan, **{"actions-0-responsible": "professional", "goals-0-text": "Uusi"})
    response = logged_in(worker).post(url("edit", plan), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert (
        'id="id_actions-0-responsible_user-errors"><li>Valitse vastuussa oleva ammattilainen.'
        in body
    )
    plan.refresh_from_db()
    assert plan.version == 2 and plan.goals.get().text == "Työkokeilu alkaa"


def test_a_review_date_too_far_ahead_is_refused_beside_its_field():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    far = timezone.localdate().replace(year=timezone.localdate().year + 1)
    data = edit_data(plan, next_review_on=f"{far:%d.%m.%Y}")
    response = logged_in(worker).post(url("edit", plan), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Suunnitelma arvioidaan vähintään kaksi kertaa vuodessa" in body
    assert 'id="id_next_review_on-errors"' in body
    assert PlanVersion.objects.filter(plan=plan).count() == 2


def test_a_bad_date_and_a_missing_text_are_form_errors_in_finnish():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    data = edit_data(plan, next_review_on="31.2.", **{"goals-0-text": ""})
    body = logged_in(worker).post(url("edit", plan), data).content.decode()
    assert "Anna päivämäärä muodossa p.k.vvvv (esim. 31.12.2025)." in body
    assert "Tämä kenttä vaaditaan." in body
    assert "Tarkista merkityt kentät." in body


def test_a_stale_edit_is_a_conflict_and_saves_nothing():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    response = logged_in(worker).post(url("edit", plan), edit_data(plan, version=1))
    assert response.status_code == 409
    assert "Toinen käyttäjä on muuttanut suunnitelmaa" in response.content.decode()


def test_an_unchanged_edit_says_so():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    data = edit_data(plan, next_review_on=f"{plan.next_review_on:%d.%m.%Y}")
    response = logged_in(worker).post(url("edit", plan), data)
    assert response.status_code == 400
    assert "Et muuttanut suunnitelmaa" in response.content.decode()


def test_a_goal_review_is_saved_and_its_errors_shown():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    goal = plan.goals.get()
    http = logged_in(worker)
    assert "Arvioi tavoite" in http.get(url("review", plan, goal.pk)).content.decode()
    bad = http.post(
        url("review", plan, goal.pk), {"reviewed_on": "1.1.2999", "attainment": 1, "version": 2}
    )
    assert bad.status_code == 400
    assert "Arviointipäivä ei voi olla tulevaisuudessa." in bad.content.decode()
    stale = http.post(
        url("review", plan, goal.pk),
        {"reviewed_on": f"{timezone.localdate():%d.%m.%Y}", "attainment": 1, "version": 1},
    )
    assert stale.status_code == 409
    ok = http.post(
        url("review", plan, goal.pk),
        {"reviewed_on": f"{timezone.localdate():%d.%m.%Y}", "attainment": -1, "version": 2},
    )
    assert ok.status_code == 302
    assert goal.reviews.get().attainment == -1
    assert http.get(url("review", plan, 10**9)).status_code == 404
    invalid = http.post(url("review", plan, goal.pk), {"version": 3})
    assert invalid.status_code == 400


def test_agreeing_moves_the_case_to_toteutus_and_a_refusal_is_shown():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)  # no follow-up agreed yet
    http = logged_in(worker)
    response = http.post(url("agree", plan), {"version": plan.version}, follow=True)
    assert (
        "Toteutukseen ei voi siirtyä ennen kuin on sovittu, kuka vastaa seurannasta"
        in response.content.decode()
    )
    ready = ready_to_agree(worker)
    http.post(url("agree", ready), {"version": ready.version})
    ready.case.refresh_from_db()
    assert ready.case.phase == Phase.IMPLEMENTATION
    bad = http.post(url("agree", ready), {"version": "x"}, follow=True)
    assert "Lataa sivu uudelleen" in bad.content.decode()


def test_the_versions_and_the_diff_pages():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    http = logged_in(worker)
    versions = http.get(url("versions", plan)).content.decode()
    assert "Versio 2: suunnitelmaa muutettu" in versions
    assert '<label for="id_a">Vertaa versiota</label>' in versions
    diff = http.get(url("diff", plan))  # the latest two by default
    body = diff.content.decode()
    assert diff.status_code == 200
    assert "Tavoite: Työkokeilu alkaa</strong> –\n  lisätty" in body
    assert str(worker) in body
    unknown = http.get(url("diff", plan), {"a": 1, "b": 7})
    assert unknown.status_code == 400
    assert 'id="id_b-errors"><li>Valitse oikea vaihtoehto.' in unknown.content.decode()


def test_the_print_view_holds_what_the_client_sees_and_the_rights_sentence():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    plan.goals.update(visible_to_client=False)
    body = logged_in(worker).get(url("print", plan)).content.decode()
    assert "Työkyvyn tuen suunnitelmasi" in body
    assert "Työkokeilu alkaa" not in body  # not flagged for the client
    assert "Hakee työkokeilupaikkaa" in body and "Vastaat itse." in body
    assert "Suunnitelma ei itse takaa oikeuksia eri palveluihin" in body
    assert f'href="{url("pdf", plan)}" download' in body


@pytest.mark.parametrize(
    ("prefix", "sentence"),
    [
        ("/sv", "Planen garanterar inte i sig rätt till olika tjänster"),
        ("/en", "The plan does not in itself guarantee rights to services"),
    ],
)
def test_the_plan_page_speaks_swedish_and_english(prefix, sentence):
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    body = logged_in(worker).get(prefix + url("detail", plan)).content.decode()
    assert sentence in body


def test_a_goal_the_reviewer_may_not_read_is_reviewed_without_its_text():
    # given a goal of the county's health care, and a social-care colleague who steers the case
    from tukiverkko.accounts.models import Register
    from tukiverkko.cases.tests.factories import a_consent, a_unit

    county = an_organisation("hyvinvointialue")
    nurse = a_professional(
        "hoitaja", unit=a_unit(county, Register.HEALTH_CARE), role=Role.UNEMPLOYED_HEALTH_NURSE
    )
    plan = a_plan_with_goals(by=nurse)
    social_unit = a_unit(county, Register.SOCIAL_CARE)
    social = a_professional("sosiaali", unit=social_unit)
    a_consent(
        plan.case.client, nurse, organisations=[], units=[social_unit], categories=["education"]
    )
    a_member(plan.case, social)
    # when the colleague opens the review form / then the text is not shown, the form is
    page = logged_in(social).get(url("review", plan, plan.goals.get().pk)).content.decode()
    assert "Tavoitteen teksti ei näy sinulle" in page
    assert "Työkokeilu alkaa" not in page


def test_untouched_new_rows_as_a_browser_sends_them_are_left_out():
    # given a plan, and its edit form sent as a browser sends it: one untouched new row of each
    # kind carrying its selects' first choices and the ticked "visible" box
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    data = edit_data(plan)
    data["client_goal"] = "Oma tavoite, tarkennettu"
    for prefix, row in (
        ("goals", {"status": "in_progress", "visible_to_client": "on"}),
        ("actions", {"responsible": "client", "status": "planned", "visible_to_client": "on"}),
        ("external_plans", {"kind": "activation"}),
    ):
        n = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
        data[f"{prefix}-TOTAL_FORMS"] = n + 1
        data.setdefault(f"{prefix}-INITIAL_FORMS", n)
        data |= {f"{prefix}-{n}-{k}": v for k, v in row.items()}
    # when it is saved
    response = logged_in(worker).post(url("edit", plan), data)
    # then it saves, and no empty row was made
    assert response.status_code == 302, response.content.decode()[:2000]
    plan.refresh_from_db()
    assert plan.client_goal == "Oma tavoite, tarkennettu"
    assert plan.goals.count() == 1
    assert not plan.external_plans.exists()
