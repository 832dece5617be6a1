from django.urls import path, re_path

from tukiverkko.interop.fhir import views

app_name = "fhir"
urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    re_path(r"^(?P<resource_type>[A-Za-z]+)/?$", views.type_level, name="type"),
    re_path(
        r"^(?P<resource_type>[A-Za-z]+)/(?P<pk>[A-Za-z0-9\-.]{1,64})$", views.read, name="read"
    ),
]
