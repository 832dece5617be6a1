"""The work-ability support plan (työkyvyn tuen suunnitelma, PATH.md §1): one living plan per
case — the client's own overall goal, goals with their reviews, actions with who answers for
them, the client's other plans — and every save an immutable version.

Every piece of free text is its writer's register's content (``cases.models.Sourced``), shown to
another register only through the content filter (consent.content).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.cases.models import Case
from tukiverkko.cases.models.case import Sourced
from tukiverkko.consent.models import RequestChannel
from tukiverkko.core.personal_data import NAME, SENSITIVE, VALUE, PersonalData
from tukiverkko.plans.enums import (
    ActionStatus,
    Attainment,
    ExternalPlanKind,
    GoalStatus,
    PlanningMode,
    Responsible,
    VersionChange,
)
from tukiverkko.plans.querysets import PlanVersionQuerySet, refuse_change

User = settings.AUTH_USER_MODEL


class Plan(Sourced):
    """The plan of one case. Its source fields are those of who last wrote the client's goal."""

    PERSONAL_DATA: PersonalData = {
        "client_goal": SENSITIVE,
        "mode": VALUE,
        "mediated_consent_on": VALUE,
        "mediated_consent_channel": VALUE,
        "companion_user": NAME,
        "companion_name": VALUE,
        "next_review_on": VALUE,
        "agreed_at": VALUE,
        "agreed_by": NAME,
    }

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan")
    client_goal = models.TextField(_("asiakkaan oma tavoite"), blank=True)
    mode = models.CharField(
        _("suunnittelutapa"),
        max_length=20,
        choices=PlanningMode.choices,
        default=PlanningMode.DIVISION_OF_WORK,
    )
    # Välittynyt suunnittelu needs the client's permission, always (seed 002): when and how
    # the client gave it.
    mediated_consent_on = models.DateField(_("asiakkaan lupa annettu"), null=True, blank=True)
    mediated_consent_channel = models.CharField(
        _("luvan antotapa"), max_length=20, choices=RequestChannel.choices, blank=True
    )
    # The rinnallakulkija (seed 002): a user of the product, or a person named in free text.
    companion_user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    companion_name = models.CharField(_("rinnallakulkija (nimi)"), max_length=300, blank=True)
    next_review_on = models.DateField(_("seuraava arviointi"), null=True, blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The number of the latest version: optimistic locking (a stale form loses).
    version = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"plan of case {self.case_id}"

    @property
    def companion(self) -> str:
        return str(self.companion_user) if self.companion_user_id else self.companion_name


class ExternalPlan(Sourced):
    """Another plan of the client's that this plan rests on or links to (seed 003)."""

    PERSONAL_DATA: PersonalData = {
        "kind": VALUE,
        "owner_organisation": NAME,
        "owner_name": VALUE,
        "dated_on": VALUE,
    }

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="external_plans")
    kind = models.CharField(_("suunnitelma"), max_length=20, choices=ExternalPlanKind.choices)
    owner_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField(_("laatija (nimi)"), max_length=300, blank=True)
    dated_on = models.DateField(_("päivätty"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.kind} ({self.dated_on})"

    @property
    def owner(self) -> str:
        return str(self.owner_organisation) if self.owner_organisation_id else self.owner_name


class Goal(Sourced):
    """A goal the client sets with the professionals (seed 004: "asettaa tavoitteet")."""

    PERSONAL_DATA: PersonalData = {
        "text": SENSITIVE,
        "indicator": SENSITIVE,
        "target_on": VALUE,
        "status": VALUE,
        "visible_to_client": VALUE,
    }

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("tavoite"))
    indicator = models.TextField(_("mittari: mistä tavoitteen toteutuminen näkyy"), blank=True)
    target_on = models.DateField(_("tavoitepäivä"), null=True, blank=True)
    status = models.CharField(
        _("tila"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.IN_PROGRESS
    )
    visible_to_client = models.BooleanField(_("näkyy asiakkaalle"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"goal {self.pk}"


class GoalReview(Sourced):
    """How far a goal was reached at a review, on the GAS scale −2…+2."""

    PERSONAL_DATA: PersonalData = {
        "reviewed_on": VALUE,
        "attainment": VALUE,
        "note": SENSITIVE,
        "by": NAME,
    }

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("arviointipäivä"))
    attainment = models.SmallIntegerField(_("toteutuminen (GAS)"), choices=Attainment.choices)
    note = models.TextField(_("huomio"), blank=True)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["reviewed_on", "pk"]

    def __str__(self) -> str:
        return f"review {self.pk}: {self.attainment}"


class PlanAction(Sourced):
    """A step of the plan: what, linked to a service, who answers for it, when, how it goes."""

    PERSONAL_DATA: PersonalData = {
        "text": SENSITIVE,
        "service_type": NAME,
        "service": NAME,
        "responsible": VALUE,
        "responsible_user": NAME,
        "responsible_organisation": NAME,
        "starts_on": VALUE,
        "ends_on": VALUE,
        "status": VALUE,
        "visible_to_client": VALUE,
        "client_comment": SENSITIVE,
        "client_updated_at": VALUE,
    }

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(_("toimenpide"))
    service_type = models.ForeignKey(
        "catalogue.ServiceType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("palvelu (yleiskuvaus)"),
    )
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paikallinen palvelu"),
    )
    responsible = models.CharField(_("vastuu"), max_length=20, choices=Responsible.choices)
    responsible_user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastuussa oleva ammattilainen"),
    )
    responsible_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastuussa oleva organisaatio"),
    )
    starts_on = models.DateField(_("alkaa"), null=True, blank=True)
    ends_on = models.DateField(_("päättyy"), null=True, blank=True)
    status = models.CharField(
        _("tila"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    visible_to_client = models.BooleanField(_("näkyy asiakkaalle"), default=True)
    position = models.PositiveSmallIntegerField(default=0)
    # The client's own word on their task, from the portal (plans.actions.update_own_action).
    client_comment = models.TextField(_("asiakkaan kommentti"), blank=True, db_default="")
    client_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    responsible=Responsible.CLIENT,
                    responsible_user__isnull=True,
                    responsible_organisation__isnull=True,
                )
                | models.Q(
                    responsible=Responsible.PROFESSIONAL,
                    responsible_user__isnull=False,
                    responsible_organisation__isnull=True,
                )
                | models.Q(
                    responsible=Responsible.ORGANISATION,
                    responsible_user__isnull=True,
                    responsible_organisation__isnull=False,
                ),
                name="plan_action_one_responsible",
            ),
            models.CheckConstraint(
                condition=models.Q(service_type__isnull=True) | models.Q(service__isnull=True),
                name="plan_action_one_service_link",
            ),
        ]

    def __str__(self) -> str:
        return f"action {self.pk}"

    @property
    def responsible_label(self) -> str:
        if self.responsible == Responsible.PROFESSIONAL:
            return str(self.responsible_user)
        if self.responsible == Responsible.ORGANISATION:
            return str(self.responsible_organisation)
        return str(Responsible.CLIENT.label)

    @property
    def service_label(self) -> str:
        return str(self.service or self.service_type or "")


class PlanVersion(models.Model):
    """One save of the plan, as it then was: written once, never updated or deleted (the guard
    is here and in the queryset, so it holds on every database)."""

    PERSONAL_DATA: PersonalData = {
        "number": VALUE,
        "author": NAME,
        "created_at": VALUE,
        "change": VALUE,
        "snapshot": SENSITIVE,
    }

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    # None: the client's own change in the portal (VersionChange.CLIENT).
    author = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    change = models.CharField(max_length=20, choices=VersionChange.choices)
    snapshot = models.JSONField()

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_per_number")
        ]

    def __str__(self) -> str:
        return f"plan {self.plan_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or kwargs.get("force_update") or kwargs.get("update_fields"):
            refuse_change()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        refuse_change()

    @property
    def author_label(self) -> str:
        """Who made this version: the professional, or the client themself."""
        return str(self.author) if self.author_id else str(_("asiakas itse"))
