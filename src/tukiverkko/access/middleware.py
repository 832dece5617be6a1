"""The request each audit entry is written in, and the refusals nobody else logged.

``AuditContextMiddleware`` (settings.MIDDLEWARE, after authentication):
- binds the audit context for the request (audit.context): its request id — the one the
  operations' request-log middleware chose when it runs, else the proxy's ``X-Request-ID`` when
  it looks like an id, else a new one — a reference to the session (a keyed hash, never the
  session key) and, only where ``TUKIVERKKO_AUDIT_IP`` is on, the client's IP address;
- after the response, logs a refusal that no getter logged: an API 401 or 403 (authentication,
  the second factor, a role), a CSRF failure, any other 403, and a client-data page that sent an
  anonymous caller to log in (review M3). A getter's own refusal (a 404 for a record, a 403
  ``Refused``) is not logged twice.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url

from tukiverkko.audit import context
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.purposes import AccessPurpose
from tukiverkko.clients.models import Client
from tukiverkko.core.forms import MAX_ID

_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id(request: HttpRequest) -> str:
    offered = request.headers.get("X-Request-ID", "")
    return offered if _ID.match(offered) else uuid.uuid4().hex


def _client_data_view(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    config = apps.get_containing_app_config(getattr(match.func, "__module__", ""))
    return bool(getattr(config, "client_data", False))


def _target(request: HttpRequest) -> tuple[int | None, str]:
    """The client the refused request named (a ``client_id`` in its path), and its route."""
    match = getattr(request, "resolver_match", None)
    route = (match.route if match else "") or request.path_info
    raw = str((match.kwargs if match else {}).get("client_id", ""))
    client_id = int(raw) if raw.isdigit() and int(raw) <= MAX_ID else None
    if client_id is not None and not Client.objects.filter(pk=client_id).exists():
        return None, f"{route[:120]}:client:{client_id}"
    return client_id, route[:150]


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.login_url = ""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        ctx = context.RequestContext(
            request_id=request_id(request),
            session_ref=context.session_ref(getattr(session, "session_key", None)),
            ip=request.META.get("REMOTE_ADDR", "") if settings.AUDIT_LOG_IP else "",
        )
        with context.bound(ctx):
            response = self.get_response(request)
            if ctx.denials == 0 and self._is_refusal(request, response):
                self._log_refusal(request, response)
        response.headers.setdefault("X-Request-ID", ctx.request_id)
        return response

    def _is_refusal(self, request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code in (401, 403):
            return True
        if response.status_code == 302 and _client_data_view(request):
            self.login_url = self.login_url or resolve_url(settings.LOGIN_URL)
            return str(response.get("Location", "")).startswith(self.login_url)
        return False

    def _log_refusal(self, request: HttpRequest, response: HttpResponse) -> None:
        client_id, route = _target(request)
        kind = "csrf" if getattr(request, "csrf_refused", False) else str(response.status_code)
        record_access(
            user=getattr(request, "user", None) or AnonymousUser(),
            client_id=client_id,
            what=f"refused:{kind}:{request.method}:{route}",
            purpose=AccessPurpose.REFUSED_REQUEST,
            allowed=False,
        )
