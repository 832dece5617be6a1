from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tukiverkko.catalogue.models import Service
from tukiverkko.catalogue.search import ServiceFilter, filter_services


def search(request: HttpRequest) -> HttpResponse:
    f = ServiceFilter(q=request.GET.get("q", "").strip())
    services = filter_services(Service.objects.select_related("organisation"), f)[:50]
    return render(request, "catalogue/search.html", {"services": services, "filter": f})


def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_object_or_404(Service, slug=slug)
    return render(request, "catalogue/service.html", {"service": service})
