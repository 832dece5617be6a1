"""Only integer ids in these paths (tested)."""

from django.urls import path

from tukiverkko.consent import views

app_name = "consent"
urlpatterns = [
    path("asiakas/<int:client_id>/uusi/", views.consent_create, name="create"),
    path("<int:consent_id>/peru/", views.consent_revoke, name="revoke"),
]
