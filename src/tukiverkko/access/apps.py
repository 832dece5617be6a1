from django.apps import AppConfig


class AccessConfig(AppConfig):
    """The one access policy: who may see which client's data, composed of the grants the domain
    apps declare (``access_grants`` on their AppConfig), and the logged getters."""

    name = "tukiverkko.access"
    label = "access"
