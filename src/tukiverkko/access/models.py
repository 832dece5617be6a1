"""Justified access (perusteltu pääsy): the urgent exception to "a relationship first".

A professional who must see a client they have no relationship with — the client is in front
of them, their record is needed now, no referral or consent can be had in time — states why and
for how long; the access ends by itself, is logged as such on every read, is listed for the
data-protection officer to review, and (the portal, a later issue) is shown to the client.
It opens reading only: a justified access never writes, steers or discloses onward.
"""

from __future__ import annotations

import hashlib
import secrets

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


class Scope(models.TextChoices):
    """What an integration token may read; each integration route needs one (decision 0370)."""

    READ_CASES = "read:cases", _("asiakkuudet")
    READ_JOURNAL = "read:journal", _("kirjaukset")
    READ_PLANS = "read:plans", _("suunnitelmat")
    READ_REFERRALS = "read:referrals", _("lähetteet")
    READ_CONSENTS = "read:consents", _("suostumukset")
    READ_TEAMS = "read:teams", _("tiimit")
    READ_TASKS = "read:tasks", _("tehtävät")


TOKEN_PREFIX = "tkv_"  # noqa: S105 (a marker, not a secret)
TOKEN_SHOWN = 12  # characters of the secret kept to tell tokens apart ("tkv_" and 8 more)


def new_token_secret() -> str:
    """``tkv_`` and 43 URL-safe characters: 256 random bits."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(secret: str) -> str:
    """The hex SHA-256 kept instead of the secret (a 256-bit random secret needs no slow hash)."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """An integration token (decision 0370): one organisation's one named system, with scopes
    and an expiry. Only the SHA-256 of its secret is kept; the secret is shown once, when it is
    made. Revoking sets ``revoked_at`` and takes effect on the next request."""

    PERSONAL_DATA: PersonalData = {}

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    system = models.CharField(max_length=100)
    scopes = models.JSONField(default=list)  # access.tokens.Scope values
    # The first characters of the secret, to tell tokens apart (admin, CLI); not enough to use.
    prefix = models.CharField(max_length=16)
    digest = models.CharField(max_length=64, unique=True)  # hex SHA-256 of the whole secret
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"api token {self.pk} ({self.system})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
