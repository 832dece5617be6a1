"""The FHIR plumbing: who is calling, JSON out, and every refusal as an OperationOutcome."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.resource import Resource

from tukiverkko.access import tokens
from tukiverkko.access.models import ApiToken
from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import works_with_clients

CONTENT_TYPE = "application/fhir+json; charset=utf-8"

# HTTP status → the OperationOutcome issue code (FHIR R4 valueset issue-type).
ISSUE_CODES = {
    400: "invalid",
    401: "login",
    403: "forbidden",
    404: "not-found",
    405: "not-supported",
    406: "not-supported",
    415: "not-supported",
}


class FhirError(Exception):
    """A refusal with its HTTP status and a plain reason; ``expression`` names the field."""

    def __init__(self, status: int, text: str, expression: str = "") -> None:
        super().__init__(text)
        self.status, self.text, self.expression = status, text, expression


# Who calls: a professional (their session) or an organisation's system (its token).
Caller = User | ApiToken


def authenticate(request: HttpRequest) -> Caller | None:
    """The caller (decision 0364, tokens: 0367):

    - an ``Authorization: Bearer tkv_…`` header decides alone: its active integration token
      (access.tokens.authenticate), or None (401) for a wrong, expired or revoked one;
    - else a professional who works with clients, logged in with a session (2FA-verified when
      required); a signed-in user whose role does no client work (a manager, the data-protection
      officer, …) is refused with 403 — 401 is only for a caller without credentials.
    """
    scheme = request.headers.get("Authorization", "").partition(" ")[0]
    if scheme.lower() == "bearer":
        return tokens.authenticate(request)
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return None
    if settings.REQUIRE_2FA and not getattr(user, "is_verified", lambda: False)():
        return None
    if not works_with_clients(user):
        raise FhirError(403, _("Roolisi ei käsittele asiakkaiden tietoja."))
    return user


def respond(resource: Resource, status: int = 200, **headers: str) -> HttpResponse:
    response = HttpResponse(resource.model_dump_json(), status=status, content_type=CONTENT_TYPE)
    for name, value in headers.items():
        response[name] = value
    add_never_cache_headers(response)  # client data: never cached by a browser or proxy
    return response


# What a FHIR string may not hold (R4 fhir.schema.json: ``^[ \r\n\t\S]+$``; the spec: no
# character below 32 but tab, CR and LF): another control or white-space character.
NOT_IN_A_STRING = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|[^ \r\n\t\S]")


def fhir_string(text: str) -> str:
    """``text`` as a valid FHIR string: a refusal may quote the caller's input (a parameter's
    name, a body's field), which may hold anything."""
    return NOT_IN_A_STRING.sub("?", text).strip() or "?"


def outcome(status: int, text: str, expression: str = "") -> HttpResponse:
    issue: dict[str, Any] = {
        "severity": "error",
        "code": ISSUE_CODES.get(status, "processing"),
        "diagnostics": fhir_string(text),
    }
    if expression:
        issue["expression"] = [fhir_string(expression)]
    return respond(
        OperationOutcome.model_validate({"resourceType": "OperationOutcome", "issue": [issue]}),
        status,
    )


def _validation_text(error: ValidationError) -> tuple[str, str]:
    """The first reason of a domain ValidationError and the field it names."""
    if hasattr(error, "error_dict"):
        field, errors = next(iter(error.error_dict.items()))
        return " ".join(str(m) for e in errors for m in e.messages), field
    return " ".join(error.messages), ""


View = Callable[..., HttpResponse]


def fhir_view(
    methods: tuple[str, ...] | Callable[..., tuple[str, ...]] = ("GET",), *, public: bool = False
) -> Callable[[View], View]:
    """A FHIR endpoint: the method and caller checked, and every refusal an OperationOutcome.
    The view is called with the authenticated caller (None for a public one without one).
    ``methods`` may depend on the route (a function of its keyword arguments): a 405 says in
    ``Allow`` what this route takes (RFC 9110)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            allowed = methods(**kwargs) if callable(methods) else methods
            if request.method not in allowed:
                response = outcome(405, _("Tätä toimintoa ei tueta."))
                response["Allow"] = ", ".join(allowed)
                return response
            try:
                user = authenticate(request)
            except FhirError as error:
                if not public:
                    return outcome(error.status, error.text)
                user = None
            if user is None and not public:
                return outcome(401, _("Kirjaudu sisään tai anna voimassa oleva API-avain."))
            try:
                return view(request, user, *args, **kwargs)
            except FhirError as error:
                return outcome(error.status, error.text, error.expression)
            except Http404:
                return outcome(404, _("Resurssia ei löydy."))
            except PermissionDenied as error:
                return outcome(403, str(getattr(error, "message", "")) or _("Ei oikeutta."))
            except ValidationError as error:
                text, field = _validation_text(error)
                return outcome(400, text, field)

        return wrapper

    return decorate


def json_body(request: HttpRequest) -> dict[str, Any]:
    if request.content_type not in {"application/fhir+json", "application/json"}:
        raise FhirError(415, _("Lähetä FHIR JSON (application/fhir+json)."))
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError) as error:
        raise FhirError(400, _("Viesti ei ole kelvollista JSONia.")) from error
    if not isinstance(body, dict):
        raise FhirError(400, _("Viesti ei ole kelvollista JSONia."))
    return body
