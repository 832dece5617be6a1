"""Integration tokens: made and revoked by the actions (typed events), used over HTTP with
``Authorization: Bearer``, refused without their scope, when revoked or expired; every read a
disclosure to the organisation's system; the command line (decisions 0370–0372)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client as HttpClient
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tukiverkko.access import actions
from tukiverkko.access.models import ApiToken, Scope, token_digest
from tukiverkko.access.own_log import disclosure_log
from tukiverkko.accounts.actors import SystemActor
from tukiverkko.assessments.tests.factories import a_health_case
from tukiverkko.audit.models import AccessLogEntry, DisclosureLogEntry, EventLogEntry
from tukiverkko.cases import actions as case_actions
from tukiverkko.cases.models import JournalEntry
from tukiverkko.cases.tests.factories import a_case_in_phase, a_professional, an_organisation
from tukiverkko.followup.models import Task
from tukiverkko.plans.tests.factories import a_plan_with_goals

pytestmark = pytest.mark.django_db
ADMIN = SystemActor("test")
PROBLEM = "application/problem+json"


def a_token(org, scopes=tuple(Scope.values), days=30, system="Potilastietojärjestelmä"):
    return actions.create_api_token(
        by=ADMIN, organisation=org, system=system, scopes=list(scopes), days=days
    )


def get(path: str, secret: str | None = None):
    headers = {"Authorization": f"Bearer {secret}"} if secret is not None else {}
    return HttpClient().get(f"/api/v1/integration/{path}", headers=headers)


@pytest.fixture
def world():
    case, nurse = a_health_case()
    token, secret = a_token(case.organisation)
    return case, nurse, token, secret


# -- the lifecycle ---------------------------------------------------------------------------


def test_a_token_is_stored_only_as_its_hash_and_its_making_is_an_event(world):
    # given a token made by the action
    case, _nurse, token, secret = world
    # then the secret is not stored: only its SHA-256 and a short prefix to tell tokens apart
    row = ApiToken.objects.get(pk=token.pk)
    assert row.digest == token_digest(secret) and secret not in row.digest
    assert secret.startswith(row.prefix) and len(row.prefix) < len(secret) // 3
    assert row.organisation == case.organisation and row.is_active
    assert row.expires_at - timezone.now() > dt.timedelta(days=29)
    # and the making is one typed event naming the token, with no client
    event = EventLogEntry.objects.get(event="api_token_create")
    assert event.ref == f"api_token:{token.pk}" and event.client_id is None
    assert event.username == "system:test"


@pytest.mark.parametrize(
    ("system", "scopes", "days", "field"),
    [
        ("  ", ["read:cases"], 30, "system"),
        ("x" * 101, ["read:cases"], 30, "system"),
        ("Järjestelmä", [], 30, "scopes"),
        ("Järjestelmä", ["read:cases", "write:everything"], 30, "scopes"),
        ("Järjestelmä", ["read:cases"], 0, "days"),
        ("Järjestelmä", ["read:cases"], 367, "days"),
    ],
)
def test_bad_input_names_its_field_and_saves_nothing(system, scopes, days, field):
    # given an organisation
    org = an_organisation()
    # when a token is asked for with one bad value
    with pytest.raises(ValidationError) as refused:
        actions.create_api_token(
            by=ADMIN, organisation=org, system=system, scopes=scopes, days=days
        )
    # then the refusal names that field, and nothing is saved or logged
    assert field in refused.value.message_dict
    assert not ApiToken.objects.exists()
    assert not EventLogEntry.objects.filter(event="api_token_create").exists()


def test_a_token_reads_its_organisations_case_and_each_read_is_a_disclosure(world):
    case, _nurse, token, secret = world
    before = AccessLogEntry.objects.count()
    # when the system reads the case with its token
    response = get(f"cases/{case.pk}", secret)
    # then it gets the case ...
    assert response.status_code == 200, response.content
    assert response.json()["id"] == case.pk and response.json()["client_id"] == case.client_id
    assert response["Cache-Control"].startswith("max-age=0")
    # ... and the read is a disclosure to the organisation's system, not a plain read
    row = DisclosureLogEntry.objects.get(what="api:case")
    assert row.client_id == case.client_id
    assert row.to_organisation_id == case.organisation_id
    assert row.from_organisation_id == case.organisation_id
    assert row.from_register == case.register
    assert row.purpose == "system_integration"
    assert row.basis == f"api_token:{token.pk}"
    assert row.username == f"system:api:{case.organisation.slug}:{token.system}:{token.pk}"
    assert AccessLogEntry.objects.count() == before


def test_a_missing_scope_is_403_in_the_problem_shape(world):
    # given a token that may read plans only
    case, _nurse, _token, _secret = world
    _t, plans_only = a_token(case.organisation, scopes=["read:plans"], system="Suunnitelmat")
    # when it asks for the case itself
    response = get(f"cases/{case.pk}", plans_only)
    # then it is refused with 403, saying which scope it lacks, and nothing is disclosed
    assert response.status_code == 403 and response["Content-Type"].startswith(PROBLEM)
    assert "read:cases" in response.json()["detail"]
    assert not DisclosureLogEntry.objects.exists()
    # and the refusal is in the access log
    assert AccessLogEntry.objects.filter(allowed=False, what__contains="403").exists()


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer tkv_wrong", "Basic dXNlcjpwdw==", "Bearer " + "tkv_" + "a" * 200],
)
def test_no_token_or_a_wrong_one_is_401_in_the_problem_shape(world, header):
    case, *_ = world
    headers = {"Authorization": header} if header is not None else {}
    # when the case is asked for without a valid token
    response = HttpClient().get(f"/api/v1/integration/cases/{case.pk}", headers=headers)
    # then 401, a problem document, nothing disclosed, the refusal logged
    assert response.status_code == 401 and response["Content-Type"].startswith(PROBLEM)
    assert response.json()["status"] == 401
    assert not DisclosureLogEntry.objects.exists()
    assert AccessLogEntry.objects.filter(allowed=False, what__contains="401").exists()


def test_a_session_does_not_open_the_integration_routes(world):
    # given the case's own nurse, logged in
    case, nurse, *_ = world
    http = HttpClient()
    http.force_login(nurse)
    # then the integration routes still want a token
    assert http.get(f"/api/v1/integration/cases/{case.pk}").status_code == 401


def test_revoking_takes_effect_at_once_and_is_an_event(world):
    case, _nurse, token, secret = world
    assert get(f"cases/{case.pk}", secret).status_code == 200
    # when the token is revoked
    actions.revoke_api_token(by=ADMIN, token=token)
    # then the very next request is refused
    assert get(f"cases/{case.pk}", secret).status_code == 401
    event = EventLogEntry.objects.get(event="api_token_revoke")
    assert event.ref == f"api_token:{token.pk}"
    # and revoking it again is refused, with no second event
    with pytest.raises(ValidationError):
        actions.revoke_api_token(by=ADMIN, token=token)
    assert EventLogEntry.objects.filter(event="api_token_revoke").count() == 1


def test_an_expired_token_is_401(world):
    case, _nurse, token, secret = world
    # given the token's expiry has passed
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    # then it opens nothing
    assert get(f"cases/{case.pk}", secret).status_code == 401
    assert not ApiToken.objects.get(pk=token.pk).is_active


# -- what a system may read ------------------------------------------------------------------


def test_another_organisations_case_is_404_and_the_refusal_logged(world):
    # given a case of another organisation
    case, _nurse, _token, secret = world
    other_nurse = a_professional(org=an_organisation("toinen-alue"), role="unemployed_health_nurse")
    other = a_case_in_phase("joint_assessment", other_nurse)
    for path in ("", "/journal", "/plan", "/referrals", "/consents"):
        # when the system asks for it (or an id that does not exist)
        response = get(f"cases/{other.pk}{path}", secret)
        missing = get(f"cases/{other.pk + 1000}{path}", secret)
        # then both answer 404 alike, and the refusal is logged against the client
        assert response.status_code == missing.status_code == 404
        assert response.json() == missing.json()
    assert (
        AccessLogEntry.objects.filter(
            allowed=False, client_id=other.client_id, purpose="system_integration"
        ).count()
        == 5
    )
    assert not DisclosureLogEntry.objects.filter(client_id=other.client_id).exists()
    # and the list holds only the organisation's own cases
    listed = get("cases?limit=200", secret).json()
    assert [c["id"] for c in listed["items"]] == [case.pk] and listed["count"] == 1


def test_the_journal_shows_only_the_cases_own_register(world):
    case, nurse, _token, secret = world
    # given an entry of the case's register and one written in another organisation
    own = case_actions.add_journal_entry(case=case, by=nurse, category="health", text="OMA")
    stranger = a_professional(org=an_organisation("kela"), role="kela_expert")
    JournalEntry.objects.create(
        case=case,
        author=stranger,
        organisation=stranger.organisation,
        register="other",
        category="benefits",
        text="VIERAS",
    )
    # when the system reads the journal
    body = get(f"cases/{case.pk}/journal", secret).json()
    # then it sees its register's entry, and the other only as a count
    assert [e["id"] for e in body["items"]] == [own.pk] and body["hidden"] == 1
    assert "VIERAS" not in str(body)
    row = DisclosureLogEntry.objects.get(what="api:journal")
    assert row.categories == ["health"]


def test_plan_referrals_consents_teams_and_tasks_read_through_the_token(world):
    case, nurse, _token, secret = world
    plan = a_plan_with_goals(case, by=nurse)
    Task.objects.create(
        kind="plan_review",
        key=f"plan:{plan.pk}",
        source="tukiverkko.plans.due.plan_reviews",
        owner=nurse,
        due=timezone.localdate(),
        title="Suunnitelman arviointi erääntyy",
        url="/",
        client=case.client,
    )
    # when the system reads each area
    body = get(f"cases/{case.pk}/plan", secret).json()
    # then the plan is the plans app's own, its register's goals shown
    assert body["id"] == plan.pk and [g["id"] for g in body["goals"]] == [
        g.pk for g in plan.goals.all()
    ]
    assert body["client_goal"] == plan.client_goal and body["hidden"] == 0
    assert get(f"cases/{case.pk}/referrals", secret).json() == []
    assert get(f"cases/{case.pk}/consents", secret).json() == []
    assert get("teams", secret).json() == []
    tasks = get("tasks", secret).json()
    assert tasks["count"] == 1 and tasks["items"][0]["client_id"] == case.client_id
    # and each read that carried client data is one disclosure row
    whats = sorted(DisclosureLogEntry.objects.values_list("what", flat=True))
    assert whats == ["api:consents", "api:plan", "api:referrals", "api:tasks"]


def test_a_case_without_a_plan_answers_an_empty_plan(world):
    case, _nurse, _token, secret = world
    body = get(f"cases/{case.pk}/plan", secret).json()
    assert body["id"] is None and body["goals"] == [] and body["client_goal"] is None


# -- the command line ------------------------------------------------------------------------


def test_the_command_makes_lists_and_revokes_a_token(capsys):
    # given an organisation
    org = an_organisation("alue")
    # when a token is made on the command line
    call_command(
        "api_token",
        "create",
        "--organisation",
        "alue",
        "--system",
        "Pegasos",
        "--scope",
        "read:cases,read:plans",
        "--scope",
        "read:tasks",
        "--days",
        "7",
    )
    out = capsys.readouterr().out
    # then it prints the secret once; only its hash is kept
    secret = next(line for line in out.splitlines() if line.startswith("tkv_"))
    token = ApiToken.objects.get(digest=token_digest(secret))
    assert token.organisation == org and token.scopes == ["read:cases", "read:plans", "read:tasks"]
    # and says until when, as a Helsinki day and time in d.m.yyyy
    until = timezone.localtime(token.expires_at)
    assert f"until {until.day}.{until.month}.{until.year} {until:%H:%M} Helsinki time" in out
    call_command("api_token", "list")
    listed = capsys.readouterr().out
    assert f"\t{until.day}.{until.month}.{until.year}\t" in listed
    assert token.prefix in listed and secret not in listed and "active" in listed
    # and revoking it takes effect
    call_command("api_token", "revoke", str(token.pk))
    assert "revoked" in capsys.readouterr().out
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    call_command("api_token", "list")
    assert "\trevoked" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (
            ["create", "--organisation", "ei-ole", "--system", "X", "--scope", "read:cases"],
            "--organisation",
        ),
        (["create", "--organisation", "alue", "--system", "X", "--scope", "write:all"], "--scope"),
        (
            [
                "create",
                "--organisation",
                "alue",
                "--system",
                "X",
                "--scope",
                "read:cases",
                "--days",
                "999",
            ],
            "--days",
        ),
        (["revoke", "424242"], "id: no token"),
        (["revoke", "0"], "id: no token"),
    ],
)
def test_bad_input_on_the_command_line_exits_2_with_a_plain_message(argv, says):
    an_organisation("alue")
    with pytest.raises(CommandError) as failed:
        call_command("api_token", *argv)
    assert failed.value.returncode == 2 and says in str(failed.value)
    assert not ApiToken.objects.exists()


def test_revoking_twice_on_the_command_line_exits_2():
    token, _secret = a_token(an_organisation("alue"))
    call_command("api_token", "revoke", str(token.pk))
    with pytest.raises(CommandError) as failed:
        call_command("api_token", "revoke", str(token.pk))
    assert failed.value.returncode == 2 and "jo peruttu" in str(failed.value)


def test_an_expired_token_is_listed_as_expired(capsys):
    token, _secret = a_token(an_organisation("alue"))
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    call_command("api_token", "list")
    assert "\texpired" in capsys.readouterr().out


def test_the_admin_lists_tokens_read_only_and_never_their_secret(world):
    # given an administrator through the second factor, and a token
    case, _nurse, token, secret = world
    boss = a_professional("paakayttaja", org=case.organisation, role="administrator")
    boss.is_staff = boss.is_superuser = True
    boss.save()
    http = HttpClient()
    http.force_login(boss)
    device = TOTPDevice.objects.create(user=boss, name="puhelin", confirmed=True)
    session = http.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    # when the administrator opens the list and the token's page
    listing = http.get("/admin/access/apitoken/")
    detail = http.get(f"/admin/access/apitoken/{token.pk}/change/")
    # then the token is listed by its prefix, never by its secret or digest
    assert listing.status_code == 200 and token.prefix in listing.content.decode()
    for page in (listing, detail):
        assert secret not in page.content.decode()
        assert token.digest not in page.content.decode()
    # and it cannot be added, edited or deleted there (only the actions make and revoke)
    assert http.get("/admin/access/apitoken/add/").status_code == 403
    assert (
        http.post(f"/admin/access/apitoken/{token.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_the_clients_own_disclosure_log_names_the_system(world):
    # given the system has read the case
    case, _nurse, _token, secret = world
    assert get(f"cases/{case.pk}", secret).status_code == 200
    # when the client's disclosure log is read (their own view, Oma Tukiverkko)
    (line,) = disclosure_log(case.client_id)
    # then it names the system, its organisation, the purpose and the token as the basis
    assert "järjestelmä Potilastietojärjestelmä" in line.sentence
    assert case.organisation.name_fi in line.sentence
    assert "järjestelmäintegraatio" in line.sentence
    assert "organisaation oma tietojärjestelmä" in line.sentence
