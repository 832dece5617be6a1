from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The professional's start page: my clients, my tasks, my unit's referral inbox,
    upcoming meetings and handover requests on one page."""

    name = "tukiverkko.workspace"
    label = "workspace"
    # The start page names the professional's clients (the authorisation matrix covers it).
    client_data = True
