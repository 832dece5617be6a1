"""The work-ability team (työkyvyn tuen tiimi) and its meetings.

- ``Team``: a region's or municipality's team; its kind says whether cases come on its agenda
  (seed 004: the sote centre's weekly team meets "ei asiakastapauksia").
- ``TeamMember``: core (ydintiimi) or on-demand (tarpeen mukaiset) members by role and, where
  known, by person; one coordinating member (seed 003: "yksi koordinoi tapaamisia").
- ``MeetingSeries``: the calendar rule (RFC 5545 RRULE, python-dateutil) of a team's meetings;
  a ``Meeting`` row exists for an occurrence once something is on it (decision 0311).
- ``AgendaItem``: a case brought to a meeting, admitted under the client's consent for the
  team's organisations, categories and purpose; while the meeting lasts it opens the client to
  the team's members (the access grant in querysets.py), and not after.
- ``CaseMinutes``: the team's record of one case — the assessment summary, the decisions and
  who walks beside the client — after which the case leaves the team.
- A client meeting (monialainen neuvonpito, a network meeting with the client present) is a
  ``Meeting`` of kind CLIENT on one case: participants, the topics shared with the client before
  the time is booked (seed 002), and the record.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Role
from tukiverkko.cases.models.case import Sourced
from tukiverkko.consent.models import Purpose
from tukiverkko.core.personal_data import NAME, SENSITIVE, VALUE, PersonalData
from tukiverkko.teams.querysets import AgendaItemQuerySet, MeetingQuerySet, TeamMemberQuerySet

User = settings.AUTH_USER_MODEL


class TeamKind(models.TextChoices):
    WORK_ABILITY = "work_ability", _("työkyvyn tuen tiimi")
    REHABILITATION = "rehabilitation", _("kuntoutustyöryhmä")
    GENERAL = "general", _("moniammatillinen tiimi ilman asiakastapauksia")


# The kinds that take cases on their agenda; a general team meets about its work only.
CASE_KINDS = frozenset({TeamKind.WORK_ABILITY, TeamKind.REHABILITATION})


class Membership(models.TextChoices):
    CORE = "core", _("vakiojäsen (ydintiimi)")
    ON_DEMAND = "on_demand", _("tarpeen mukainen jäsen")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("paikan päällä")
    VIRTUAL = "virtual", _("etäyhteydellä")
    HYBRID = "hybrid", _("paikan päällä ja etäyhteydellä")


class MeetingKind(models.TextChoices):
    TEAM = "team", _("tiimin kokous")
    GENERAL = "general", _("tiimitapaaminen ilman asiakastapauksia")
    CLIENT = "client", _("monialainen neuvonpito asiakkaan kanssa")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("suunniteltu")
    BOOKED = "booked", _("aika varattu")
    HELD = "held", _("pidetty")
    CANCELLED = "cancelled", _("peruttu")


class AgendaStatus(models.TextChoices):
    ON_AGENDA = "on_agenda", _("esityslistalla")
    DECIDED = "decided", _("käsitelty")
    WITHDRAWN = "withdrawn", _("poistettu esityslistalta")


# The purposes a team may discuss a client for: the team meets without the client.
AGENDA_PURPOSES = (Purpose.PLANNING_WITHOUT_CLIENT, Purpose.INFORMATION_EXCHANGE)


class Team(models.Model):
    PERSONAL_DATA: PersonalData = {}  # a team of professionals: nothing of a client

    name = models.CharField(_("nimi"), max_length=200)
    kind = models.CharField(_("tyyppi"), max_length=20, choices=TeamKind.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey("accounts.Region", on_delete=models.PROTECT, related_name="+")
    municipalities = models.ManyToManyField("accounts.Municipality", blank=True, related_name="+")
    description = models.TextField(_("kuvaus"), blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def takes_cases(self) -> bool:
        return self.kind in CASE_KINDS


class TeamMember(models.Model):
    """A member by role, and by person where one is named (Kela's expert may be a role only)."""

    PERSONAL_DATA: PersonalData = {}  # a professional's membership: nothing of a client

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(_("rooli"), max_length=40, choices=Role.choices)
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="team_memberships"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    membership = models.CharField(
        _("jäsenyys"), max_length=20, choices=Membership.choices, default=Membership.CORE
    )
    coordinating = models.BooleanField(_("koordinoi tapaamisia"), default=False)
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        ordering = ["-coordinating", "membership", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["team"],
                condition=models.Q(coordinating=True, removed_at__isnull=True),
                name="one_coordinating_member",
            ),
            models.UniqueConstraint(
                fields=["team", "user"],
                condition=models.Q(removed_at__isnull=True, user__isnull=False),
                name="one_current_membership_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.user or ''}".strip()


class MeetingSeries(models.Model):
    """A team's recurring meetings: the first one, how long each lasts and the RRULE."""

    PERSONAL_DATA: PersonalData = {}

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="series")
    first_starts_at = models.DateTimeField(_("ensimmäinen kokous"))
    duration_minutes = models.PositiveSmallIntegerField(_("kesto (min)"), default=60)
    rrule = models.CharField(_("toistuvuus (RRULE)"), max_length=200)
    mode = models.CharField(_("tapa"), max_length=20, choices=MeetingMode.choices)
    place = models.CharField(_("paikka tai yhteys"), max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=MeetingKind.choices, default=MeetingKind.TEAM)
    ended_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["team", "first_starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.team} {self.rrule}"

    @property
    def duration(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.duration_minutes)


class Meeting(Sourced):
    """One meeting: an occurrence of a series, a single team meeting, or a client meeting."""

    PERSONAL_DATA: PersonalData = {
        "topics": SENSITIVE,
        "record": SENSITIVE,
        "starts_at": VALUE,
    }

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="meetings"
    )
    series = models.ForeignKey(
        MeetingSeries, on_delete=models.CASCADE, null=True, blank=True, related_name="meetings"
    )
    kind = models.CharField(max_length=20, choices=MeetingKind.choices, default=MeetingKind.TEAM)
    starts_at = models.DateTimeField(_("alkaa"))
    ends_at = models.DateTimeField(_("päättyy"))
    mode = models.CharField(_("tapa"), max_length=20, choices=MeetingMode.choices)
    place = models.CharField(_("paikka tai yhteys"), max_length=300, blank=True)
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    # A client meeting (kind CLIENT) is about one case.
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The topics shared with the client before the time is booked (seed 002).
    topics = models.TextField(_("tapaamisen aihealueet"), blank=True)
    topics_shared_on = models.DateField(_("aihealueet kerrottu asiakkaalle"), null=True, blank=True)
    topics_channel = models.CharField(_("miten kerrottu"), max_length=100, blank=True)
    record = models.TextField(_("muistio"), blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "starts_at"],
                condition=models.Q(series__isnull=False),
                name="one_meeting_per_occurrence",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_has_length"
            ),
        ]
        indexes = [models.Index(fields=["starts_at", "ends_at"])]

    def __str__(self) -> str:
        return f"meeting {self.pk} {self.starts_at:%Y-%m-%d %H:%M}"


class MeetingParticipant(models.Model):
    """Who takes part in a client meeting: a professional, the client, or someone named."""

    PERSONAL_DATA: PersonalData = {"user": NAME, "name": NAME, "role": VALUE}

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("nimi"), max_length=200, blank=True)
    role = models.CharField(_("rooli"), max_length=200, blank=True)
    is_client = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_client", "pk"]

    def __str__(self) -> str:
        return str(self.user) if self.user_id else self.name


class AgendaItem(Sourced):
    """A case on a team meeting's agenda, admitted under the client's consent."""

    PERSONAL_DATA: PersonalData = {
        "question": SENSITIVE,
        "categories": VALUE,
        "purpose": VALUE,
        "status": VALUE,
    }

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    question = models.TextField(_("mitä tiimiltä kysytään"))
    categories = models.JSONField(_("käsiteltävät tietoryhmät"), default=list)
    purpose = models.CharField(_("käyttötarkoitus"), max_length=40, choices=Purpose.choices)
    # The consent that admitted the case (None: every organisation of the team is the case's own).
    consent = models.ForeignKey(
        "consent.Consent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=AgendaStatus.choices, default=AgendaStatus.ON_AGENDA
    )
    brought_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    brought_at = models.DateTimeField(default=timezone.now)
    # Set when the responsible worker brings the case back because the situation changed.
    returning = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting__starts_at", "brought_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "case"],
                condition=~models.Q(status="withdrawn"),
                name="one_agenda_item_per_case_and_meeting",
            )
        ]

    def __str__(self) -> str:
        return f"agenda {self.pk} case {self.case_id}"


class CaseMinutes(Sourced):
    """The team's record of one case: what it found, what it decided, who walks beside."""

    PERSONAL_DATA: PersonalData = {
        "summary": SENSITIVE,
        "decisions": SENSITIVE,
        "companion_user": NAME,
        "companion_name": NAME,
    }

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="minutes")
    summary = models.TextField(_("arvion yhteenveto"))
    decisions = models.TextField(_("päätökset"))
    companion_user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    companion_name = models.CharField(_("rinnallakulkija (nimi)"), max_length=200, blank=True)
    # What the decisions became in the other apps (ids only; those apps own the rows).
    plan_version = models.ForeignKey(
        "plans.PlanVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responsible_worker = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"minutes {self.pk}"

    @property
    def companion(self) -> str:
        return str(self.companion_user) if self.companion_user_id else self.companion_name
