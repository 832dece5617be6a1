from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The API's shared plumbing (an app only so that its messages have a catalogue)."""

    name = "tukiverkko.api"
    label = "api"
