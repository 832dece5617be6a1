"""/oma/: Oma Tukiverkko, the client's own pages."""

from django.urls import path

from tukiverkko.portal import oidc, views

app_name = "portal"
urlpatterns = [
    path("", views.start, name="start"),
    path("kirjaudu/", views.login, name="login"),
    path("kirjaudu/suomifi/", oidc.start, name="oidc_start"),
    path("kirjaudu/suomifi/paluu/", oidc.callback, name="oidc_callback"),
    path("ulos/", views.logout, name="logout"),
    path("suunnitelma/", views.plan, name="plan"),
    path("suunnitelma/tehtava/<int:action_id>/", views.task, name="task"),
    path("suostumukset/", views.consents, name="consents"),
    path("suostumukset/<int:consent_id>/peru/", views.revoke, name="revoke"),
    path("suostumukset/<int:consent_id>/vahvista/", views.confirm, name="confirm"),
    path("loki/", views.log, name="log"),
    path("arviot/", views.assessments, name="assessments"),
    path("arviot/<slug:instrument_id>/", views.assessment, name="assessment"),
    path("palaute/", views.feedback, name="feedback"),
    path("tiedot.json", views.download_json, name="download_json"),
    path("tiedot.pdf", views.download_pdf, name="download_pdf"),
]
