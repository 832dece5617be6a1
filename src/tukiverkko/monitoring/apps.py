from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    """Effectiveness monitoring (vaikuttavuuden seuranta): aggregate dashboards for managers at
    the seeds' four levels — work and functional ability, goals, actions, outcomes — computed
    set-based, small cells suppressed, each read logged as an aggregate read."""

    name = "tukiverkko.monitoring"
    label = "monitoring"
