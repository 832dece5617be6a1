"""Assessments of a case: instrument results, the health-check path, the needs assessment.

Every row is content of the register it was written in (cases.models.Sourced): a nurse's check
is health-care data, a social worker's needs assessment social-care data, and the content filter
(consent.content) shows either to another register only under a consent or a legal basis.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.cases.models import Case
from tukiverkko.cases.models.case import Sourced
from tukiverkko.core.personal_data import NAME, SENSITIVE, VALUE, PersonalData
from tukiverkko.screening.instruments import INSTRUMENTS

User = settings.AUTH_USER_MODEL

INSTRUMENT_CHOICES = [(i.id, i.name) for i in INSTRUMENTS.values()]


class InstrumentAssessment(Sourced):
    """One scored screening instrument (PHQ-9, GAD-7, AUDIT, WAS, WAI, ODI …) against a case:
    the answers, the result, and the version of the instrument that scored them."""

    PERSONAL_DATA: PersonalData = {
        "instrument": VALUE,
        "assessed_on": VALUE,
        "answers": SENSITIVE,
        "score": SENSITIVE,
        "band": SENSITIVE,
        "result": SENSITIVE,
        "recorded_by": NAME,
        "by_client": VALUE,
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="instrument_assessments")
    instrument = models.CharField(_("mittari"), max_length=20, choices=INSTRUMENT_CHOICES)
    # The instrument definition that scored it: its published source and a fingerprint of its
    # items, options and bands (screening.instruments), so that a later change of the definition
    # never silently re-reads an old result.
    instrument_version = models.CharField(max_length=40)
    assessed_on = models.DateField(_("arviointipäivä"))
    answers = models.JSONField()
    score = models.FloatField()
    band = models.CharField(max_length=40)
    result = models.JSONField()
    # None: the client's self-assessment from the portal (by_client).
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    by_client = models.BooleanField(_("asiakkaan itsearviointi"), default=False, db_default=False)

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["case", "instrument", "assessed_on"])]

    def __str__(self) -> str:
        return f"{self.instrument} {self.assessed_on}"

    @property
    def recorded_by_label(self) -> str:
        return str(_("asiakas itse")) if self.by_client else str(self.recorded_by)


class IdentifiedBy(models.TextChoices):
    """Who identified the need for a health check (seed 002's diagram, seed 001)."""

    CLIENT = "client", _("asiakas itse")
    EMPLOYMENT_AUTHORITY = "employment_authority", _("työllisyysviranomainen")
    MULTISECTORAL_SERVICE = "multisectoral_service", _("työvoiman palvelukeskus")
    SOCIAL_SERVICES = "social_services", _("sosiaalipalvelut")
    OTHER = "other", _("muu taho")


class HealthCheckStep(models.TextChoices):
    IDENTIFIED = "identified", _("tarve tunnistettu")
    NURSE_CHECKED = "nurse_checked", _("terveydenhoitajan terveystarkastus tehty")
    FEEDBACK_GIVEN = "feedback_given", _("palaute annettu")
    DOCTOR_CHECKED = "doctor_checked", _("lääkärin tarkastus tehty")


class DoctorOutcome(models.TextChoices):
    """What the doctor's check may lead to (seed 002): any of these."""

    SICKNESS_ALLOWANCE = "sickness_allowance", _("sairauspäiväraha")
    TREATMENT = "treatment", _("sairauksien hoito")
    REHABILITATION = "rehabilitation", _("ohjaus kuntoutukseen")
    SPECIALIST_CARE = "specialist_care", _("lähete erikoissairaanhoitoon")
    NETWORK_WORK = "network_work", _("verkostotyön käynnistäminen")
    MULTIPROFESSIONAL_CONSULTATION = "multiprofessional_consultation", _("monialainen neuvonpito")


class HealthCheck(Sourced):
    """Työttömän terveystarkastus: need identified → pre-information → the nurse's broad check →
    "tarve tarkemmalle arviolle?" → feedback, or the doctor's check and its outcomes."""

    PERSONAL_DATA: PersonalData = {
        "identified_by": VALUE,
        "referrer_organisation": NAME,
        "pre_information": SENSITIVE,
        "nurse": NAME,
        "nurse_checked_on": VALUE,
        "nurse_summary": SENSITIVE,
        "mental_health_and_substance_assessed": SENSITIVE,
        "further_assessment_needed": SENSITIVE,
        "feedback_to_client": SENSITIVE,
        "feedback_to_referrer": SENSITIVE,
        "doctor": NAME,
        "doctor_checked_on": VALUE,
        "doctor_summary": SENSITIVE,
        "remaining_work_ability": SENSITIVE,
        "outcomes": SENSITIVE,
        "followups": VALUE,
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="health_checks")
    step = models.CharField(
        max_length=20, choices=HealthCheckStep.choices, default=HealthCheckStep.IDENTIFIED
    )
    identified_by = models.CharField(
        _("tarpeen tunnisti"), max_length=30, choices=IdentifiedBy.choices
    )
    referrer_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pre_information = models.TextField(_("esitiedot"), blank=True)
    opened_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    # The nurse's broad check (health, diseases, symptoms, social situation, education and work
    # history, lifestyle; a systematic mental-health and substance-use assessment).
    nurse = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    nurse_checked_on = models.DateField(null=True)
    nurse_summary = models.TextField(blank=True)
    mental_health_and_substance_assessed = models.BooleanField(default=False)
    further_assessment_needed = models.BooleanField(null=True)
    # "Ei": feedback to the client and, with the client's consent, to the referrer.
    feedback_to_client = models.TextField(blank=True)
    feedback_to_referrer = models.TextField(blank=True)
    # "Kyllä": the doctor's check and its outcomes.
    doctor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    doctor_checked_on = models.DateField(null=True)
    doctor_summary = models.TextField(blank=True)
    remaining_work_ability = models.TextField(blank=True)
    outcomes = models.JSONField(default=list)
    # What the outcomes made (assessments.outcomes): the plan version, the draft referrals.
    followups = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return f"health check {self.pk}"


class NeedsAssessment(Sourced):
    """Palvelutarpeen arviointi (seed 001): the summary, the social-care professional's
    conclusions, the client's own view, both views of the need for an omatyöntekijä, and the
    omatyöntekijä named."""

    PERSONAL_DATA: PersonalData = {
        "assessed_on": VALUE,
        "summary": SENSITIVE,
        "conclusions": SENSITIVE,
        "client_view": SENSITIVE,
        "client_view_on_named_worker": SENSITIVE,
        "worker_view_on_named_worker": SENSITIVE,
        "named_worker": NAME,
        "assessed_by": NAME,
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="needs_assessments")
    assessed_on = models.DateField(_("arviointipäivä"))
    summary = models.TextField(_("yhteenveto asiakkaan tilanteesta ja tuen tarpeesta"))
    conclusions = models.TextField(_("johtopäätökset asiakkuuden edellytyksistä"))
    client_view = models.TextField(_("asiakkaan mielipide ja näkemys palveluntarpeestaan"))
    client_view_on_named_worker = models.TextField(
        _("asiakkaan arvio omatyöntekijän tarpeesta"), blank=True
    )
    worker_view_on_named_worker = models.TextField(
        _("työntekijän arvio omatyöntekijän tarpeesta"), blank=True
    )
    named_worker = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assessed_on", "-pk"]

    def __str__(self) -> str:
        return f"needs assessment {self.pk}"
