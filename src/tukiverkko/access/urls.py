"""Only integer ids in these paths (tested)."""

from django.urls import path

from tukiverkko.access import views

app_name = "access"
urlpatterns = [
    path("perusteltu/", views.justified_access, name="justified"),
    path("perusteltu/<int:access_id>/lopeta/", views.end_justified_access, name="justified_end"),
    path("valvonta/", views.review_list, name="review_list"),
    path("valvonta/<int:access_id>/tarkastettu/", views.review, name="review"),
]
