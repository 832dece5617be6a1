"""Suomi.fi login through an OIDC broker, against a real one: a small provider on loopback (this
test's thread) with its own RSA key, answering /token, /jwks and /userinfo as a broker does. The
portal's code exchanges the code, fetches the keys and the userinfo over HTTP, exactly as in
production."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import secrets
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client as HttpClient
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases.tests.factories import a_hetu
from tukiverkko.portal import oidc, session
from tukiverkko.portal.tests.story import Story, maija

pytestmark = pytest.mark.django_db

CLIENT_ID, SECRET = "tukiverkko-test", "s3cret-" + "x" * 20
CLAIM = "urn:oid:1.2.246.21"


class Provider:
    """The broker: issues a code per authorisation, trades it once for signed tokens."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, dict[str, Any]] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.issuer = self.base

    def authorize(self, location: str, hetu: str, **id_claims: Any) -> dict[str, str]:
        """What the browser brings back to the callback after the person identified."""
        url = urlsplit(location)
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{self.base}/authorize"
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        assert q["client_id"] == CLIENT_ID and q["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"q": q, "hetu": hetu, "claims": id_claims}
        return {"code": code, "state": q["state"]}

    def id_token(self, q: dict[str, str], claims: dict[str, Any], key: Any = None) -> str:
        now = int(time.time())
        body = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": "pairwise-sub-1",
            "iat": now,
            "exp": now + 300,
            "nonce": q["nonce"],
        } | {k: v for k, v in claims.items() if k != "_sign_with"}
        body = {k: v for k, v in body.items() if v is not None}
        signer = claims.get("_sign_with") or self.key
        return jwt.encode(body, signer, algorithm="RS256", headers={"kid": "k1"})

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _json(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path == "/jwks":
                    jwk = jwt.algorithms.RSAAlgorithm.to_jwk(
                        provider.key.public_key(), as_dict=True
                    )
                    self._json(200, {"keys": [jwk | {"kid": "k1", "alg": "RS256", "use": "sig"}]})
                elif self.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    grant = provider.codes.get(token)
                    if grant is None:
                        self._json(401, {"error": "invalid_token"})
                        return
                    self._json(200, {"sub": "pairwise-sub-1", CLAIM: grant["hetu"]})
                else:
                    self._json(404, {})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                grant = provider.codes.pop(form.get("code", ""), None)
                ok = (
                    self.path == "/token"
                    and grant is not None
                    and form.get("client_id") == CLIENT_ID
                    and form.get("client_secret") == SECRET
                    and form.get("grant_type") == "authorization_code"
                    and form.get("redirect_uri") == grant["q"]["redirect_uri"]
                    and _s256(form.get("code_verifier", "")) == grant["q"]["code_challenge"]
                )
                if not ok or grant is None:
                    self._json(400, {"error": "invalid_grant"})
                    return
                access = secrets.token_urlsafe(16)
                provider.codes[access] = grant  # the access token reads the userinfo
                self._json(
                    200,
                    {
                        "access_token": access,
                        "token_type": "Bearer",
                        "id_token": provider.id_token(grant["q"], grant["claims"]),
                    },
                )

        return Handler


def _s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    p = Provider()
    thread = threading.Thread(target=p.server.serve_forever, daemon=True)
    thread.start()
    yield p
    p.server.shutdown()
    p.server.server_close()


def _config(p: Provider, **more: Any) -> dict[str, Any]:
    return {
        "issuer": p.issuer,
        "authorization_endpoint": f"{p.base}/authorize",
        "token_endpoint": f"{p.base}/token",
        "jwks_endpoint": f"{p.base}/jwks",
        "userinfo_endpoint": f"{p.base}/userinfo",
        "client_id": CLIENT_ID,
        "client_secret": SECRET,
        "sign_alg": "RS256",
        "scopes": "openid",
        "hetu_claim": CLAIM,
        "acr_values": [],
        "token_basic_auth": False,
        "timeout": 5,
    } | more


@pytest.fixture
def configured(provider: Provider) -> Iterator[Provider]:
    with override_settings(PORTAL_OIDC=_config(provider)):
        yield provider


def _round_trip(p: Provider, http: HttpClient, hetu: str, **claims: Any) -> Any:
    start = http.get(reverse("portal:oidc_start"))
    assert start.status_code == 302
    back = p.authorize(start["Location"], hetu, **claims)
    return http.get(reverse("portal:oidc_callback"), back)


def _logins() -> int:
    return EventLogEntry.objects.filter(event="portal_login").count()


def _nobody_logged_in(http: HttpClient) -> bool:
    return session.CLIENT not in http.session


# -- success ----------------------------------------------------------------------------------


def test_a_client_logs_in_with_suomi_fi_and_the_login_is_an_event(configured):
    # given Maija, a client, and the broker vouching for her henkilötunnus
    story: Story = maija()
    http = HttpClient()
    # when she goes through the broker and back
    answer = _round_trip(configured, http, story.case.client.henkilotunnus)
    # then she is in her own pages, and the login is a portal_login event with the ref oidc
    assert answer.status_code == 302 and answer["Location"] == reverse("portal:start")
    assert http.session[session.CLIENT] == story.case.client_id
    event = EventLogEntry.objects.filter(event="portal_login").order_by("-pk").first()
    assert event is not None
    assert (event.client_id, event.ref, event.actor_kind) == (
        story.case.client_id,
        "oidc",
        "client",
    )
    assert http.get(reverse("portal:start")).status_code == 200
    # and the session keeps no state, nonce, token nor henkilötunnus
    assert oidc.STATES not in http.session
    stored = json.dumps(dict(http.session.items()))
    assert story.case.client.henkilotunnus not in stored


def test_the_henkilotunnus_is_matched_in_any_form_the_broker_writes_it(configured):
    # given a broker that sends the code in lower case with spaces around it
    story = maija()
    http = HttpClient()
    answer = _round_trip(configured, http, f"  {story.case.client.henkilotunnus.lower()} ")
    assert answer.status_code == 302
    assert http.session[session.CLIENT] == story.case.client_id


def test_the_swedish_page_comes_back_in_swedish(configured):
    story = maija()
    http = HttpClient()
    # (override: a request to /sv/ leaves Swedish active in this thread for the next test)
    with translation.override("fi"):
        start = http.get("/sv/oma/kirjaudu/suomifi/")
        q = parse_qs(urlsplit(start["Location"]).query)
        # the callback address is the one registered, whatever the language
        assert q["redirect_uri"] == ["http://testserver/oma/kirjaudu/suomifi/paluu/"]
        assert q["ui_locales"] == ["sv"]
        back = configured.authorize(start["Location"], story.case.client.henkilotunnus)
        answer = http.get("/oma/kirjaudu/suomifi/paluu/", back)
        assert answer["Location"] == "/sv/oma/"
        # and a refusal too is in the language the person started in
        other = HttpClient()
        start = other.get("/sv/oma/kirjaudu/suomifi/")
        back = configured.authorize(start["Location"], a_hetu(birth=dt.date(1961, 6, 2)))
        refused = other.get("/oma/kirjaudu/suomifi/paluu/", back)
        assert "Du är inte klient i Tukiverkko" in refused.content.decode()


# -- refusals ---------------------------------------------------------------------------------


def test_a_state_this_session_did_not_make_is_refused(configured):
    story = maija()
    http = HttpClient()
    start = http.get(reverse("portal:oidc_start"))
    back = configured.authorize(start["Location"], story.case.client.henkilotunnus)
    before = _logins()
    # when the answer comes with another state (or in another browser)
    forged = http.get(reverse("portal:oidc_callback"), back | {"state": "forged"})
    other = HttpClient().get(reverse("portal:oidc_callback"), back)
    # then nobody is logged in
    assert forged.status_code == 400 and other.status_code == 400
    assert "Tunnistautumista ei voitu vahvistaa" in forged.content.decode()
    assert _nobody_logged_in(http) and _logins() == before


def test_a_state_is_spent_once(configured):
    story = maija()
    http = HttpClient()
    start = http.get(reverse("portal:oidc_start"))
    back = configured.authorize(start["Location"], story.case.client.henkilotunnus)
    assert http.get(reverse("portal:oidc_callback"), back).status_code == 302
    http.post(reverse("portal:logout"))
    # the same answer again (a replay) does not log in
    again = http.get(reverse("portal:oidc_callback"), back)
    assert again.status_code == 400 and _nobody_logged_in(http)


def test_an_old_state_is_refused(configured):
    story = maija()
    http = HttpClient()
    start = http.get(reverse("portal:oidc_start"))
    back = configured.authorize(start["Location"], story.case.client.henkilotunnus)
    s = http.session
    s[oidc.STATES][back["state"]]["added_on"] -= oidc.STATE_MAX_AGE + 1
    s.save()
    assert http.get(reverse("portal:oidc_callback"), back).status_code == 400
    assert _nobody_logged_in(http)


@pytest.mark.parametrize(
    ("claims", "why"),
    [
        ({"nonce": "another"}, "nonce"),
        ({"_sign_with": "other key"}, "signature"),
        ({"iss": "https://somebody.else"}, "issuer"),
        ({"aud": "another-service"}, "audience"),
        ({"exp": None}, "no expiry"),
        ({"exp": int(time.time()) - 3600}, "expired"),
    ],
)
def test_a_token_that_does_not_check_out_is_refused(configured, claims, why, caplog):
    story = maija()
    http = HttpClient()
    if claims.get("_sign_with"):
        claims = claims | {"_sign_with": rsa.generate_private_key(65537, 2048)}
    before = _logins()
    with caplog.at_level(logging.WARNING, logger="tukiverkko.portal.oidc"):
        answer = _round_trip(configured, http, story.case.client.henkilotunnus, **claims)
    assert answer.status_code == 400, why
    assert _nobody_logged_in(http) and _logins() == before
    assert "portal OIDC login refused" in caplog.text
    assert story.case.client.henkilotunnus not in caplog.text


def test_a_person_without_a_client_is_told_so_and_nothing_is_kept(configured, caplog):
    # given a strongly identified person who is nobody's client
    maija()
    stranger = a_hetu(birth=dt.date(1961, 6, 1))
    http = HttpClient()
    before = EventLogEntry.objects.count()
    # when she comes back from the broker
    with caplog.at_level(logging.INFO):
        answer = _round_trip(configured, http, stranger)
    # then a plain Finnish page, no login, no row written, the attempt logged without the code
    page = answer.content.decode()
    assert answer.status_code == 403
    assert "Sinulla ei ole asiakkuutta Tukiverkossa" in page
    assert stranger not in page
    assert _nobody_logged_in(http)
    assert EventLogEntry.objects.count() == before
    assert "no client with this identity" in caplog.text
    assert stranger not in caplog.text and stranger[:6] not in caplog.text
    assert stranger not in json.dumps(dict(http.session.items()))


@pytest.mark.parametrize("bad", ["010190-9000", "not a code", ""])
def test_a_claim_that_is_not_a_henkilotunnus_is_refused(configured, bad, caplog):
    http = HttpClient()
    with caplog.at_level(logging.INFO):
        answer = _round_trip(configured, http, bad)
    assert answer.status_code == 400 and _nobody_logged_in(http)
    assert "henkilötunnus" in caplog.text
    if bad:
        assert bad not in caplog.text


def test_a_cancelled_identification_says_so(configured):
    http = HttpClient()
    start = http.get(reverse("portal:oidc_start"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    answer = http.get(reverse("portal:oidc_callback"), {"error": "access_denied", "state": state})
    assert answer.status_code == 200
    assert "Tunnistautuminen keskeytyi" in answer.content.decode()
    assert _nobody_logged_in(http)


def test_a_level_of_assurance_asked_for_is_required(provider):
    story = maija()
    loa3 = "http://ftn.ficora.fi/2017/loa3"
    with override_settings(PORTAL_OIDC=_config(provider, acr_values=[loa3])):
        http = HttpClient()
        weak = _round_trip(provider, http, story.case.client.henkilotunnus, acr="loa2")
        assert weak.status_code == 400 and _nobody_logged_in(http)
        strong = _round_trip(provider, http, story.case.client.henkilotunnus, acr=loa3)
        assert strong.status_code == 302 and http.session[session.CLIENT] == story.case.client_id


def test_a_broker_that_does_not_answer_is_a_refusal_not_an_error(provider):
    story = maija()
    dead = "http://127.0.0.1:9"  # discard port: nobody listens
    with override_settings(PORTAL_OIDC=_config(provider, token_endpoint=f"{dead}/token")):
        http = HttpClient()
        answer = _round_trip(provider, http, story.case.client.henkilotunnus)
    assert answer.status_code == 400 and _nobody_logged_in(http)


# -- not configured ---------------------------------------------------------------------------


@override_settings(PORTAL_OIDC=None)
def test_not_configured_the_routes_answer_404_and_the_button_is_not_shown():
    http = HttpClient()
    assert http.get(reverse("portal:oidc_start")).status_code == 404
    assert http.get(reverse("portal:oidc_callback"), {"code": "x", "state": "y"}).status_code == 404
    page = http.get(reverse("portal:login")).content.decode()
    assert "Suomi.fi-tunnistuksella" not in page.split("Tuotannossa")[0]
    assert reverse("portal:oidc_start") not in page


def test_configured_the_login_page_shows_the_button(configured):
    page = HttpClient().get(reverse("portal:login")).content.decode()
    assert "Kirjaudu Suomi.fi-tunnistuksella" in page
    assert reverse("portal:oidc_start") in page
