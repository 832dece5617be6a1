from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "tukiverkko.rules"
    label = "rules"
