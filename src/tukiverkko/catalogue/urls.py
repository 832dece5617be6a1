from django.urls import path

from tukiverkko.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.search, name="search"),
    path("<slug:slug>/", views.service_detail, name="service"),
]
