from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tukiverkko.accounts.models import Region


def home(request: HttpRequest) -> HttpResponse:
    regions = Region.objects.prefetch_related("municipalities")
    return render(request, "core/home.html", {"regions": regions})
