"""Property-based run of the client-data API against its own OpenAPI document, in-process.

Schemathesis generates requests for the client-data routers from /api/v1/openapi.json and sends
them straight to the WSGI application as a logged-in professional (a session cookie and a CSRF
token, as a browser would) — and for the integration routers with an integration token of the
case's organisation (``Authorization: Bearer``, every scope). The path ids are the ids of a real case and its rows, so the
generated bodies reach the actions, not only the 404. Every response must be no 5xx and must
conform to the documented status codes, content types and schemas. A schema-valid request the
domain refuses (an unknown instrument, a step out of order) is a documented 400 problem, not a
failure: the rules are the actions', not the schema's. Bounded and derandomised.
"""

from __future__ import annotations

from importlib import import_module

import pytest
import schemathesis
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

from tukiverkko.access.actions import create_api_token
from tukiverkko.access.models import Scope
from tukiverkko.accounts.actors import SystemActor
from tukiverkko.accounts.models import Role
from tukiverkko.assessments import actions as assessment_actions
from tukiverkko.assessments.tests.factories import a_health_case
from tukiverkko.cases.models import Case
from tukiverkko.cases.tests.factories import a_professional, a_unit
from tukiverkko.followup.models import Task
from tukiverkko.ips import actions as ips_actions
from tukiverkko.plans.tests.factories import a_plan_with_goals
from tukiverkko.wsgi import application

# The client-data routers built for the client path (each app's OpenAPI tag); the referrals'
# and the catalogue's have their own runs (referrals/, catalogue/tests/test_api_schemathesis.py).
TAGS = (
    "assessments", "plans", "teams", "followup", "ips", "ips-fidelity", "ips-outcomes",
    "ips-reference", "clients", "consent", "audit",
)  # fmt: skip

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    tag_regex="^(" + "|".join(TAGS) + ")$"
)
# Valid requests only, as the logged-in professional: who gets in at all is the authorisation
# matrix's (access/tests/test_authorisation_matrix.py: 401 for the anonymous on every route).
schema.config.generation.update(modes=[GenerationMode.POSITIVE])

CSRF = "k" * 32  # a CSRF secret: the cookie and the header carry the same one


def _team_rows(case, nurse):
    """A team of the nurse's organisation (she coordinates it; no other register in it) meeting
    now, with the case on its agenda."""
    import datetime as dt

    from django.utils import timezone

    from tukiverkko.accounts.models import Role
    from tukiverkko.cases.tests.factories import a_professional
    from tukiverkko.teams import actions as team_actions

    lead = a_professional("tiimin-perustaja", unit=nurse.unit, role=Role.WORK_ABILITY_COORDINATOR)
    team = team_actions.create_team(
        by=lead,
        name="Tiimi",
        kind="work_ability",
        organisation=nurse.organisation,
        region=nurse.organisation.region,
    )
    team_actions.add_member(
        team=team,
        by=lead,
        role=nurse.role,
        organisation=nurse.organisation,
        user=nurse,
        coordinating=True,
    )
    meeting = team_actions.schedule_meeting(
        team=team,
        by=nurse,
        starts_at=timezone.now() - dt.timedelta(minutes=5),
        duration_minutes=120,
        mode="virtual",
    )
    item = team_actions.add_to_agenda(
        meeting=meeting,
        case=case,
        by=nurse,
        question="x",
        categories=["health"],
        purpose="planning_without_client",
    )
    return team, meeting, item


@pytest.fixture
def world(db):
    """A health-care case with a health check, a plan and a task, and its nurse's session."""
    case, nurse = a_health_case()
    check = assessment_actions.open_health_check(case=case, by=nurse, identified_by="client")
    plan = a_plan_with_goals(case, by=nurse)  # the plans router's rows: a plan with a goal
    team, meeting, item = _team_rows(case, nurse)  # the teams router's: the case on an agenda
    task = Task.objects.create(  # the followup router's row: the nurse's task about the client
        kind="plan_review",
        key=f"plan:{plan.pk}",
        source="tukiverkko.plans.due.plan_reviews",
        owner=nurse,
        due=plan.next_review_on,
        title="Suunnitelman arviointi erääntyy",
        url=f"/asiakkaat/asiakkuus/{case.pk}/suunnitelma/",
        client=case.client,
    )
    # The ips router's rows: an open IPS period (its decision by a social worker, its coach).
    county = case.organisation
    social_worker = a_professional(role=Role.SOCIAL_WORKER, unit=a_unit(county, "social_care"))
    ips_actions.record_decision(
        case=case, by=social_worker, reference="x", decided_on=timezone.localdate()
    )
    coach = a_professional(role=Role.JOB_COACH, org=county)
    ips_actions.start_period(case=case, by=social_worker, coach=coach)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(nurse.pk)
    store[BACKEND_SESSION_KEY] = next(
        b for b in settings.AUTHENTICATION_BACKENDS if "axes" not in b
    )
    store[HASH_SESSION_KEY] = nurse.get_session_auth_hash()
    store.save()
    ids = {
        "case_id": case.pk,
        "client_id": case.client_id,
        "check_id": check.pk,
        "goal_id": plan.goals.get().pk,
        "team_id": team.pk,
        "meeting_id": meeting.pk,
        "item_id": item.pk,
        "task_id": task.pk,
    }
    cookies = {settings.SESSION_COOKIE_NAME: store.session_key, settings.CSRF_COOKIE_NAME: CSRF}
    return ids, cookies


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_client_api_conforms_to_its_openapi(case, world, keep_test_connection):
    ids, cookies = world
    for name in list(case.path_parameters or {}):
        if name in ids:
            case.path_parameters[name] = ids[name]
    case.call_and_validate(
        cookies=cookies,
        headers={"X-CSRFToken": CSRF},
        excluded_checks=[ignored_auth, positive_data_acceptance],
    )


integration = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    tag="integration"
)
integration.config.generation.update(modes=[GenerationMode.POSITIVE])


@pytest.mark.django_db
@integration.parametrize()
@hypothesis_settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_integration_api_conforms_to_its_openapi(case, world, keep_test_connection):
    # given the world's case and a token of its organisation with every scope
    ids, _cookies = world
    owner = Case.objects.get(pk=ids["case_id"]).organisation
    _token, secret = create_api_token(
        by=SystemActor("schemathesis"), organisation=owner, system="x", scopes=Scope.values
    )
    for name in list(case.path_parameters or {}):
        if name in ids:
            case.path_parameters[name] = ids[name]
    # then every answer is documented, conforms to its schema, and is never a 5xx
    case.call_and_validate(
        headers={"Authorization": f"Bearer {secret}"},
        excluded_checks=[ignored_auth, positive_data_acceptance],
    )


public = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    tag_regex="^(screening|rules)$"
)
public.config.generation.update(modes=[GenerationMode.POSITIVE])


@pytest.mark.django_db
@public.parametrize()
@hypothesis_settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_public_api_conforms_to_its_openapi(case, keep_test_connection):
    # the instruments and the rules, open to anyone: every answer documented and never a 5xx
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
