"""/tehtavat/…"""

from django.urls import URLPattern

app_name = "followup"
urlpatterns: list[URLPattern] = []
