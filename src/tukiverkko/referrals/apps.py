from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """Referrals and consultations (lähetteet ja konsultaatiot) from a case to a service or a
    professional: the closed loop from sending to the feedback."""

    name = "tukiverkko.referrals"
    label = "referrals"
    # Pages and API routes of this app carry client data (the authorisation matrix finds them).
    client_data = True
    # The professional handling an accepted referral sees its client while it is open
    # (decision 0263; tukiverkko.access.policy composes it).
    access_grants = ("tukiverkko.referrals.querysets.clients_of_referral_handler",)
    # The referrals panel of the case page (cases.panels, decision 0109).
    case_panels = ("tukiverkko.referrals.panels.REFERRALS",)
    # An overdue referral is a task of its sender (core.due; the followup app makes it).
    followup_sources = ("tukiverkko.referrals.due.overdue",)
