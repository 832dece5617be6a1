from django.urls import URLPattern, URLResolver, include, path

app_name = "interop"
urlpatterns: list[URLPattern | URLResolver] = [
    path("fhir/R4/", include("tukiverkko.interop.fhir.urls")),
]
