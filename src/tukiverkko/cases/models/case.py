"""The case (työkyvyn tuen asiakkuus): phase log, responsible worker, network, journal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Register
from tukiverkko.cases.models.enums import HandoverStatus, Outcome, Phase
from tukiverkko.cases.querysets import CaseQuerySet, HandoverRequestQuerySet, NetworkMemberQuerySet
from tukiverkko.catalogue.quick_guide import step_choices
from tukiverkko.clients.models import Client
from tukiverkko.consent.models import JOURNAL_CATEGORIES, InfoCategory
from tukiverkko.core.personal_data import NAME, SENSITIVE, VALUE, PersonalData

User = settings.AUTH_USER_MODEL


class Sourced(models.Model):
    """Free text a professional writes outside the journal (a reason, a note, a network role)
    belongs to the register they wrote it in: their organisation, the register their unit keeps
    and the information category of their task (accounts.roles). The content filter
    (consent.content) shows it to another register only under a consent or a legal basis."""

    source_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    source_register = models.CharField(max_length=20, choices=Register.choices, blank=True)
    source_category = models.CharField(max_length=20, choices=InfoCategory.choices, blank=True)

    class Meta:
        abstract = True

    # The content filter's three questions (consent.content.Content).
    @property
    def content_organisation_id(self) -> int | None:
        return self.source_organisation_id

    @property
    def content_register(self) -> str:
        return self.source_register

    @property
    def content_category(self) -> str:
        return self.source_category


class Case(models.Model):
    PERSONAL_DATA: PersonalData = {
        "phase": VALUE,
        "responsible_worker": NAME,
        "follow_up_by": NAME,
        "opened_at": VALUE,
        "closed_on": VALUE,
        "outcome": VALUE,
        "outcome_note": SENSITIVE,
    }

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="cases")
    # The case-owning controller and the register the case is kept in: the organisation and unit
    # register of the professional who opened it. Only its professionals and the responsible
    # worker steer the case (phase, network, responsibility).
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    register = models.CharField(max_length=20, choices=Register.choices)
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.IDENTIFICATION)
    # Current responsible worker, denormalised from ResponsibilityPeriod for fast queries;
    # only actions.py writes it, together with the period rows.
    responsible_worker = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="responsible_cases"
    )
    follow_up_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("seurannasta vastaa"),
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(blank=True)
    # Optimistic locking: every action that edits the case bumps it; a stale form loses.
    version = models.PositiveIntegerField(default=1)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "pk"]
        indexes = [models.Index(fields=["responsible_worker", "phase"])]

    def __str__(self) -> str:
        return f"case {self.pk}"

    @property
    def phase_label(self) -> str:
        return str(Phase(self.phase).label)

    def handoff_count(self) -> int:
        """The "luukulta luukulle" indicator: changes of responsible worker. (Referrals sent back
        will count too; the referrals app adds them.)"""
        return max(self.responsibility_periods.count() - 1, 0)


class PhaseTransition(Sourced):
    PERSONAL_DATA: PersonalData = {"from_phase": VALUE, "to_phase": VALUE, "reason": SENSITIVE}

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=20, choices=Phase.choices)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_phase or '-'} → {self.to_phase}"


class ResponsibilityPeriod(Sourced):
    """Who was responsible worker, from when until when, and why it changed."""

    PERSONAL_DATA: PersonalData = {"worker": NAME, "started_at": VALUE, "reason": SENSITIVE}

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="responsibility_periods")
    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    assigned_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_responsible_worker",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker_id} {self.started_at:%Y-%m-%d}"


class HandoverRequest(Sourced):
    """A request to take over as responsible worker. Until the receiver accepts, the
    current worker stays responsible — so a case is never without one."""

    PERSONAL_DATA: PersonalData = {"to_worker": NAME, "reason": SENSITIVE, "status": VALUE}

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handover_requests")
    from_worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    to_worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="handovers_in")
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    status = models.CharField(
        max_length=10, choices=HandoverStatus.choices, default=HandoverStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Set when the request is one of a whole caseload handed over in one step.
    caseload_batch = models.UUIDField(null=True, blank=True)

    objects = HandoverRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status=HandoverStatus.PENDING),
                name="one_pending_handover_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"handover {self.pk} ({self.status})"


class NetworkMember(Sourced):
    """A professional or an organisation in the client's network, with their role."""

    PERSONAL_DATA: PersonalData = {"organisation": NAME, "user": NAME, "role": VALUE}

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="network")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("rooli"), max_length=200)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = NetworkMemberQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "pk"]
        indexes = [models.Index(fields=["user", "case"])]

    def __str__(self) -> str:
        return f"{self.role} ({self.organisation_id})"


class JournalEntry(models.Model):
    """Kirjaus: who wrote it, in which organisation, and its information category —
    the category and organisation decide who else may read it (consent.policy)."""

    # Health and social-care notes: shown only where the consent policy allows, never listed.
    PERSONAL_DATA: PersonalData = {
        "author": NAME,
        "organisation": NAME,
        "category": VALUE,
        "text": SENSITIVE,
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="journal")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    # The register of the author's unit when they wrote it (accounts.roles.register_of).
    register = models.CharField(max_length=20, choices=Register.choices)
    category = models.CharField(_("tietoryhmä"), max_length=20, choices=JOURNAL_CATEGORIES)
    text = models.TextField(_("kirjaus"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["case", "created_at"])]

    def __str__(self) -> str:
        return f"journal entry {self.pk}"

    @property
    def content_organisation_id(self) -> int | None:
        return self.organisation_id

    @property
    def content_register(self) -> str:
        return self.register

    @property
    def content_category(self) -> str:
        return self.category


class ChecklistItem(Sourced):
    """A done step of the network quick guide (steps: catalogue.quick_guide.QUICK_GUIDE_STEPS)."""

    PERSONAL_DATA: PersonalData = {"step": VALUE, "note": SENSITIVE, "done_by": NAME}

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="checklist")
    step = models.PositiveSmallIntegerField(choices=step_choices)
    note = models.TextField(blank=True)
    done_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["step"]
        constraints = [
            models.UniqueConstraint(fields=["case", "step"], name="one_row_per_checklist_step")
        ]

    def __str__(self) -> str:
        return f"step {self.step}"
