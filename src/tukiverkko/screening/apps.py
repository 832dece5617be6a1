from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "tukiverkko.screening"
    label = "screening"
