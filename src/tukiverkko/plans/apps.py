from django.apps import AppConfig


class PlansConfig(AppConfig):
    """The work-ability support plan (työkyvyn tuen suunnitelma): one living plan per case."""

    name = "tukiverkko.plans"
    label = "plans"
    # Its pages and API routes carry client data (the authorisation matrix finds them).
    client_data = True
    # The plan's section on the client page (decision 0109).
    case_panels = ("tukiverkko.plans.panels.PLAN",)
