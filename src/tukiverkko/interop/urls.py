from django.urls import URLPattern, URLResolver, include, path

from tukiverkko.interop.fhir import urls as fhir_urls

app_name = "interop"
urlpatterns: list[URLPattern | URLResolver] = [
    path("fhir/R4/", include(fhir_urls.urlpatterns)),
]
