"""Absolute session lifetime: 10 hours from login, whatever the activity (idle limit is
SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

_KEY = "tukiverkko_login_at"


class AbsoluteSessionLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(_KEY)
            now = time.time()
            if started is None:
                request.session[_KEY] = now
            elif now - float(started) > settings.SESSION_ABSOLUTE_MAX_AGE:
                logout(request)
        return self.get_response(request)
