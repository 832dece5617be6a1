"""Only integer ids in these paths (tested)."""

from django.urls import path

from tukiverkko.consent import views

app_name = "consent"
urlpatterns = [
    path("asiakas/<int:client_id>/uusi/", views.consent_create, name="create"),
    path("<int:consent_id>/peru/", views.consent_revoke, name="revoke"),
    path("ilmoitus/<int:notice_id>/tehty/", views.notice_done, name="notice_done"),
    path("asiakas/<int:client_id>/luovutuskielto/", views.prohibition_create, name="prohibition"),
    path(
        "luovutuskielto/<int:prohibition_id>/poista/",
        views.prohibition_lift,
        name="prohibition_lift",
    ),
    path("asiakas/<int:client_id>/lakiperuste/", views.legal_basis_create, name="legal_basis"),
    path("lakiperuste/<int:basis_id>/paata/", views.legal_basis_end, name="legal_basis_end"),
]
