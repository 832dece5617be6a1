"""Who may call the client-data API: a professional who works with clients, logged in with a
session (CSRF on unsafe methods, django-ninja's cookie auth) and — when required — verified with
two-factor login. Anyone else gets 401."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.views.decorators.cache import never_cache
from ninja.decorators import decorate_view
from ninja.errors import AuthenticationError
from ninja.security import SessionAuth

from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import works_with_clients


class ProfessionalSession(SessionAuth):
    """Logged-in professional who works with clients, 2FA-verified when required."""

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = super().authenticate(request, key)
        if not works_with_clients(user):
            return None
        if settings.REQUIRE_2FA and not getattr(user, "is_verified", lambda: False)():
            return None
        return user


professional = ProfessionalSession()


class VerifiedSession(SessionAuth):
    """Any logged-in user, 2FA-verified when required — for routes that check the role
    themselves (the audit logs: the data-protection officer; review L5)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = super().authenticate(request, key)
        if not isinstance(user, User):
            return None
        if settings.REQUIRE_2FA and not getattr(user, "is_verified", lambda: False)():
            return None
        return user


verified = VerifiedSession()


def caller(request: HttpRequest) -> User:
    """The professional the router's authentication let in."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise AuthenticationError()
    return user


# Client data: never cached by a browser or proxy.
no_store = decorate_view(never_cache)
