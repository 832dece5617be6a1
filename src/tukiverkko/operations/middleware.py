"""The two middlewares that come before all others (settings.MIDDLEWARE)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from tukiverkko.operations import health, logs

logger = logging.getLogger("tukiverkko.request")

Handler = Callable[[HttpRequest], HttpResponse]


class HealthMiddleware:
    """Answers /healthz and /readyz before host checks, HTTPS redirects, sessions and the
    rest: a load balancer probes each server by its address, over plain HTTP, many times a
    minute, and must see only whether this process can serve."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path.rstrip("/")
        if path == "/healthz":
            return JsonResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})
        if path == "/readyz":
            ready, body = health.readiness()
            response = JsonResponse(
                body, status=200 if ready else 503, headers={"Cache-Control": "no-store"}
            )
            # A probe every few seconds at a server that is starting would fill the log with
            # "Service Unavailable" errors; the answer itself says what is missing.
            response._has_been_logged = True  # type: ignore[attr-defined]
            return response
        return self.get_response(request)


class RequestLogMiddleware:
    """One JSON line per request, and the request id on every line logged meanwhile."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = logs.new_request_id(request.headers.get("X-Request-ID"))
        token = logs.request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            # Only a user the request already loaded: never a query just for the log.
            user = getattr(request, "_cached_user", None)
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": getattr(user, "pk", None),
                },
            )
            return response
        finally:
            logs.request_id.reset(token)
