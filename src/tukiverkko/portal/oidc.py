"""Suomi.fi identification for Oma Tukiverkko, through the municipality's or wellbeing county's
OIDC broker (decision 0341, docs/portal.md "Suomi.fi login").

The authorisation code flow with state, nonce and PKCE (S256). mozilla-django-oidc does the
token exchange and the ID token's signature and nonce check; this module adds what its
``authenticate`` leaves out for us — the issuer, the audience, a required expiry, the level of
assurance — and never lets it make or log in a Django ``User``: the client is a ``ClientActor``
in the portal's own session (``portal.session``), found by the henkilötunnus claim through the
look-up hash. The henkilötunnus is never stored, logged, nor put in a URL or the session: it
lives in this request's memory, from the provider's answer to the hash.
"""

from __future__ import annotations

import logging
import secrets
import time
from typing import Any

import jwt
import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import (
    add_state_and_verifier_and_nonce_to_session,
    generate_code_challenge,
)

from tukiverkko.accounts.actors import ClientActor, Professional
from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import works_with_clients
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.clients.crypto import lookup_hashes
from tukiverkko.clients.models import Client
from tukiverkko.clients.models.client import normalise_henkilotunnus
from tukiverkko.portal import session

log = logging.getLogger(__name__)

STATES = "oidc_states"  # mozilla-django-oidc's session key: state -> nonce, verifier, added_on
STATE_MAX_AGE = 10 * 60  # seconds from the button to the provider's answer
LEEWAY = 60  # seconds of clock difference allowed on iat / exp


def config() -> dict[str, Any] | None:
    return settings.PORTAL_OIDC


def configured() -> bool:
    return config() is not None


class _Backend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """mozilla-django-oidc's token exchange, JWKS look-up and signature and nonce check, read
    from ``PORTAL_OIDC`` instead of its own OIDC_* settings. Only ``get_token``,
    ``verify_token`` and ``get_userinfo`` are used: never ``authenticate`` (it would find or
    create a ``User``)."""

    def __init__(self, conf: dict[str, Any]) -> None:
        self.conf = conf
        super().__init__()

    def get_settings(self, attr: str, *args: Any) -> Any:
        c = self.conf
        known = {
            "OIDC_OP_TOKEN_ENDPOINT": c["token_endpoint"],
            "OIDC_OP_USER_ENDPOINT": c["userinfo_endpoint"] or None,
            "OIDC_OP_JWKS_ENDPOINT": c["jwks_endpoint"],
            "OIDC_RP_CLIENT_ID": c["client_id"],
            "OIDC_RP_CLIENT_SECRET": c["client_secret"],
            "OIDC_RP_SIGN_ALGO": c["sign_alg"],
            "OIDC_RP_IDP_SIGN_KEY": None,  # the keys come from the JWKS (they rotate)
            "OIDC_TOKEN_USE_BASIC_AUTH": c["token_basic_auth"],
            "OIDC_VERIFY_SSL": True,
            "OIDC_TIMEOUT": c["timeout"],  # its default is none: a hung broker would hang us
            "OIDC_PROXY": None,
            "OIDC_ALLOW_UNSECURED_JWT": False,
            "OIDC_USE_NONCE": True,
        }
        if attr in known:
            return known[attr]
        if args:
            return args[0]
        raise ImproperlyConfigured(f"portal OIDC: no value for {attr}")


class IdentityRefused(Exception):
    """The login did not go through; ``reason`` is logged (never anything about the person)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _callback_uri(request: HttpRequest) -> str:
    # One address whatever the page's language (Finnish has no prefix): the broker compares the
    # redirect_uri with the one registered, character for character.
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(reverse("portal:oidc_callback"))


def _helper(request: HttpRequest) -> Professional | None:
    user = request.user
    return user if isinstance(user, User) and works_with_clients(user) else None


# -- the action -------------------------------------------------------------------------------


class NoClient(ValidationError):
    def __init__(self) -> None:
        super().__init__(_("Sinulla ei ole asiakkuutta Tukiverkossa."), code="no_client")


@transaction.atomic
def log_in_with_identity(
    *, henkilotunnus: str, assisted_by: Professional | None = None
) -> ClientActor:
    """A strongly identified person logs in to their own data: the client with this
    henkilötunnus (under any key still in use), as an actor. A ``portal_login`` event with the
    ref ``oidc``. Raises ValidationError (code ``hetu_*``) for a code that is not a
    henkilötunnus and ``NoClient`` when nobody has it; nothing is stored then."""
    code = normalise_henkilotunnus(henkilotunnus)
    client_id = (
        Client.objects.filter(henkilotunnus_hash__in=lookup_hashes(code))
        .values_list("pk", flat=True)
        .first()
    )
    if client_id is None:
        raise NoClient()
    actor = ClientActor(client_id=client_id, assisted_by=assisted_by)
    record_event(actor, client_id, EventType.PORTAL_LOGIN, "oidc")
    return actor


# -- the two views ----------------------------------------------------------------------------


@never_cache
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """To the broker's authorisation endpoint, with a new state, nonce and PKCE verifier kept
    in this session."""
    conf = config()
    if conf is None:
        raise Http404
    if session.actor_of(request) is not None:
        return redirect("portal:start")
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)  # 86 characters: RFC 7636 asks for 43 to 128
    params = {
        "response_type": "code",
        "client_id": conf["client_id"],
        "redirect_uri": _callback_uri(request),
        "scope": conf["scopes"],
        "state": state,
        "nonce": nonce,
        "code_challenge": generate_code_challenge(verifier, "S256"),
        "code_challenge_method": "S256",
        "ui_locales": translation.get_language() or settings.LANGUAGE_CODE,
    }
    if conf["acr_values"]:
        params["acr_values"] = " ".join(conf["acr_values"])
    add_state_and_verifier_and_nonce_to_session(request, state, params, code_verifier=verifier)
    # Back to the page's language after the callback (which has one address).
    request.session[STATES][state]["language"] = translation.get_language()
    request.session.modified = True
    return HttpResponseRedirect(f"{conf['authorization_endpoint']}?{urlencode(params)}")


@never_cache
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """The broker's answer: the state checked and spent, the code exchanged, the ID token
    verified, the henkilötunnus claim matched to a client — or a plain refusal page."""
    conf = config()
    if conf is None:
        raise Http404
    states = request.session.get(STATES)
    entry = states.pop(request.GET.get("state", ""), None) if isinstance(states, dict) else None
    request.session.modified = True
    language = (entry or {}).get("language") or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            if entry is None or time.time() - float(entry.get("added_on", 0)) > STATE_MAX_AGE:
                raise IdentityRefused("state")
            if request.GET.get("error"):
                # The person cancelled, or the broker refused: its words are not shown.
                return _refused(request, "cancelled", status=200)
            code = request.GET.get("code", "")
            if not code:
                raise IdentityRefused("code")
            hetu = _identify(request, conf, code, entry)
            actor = log_in_with_identity(henkilotunnus=hetu, assisted_by=_helper(request))
        except IdentityRefused as exc:
            log.warning("portal OIDC login refused: %s", exc.reason)
            return _refused(request, "failed")
        except NoClient:
            log.warning("portal OIDC login refused: no client with this identity")
            return _refused(request, "no_client", status=403)
        except ValidationError:
            log.warning("portal OIDC login refused: the identity claim is not a henkilötunnus")
            return _refused(request, "invalid")
        request.session.pop(STATES, None)
        session.log_in(request, actor, strong=True)
        return redirect("portal:start")


def _identify(request: HttpRequest, conf: dict[str, Any], code: str, entry: dict[str, Any]) -> str:
    """The henkilötunnus the broker vouches for, or IdentityRefused."""
    backend = _Backend(conf)
    payload = {
        "client_id": conf["client_id"],
        "client_secret": conf["client_secret"],
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": _callback_uri(request),
        "code_verifier": entry.get("code_verifier"),
    }
    nonce = entry.get("nonce")
    try:
        tokens = backend.get_token(payload)
        id_token = tokens.get("id_token")
        if not isinstance(id_token, str) or not nonce:
            raise IdentityRefused("no id_token")
        claims = backend.verify_token(id_token, nonce=nonce)
        _check_id_token(conf, claims)
        if conf["userinfo_endpoint"]:
            info = backend.get_userinfo(tokens.get("access_token"), id_token, claims)
            # OIDC Core 5.3.2: the userinfo is about the ID token's subject, or not used.
            if not isinstance(info, dict) or info.get("sub") != claims.get("sub"):
                raise IdentityRefused("userinfo sub")
            claims = {**claims, **info}
    except IdentityRefused:
        raise
    except (SuspiciousOperation, requests.RequestException, jwt.PyJWTError) as exc:
        # Their messages name no person (mozilla-django-oidc's token error carries the
        # broker's error body, which is an OAuth error code).
        raise IdentityRefused(type(exc).__name__) from None
    except (KeyError, ValueError, TypeError, AttributeError) as exc:  # a malformed answer
        raise IdentityRefused(f"malformed {type(exc).__name__}") from None
    hetu = claims.get(conf["hetu_claim"])
    if not isinstance(hetu, str) or not hetu.strip():
        raise IdentityRefused("no henkilötunnus claim")
    return hetu.strip()


def _check_id_token(conf: dict[str, Any], claims: dict[str, Any]) -> None:
    """What mozilla-django-oidc does not check (OIDC Core 3.1.3.7): issuer, audience and
    authorised party, a required expiry and issue time, and the level of assurance asked for."""
    if claims.get("iss") != conf["issuer"]:
        raise IdentityRefused("iss")
    aud = claims.get("aud")
    audiences = [aud] if isinstance(aud, str) else aud if isinstance(aud, list) else []
    if conf["client_id"] not in audiences:
        raise IdentityRefused("aud")
    if (len(audiences) > 1 or "azp" in claims) and claims.get("azp") != conf["client_id"]:
        raise IdentityRefused("azp")
    now = time.time()
    exp, iat = claims.get("exp"), claims.get("iat")
    if not isinstance(exp, int | float) or exp < now - LEEWAY:
        raise IdentityRefused("exp")
    if not isinstance(iat, int | float) or iat > now + LEEWAY:
        raise IdentityRefused("iat")
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise IdentityRefused("sub")
    if conf["acr_values"] and claims.get("acr") not in conf["acr_values"]:
        raise IdentityRefused("acr")


def _refused(request: HttpRequest, why: str, status: int = 400) -> HttpResponse:
    return render(
        request,
        "portal/oidc_refused.html",
        {"why": why, "login_url": reverse("portal:login")},
        status=status,
    )
