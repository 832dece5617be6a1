"""The API speaks the caller's language: ``Accept-Language`` (or the site's language cookie)
chooses Finnish, Swedish or English for messages — Finnish when it names none of them.

The pages take their language from the address (/sv/, /en/); the API's addresses carry none, and
Django's LocaleMiddleware would therefore always answer Finnish there.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

PREFIX = "/api/"


class ApiLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
