from django.urls import path

from tukiverkko.rules import views

app_name = "rules"
urlpatterns = [
    path("", views.tyokykymittari, name="tyokykymittari"),
    path("tarkistin/", views.checker, name="checker"),
]
