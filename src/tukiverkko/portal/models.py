"""The portal's own records: the one-time login codes a professional hands out, and the
client's feedback (asiakasosallisuus, seed 001)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.core.personal_data import NAME, SENSITIVE, VALUE, PersonalData


class LoginCode(models.Model):
    """A one-time code for the portal: shown once to the professional who made it, kept only as
    a keyed hash, valid for 15 minutes and for one login (portal.codes)."""

    PERSONAL_DATA: PersonalData = {
        "created_at": VALUE,
        "expires_at": VALUE,
        "used_at": VALUE,
        "created_by": NAME,
    }

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="portal_codes"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"code {self.pk}"


class FeedbackOn(models.TextChoices):
    MEETING = "meeting", _("tapaaminen")
    PATH = "path", _("koko polku")


class Feedback(models.Model):
    """What the client thought of a meeting or of the whole path: a 1–5 rating and words."""

    PERSONAL_DATA: PersonalData = {
        "on": VALUE,
        "rating": VALUE,
        "text": SENSITIVE,
        "given_at": VALUE,
    }

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(
        "teams.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    on = models.CharField(_("mistä"), max_length=10, choices=FeedbackOn.choices)
    rating = models.PositiveSmallIntegerField(_("arvio"))
    text = models.TextField(_("palaute"), blank=True)
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"feedback {self.pk}"
