from django.apps import AppConfig


class ClientsConfig(AppConfig):
    """The person register: the client, the henkilötunnus at rest, client relationships."""

    name = "tukiverkko.clients"
    label = "clients"
    client_data = True
    access_grants = ("tukiverkko.clients.querysets.clients_of_organisation",)

    def ready(self) -> None:
        from tukiverkko.clients import checks  # noqa: F401 — registers the system check
