from django.urls import path

from tukiverkko.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("asiakas/<int:client_id>/", views.client_log, name="client_log"),
    path("asiakas/<int:client_id>/vienti/", views.client_log_export, name="client_log_export"),
]
