"""Request bodies over Django's limit (DATA_UPLOAD_MAX_MEMORY_SIZE) answer 413 before anything
reads them — a problem document naming the field "body" for the API, the site's Finnish page
otherwise — never a 500 (review L1)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tukiverkko.api.errors import field_problem, problem_response
from tukiverkko.api.language import PREFIX


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class BodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and _declared_length(request) > limit:
            return self.too_large(request, limit)
        return self.get_response(request)

    @staticmethod
    def too_large(request: HttpRequest, limit: int) -> HttpResponse:
        if request.path_info.startswith(PREFIX):
            message = _("Pyynnön runko on liian suuri: enintään %(limit)s tavua.") % {
                "limit": limit
            }
            return problem_response(
                request,
                413,
                message,
                [field_problem("body", "too_large", message, label=_("Pyynnön runko"))],
            )
        return render(request, "413.html", {"limit": limit}, status=413)
