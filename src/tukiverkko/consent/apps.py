from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "tukiverkko.consent"
    label = "consent"
    client_data = True
