from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "tukiverkko.consent"
    label = "consent"
    client_data = True
    # A consent running out or used up (core.due; the followup app makes the tasks).
    followup_sources = (
        "tukiverkko.consent.due.expiring",
        "tukiverkko.consent.due.used_up",
        "tukiverkko.consent.due.revocation_untold",
    )
