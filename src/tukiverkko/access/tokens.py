"""Integration tokens: how another system of an organisation calls /api/v1/ (decision 0370).

``authenticate(request)`` is the one check — the API's ``Bearer`` auth class here uses it, and so
may any other shell that serves systems (FHIR). A secret is ``tkv_`` and 43 URL-safe characters
(256 random bits); only its SHA-256 is stored, so a token found is the one presented. A wrong,
expired or revoked token is no token (401); a token without the route's scope is refused (403).
"""

from __future__ import annotations

import hmac

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from tukiverkko.access.models import TOKEN_PREFIX, ApiToken, Scope, token_digest
from tukiverkko.accounts.actors import SystemActor
from tukiverkko.api.errors import ProblemError

__all__ = ["Scope", "actor_of", "authenticate", "bearer", "require", "token_for"]


def authenticate(request: HttpRequest) -> ApiToken | None:
    """The active token of the request's ``Authorization: Bearer …`` header, or None."""
    header = request.headers.get("Authorization", "")
    scheme, _space, secret = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token_for(secret.strip())


def token_for(secret: str) -> ApiToken | None:
    """The active token whose secret this is, or None (wrong, expired, revoked)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    wanted = token_digest(secret)
    token = (
        ApiToken.objects.filter(digest=wanted, revoked_at__isnull=True)
        .select_related("organisation")
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, wanted):
        return None
    if token.expires_at <= timezone.now():
        return None
    return token


def actor_of(token: ApiToken) -> SystemActor:
    """Who the audit log names: the organisation's system, by its token."""
    return SystemActor(f"api:{token.organisation.slug}:{token.system}:{token.pk}")


def require(token: ApiToken, scope: Scope) -> None:
    """403 unless ``token`` has ``scope``."""
    if str(scope) not in token.scopes:
        raise ProblemError(
            403, _("Avaimella ei ole tähän tarvittavaa oikeutta (%(scope)s).") % {"scope": scope}
        )


class BearerToken(HttpBearer):
    """django-ninja auth: ``Authorization: Bearer tkv_…`` of an active token, else 401."""

    openapi_bearerFormat = "tkv_ token"

    def __call__(self, request: HttpRequest) -> ApiToken:
        token = authenticate(request)
        if token is None:
            raise ProblemError(401, _("Anna voimassa oleva API-avain (Authorization: Bearer …)."))
        return token

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return token_for(token)  # ninja's own path; __call__ above answers first


bearer = BearerToken()
