from django.apps import AppConfig


class PlansConfig(AppConfig):
    """The work-ability support plan (työkyvyn tuen suunnitelma): one living plan per case."""

    name = "tukiverkko.plans"
    label = "plans"
    # Its pages and API routes carry client data (the authorisation matrix finds them).
    client_data = True
    # The plan's section on the client page (decision 0109).
    case_panels = ("tukiverkko.plans.panels.PLAN",)
    # What the plan tells the rules (cases.facts, decision 0110): the client's activation plan or
    # TYM plan referenced on it — kuntouttava työtoiminta's prerequisite (rules.criteria).
    case_facts = ("tukiverkko.plans.selectors.facts_of_case",)
    # What of the plan must not be forgotten (core.due; the followup app makes the tasks).
    followup_sources = (
        "tukiverkko.plans.due.plan_reviews",
        "tukiverkko.plans.due.follow_up_dates",
        "tukiverkko.plans.due.ktt_reviews",
        "tukiverkko.plans.due.job_coaching_reviews",
    )
