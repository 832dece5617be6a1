from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tukiverkko.accounts.models import Region


def home(request: HttpRequest) -> HttpResponse:
    regions = Region.objects.prefetch_related("municipalities")
    return render(request, "core/home.html", {"regions": regions})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused CSRF check (settings.CSRF_FAILURE_VIEW): the site's own 403 page in the user's
    language. ``access.middleware`` logs the refusal as a CSRF one."""
    request.csrf_refused = True  # type: ignore[attr-defined]
    return render(request, "403_csrf.html", status=403)
