"""Who may open professional pages: logged in, with a role, and (when required) 2FA-verified."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import edits_catalogue

View = Callable[..., HttpResponse]


def professional_required(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if settings.REQUIRE_2FA and not getattr(user, "is_verified", lambda: False)():
            return redirect_to_login(request.get_full_path())
        if not getattr(user, "role", ""):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def professional_of(request: HttpRequest) -> User:
    """The professional a decorated view serves (``professional_required`` let only one in)."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def client_data(view: View) -> View:
    """A page of client data: professional, 2FA when required, and never cached."""
    return never_cache(professional_required(view))


def editor_required(view: View) -> View:
    """A professional (as above) whose role is catalogue editor or administrator; others 403."""

    @professional_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not edits_catalogue(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
