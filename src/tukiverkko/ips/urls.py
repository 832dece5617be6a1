"""/ips/…"""

from django.urls import URLPattern

app_name = "ips"
urlpatterns: list[URLPattern] = []
