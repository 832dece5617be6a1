"""/tyopoyta/: the professional's start page."""

from django.urls import path

from tukiverkko.workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.start, name="start"),
    path("asiakas/<int:client_id>/kirjautumiskoodi/", views.portal_code, name="portal_code"),
]
