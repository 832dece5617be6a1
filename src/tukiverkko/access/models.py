"""Justified access (perusteltu pääsy): the urgent exception to "a relationship first".

A professional who must see a client they have no relationship with — the client is in front
of them, their record is needed now, no referral or consent can be had in time — states why and
for how long; the access ends by itself, is logged as such on every read, is listed for the
data-protection officer to review, and (the portal, a later issue) is shown to the client.
It opens reading only: a justified access never writes, steers or discloses onward.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.access.querysets import JustifiedAccessQuerySet
from tukiverkko.core.personal_data import NAME, SENSITIVE, VALUE, PersonalData


class JustifiedAccess(models.Model):
    PERSONAL_DATA: PersonalData = {
        "user": NAME,
        "organisation": NAME,
        "reason": SENSITIVE,
        "started_at": VALUE,
        "ends_at": VALUE,
        "ended_at": VALUE,
        "reviewed_at": VALUE,
    }

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="justified_accesses"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The professional's organisation when they opened it (a log outlives a move).
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("perustelu"))
    started_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)  # ended early by its user
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(blank=True)

    objects = JustifiedAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["user", "ends_at"])]

    def __str__(self) -> str:
        return f"justified access {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None and self.ends_at > timezone.now()
