"""Only integer ids in these paths (never a name or a henkilötunnus)."""

from django.urls import path

from tukiverkko.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("asiakkuus/<int:case_id>/uusi/", views.referral_create, name="create"),
    path("<int:referral_id>/", views.referral_detail, name="detail"),
    *(
        path(f"<int:referral_id>/{slug}/", views.referral_step, {"step": step}, name=step)
        for slug, step in (
            ("laheta", "send"),
            ("vastaanota", "receive"),
            ("hyvaksy", "accept"),
            ("hylkaa", "decline"),
            ("palauta", "return"),
            ("aloita", "start"),
            ("valmis", "complete"),
            ("sulje", "close"),
        )
    ),
]
