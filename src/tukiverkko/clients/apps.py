from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "tukiverkko.clients"
    label = "clients"

    def ready(self) -> None:
        from tukiverkko.clients import checks  # noqa: F401 — registers the system check
