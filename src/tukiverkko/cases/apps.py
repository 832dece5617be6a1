from django.apps import AppConfig


class CasesConfig(AppConfig):
    """The client's path: the case, its phases, the responsible worker, network and journal."""

    name = "tukiverkko.cases"
    label = "cases"
    # Pages and API routes of this app carry client data: the authorisation matrix
    # (access/tests/test_authorisation_matrix.py) finds them by this marker.
    client_data = True
    # Who may see a client because of this app (tukiverkko.access.policy composes them).
    access_grants = (
        "tukiverkko.cases.querysets.clients_of_responsible_worker",
        "tukiverkko.cases.querysets.clients_of_network_member",
    )
    # A caseload whose worker has left, and a case left idle (core.due; followup makes tasks).
    followup_sources = (
        "tukiverkko.cases.due.departed_workers",
        "tukiverkko.cases.due.idle_cases",
    )
