from django.urls import path

from tukiverkko.screening import views

app_name = "screening"
urlpatterns = [
    path("", views.index, name="index"),
    path("heratteet/", views.triggers, name="triggers"),
    path("riskitekijat/", views.risk_factors, name="risk_factors"),
    path("<slug:instrument_id>/", views.instrument_page, name="instrument"),
]
