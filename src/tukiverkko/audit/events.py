"""The event log's vocabulary: every change of client data is one typed event, written by the
action that makes the change, in the action's own transaction (one row per change).

Reads are not events: they stay access-log rows (``audit.actions.record_access``), so that the
client's "who looked at my data" never lists a change as a read.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.actors import Actor, kind_of
from tukiverkko.audit import context
from tukiverkko.audit.actions import actor_fields
from tukiverkko.audit.chain import append
from tukiverkko.audit.models import EventLogEntry


class EventType(models.TextChoices):
    # the person register
    CLIENT_CREATE = "client_create", _("asiakas luotu")
    CLIENT_FOUND = "client_found_by_henkilotunnus", _("asiakas löytyi henkilötunnuksella")
    RELATIONSHIP_OPEN = "relationship_open", _("asiakkuus organisaatiossa alkoi")
    # the case path
    CASE_OPEN = "case_open", _("asiakkuus avattu")
    CASE_PHASE = "case_phase", _("vaihe vaihtui")
    CASE_CHECKLIST = "case_checklist", _("pikaoppaan kohta merkitty")
    HANDOVER_REQUEST = "handover_request", _("vastuun siirtoa pyydetty")
    HANDOVER_ACCEPT = "handover_accept", _("vastuun siirto hyväksytty")
    HANDOVER_DECLINE = "handover_decline", _("vastuun siirto hylätty")
    HANDOVER_CANCEL = "handover_cancel", _("vastuun siirtopyyntö peruttu")
    NETWORK_ADD = "network_add", _("lisätty verkostoon")
    NETWORK_REMOVE = "network_remove", _("poistettu verkostosta")
    JOURNAL_ADD = "journal_add", _("kirjaus lisätty")
    RESPONSIBLE_NAMED = "responsible_named", _("vastuutyöntekijä nimetty")
    # the plan
    PLAN_CREATE = "plan_create", _("suunnitelma aloitettu")
    PLAN_SAVE = "plan_save", _("suunnitelmaa muutettu")
    PLAN_GOAL_REVIEW = "plan_goal_review", _("tavoite arvioitu")
    PLAN_AGREE = "plan_agree", _("suunnitelma sovittu")
    # assessments
    INSTRUMENT_RESULT = "instrument_result", _("mittarin tulos kirjattu")
    HEALTH_CHECK_OPEN = "health_check_open", _("terveystarkastuksen tarve kirjattu")
    HEALTH_CHECK_NURSE = "health_check_nurse", _("terveydenhoitajan terveystarkastus kirjattu")
    HEALTH_CHECK_FEEDBACK = "health_check_feedback", _("terveystarkastuksen palaute kirjattu")
    HEALTH_CHECK_DOCTOR = "health_check_doctor", _("lääkärin tarkastus kirjattu")
    NEEDS_ASSESSMENT = "needs_assessment", _("palvelutarpeen arviointi kirjattu")
    # consent
    CONSENT_RECORD = "consent_record", _("suostumus kirjattu")
    CONSENT_REVOKE = "consent_revoke", _("suostumus peruttu")
    CONSENT_ORAL_USED = "consent_oral_used", _("suullinen suostumus käytetty")
    REVOCATION_NOTICE_DONE = "revocation_notice_done", _("perumisesta ilmoitettu")
    PROHIBITION_RECORD = "prohibition_record", _("luovutuskielto kirjattu")
    PROHIBITION_LIFT = "prohibition_lift", _("luovutuskielto poistettu")
    LEGAL_BASIS_RECORD = "legal_basis_record", _("lakiperusteinen luovutus kirjattu")
    LEGAL_BASIS_END = "legal_basis_end", _("lakiperusteinen luovutus päätetty")
    # access
    JUSTIFIED_ACCESS_OPEN = "justified_access_open", _("perusteltu pääsy avattu")
    JUSTIFIED_ACCESS_END = "justified_access_end", _("perusteltu pääsy päätetty")
    JUSTIFIED_ACCESS_REVIEW = "justified_access_review", _("perusteltu pääsy tarkastettu")
    # referrals
    REFERRAL_DRAFT = "referral_draft", _("lähete luonnosteltu")
    REFERRAL_SEND = "referral_send", _("lähete lähetetty")
    REFERRAL_RECEIVE = "referral_receive", _("lähete vastaanotettu")
    REFERRAL_ACCEPT = "referral_accept", _("lähete hyväksytty")
    REFERRAL_DECLINE = "referral_decline", _("lähete hylätty")
    REFERRAL_RETURN = "referral_return", _("lähete palautettu väärään osoitteeseen lähetettynä")
    REFERRAL_START = "referral_start", _("lähetteen työ aloitettu")
    REFERRAL_COMPLETE = "referral_complete", _("lähete valmis, palaute annettu")
    REFERRAL_CLOSE = "referral_close", _("lähete suljettu")
    # the work-ability team and client meetings
    TEAM_CHANGE = "team_change", _("tiimin tietoja muutettu")
    AGENDA_ADD = "agenda_add", _("asiakas tuotu tiimin esityslistalle")
    AGENDA_WITHDRAW = "agenda_withdraw", _("asiakas poistettu tiimin esityslistalta")
    TEAM_MINUTES = "team_minutes", _("tiimin käsittely kirjattu")
    CLIENT_MEETING_BOOK = "client_meeting_book", _("monialainen neuvonpito varattu")
    CLIENT_MEETING_RECORD = "client_meeting_record", _("monialaisen neuvonpidon muistio kirjattu")
    # follow-up: a professional's mark on a task; the reminder job's runs (one event a run,
    # not one a task: followup decision 0322)
    TASK_DONE = "task_done", _("tehtävä merkitty tehdyksi")
    CONSENT_CONFIRM = "consent_confirm", _("asiakas vahvisti suostumuksen")
    PORTAL_CODE = "portal_code", _("kirjautumiskoodi annettu asiakkaalle")
    PORTAL_LOGIN = "portal_login", _("asiakas kirjautui omiin tietoihinsa")
    CLIENT_ACTION_UPDATE = "client_action_update", _("asiakas päivitti oman tehtävänsä")
    SELF_ASSESSMENT = "self_assessment", _("asiakas täytti itsearvioinnin")
    CLIENT_FEEDBACK = "client_feedback", _("asiakas antoi palautetta")
    REMINDERS_RUN = "reminders_run", _("muistutusajo")
    # IPS job coaching (the fidelity review is of a service: client_id is empty)
    IPS_DECISION = "ips_decision", _("IPS-palvelupäätös kirjattu")
    IPS_START = "ips_start", _("IPS-työhönvalmennus alkoi")
    IPS_PHASE = "ips_phase", _("IPS-työhönvalmennuksen vaihe vaihtui")
    IPS_REVIEW = "ips_review", _("IPS-työhönvalmennus arvioitu")
    IPS_PROFILE = "ips_profile", _("ammatillinen profiili tallennettu")
    IPS_EMPLOYER_CONTACT = "ips_employer_contact", _("työnantajayhteys kirjattu")
    IPS_FIDELITY_REVIEW = "ips_fidelity_review", _("IPS-25-laatuarviointi kirjattu")
    # effectiveness monitoring: a manager read a dashboard of aggregates (no client: client_id
    # is empty; ref holds the filters)
    MONITORING_READ = "monitoring_read", _("vaikuttavuuden seurantaa luettu")
    # users and roles (no client: client_id is empty)
    USER_CREATE = "user_create", _("käyttäjä luotu")
    USER_CHANGE = "user_change", _("käyttäjän tietoja muutettu")
    USER_DELETE = "user_delete", _("käyttäjä poistettu")
    UNIT_CHANGE = "unit_change", _("yksikön tietoja muutettu")
    OTP_DEVICE_CHANGE = "otp_device_change", _("kaksivaiheisen tunnistuksen laite muutettu")
    # integration tokens of other systems (no client: client_id is empty)
    API_TOKEN_CREATE = "api_token_create", _("API-avain luotu")
    API_TOKEN_REVOKE = "api_token_revoke", _("API-avain peruttu")


def record_event(
    actor: Actor, client_id: int | None, event: EventType, ref: str | int = ""
) -> EventLogEntry:
    """Log one change: ``actor`` did ``event`` to ``ref`` (the id of what changed, and what it
    changed to where that matters, e.g. ``"12:joint_plan"`` for a case's phase)."""
    return append(
        EventLogEntry,
        {
            "at": timezone.now(),
            "actor_kind": kind_of(actor),
            **actor_fields(actor),
            "client_id": None if client_id is None else int(client_id),
            "event": str(EventType(event)),
            "ref": str(ref),
            **context.fields(),
        },
    )
