"""The referral (lähete) or consultation (konsultaatio): from a case to a catalogue service or a
named professional, with its lifecycle as a state machine and the log of its transitions.

The content (the client's situation, the question, the attachments) is the sender's register's;
the feedback is the receiver's. Both are content for the filter (consent.content): a reader of
another register sees them only under a consent (or a legal basis) — the receiver under the one
the sending checked, the sender under a consent for feedback to the referrer (decision 0262).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Register
from tukiverkko.cases.models import Case
from tukiverkko.cases.models.case import Sourced
from tukiverkko.consent.models import InfoCategory, Purpose
from tukiverkko.core.personal_data import NAME, SENSITIVE, VALUE, PersonalData
from tukiverkko.referrals.querysets import ReferralQuerySet

User = settings.AUTH_USER_MODEL


class Kind(models.TextChoices):
    REFERRAL = "referral", _("lähete")
    CONSULTATION = "consultation", _("konsultaatio")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("kiireetön")
    URGENT = "urgent", _("kiireellinen")


class Status(models.TextChoices):
    DRAFT = "draft", _("luonnos")
    SENT = "sent", _("lähetetty")
    RECEIVED = "received", _("vastaanotettu")
    ACCEPTED = "accepted", _("hyväksytty")
    DECLINED = "declined", _("hylätty")
    RETURNED = "returned", _("palautettu")
    IN_PROGRESS = "in_progress", _("työn alla")
    COMPLETED = "completed", _("valmis")
    CLOSED = "closed", _("suljettu")


# Which status may follow which (the one table; referrals.actions has one action per arrow).
# A received referral is answered: accepted, declined with a reason, or returned as sent to the
# wrong address with the better one. The sender closes the loop once the answer is read.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.SENT}),
    Status.SENT: frozenset({Status.RECEIVED}),
    Status.RECEIVED: frozenset({Status.ACCEPTED, Status.DECLINED, Status.RETURNED}),
    Status.ACCEPTED: frozenset({Status.IN_PROGRESS}),
    Status.IN_PROGRESS: frozenset({Status.COMPLETED}),
    Status.COMPLETED: frozenset({Status.CLOSED}),
    Status.DECLINED: frozenset({Status.CLOSED}),
    Status.RETURNED: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
}

# Waiting for the receiver: a referral in these is overdue once its due date has passed.
AWAITING_ANSWER = frozenset({Status.SENT, Status.RECEIVED})
# The receiver works with the client: their handler sees the client (querysets.clients_of_...).
OPEN_FOR_HANDLER = frozenset({Status.ACCEPTED, Status.IN_PROGRESS})
# Sent back: these count as hand-offs (seed 004, selectors.handoff_count).
SENT_BACK = frozenset({Status.DECLINED, Status.RETURNED})


class Referral(Sourced):
    """One referral or consultation. ``source_*`` (Sourced) is the sender's register: the
    situation, question and attachments are its content."""

    PERSONAL_DATA: PersonalData = {
        "kind": VALUE,
        "service": VALUE,
        "to_organisation": NAME,
        "to_unit": NAME,
        "to_professional": NAME,
        "situation": SENSITIVE,
        "question": SENSITIVE,
        "attachments": SENSITIVE,
        "categories": VALUE,
        "purpose": VALUE,
        "status": VALUE,
        "sender": NAME,
        "handler": NAME,
        "feedback": SENSITIVE,
        "recommendations": SENSITIVE,
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    kind = models.CharField(_("laji"), max_length=20, choices=Kind.choices, default=Kind.REFERRAL)
    # To a service of the catalogue (its organisation), or to a named professional; the unit
    # is the receiving unit when known (the professional's, or one chosen).
    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="referrals_in"
    )
    to_unit = models.ForeignKey(
        "accounts.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_professional = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals_addressed"
    )
    situation = models.TextField(_("asiakkaan tilanne lyhyesti"))
    question = models.TextField(_("mitä halutaan selvitettävän"))
    urgency = models.CharField(
        _("kiireellisyys"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE
    )
    attachments = models.TextField(_("liitteet"), blank=True)
    categories = models.JSONField(_("luovutettavat tietoryhmät"), default=list)  # InfoCategory
    purpose = models.CharField(
        _("käyttötarkoitus"),
        max_length=30,
        choices=Purpose.choices,
        default=Purpose.INFORMATION_EXCHANGE,
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    sender = models.ForeignKey(User, on_delete=models.PROTECT, related_name="referrals_sent")
    # The receiving professional who accepted it: they see the client while it is open.
    handler = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals_handled"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)  # accepted, declined or returned
    completed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Set on sending: the sending day plus the service's time limit (catalogue, decision 0261).
    due_on = models.DateField(null=True, blank=True)
    # A returned referral names the better address: a service, or an organisation.
    better_service = models.ForeignKey(
        "catalogue.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    better_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    feedback = models.TextField(_("palaute"), blank=True)
    recommendations = models.TextField(_("suositukset"), blank=True)
    # The feedback's register: the receiver's who completed it (content of the receiver).
    feedback_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    feedback_register = models.CharField(max_length=20, choices=Register.choices, blank=True)
    feedback_category = models.CharField(max_length=20, choices=InfoCategory.choices, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["to_organisation", "status", "sent_at"]),
            models.Index(fields=["handler", "status"]),
            models.Index(fields=["status", "due_on"]),
        ]

    def __str__(self) -> str:
        return f"referral {self.pk} ({self.status})"

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in AWAITING_ANSWER
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )

    def shared(self) -> list[Piece]:
        """The referral's content as one piece per information category it shares."""
        return [
            Piece(self.source_organisation_id, self.source_register, c) for c in self.categories
        ]

    @property
    def feedback_piece(self) -> Piece:
        return Piece(self.feedback_organisation_id, self.feedback_register, self.feedback_category)


@dataclass(frozen=True)
class Piece:
    """A part of a referral as the content filter sees it: one category of the sender's register
    it discloses, or the receiver's feedback."""

    content_organisation_id: int | None
    content_register: str
    content_category: str


class ReferralTransition(Sourced):
    """One change of a referral's status: from, to, by whom, when, and the reason or text."""

    PERSONAL_DATA: PersonalData = {
        "from_status": VALUE,
        "to_status": VALUE,
        "by": NAME,
        "text": SENSITIVE,
    }

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"
