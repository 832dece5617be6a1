"""The authorisation matrix of the portal: every route of /oma/ is in the table; nobody logged
in goes to the login page; a client logged in sees only their own — another client's task,
consent or meeting answers 404 with the refusal logged; and a professional's login opens
nothing of the portal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import URLPattern, get_resolver, reverse

from tukiverkko.audit.models import AccessLogEntry
from tukiverkko.portal.tests.story import Story, logged_in, maija

pytestmark = pytest.mark.django_db


@dataclass
class Route:
    method: str
    ids: Callable[[Story], dict[str, Any]] = lambda s: {}
    data: dict[str, str] | None = None
    open: bool = False  # the login page: open to anybody
    oidc: bool = False  # Suomi.fi: 404 unless configured; its own matrix is test_oidc.py


def _task(s: Story) -> dict[str, Any]:
    return {"action_id": s.own_task.pk}


def _consent(s: Story) -> dict[str, Any]:
    return {"consent_id": s.consent.pk}


ROUTES: dict[str, Route] = {
    "portal:start": Route("GET"),
    "portal:login": Route("GET", open=True),
    "portal:logout": Route("POST", open=True),
    "portal:oidc_start": Route("GET", open=True, oidc=True),
    "portal:oidc_callback": Route("GET", open=True, oidc=True),
    "portal:plan": Route("GET"),
    "portal:task": Route("POST", _task, {"done": "on"}),
    "portal:consents": Route("GET"),
    "portal:revoke": Route("GET", _consent),
    "portal:confirm": Route("GET", lambda s: {"consent_id": s.pending.pk}),
    "portal:log": Route("GET"),
    "portal:assessments": Route("GET"),
    "portal:assessment": Route("GET", lambda s: {"instrument_id": "was"}),
    "portal:feedback": Route("GET"),
    "portal:download_json": Route("GET"),
    "portal:download_pdf": Route("GET"),
}


MATRIX = sorted(key for key, route in ROUTES.items() if not route.oidc)


def portal_routes() -> set[str]:
    resolver = get_resolver()
    found = set()
    for prefix in resolver.url_patterns:
        for inner in getattr(prefix, "url_patterns", []):
            if getattr(inner, "namespace", None) == "portal":
                for p in inner.url_patterns:
                    if isinstance(p, URLPattern):
                        found.add(f"portal:{p.name}")
    return found


def test_every_portal_route_is_in_the_table():
    assert portal_routes() == set(ROUTES)


def _call(http: HttpClient, key: str, story: Story, ids: dict[str, Any] | None = None) -> Any:
    route = ROUTES[key]
    url = reverse(key, kwargs=route.ids(story) if ids is None else ids)
    if route.method == "POST":
        return http.post(url, route.data or {})
    return http.get(url)


@pytest.mark.parametrize("key", MATRIX)
def test_nobody_logged_in_goes_to_the_login_page(key):
    story = maija()
    answer = _call(HttpClient(), key, story)
    if ROUTES[key].open:
        assert answer.status_code in (200, 302)
        if answer.status_code == 302:
            assert answer["Location"].endswith(reverse("portal:login"))
    else:
        assert answer.status_code == 302 and answer["Location"] == reverse("portal:login")


@pytest.mark.parametrize("key", MATRIX)
def test_a_professional_login_opens_nothing_of_the_portal(key):
    story = maija()
    http = HttpClient()
    http.force_login(story.nurse)
    answer = _call(http, key, story)
    if not ROUTES[key].open:
        assert answer.status_code == 302 and answer["Location"] == reverse("portal:login")


@pytest.mark.parametrize("key", MATRIX)
def test_the_client_opens_her_own(key):
    story = maija()
    http = logged_in(story)
    answer = _call(http, key, story)
    assert answer.status_code in (200, 302)
    if answer.status_code == 302:
        assert answer["Location"] != reverse("portal:login") or key == "portal:logout"


@pytest.mark.parametrize("key", ["portal:task", "portal:revoke", "portal:confirm"])
def test_another_clients_record_answers_404_and_is_logged(key):
    mine, other = maija(), maija("tuula", "esa")
    http = logged_in(mine)
    before = AccessLogEntry.objects.filter(allowed=False).count()
    answer = _call(http, key, mine, ROUTES[key].ids(other))
    assert answer.status_code == 404
    refused = AccessLogEntry.objects.filter(allowed=False).order_by("-pk")
    assert refused.count() == before + 1
    assert refused.first().username == f"client:{mine.case.client_id}"
    # and nothing of the other changed
    other.own_task.refresh_from_db()
    other.consent.refresh_from_db()
    assert other.own_task.status == "planned" and other.consent.revoked_at is None


def test_a_task_not_her_own_answers_404():
    story = maija()
    http = logged_in(story)
    theirs = story.plan.actions.exclude(responsible="client").get()
    answer = http.post(reverse("portal:task", args=[theirs.pk]), {"done": "on"})
    assert answer.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "planned"
