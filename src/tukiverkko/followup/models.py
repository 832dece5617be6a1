"""Follow-up (seurannan tehtävät): one task per thing that is due, and the log of the job that
makes them.

A ``Task`` is made by the reminder job (``followup.jobs``) from a ``core.due.Due`` that a domain
app declares; it is open while the thing is due and closes itself when it is no longer due
("resolved": done by doing the thing). A professional may also mark it done with a note
("marked"): the mark holds, except that a task marked before its due date reopens once if the
thing is still due after that date (decision 0321).

A ``ReminderRun`` is one run of the job: when, what it did, and the lock that keeps two runs from
working at once (one unfinished run at a time, a unique constraint).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.core.personal_data import NAME, SENSITIVE, VALUE, PersonalData
from tukiverkko.followup.querysets import TaskQuerySet


class Status(models.TextChoices):
    OPEN = "open", _("avoin")
    DONE = "done", _("tehty")


class ClosedHow(models.TextChoices):
    RESOLVED = "resolved", _("asia hoidettu")  # the job no longer found it due
    MARKED = "marked", _("merkitty tehdyksi")  # a professional ticked it, with a note


class Task(models.Model):
    """One thing a professional must do by a date, and where it is done."""

    PERSONAL_DATA: PersonalData = {
        "kind": VALUE,
        "owner": NAME,
        "due": VALUE,
        "title": VALUE,
        "status": VALUE,
        "created_at": VALUE,
        "closed_at": VALUE,
        "closed_how": VALUE,
        "closed_by": NAME,
        "note": SENSITIVE,
    }

    kind = models.CharField(max_length=40)  # e.g. "plan_review" (core.due.Due.kind)
    key = models.CharField(max_length=100)  # e.g. "plan:12": with kind, one open task a thing
    source = models.CharField(max_length=200)  # the dotted path of the source that made it
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="followup_tasks"
    )
    due = models.DateField(_("eräpäivä"))
    # The Finnish sentence (a msgid: the pages translate it); never personal data.
    title = models.CharField(_("tehtävä"), max_length=200)
    url = models.CharField(max_length=300)  # where it is done; ids only
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followup_tasks",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_how = models.CharField(max_length=10, choices=ClosedHow.choices, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("huomio"), blank=True)
    # Set when a mark did not hold: the thing was still due after the due date.
    reopened_at = models.DateTimeField(null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key"],
                condition=Q(status="open"),
                name="one_open_task_per_thing",
            )
        ]
        indexes = [
            models.Index(fields=["owner", "status", "due"]),
            models.Index(fields=["status", "source"]),
            models.Index(fields=["kind", "key"]),
        ]

    def __str__(self) -> str:
        return f"task {self.pk} {self.kind}:{self.key} ({self.status})"

    @property
    def is_overdue(self) -> bool:
        return self.status == Status.OPEN and self.due < timezone.localdate()


LOCK = "reminders"


class ReminderRun(models.Model):
    """One run of the reminder job. While ``finished_at`` is empty the run holds the lock."""

    PERSONAL_DATA: PersonalData = {}  # counts only

    lock = models.CharField(max_length=20, default=LOCK)
    day = models.DateField()  # the day the sources were asked about
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(default=False)
    dues = models.PositiveIntegerField(default=0)
    opened = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    reopened = models.PositiveIntegerField(default=0)
    mails = models.PositiveIntegerField(default=0)
    # Sources that raised: their tasks were left as they were (none closed on their account).
    failed_sources = models.JSONField(default=list)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["lock"],
                condition=Q(finished_at__isnull=True),
                name="one_reminder_run_at_a_time",
            )
        ]

    def __str__(self) -> str:
        return f"reminder run {self.pk} ({self.day})"

    @property
    def seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()
