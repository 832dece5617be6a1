from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the service: server, worker heartbeat, health probes, logs, backups."""

    name = "tukiverkko.operations"
    label = "operations"
    default_auto_field = "django.db.models.BigAutoField"
