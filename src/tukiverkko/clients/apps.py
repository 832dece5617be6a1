from django.apps import AppConfig


class ClientsConfig(AppConfig):
    """The person register: the client, the henkilötunnus at rest, client relationships."""

    name = "tukiverkko.clients"
    label = "clients"
    client_data = True
    # No grant: an organisation's client relationship (the client in its register) opens the
    # client to none of its professionals by itself (issue 8) — a professional needs their own.

    def ready(self) -> None:
        from tukiverkko.clients import checks  # noqa: F401 — registers the system check
