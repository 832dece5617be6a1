"""Authorisation matrix: every client-data URL and API route × roles × organisations ×
consent states. Anyone without a relationship, responsibility or network membership is
refused (404, logged as denied); a consent alone never opens a client; another organisation's
journal entry shows only under a granted consent.

The table below must name every client-data URL: a page whose view, or an API route whose
router, belongs to an app marked ``client_data = True`` in its AppConfig (clients, cases,
consent, audit today; referrals, teams, the portal … as they come) fails
``test_every_client_data_url_is_in_the_table`` until it is added here with its denial proven.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

import pytest
from django.apps import AppConfig, apps
from django.test import Client as HttpClient
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tukiverkko.accounts.models import Role
from tukiverkko.api.v1 import api
from tukiverkko.audit.models import AccessLogEntry
from tukiverkko.cases import actions
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_professional,
    an_organisation,
)
from tukiverkko.consent import actions as consent_actions

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Masennus ja ahdistuneisuus"
CONSENT_STATES = ["none", "granted", "expired", "revoked", "wrong_category", "wrong_organisation"]
OUTSIDER_ROLES = [
    Role.UNEMPLOYED_HEALTH_NURSE,
    Role.EMPLOYMENT_EXPERT,
    Role.KELA_EXPERT,
    Role.SOCIAL_WORKER,
]


@dataclass
class Spec:
    method: str
    ids: Callable[[Any], dict[str, int]] = lambda w: {}
    data: Callable[[Any], dict[str, Any]] = lambda w: {}
    # "record": refers to one client's record → outsiders get 404, logged as denied.
    # "list": lists the caller's own clients → outsiders get an answer without the client.
    # "form": a blank form with no client data.
    kind: str = "record"
    insider: str = "worker"  # who proves the route is reachable: worker | receiver | dpo
    # For the audit app's own rule: roles that may read regardless of relationship.
    role_rule: frozenset[str] = field(default_factory=frozenset)
    # What the insider's answer holds that proves it is the client's data.
    marker: Callable[[Any], str] = lambda w: "Salainen"


def _client(w: Any) -> dict[str, int]:
    return {"client_id": w.case.client_id}


def _case(w: Any) -> dict[str, int]:
    return {"case_id": w.case.pk}


PAGES: dict[str, Spec] = {
    "cases:mine": Spec("GET", kind="list"),
    "cases:create": Spec("GET", kind="form"),
    "cases:caseload": Spec("GET", kind="form"),
    "cases:detail": Spec("GET", _client),
    "cases:reveal": Spec("POST", _client),
    "cases:phase": Spec("POST", _case, lambda w: {"to": "joint_plan", "version": w.case.version}),
    "cases:handover": Spec("POST", _case, lambda w: {"to_worker": w.colleague.pk, "reason": "x"}),
    "cases:journal": Spec("POST", _case, lambda w: {"category": "health", "text": "x"}),
    "cases:checklist": Spec("POST", _case, lambda w: {"step": 1, "version": w.case.version}),
    "cases:network": Spec("POST", _case, lambda w: {"organisation": w.home.pk, "role": "x"}),
    "cases:handover_accept": Spec(
        "POST", lambda w: {"request_id": w.handover.pk}, insider="receiver"
    ),
    "cases:handover_decline": Spec(
        "POST", lambda w: {"request_id": w.handover.pk}, insider="receiver"
    ),
    "consent:create": Spec("GET", _client),
    "consent:revoke": Spec("POST", lambda w: {"consent_id": w.home_consent.pk}),
    # The audit app's rule (branch audit): only the data-protection role reads a client's log.
    "audit:client_log": Spec(
        "GET", _client, insider="dpo", role_rule=frozenset({Role.DATA_PROTECTION})
    ),
}

API: dict[str, Spec] = {
    "GET /api/v1/clients/": Spec("GET", kind="list"),
    "GET /api/v1/clients/{client_id}": Spec("GET", _client),
    "POST /api/v1/clients/{client_id}/henkilotunnus": Spec("POST", _client),
    "POST /api/v1/clients/cases/{case_id}/journal": Spec(
        "POST", _case, lambda w: {"category": "health", "text": "x"}
    ),
    "POST /api/v1/clients/cases/{case_id}/phase": Spec(
        "POST", _case, lambda w: {"to": "joint_plan", "version": w.case.version}
    ),
    "GET /api/v1/consents/": Spec(
        "GET",
        lambda w: {},
        lambda w: {"client_id": w.case.client_id},
        marker=lambda w: f'"client_id": {w.case.client_id}',
    ),
    # The audit app's rule (branch audit): only the data-protection role, every call logged.
    "GET /api/v1/audit/clients/{client_id}/access-log": Spec(
        "GET",
        _client,
        insider="dpo",
        role_rule=frozenset({Role.DATA_PROTECTION}),
        marker=lambda w: f'"client_id": {w.case.client_id}',
    ),
    "GET /api/v1/audit/clients/{client_id}/disclosures": Spec(
        "GET",
        _client,
        insider="dpo",
        role_rule=frozenset({Role.DATA_PROTECTION}),
        marker=lambda w: "[",
    ),
    "POST /api/v1/consents/{consent_id}/revoke": Spec(
        "POST", lambda w: {"consent_id": w.home_consent.pk}
    ),
}


def client_data_apps() -> list[AppConfig]:
    """The apps whose pages and API routes carry client data (``client_data`` on AppConfig)."""
    return [c for c in apps.get_app_configs() if getattr(c, "client_data", False)]


def _app_of(module: str) -> AppConfig | None:
    return apps.get_containing_app_config(module)


def _walk(
    patterns: list[Any], prefix: str = "", namespace: str = ""
) -> list[tuple[str, str, str, str]]:
    out: list[tuple[str, str, str, str]] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            out += _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            out.append((prefix + str(p.pattern), namespace, p.name or "", p.callback.__module__))
    return out


def all_url_patterns() -> list[tuple[str, str, str]]:
    return [(route, ns, name) for route, ns, name, _module in _walk(get_resolver().url_patterns)]


def client_data_pages() -> set[str]:
    """``namespace:name`` of every page whose view belongs to a client-data app."""
    marked = {c.label for c in client_data_apps()}
    return {
        f"{ns}:{name}"
        for _route, ns, name, module in _walk(get_resolver().url_patterns)
        if (app := _app_of(module)) is not None and app.label in marked
    }


def client_data_namespaces() -> set[str]:
    return {key.split(":", 1)[0] for key in client_data_pages()}


def client_data_api_routes() -> set[str]:
    """``METHOD path`` of every API route of a client-data app's router (its ``api.router``)."""
    tags: set[str] = set()
    for config in client_data_apps():
        try:
            module = import_module(f"{config.name}.api")
        except ModuleNotFoundError:
            continue
        tags |= set(module.router.tags or [])
    paths = api.get_openapi_schema()["paths"]
    return {
        f"{method.upper()} {path}"
        for path, ops in paths.items()
        for method, op in ops.items()
        if tags & set(op.get("tags", []))
    }


def test_every_client_data_url_is_in_the_table():
    # given every URL pattern (recursively) and every route of the NinjaAPI
    pages, routes = client_data_pages(), client_data_api_routes()
    # then each client-data one is covered by the matrix, and the table names nothing stale
    assert pages == set(PAGES), f"not covered: {pages - set(PAGES)}; stale: {set(PAGES) - pages}"
    assert routes == set(API), f"not covered: {routes - set(API)}; stale: {set(API) - routes}"
    # and the resolver really holds the API routes under the prefixes the schema names
    api_patterns = {
        r
        for r, _ns, _n in all_url_patterns()
        if r.startswith(("api/v1/clients", "api/v1/consents"))
    }
    assert len(api_patterns) >= len({k.split(" ", 1)[1] for k in API if "audit" not in k})


class World:
    """A client of the health organisation with a health journal entry, and outsiders of
    other organisations each holding a consent in one named state."""

    def __init__(self) -> None:
        today = timezone.localdate()
        self.home = an_organisation("hyvinvointialue")
        self.worker = a_professional("vastuu", org=self.home, role=Role.UNEMPLOYED_HEALTH_NURSE)
        self.colleague = a_professional("kollega", org=self.home, role=Role.DOCTOR)
        self.receiver = a_professional("vastaanottaja", org=an_organisation("vastaanottaja-org"))
        self.case = a_case_in_phase(
            Phase.JOINT_ASSESSMENT, self.worker, first="Salainen", last="Asiakas"
        )
        actions.add_journal_entry(
            case=self.case, by=self.worker, category="health", text=SECRET_TEXT
        )
        self.handover = actions.request_handover(
            case=self.case, to_worker=self.receiver, by=self.worker, reason="x"
        )
        self.home_consent = a_consent(
            self.case.client, self.worker, organisations=[self.home], categories=["social"]
        )
        self.case.refresh_from_db()
        self.outsiders: dict[str, list[Any]] = {}
        self.state_org: dict[str, Any] = {}
        elsewhere = an_organisation("joku-muu")
        for state in CONSENT_STATES:
            org = an_organisation(f"muu-{state}")
            self.state_org[state] = org
            self.outsiders[state] = [
                a_professional(f"{state}-{role}", org=org, role=role) for role in OUTSIDER_ROLES
            ]
            if state == "none":
                continue
            kw: dict[str, Any] = {
                "organisations": [org],
                "categories": ["health", "social", "employment"],
            }
            if state == "expired":
                kw |= {
                    "valid_from": today - dt.timedelta(days=60),
                    "valid_until": today - dt.timedelta(days=1),
                }
            if state == "wrong_category":
                kw["categories"] = ["benefits"]
            if state == "wrong_organisation":
                kw["organisations"] = [elsewhere]
            consent = a_consent(self.case.client, self.worker, **kw)
            if state == "revoked":
                consent_actions.revoke_consent(consent=consent, by=self.worker)
        # Same organisation, but roles that do no client work (the administrator a superuser).
        self.non_client_roles = []
        for role in (Role.CATALOGUE_EDITOR, Role.ADMINISTRATOR, Role.DATA_PROTECTION):
            user = a_professional(f"home-{role}", org=self.home, role=role)
            user.is_superuser = user.is_staff = role == Role.ADMINISTRATOR
            user.save()
            self.non_client_roles.append(user)
        self.dpo = self.non_client_roles[-1]

    def scenarios(self) -> list[tuple[str, Any]]:
        rows: list[tuple[str, Any]] = [("anonymous", None)]
        rows += [(f"same-org {u.role}", u) for u in self.non_client_roles]
        rows += [
            (f"other-org {u.role} consent={state}", u)
            for state, users in self.outsiders.items()
            for u in users
        ]
        return rows


def _request(http: HttpClient, spec: Spec, url: str, w: World, *, api_route: bool) -> Any:
    data = spec.data(w)
    if spec.method == "GET":
        return http.get(url, data)
    if api_route:
        return http.post(url, data, content_type="application/json")
    return http.post(url, data)


def _url_for(key: str, spec: Spec, w: World) -> tuple[str, bool]:
    if key.startswith(("GET ", "POST ")):
        path = key.split(" ", 1)[1].format(**spec.ids(w))
        return path, True
    return reverse(key, kwargs=spec.ids(w)), False


@pytest.mark.parametrize("key", sorted(PAGES) + sorted(API))
def test_no_access_without_relationship_or_consent(key):
    # given the world and the route
    w = World()
    spec = PAGES.get(key) or API[key]
    url, api_route = _url_for(key, spec, w)
    for label, user in w.scenarios():
        http = HttpClient()
        if user is not None:
            http.force_login(user)
        denied_before = AccessLogEntry.objects.filter(
            user_id=getattr(user, "pk", None), allowed=False
        ).count()
        # when the scenario's user calls the route
        response = _request(http, spec, url, w, api_route=api_route)
        body = response.content.decode()
        # then the client's data never shows ...
        assert "Salainen" not in body and SECRET_TEXT not in body, (key, label)
        if user is None:
            # ... an anonymous caller is sent to log in (pages) or refused (API)
            assert response.status_code in ({401} if api_route else {302}), (
                key,
                label,
                response.status_code,
            )
            continue
        if getattr(user, "role", "") in spec.role_rule:
            assert response.status_code == 200, (key, label)
            continue
        if spec.kind == "record":
            # ... a record answers 404 (403 for roles the audit page refuses), logged as denied
            expected = {404, 403} if spec.role_rule else {404}
            if (
                api_route
                and not spec.role_rule
                and user.role
                in {
                    Role.CATALOGUE_EDITOR,
                    Role.ADMINISTRATOR,
                    Role.DATA_PROTECTION,
                }
            ):
                expected = {401}  # the API does not authenticate roles without client work
            assert response.status_code in expected, (key, label, response.status_code)
            if response.status_code in {403, 404}:
                denied_after = AccessLogEntry.objects.filter(user_id=user.pk, allowed=False).count()
                assert denied_after == denied_before + 1, (key, label)
        else:
            assert response.status_code in {200, 401, 403}, (key, label, response.status_code)
    # and the route is reachable for the one who should reach it, so the denials above are real
    insider = {"worker": w.worker, "receiver": w.receiver, "dpo": w.dpo}[spec.insider]
    http = HttpClient()
    http.force_login(insider)
    denied_before = AccessLogEntry.objects.filter(user_id=insider.pk, allowed=False).count()
    response = _request(http, spec, url, w, api_route=api_route)
    # (400: the policy let the request through to the action, which refused it on its merits)
    assert response.status_code in {200, 201, 302, 400}, (key, response.status_code)
    assert AccessLogEntry.objects.filter(user_id=insider.pk, allowed=False).count() == denied_before
    if spec.method == "GET" and spec.kind != "form" and spec.insider == "worker":
        assert spec.marker(w) in response.content.decode()


@pytest.mark.parametrize("state", CONSENT_STATES)
@pytest.mark.parametrize("route", ["page", "api"])
def test_another_organisations_entry_shows_to_a_network_member_only_under_a_granted_consent(
    state, route
):
    # given an outsider added to the client's network, whose organisation's consent is in ``state``
    w = World()
    member = w.outsiders[state][0]
    actions.add_network_member(
        case=w.case, by=w.worker, organisation=member.organisation, user=member, role="x"
    )
    http = HttpClient()
    http.force_login(member)
    # when they open the client
    if route == "page":
        response = http.get(reverse("cases:detail", args=[w.case.client_id]))
    else:
        response = http.get(f"/api/v1/clients/{w.case.client_id}")
    # then they see the client, and the health entry only when the consent is granted
    assert response.status_code == 200
    assert "Salainen" in response.content.decode()
    assert (SECRET_TEXT in response.content.decode()) is (state == "granted")
