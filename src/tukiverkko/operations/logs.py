"""Structured logs: one JSON object per line, each carrying the id of the request it belongs to.

The request id comes from the ``X-Request-ID`` header of a proxy in front (when it looks like
an id) or is made here, and goes back in the response's ``X-Request-ID``, so one line of the
proxy's log, the app's log and a user's report can be matched. What is logged about a request
is its method, path (never the query string: search words there can be health data), status,
duration and the user's numeric id — never a body, a name or a henkilötunnus.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter

request_id: ContextVar[str] = ContextVar("request_id", default="")

_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def new_request_id(offered: str | None) -> str:
    """The proxy's id when it is a plain token, else a fresh one (never echo arbitrary text)."""
    if offered and _ACCEPTABLE.match(offered):
        return offered
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (empty outside a request) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def json_formatter() -> logging.Formatter:
    return JsonFormatter(
        ["levelname", "name", "message", "request_id"],
        rename_fields={"levelname": "level", "name": "logger"},
        timestamp="time",
        json_ensure_ascii=False,
    )
