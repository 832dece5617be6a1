from django.apps import AppConfig


class IpsConfig(AppConfig):
    """IPS job coaching (laatukriteereihin perustuva tuettu työhönvalmennus) as a path on
    the case, its IPS-25 fidelity review, and the doctors' work-demand reference."""

    name = "tukiverkko.ips"
    label = "ips"
    # Its pages and API routes carry client data (the authorisation matrix finds them).
    client_data = True
