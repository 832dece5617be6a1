from django.urls import path

from tukiverkko.audit import views

app_name = "audit"
urlpatterns = [
    path("asiakas/<int:client_id>/", views.client_log, name="client_log"),
]
