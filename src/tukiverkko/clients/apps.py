from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "tukiverkko.clients"
    label = "clients"
