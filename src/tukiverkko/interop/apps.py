from django.apps import AppConfig


class InteropConfig(AppConfig):
    """Interoperability: the network's data in the shapes other systems read — FHIR R4, HSDS,
    the Suomi.fi service catalogue (PTV) — through the same actions and the one access policy."""

    name = "tukiverkko.interop"
    label = "interop"
    # Its FHIR routes serve client data: the authorisation matrix covers each of them.
    client_data = True
