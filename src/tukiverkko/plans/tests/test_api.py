"""/api/v1/plans/: the same actions and policy as the pages — GET the plan, its versions and a
diff; POST to start it, PUT to save it (409 on a stale version), POST agree."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_member,
    a_professional,
    an_organisation,
)
from tukiverkko.plans.tests.factories import a_plan_with_goals, in_a_month, ready_to_agree

pytestmark = pytest.mark.django_db


def api(user: Any) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def put(http: HttpClient, case_id: int, body: dict[str, Any]) -> Any:
    return http.put(
        f"/api/v1/plans/cases/{case_id}", json.dumps(body), content_type="application/json"
    )


def test_the_plan_of_a_case_as_the_page_shows_it():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    response = api(worker).get(f"/api/v1/plans/cases/{plan.case_id}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert (data["version"], data["client_goal"], data["hidden"]) == (2, "Pääsen töihin.", 0)
    assert [g["text"] for g in data["goals"]] == ["Työkokeilu alkaa"]
    assert [a["responsible"] for a in data["actions"]] == ["client", "professional"]


def test_an_outsider_gets_404_and_a_reader_who_may_not_steer_403():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    outsider = a_professional(org=an_organisation("muu"))
    for path in ("", "/versions", "/diff?a=1&b=2"):
        assert api(outsider).get(f"/api/v1/plans/cases/{plan.case_id}{path}").status_code == 404
    member = a_professional(org=an_organisation("kunta"))
    a_consent(
        plan.case.client, worker, organisations=[member.organisation], categories=["education"]
    )
    a_member(plan.case, member)
    http = api(member)
    assert http.get(f"/api/v1/plans/cases/{plan.case_id}").status_code == 200
    refused = put(http, plan.case_id, {"version": 2})
    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/problem+json")
    assert "Vain vastuutyöntekijä" in refused.json()["detail"]


def test_start_save_and_agree_through_the_api():
    # given a case with its follow-up agreed, and no plan
    worker = a_professional()
    plan_case = ready_to_agree(worker).case  # a plan to compare against
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    http = api(worker)
    assert http.get(f"/api/v1/plans/cases/{case.pk}").status_code == 404
    # when the plan is started, saved and agreed
    created = http.post(f"/api/v1/plans/cases/{case.pk}")
    assert created.status_code == 201 and created.json()["version"] == 1
    again = http.post(f"/api/v1/plans/cases/{case.pk}")  # one plan per case
    assert again.status_code == 409
    assert again.json()["detail"] == "Asiakkuudella on jo suunnitelma."
    body = {
        "version": 1,
        "client_goal": "Töihin keväällä",
        "next_review_on": in_a_month().isoformat(),
        "goals": [{"text": "Työkokeilu", "indicator": "sopimus"}],
        "actions": [
            {"text": "Soittaa", "responsible": "professional", "responsible_user_id": worker.pk}
        ],
        "external_plans": [{"kind": "care", "owner_organisation_id": worker.organisation_id}],
    }
    saved = put(http, case.pk, body)
    assert saved.status_code == 200, saved.content
    assert saved.json()["version"] == 2
    # then a stale save is 409 and nothing is saved
    stale = put(http, case.pk, body | {"client_goal": "toinen"})
    assert stale.status_code == 409
    assert "Toinen käyttäjä on muuttanut suunnitelmaa" in stale.json()["detail"]
    # and agreeing needs the case's follow-up (the cases action's refusal, 400)
    refused = http.post(
        f"/api/v1/plans/cases/{case.pk}/agree", {"version": 2}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "to"
    agreed = http.post(
        f"/api/v1/plans/cases/{plan_case.pk}/agree", {"version": 2}, content_type="application/json"
    )
    assert agreed.status_code == 200 and agreed.json()["agreed_by_id"] == worker.pk
    plan_case.refresh_from_db()
    assert plan_case.phase == Phase.IMPLEMENTATION


def test_a_rule_broken_names_the_field_in_finnish():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    response = put(
        api(worker),
        plan.case_id,
        {
            "version": 2,
            "mode": "mediated",
            "actions": [{"text": "x", "responsible": "organisation"}],
        },
    )
    assert response.status_code == 400
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors["actions-0-responsible_organisation"] == "Valitse vastuussa oleva organisaatio."
    assert errors["mediated_consent_on"].startswith("Välittynyt suunnittelu ilman asiakasta")


def test_an_unknown_id_in_the_body_is_a_field_error():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    response = put(
        api(worker),
        plan.case_id,
        {
            "version": 2,
            "companion_user_id": 10**9,
            "actions": [{"text": "x", "service_type_id": 10**9}],
            "external_plans": [{"kind": "care", "owner_organisation_id": 10**9}],
        },
    )
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {
        "companion_user_id",
        "actions-0-service_type",
        "external_plans-0-owner_organisation",
    }


def test_versions_and_the_diff():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    http = api(worker)
    versions = http.get(f"/api/v1/plans/cases/{plan.case_id}/versions").json()
    assert [(v["number"], v["change"]) for v in versions] == [(2, "save"), (1, "create")]
    diff = http.get(f"/api/v1/plans/cases/{plan.case_id}/diff?a=2&b=1").json()
    assert (diff["older"], diff["newer"], diff["hidden"]) == (1, 2, 0)
    added = [c for c in diff["changes"] if c["kind"] == "added"]
    assert {c["section"] for c in added} == {"goals", "actions"}
    assert added[0]["by"] == [str(worker)]
    changed = next(c for c in diff["changes"] if c["section"] == "plan")
    assert changed["fields"][0]["name"] == "next_review_on"
    assert http.get(f"/api/v1/plans/cases/{plan.case_id}/diff?a=1&b=9").status_code == 404
    assert http.get(f"/api/v1/plans/cases/{plan.case_id}/diff?a=0&b=1").status_code == 422


def test_a_case_without_a_plan_has_no_versions():
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    http = api(worker)
    assert http.get(f"/api/v1/plans/cases/{case.pk}/versions").status_code == 404
    assert put(http, case.pk, {"version": 0}).status_code == 404
    assert (
        http.post(
            f"/api/v1/plans/cases/{case.pk}/agree", {"version": 0}, content_type="application/json"
        ).status_code
        == 404
    )


def test_a_goal_review_through_the_api():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    goal = plan.goals.get()
    http = api(worker)
    path = f"/api/v1/plans/cases/{plan.case_id}/goals/{goal.pk}/reviews"
    today = timezone.localdate()
    body = {"version": 2, "reviewed_on": today.isoformat(), "attainment": 1, "note": "Hyvä"}
    done = http.post(path, body, content_type="application/json")
    assert done.status_code == 201
    assert done.json()["goals"][0]["reviews"][0]["attainment"] == 1
    assert done.json()["version"] == 3
    # a stale one is 409, a day ahead 400 with its message, another plan's goal 404
    assert http.post(path, body, content_type="application/json").status_code == 409
    ahead = body | {"version": 3, "reviewed_on": (today + dt.timedelta(days=1)).isoformat()}
    refused = http.post(path, ahead, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["message"] == "Arviointipäivä ei voi olla tulevaisuudessa."
    other = f"/api/v1/plans/cases/{plan.case_id}/goals/{10**9}/reviews"
    assert http.post(other, body, content_type="application/json").status_code == 404
