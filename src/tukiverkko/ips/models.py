"""IPS job coaching on the case (laatukriteereihin perustuva tuettu työhönvalmennus, seed 003):

- ``IpsDecision``: the social-care service decision IPS always needs ([003] "Palvelu vaatii aina
  sosiaalihuollon palvelupäätöksen"; the rules' ``social_care_decision`` requirement of
  ``ips-tyohonvalmennus``), recorded by a social-care professional;
- ``IpsPeriod``: one job-coaching period with the five phases of seed 003 as a state machine
  (``TRANSITIONS``), each change logged in ``IpsTransition``;
- ``VocationalProfile``: the structured vocational profile (skills, wishes, restrictions);
- ``EmployerContact``: a job-search contact with an employer — only under the client's consent
  for that employer and purpose, and logged as a disclosure;
- ``FidelityReview`` and ``FidelityScore``: the IPS-25 fidelity review of a catalogue service
  (not client data).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.cases.models import Case
from tukiverkko.cases.models.case import Sourced
from tukiverkko.core.personal_data import NAME, SENSITIVE, VALUE, PersonalData

User = settings.AUTH_USER_MODEL

# The rules' service type whose prerequisites entry checks (rules.employment_rules).
IPS_SERVICE_TYPE = "ips-tyohonvalmennus"


class IpsPhase(models.TextChoices):
    """The five phases of seed 003 (RULEBOOK §9), and the end of the period."""

    APPLICATION = "application", _("palveluun hakeutuminen")
    PROFILING = "profiling", _("osaamisen kartoitus ja ammatillinen profilointi")
    JOB_SEARCH = "job_search", _("nopea työnetsintä avoimilta työmarkkinoilta")
    WORKING = "working", _("työskentely ja tuesta sopiminen työnantajan kanssa")
    FOLLOW_ALONG = "follow_along", _("työsuhteen tukeminen (myös työn päätyttyä)")
    ENDED = "ended", _("päättynyt")


# Which phase may follow which. The path runs forward; a job search may start again from the
# support phases (a job ended: seed 003 "tarvittaessa sen päättymisen jälkeen"), the profile may
# be revisited from the search, and any open phase may end.
TRANSITIONS: dict[IpsPhase, frozenset[IpsPhase]] = {
    IpsPhase.APPLICATION: frozenset({IpsPhase.PROFILING, IpsPhase.ENDED}),
    IpsPhase.PROFILING: frozenset({IpsPhase.JOB_SEARCH, IpsPhase.ENDED}),
    IpsPhase.JOB_SEARCH: frozenset({IpsPhase.PROFILING, IpsPhase.WORKING, IpsPhase.ENDED}),
    IpsPhase.WORKING: frozenset({IpsPhase.FOLLOW_ALONG, IpsPhase.JOB_SEARCH, IpsPhase.ENDED}),
    IpsPhase.FOLLOW_ALONG: frozenset({IpsPhase.JOB_SEARCH, IpsPhase.ENDED}),
    IpsPhase.ENDED: frozenset(),
}
OPEN_PHASES = frozenset(p for p in IpsPhase if p != IpsPhase.ENDED)


class EndReason(models.TextChoices):
    OPEN_MARKET_JOB = "open_market_job", _("työllistyi avoimille työmarkkinoille")
    STUDIES = "studies", _("opiskelemaan")
    OTHER_SERVICE = "other_service", _("muu palvelu")
    CLIENT_DECISION = "client_decision", _("asiakkaan oma päätös")
    OTHER = "other", _("muu syy")


class IpsDecision(Sourced):
    """The social-care service decision for IPS job coaching (its number and date), recorded by
    the social-care professional who made it. Content of their (social-care) register."""

    PERSONAL_DATA: PersonalData = {
        "reference": VALUE,
        "decided_on": VALUE,
        "valid_until": VALUE,
        "decided_by": NAME,
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ips_decisions")
    reference = models.CharField(_("päätöksen numero"), max_length=100)
    decided_on = models.DateField(_("päätöspäivä"))
    valid_until = models.DateField(_("voimassa asti"), null=True, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"IPS decision {self.reference}"

    def is_valid_on(self, day: object) -> bool:
        return self.decided_on <= day and (self.valid_until is None or day <= self.valid_until)  # type: ignore[operator]


class IpsPeriod(Sourced):
    """One job-coaching period on a case: the coach, the catalogue service that gives it, the
    decision it rests on, its phase and the next review."""

    PERSONAL_DATA: PersonalData = {
        "service": VALUE,
        "coach": NAME,
        "phase": VALUE,
        "started_on": VALUE,
        "ended_on": VALUE,
        "end_reason": VALUE,
        "next_review_on": VALUE,
        "last_reviewed_on": VALUE,
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ips_periods")
    decision = models.ForeignKey(IpsDecision, on_delete=models.PROTECT, related_name="periods")
    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    coach = models.ForeignKey(User, on_delete=models.PROTECT, related_name="ips_periods")
    phase = models.CharField(max_length=20, choices=IpsPhase.choices, default=IpsPhase.APPLICATION)
    started_on = models.DateField(_("alkoi"))
    ended_on = models.DateField(_("päättyi"), null=True, blank=True)
    end_reason = models.CharField(max_length=30, choices=EndReason.choices, blank=True)
    next_review_on = models.DateField(_("seuraava arviointi"))
    last_reviewed_on = models.DateField(_("arvioitu viimeksi"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=~models.Q(phase="ended"),
                name="one_open_ips_period_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"IPS period {self.pk} ({self.phase})"

    @property
    def is_open(self) -> bool:
        return self.phase != IpsPhase.ENDED


class IpsTransition(Sourced):
    """One change of a period's phase: from, to, by whom, when, and the note."""

    PERSONAL_DATA: PersonalData = {
        "from_phase": VALUE,
        "to_phase": VALUE,
        "by": NAME,
        "note": SENSITIVE,
    }

    period = models.ForeignKey(IpsPeriod, on_delete=models.CASCADE, related_name="transitions")
    from_phase = models.CharField(max_length=20, choices=IpsPhase.choices, blank=True)
    to_phase = models.CharField(max_length=20, choices=IpsPhase.choices)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_phase or '-'} → {self.to_phase}"


class VocationalProfile(Sourced):
    """The vocational profile (ammatillinen profiili) of a period: what the client can do, what
    they wish for, and what restricts the work — each a list of short items."""

    PERSONAL_DATA: PersonalData = {
        "skills": SENSITIVE,
        "wishes": SENSITIVE,
        "restrictions": SENSITIVE,
        "updated_by": NAME,
    }

    period = models.OneToOneField(IpsPeriod, on_delete=models.CASCADE, related_name="profile")
    skills = models.JSONField(_("osaaminen ja vahvuudet"), default=list)
    wishes = models.JSONField(_("toiveet"), default=list)
    restrictions = models.JSONField(_("rajoitteet"), default=list)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"profile of {self.period_id}"


class ContactKind(models.TextChoices):
    PHONE = "phone", _("puhelu")
    VISIT = "visit", _("käynti työpaikalla")
    EMAIL = "email", _("sähköposti")
    MEETING = "meeting", _("tapaaminen asiakkaan kanssa")
    APPLICATION = "application", _("työhakemus")


class ContactOutcome(models.TextChoices):
    PENDING = "pending", _("odottaa vastausta")
    INTERVIEW = "interview", _("työhaastattelu")
    TRIAL = "trial", _("työkokeilu tai tutustuminen")
    JOB_OFFER = "job_offer", _("työtarjous")
    HIRED = "hired", _("palkattu avoimille työmarkkinoille")
    NO_VACANCY = "no_vacancy", _("ei avointa paikkaa")
    DECLINED = "declined", _("ei edennyt")


class EmployerContact(Sourced):
    """One job-search contact with an employer (an ``consent.ExternalRecipient``): when, how and
    with what outcome. Made only under the client's consent for that employer and the employer-
    contact purpose; the disclosure is logged (``consent.actions.disclose_to_employer``)."""

    PERSONAL_DATA: PersonalData = {
        "employer": NAME,
        "contacted_on": VALUE,
        "kind": VALUE,
        "outcome": VALUE,
        "note": SENSITIVE,
        "by": NAME,
    }

    period = models.ForeignKey(IpsPeriod, on_delete=models.CASCADE, related_name="contacts")
    employer = models.ForeignKey(
        "consent.ExternalRecipient", on_delete=models.PROTECT, related_name="+"
    )
    contacted_on = models.DateField(_("päivä"))
    kind = models.CharField(_("yhteydenoton tapa"), max_length=20, choices=ContactKind.choices)
    outcome = models.CharField(_("tulos"), max_length=20, choices=ContactOutcome.choices)
    note = models.TextField(_("muistiinpano"), blank=True)
    consent_id = models.BigIntegerField()  # the consent it was made under
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-contacted_on", "-pk"]

    def __str__(self) -> str:
        return f"contact {self.pk} ({self.outcome})"


class FidelityBand(models.TextChoices):
    """IPS-25 bands (RULEBOOK §9)."""

    EXEMPLARY = "exemplary", _("erinomainen (115–125)")
    GOOD = "good", _("hyvä (100–114)")
    FAIR = "fair", _("kohtalainen (74–99)")
    NOT_SUPPORTED = "not_supported", _("ei tuettua työllistymistä (≤ 73)")


class FidelityReview(models.Model):
    """One IPS-25 fidelity review of a job-coaching service of the catalogue: 25 items scored
    1–5 with a note each, the total and its band. Not client data."""

    PERSONAL_DATA: PersonalData = {}  # a service's review: no client's data

    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.PROTECT, related_name="fidelity_reviews"
    )
    reviewed_on = models.DateField(_("arviointipäivä"))
    reviewers = models.CharField(_("arvioijat"), max_length=300)
    total = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=20, choices=FidelityBand.choices)
    summary = models.TextField(_("yhteenveto"), blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"IPS-25 {self.total} ({self.band})"


class FidelityScore(models.Model):
    PERSONAL_DATA: PersonalData = {}

    review = models.ForeignKey(FidelityReview, on_delete=models.CASCADE, related_name="scores")
    item = models.CharField(max_length=40)  # the item's code in data/ips25.yaml, e.g. "S1"
    score = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="one_score_per_item"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="fidelity_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}={self.score}"
