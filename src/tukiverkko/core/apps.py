from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tukiverkko.core"
    label = "core"
