"""Only integer ids in these paths: never a name or a henkilötunnus (tested)."""

from django.urls import path

from tukiverkko.assessments import views

app_name = "assessments"
urlpatterns = [
    # ?mittari=phq9: the instrument is a query parameter (client-data paths carry only ids)
    path("asiakkuus/<int:case_id>/arviot/mittari/", views.record_instrument, name="instrument"),
    path(
        "asiakkuus/<int:case_id>/arviot/terveystarkastus/",
        views.open_health_check,
        name="health_check_open",
    ),
    path("terveystarkastus/<int:check_id>/", views.health_check, name="health_check"),
    path(
        "asiakkuus/<int:case_id>/arviot/palvelutarve/",
        views.needs_assessment,
        name="needs_assessment",
    ),
    path("asiakkuus/<int:case_id>/arviot/koordinointi/", views.coordinator, name="coordinator"),
]
