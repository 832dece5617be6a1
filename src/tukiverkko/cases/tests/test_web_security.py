"""Web security of the client-data routes: CSRF, no-store, ids only in URLs, session limits,
two-factor login, login throttling, and ``check --deploy`` with production settings."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client as HttpClient
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tukiverkko.access.tests.test_authorisation_matrix import (
    API,
    PAGES,
    _url_for,
    all_url_patterns,
    client_data_api_routes,
    client_data_namespaces,
    insider_of,
    shared_world,
)
from tukiverkko.accounts.models import Role, User
from tukiverkko.api.v1 import api
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import a_case_in_phase, a_professional

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The authorisation matrix's world: the routes' rows and their insiders."""
    yield from shared_world(django_db_blocker)


ROOT = settings.BASE_DIR


def _unsafe_routes() -> list[str]:
    return sorted(k for k, s in (PAGES | API).items() if s.method in {"POST", "PUT"})


@pytest.mark.parametrize("key", _unsafe_routes())
def test_every_unsafe_route_refuses_a_post_without_csrf_token(key, world):
    # given the insider logged in, in a client that enforces CSRF like a browser would
    w = world
    spec = PAGES.get(key) or API[key]
    insider = insider_of(spec, w)
    http = HttpClient(enforce_csrf_checks=True)
    http.force_login(insider)
    url, api_route = _url_for(key, spec, w)
    # when it posts (or puts) without the token
    if api_route:
        response = http.generic(
            spec.method, url, json.dumps(spec.data(w)), content_type="application/json"
        )
    else:
        response = http.post(url, spec.data(w))
    # then it is refused and nothing happened
    assert response.status_code == 403, (key, response.status_code)


def test_a_post_with_the_csrf_token_goes_through(world):
    # given the insider with a CSRF cookie from a page
    w = world
    http = HttpClient(enforce_csrf_checks=True)
    http.force_login(w.worker)
    http.get(reverse("cases:detail", args=[w.case.client_id]))
    token = http.cookies[settings.CSRF_COOKIE_NAME].value
    # when posting with it / then accepted
    response = http.post(
        reverse("cases:journal", args=[w.case.pk]),
        {"category": "social", "text": "Tapaaminen.", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("key", sorted(PAGES | API))
def test_every_client_data_response_is_no_store(key, world):
    w = world
    spec = PAGES.get(key) or API[key]
    insider = insider_of(spec, w)
    http = HttpClient()
    http.force_login(insider)
    url, api_route = _url_for(key, spec, w)
    if spec.method == "GET":
        response = http.get(url, spec.data(w))
    elif api_route:
        response = http.generic(
            spec.method, url, json.dumps(spec.data(w)), content_type="application/json"
        )
    else:
        response = http.post(url, spec.data(w))
    owner = (
        "audit/api.py (branch audit): add @decorate_view(never_cache)" if "/audit/" in key else key
    )
    assert "no-store" in response.get("Cache-Control", ""), (owner, response.status_code)


# The instruments' FHIR definitions go by their names (no client data), and FHIR's catch-all
# answers only its 404 OperationOutcome.
NAMED_OR_NOTHING = {"fhir/R4/Questionnaire/<slug:pk>", "fhir/R4/^(?P<rest>.*)$"}


def test_client_data_urls_carry_only_integer_or_uuid_ids():
    # given every page pattern of the client-data apps and every client-data API route
    converters = re.compile(r"<(?:(\w+):)?\w+>")
    pages = [r for r, ns, _n in all_url_patterns() if ns in client_data_namespaces()]
    assert pages
    for route in pages:
        if route in NAMED_OR_NOTHING:
            continue
        for conv in converters.findall(route):
            assert conv in {"int", "uuid"}, route
    # and every path parameter of the API routes is an integer
    schema = api.get_openapi_schema()
    routes = client_data_api_routes()
    assert routes
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            if f"{method.upper()} {path}" not in routes:
                continue
            for param in op.get("parameters", []):
                if param["in"] == "path":
                    assert param["schema"]["type"] == "integer", (path, param)


def test_no_henkilotunnus_or_name_appears_in_any_link_of_the_client_page():
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker, first="Hiljainen", last="Henkilö")
    http = HttpClient()
    http.force_login(worker)
    body = http.get(reverse("cases:detail", args=[case.client_id])).content.decode()
    links = re.findall(r'(?:href|action|hx-post)="([^"]*)"', body)
    assert links
    for link in links:
        assert "Hiljainen" not in link and "Henkil" not in link
        assert case.client.henkilotunnus not in link and case.client.henkilotunnus[:6] not in link


def test_session_expires_after_20_minutes_idle():
    # given a logged-in professional
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    http = HttpClient()
    http.force_login(worker)
    url = reverse("cases:detail", args=[case.client_id])
    # when a page is opened, the idle limit is renewed to 20 minutes from now
    assert http.get(url).status_code == 200
    session = Session.objects.get(session_key=http.session.session_key)
    remaining = session.expire_date - timezone.now()
    assert timedelta(minutes=19) < remaining <= timedelta(minutes=20)
    # when 20 minutes pass without a request (the stored expiry is reached)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    # then the next request has to log in again
    response = http.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_session_ends_after_10_hours_in_all_even_when_active():
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    http = HttpClient()
    http.force_login(worker)
    url = reverse("cases:detail", args=[case.client_id])
    assert http.get(url).status_code == 200
    # given a login 9 h 59 min ago / then still in
    session = http.session
    session["tukiverkko_login_at"] = time.time() - (10 * 3600 - 60)
    session.save()
    assert http.get(url).status_code == 200
    # given a login 10 h 1 min ago / then logged out
    session = http.session
    session["tukiverkko_login_at"] = time.time() - (10 * 3600 + 60)
    session.save()
    response = http.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@override_settings(REQUIRE_2FA=True)
def test_with_two_factor_login_on_a_password_only_session_cannot_open_client_pages():
    # given a professional logged in with a password only
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    http = HttpClient()
    http.force_login(worker)
    # then neither the page nor the API opens
    page = http.get(reverse("cases:detail", args=[case.client_id]))
    assert page.status_code == 302
    assert reverse("accounts:login") in page["Location"]
    assert http.get(f"/api/v1/clients/{case.client_id}").status_code == 401
    # when the session is verified with a TOTP device / then both open
    device = TOTPDevice.objects.create(user=worker, name="puhelin", confirmed=True)
    session = http.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert http.get(reverse("cases:detail", args=[case.client_id])).status_code == 200
    assert http.get(f"/api/v1/clients/{case.client_id}").status_code == 200


@override_settings(AXES_ENABLED=True)
def test_failed_logins_are_throttled():
    # given a professional with a password
    user = User.objects.create_user(
        username="lukittava", password="oikea-salasana-123", role=Role.DOCTOR
    )
    http = HttpClient()
    url = reverse("accounts:login")
    # when the wrong password is tried up to the limit (the last failure locks)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert http.post(url, {"username": user.username, "password": "väärä"}).status_code == 200
    assert http.post(url, {"username": user.username, "password": "väärä"}).status_code == 429
    # then even the right password is refused while locked out
    response = http.post(url, {"username": user.username, "password": "oikea-salasana-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in http.session


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    # given the production mode and the variables it requires
    env = {
        **os.environ,
        "TUKIVERKKO_ENV": "production",
        "DJANGO_SECRET_KEY": "x7$kq!v2@p9#mz4&w8^r1*t6(y3)u5_n0-bc+ef=gh.ij,lk;lm:no" * 2,
        "TUKIVERKKO_FIELD_KEY": "ZGVwbG95LWNoZWNrLWtleS0tMzItYnl0ZXMtbG9uZyE=",
        "TUKIVERKKO_AUDIT_HMAC_KEY": "deploy-check-audit-key-of-at-least-32-chars",
        "DJANGO_ALLOWED_HOSTS": "tukiverkko.example.fi",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("PYTEST_VERSION", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # The browser tests allow sync DB access from Playwright's loop in this process; a
    # deployment never has that variable, so neither does the checked environment.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    # when manage.py check --deploy runs
    result = subprocess.run(
        [sys.executable, "-m", "tukiverkko", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # then it finds no issue
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
