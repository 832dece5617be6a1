from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for ``make run``: accounts per role, the seeds' stories, synthetic clients."""

    name = "tukiverkko.demo"
    label = "demo"
