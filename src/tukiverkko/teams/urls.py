"""/tiimit/…: teams, their meetings and agendas, and the client meeting (only integer ids)."""

from django.urls import path

from tukiverkko.teams import views

app_name = "teams"
urlpatterns = [
    path("", views.team_list, name="list"),
    path("<int:team_id>/", views.team_detail, name="detail"),
    path("<int:team_id>/jasen/", views.member_add, name="member_add"),
    path("<int:team_id>/jasen/<int:member_id>/poista/", views.member_remove, name="member_remove"),
    path("<int:team_id>/rytmi/", views.series_add, name="series_add"),
    path("<int:team_id>/tuleva/<int:series_id>/<int:start>/", views.occurrence, name="occurrence"),
    path("kokous/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("asia/<int:item_id>/", views.agenda_item, name="agenda_item"),
    path("asia/<int:item_id>/poista/", views.agenda_withdraw, name="agenda_withdraw"),
    path("asiakkuus/<int:case_id>/tuo/", views.bring_to_team, name="bring"),
    path(
        "asiakkuus/<int:case_id>/neuvonpito/",
        views.client_meeting_create,
        name="client_meeting_create",
    ),
    path("neuvonpito/<int:meeting_id>/", views.client_meeting, name="client_meeting"),
]
