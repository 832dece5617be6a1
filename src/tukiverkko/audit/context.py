"""The request an audit entry is written in: its id, a reference to its session and (where the
deployment enables it) the client's IP address — set by ``access.middleware`` for each request,
read by every append (``audit.actions``), empty outside a request (a command, a task).

It also counts the refusals logged during the request, so that the middleware logs a 401 or
403 that no getter logged (an API authentication failure, a CSRF failure) — and only those.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings


@dataclass
class RequestContext:
    request_id: str = ""
    session_ref: str = ""
    ip: str = ""
    denials: int = 0


_current: ContextVar[RequestContext | None] = ContextVar("audit_request", default=None)


def current() -> RequestContext | None:
    return _current.get()


@contextmanager
def bound(context: RequestContext) -> Iterator[RequestContext]:
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


def session_ref(session_key: str | None) -> str:
    """A stable name for one session that cannot be turned back into its cookie: the first 32
    hex digits of an HMAC of the session key under the site's secret key."""
    if not session_key:
        return ""
    key = ("tukiverkko audit session:" + settings.SECRET_KEY).encode()
    return hmac.new(key, session_key.encode(), hashlib.sha256).hexdigest()[:32]


def fields() -> dict[str, str]:
    """The context columns of an entry written now."""
    context = _current.get()
    if context is None:
        return {"request_id": "", "session_ref": "", "ip": ""}
    return {"request_id": context.request_id, "session_ref": context.session_ref, "ip": context.ip}


def count_denial() -> None:
    context = _current.get()
    if context is not None:
        context.denials += 1
