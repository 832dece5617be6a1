"""Only integer ids in these paths: never a name or a henkilötunnus (tested)."""

from django.urls import path

from tukiverkko.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.my_clients, name="mine"),
    path("uusi/", views.client_create, name="create"),
    path("siirra-asiakkuudet/", views.hand_over_caseload, name="caseload"),
    path("<int:client_id>/", views.client_detail, name="detail"),
    path("<int:client_id>/henkilotunnus/", views.reveal_henkilotunnus, name="reveal"),
    path("asiakkuus/<int:case_id>/vaihe/", views.change_phase, name="phase"),
    path("asiakkuus/<int:case_id>/vastuu/", views.request_handover, name="handover"),
    path("asiakkuus/<int:case_id>/kirjaus/", views.add_journal_entry, name="journal"),
    path("asiakkuus/<int:case_id>/pikaopas/", views.mark_checklist_step, name="checklist"),
    path("asiakkuus/<int:case_id>/verkosto/", views.add_network_member, name="network"),
    # The action forms on demand (GET; htmx gets the fragment): decision 0337.
    path("asiakkuus/<int:case_id>/vaihe/lomake/", views.phase_form, name="phase_form"),
    path("asiakkuus/<int:case_id>/vastuu/lomake/", views.handover_form, name="handover_form"),
    path("asiakkuus/<int:case_id>/kirjaus/lomake/", views.journal_form, name="journal_form"),
    path("asiakkuus/<int:case_id>/pikaopas/lomake/", views.checklist_form, name="checklist_form"),
    path("asiakkuus/<int:case_id>/verkosto/lomake/", views.network_form, name="network_form"),
    path("verkosto/<int:member_id>/poista/", views.remove_network_member, name="network_remove"),
    path(
        "siirto/<int:request_id>/hyvaksy/",
        views.decide_handover,
        {"accept": True},
        name="handover_accept",
    ),
    path(
        "siirto/<int:request_id>/hylkaa/",
        views.decide_handover,
        {"accept": False},
        name="handover_decline",
    ),
]
