from django.urls import URLPattern, URLResolver, path

from tukiverkko.monitoring import views

app_name = "monitoring"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("seuranta.csv", views.dashboard_csv, name="dashboard_csv"),
]
