"""The portal's own login, beside the professionals' in the same session store: the client's id,
who assisted (when the client logged in on a professional's screen) and when — nothing else.
It ends after 30 minutes without use, on logging out, and when the professional who assisted
logs out of their own account.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tukiverkko.accounts.actors import ClientActor
from tukiverkko.accounts.models import User

CLIENT, ASSISTED, SEEN = "portal_client", "portal_assisted_by", "portal_seen"
STRONG = "portal_strong"  # logged in with strong identification (Suomi.fi), not a code
IDLE_SECONDS = 30 * 60


def log_in(request: HttpRequest, actor: ClientActor, *, strong: bool = False) -> None:
    request.session.cycle_key()  # a new session key at every login (no fixation)
    request.session[STRONG] = strong
    request.session[CLIENT] = actor.client_id
    request.session[ASSISTED] = actor.assisted_by.pk if actor.assisted_by else None
    request.session[SEEN] = int(time.time())


def log_out(request: HttpRequest) -> None:
    for key in (CLIENT, ASSISTED, SEEN, STRONG):
        request.session.pop(key, None)


def actor_of(request: HttpRequest) -> ClientActor | None:
    """The logged-in client, or None (and the portal part of the session ended when it has
    idled too long, or the assisting professional is no longer the one logged in)."""
    session = request.session
    client_id = session.get(CLIENT)
    if not isinstance(client_id, int):
        return None
    now = int(time.time())
    if now - int(session.get(SEEN) or 0) > IDLE_SECONDS:
        log_out(request)
        return None
    assisted_by: User | None = None
    helper_id = session.get(ASSISTED)
    if helper_id is not None:
        user = request.user
        if not (user.is_authenticated and user.pk == helper_id):
            log_out(request)
            return None
        assisted_by = user if isinstance(user, User) else None
    session[SEEN] = now
    return ClientActor(client_id=client_id, assisted_by=assisted_by)


def is_strong(request: HttpRequest) -> bool:
    return bool(request.session.get(STRONG))


def client_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """The view gets the logged-in client as its second argument; nobody logged in goes to the
    portal's login page."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = actor_of(request)
        if actor is None:
            return redirect("portal:login")
        return view(request, actor, *args, **kwargs)

    return wrapped
