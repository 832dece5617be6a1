from django.apps import AppConfig


class FollowupConfig(AppConfig):
    """Follow-up that nobody forgets: tasks and reminders made by scheduled jobs
    (django-tasks), each with an owner, a due date and the thing it is about."""

    name = "tukiverkko.followup"
    label = "followup"
    # Its pages and API routes carry client data (the authorisation matrix finds them).
    client_data = True
