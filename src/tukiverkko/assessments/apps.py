from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    """What is assessed on a case: screening-instrument results, the health-check path (the
    nurse's broad check and the doctor's check), the social-care needs assessment and the
    suggestion of who coordinates."""

    name = "tukiverkko.assessments"
    label = "assessments"
    # Pages and API routes of this app carry client data (access/tests/test_authorisation_matrix).
    client_data = True
    # The client page's assessments section (cases.panels, decision 0109).
    case_panels = ("tukiverkko.assessments.panels.ASSESSMENTS",)
    # What this app knows for the rules (cases.facts, decision 0110): whether the nurse's or the
    # coordinator's assessment is done, the doctor's work-ability assessment's prerequisite.
    case_facts = ("tukiverkko.assessments.selectors.facts_of_case",)
