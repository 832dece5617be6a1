from django.apps import AppConfig


class IpsConfig(AppConfig):
    """IPS job coaching (laatukriteereihin perustuva tuettu työhönvalmennus) as a path on
    the case, its IPS-25 fidelity review, and the doctors' work-demand reference."""

    name = "tukiverkko.ips"
    label = "ips"
    # Its pages and API routes carry client data (the authorisation matrix finds them).
    client_data = True
    # The coach of an open period sees its client (tukiverkko.access.policy, decision 0300).
    access_grants = ("tukiverkko.ips.querysets.clients_of_ips_coach",)
    # The IPS section of the client page (cases.panels, decision 0109).
    case_panels = ("tukiverkko.ips.panels.IPS",)
    # The latest IPS-25 band on the service's catalogue page (catalogue.sections, decision 0302).
    service_sections = ("tukiverkko.ips.panels.FIDELITY",)
    # The periods whose review is due (core.due; the followup app collects them).
    followup_sources = ("tukiverkko.ips.selectors.due_reviews",)
