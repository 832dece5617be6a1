"""The API docs page: django-ninja's Swagger UI, from our static files, with the accessibility
fixes of core/swagger.html (language, skip link, contrast, no control inside a control)."""

from __future__ import annotations

from ninja.openapi.docs import Swagger


class AccessibleSwagger(Swagger):
    template = "core/swagger.html"
