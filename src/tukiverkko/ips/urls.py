"""/ips/…: the case's IPS pages (only integer ids), the IPS-25 reviews of a service, the
work-demand reference and the outcomes."""

from django.urls import path

from tukiverkko.ips import views

app_name = "ips"
urlpatterns = [
    path("asiakkuus/<int:case_id>/", views.period_page, name="period"),
    path("asiakkuus/<int:case_id>/paatos/", views.decision_create, name="decision"),
    path("asiakkuus/<int:case_id>/aloita/", views.period_start, name="start"),
    path("asiakkuus/<int:case_id>/vaihe/", views.period_phase, name="phase"),
    path("asiakkuus/<int:case_id>/arvioi/", views.period_review, name="review"),
    path("asiakkuus/<int:case_id>/profiili/", views.profile_edit, name="profile"),
    path("asiakkuus/<int:case_id>/yhteydenotto/", views.contact_create, name="contact"),
    path("laatu/", views.fidelity_services, name="fidelity_services"),
    path("laatu/arviointi/<int:review_id>/", views.fidelity_review, name="fidelity_review"),
    path("laatu/<int:service_id>/", views.fidelity_service, name="fidelity_service"),
    path("laatu/<int:service_id>/uusi/", views.fidelity_create, name="fidelity_create"),
    path("tyovaatimukset/", views.reference_search, name="reference"),
    path("tulokset/", views.outcomes_page, name="outcomes"),
]
