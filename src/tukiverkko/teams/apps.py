from django.apps import AppConfig


class TeamsConfig(AppConfig):
    """The work-ability team (työkyvyn tuen tiimi): members, recurring meetings, the agenda
    of cases admitted with consent, minutes whose decisions go to the plan and the referrals, and
    the multi-professional meeting with the client (monialainen neuvonpito)."""

    name = "tukiverkko.teams"
    label = "teams"
    # Its pages and API routes carry client data (the authorisation matrix finds them).
    client_data = True
    # A case on the agenda opens its client to the team's members while the meeting lasts
    # (decision 0312; tukiverkko.access.policy composes it).
    access_grants = ("tukiverkko.teams.querysets.clients_of_team_agenda",)
    # The team section of the client page (cases.panels).
    case_panels = ("tukiverkko.teams.panels.TEAM",)
