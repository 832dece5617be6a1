from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The client's own view (Oma Tukiverkko): a shell like the API, with its own URL space and
    login, over the other apps' actions and the one access policy — the client is an actor of
    its own kind (accounts.actors.ClientActor)."""

    name = "tukiverkko.portal"
    label = "portal"
