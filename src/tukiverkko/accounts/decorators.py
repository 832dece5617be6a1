"""Who may open professional pages: logged in, with a role, and (when required) 2FA-verified."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from tukiverkko.accounts.models import Role

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


# Who keeps the service catalogue true: its editors, and administrators.
EDITOR_ROLES = frozenset({Role.CATALOGUE_EDITOR, Role.ADMINISTRATOR})


def editor_required(view: View) -> View:
    """A professional (as above) whose role is catalogue editor or administrator; others 403."""

    @professional_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request.user, "role", "") not in EDITOR_ROLES:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
