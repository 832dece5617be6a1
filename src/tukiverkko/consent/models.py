"""Suostumus: which organisations may exchange which categories of a client's information,
for which purposes, on what form, for how long (RULEBOOK §10)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.consent.querysets import ConsentQuerySet
from tukiverkko.core.personal_data import NAME, VALUE, PersonalData


class InfoCategory(models.TextChoices):
    """Tietoryhmä: what kind of information a journal entry holds and a consent covers."""

    HEALTH = "health", _("terveys")
    SOCIAL = "social", _("sosiaali")
    EMPLOYMENT = "employment", _("työllisyys")
    BENEFITS = "benefits", _("etuudet")
    EDUCATION = "education", _("koulutus")


class Purpose(models.TextChoices):
    INFORMATION_EXCHANGE = "information_exchange", _("tietojen vaihto")
    NETWORK_MEETING = "network_meeting", _("verkostotapaaminen")
    PLANNING_WITHOUT_CLIENT = "planning_without_client", _("suunnittelu ilman asiakasta")


class ConsentForm(models.TextChoices):
    KELA_Y100 = "kela_y100", _("Kela Y100")
    REGIONAL_FORM = "regional_form", _("hyvinvointialueen suostumuslomake")
    OTHER_WRITTEN = "other_written", _("muu kirjallinen")
    ORAL = "oral", _("suullinen (yksi asiointikerta)")


class Consent(models.Model):
    PERSONAL_DATA: PersonalData = {
        "organisations": NAME,
        "categories": VALUE,
        "purposes": VALUE,
        "form": VALUE,
        "valid_from": VALUE,
        "valid_until": VALUE,
        "note": VALUE,
        "recorded_by": NAME,
        "revoked_at": VALUE,
    }

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="consents")
    organisations = models.ManyToManyField(
        "accounts.Organisation", related_name="+", verbose_name=_("organisaatiot")
    )
    categories = models.JSONField(_("tietoryhmät"), default=list)  # InfoCategory values
    purposes = models.JSONField(_("käyttötarkoitukset"), default=list)  # Purpose values
    form = models.CharField(_("muoto"), max_length=20, choices=ConsentForm.choices)
    valid_from = models.DateField(_("voimassa alkaen"))
    valid_until = models.DateField(_("voimassa asti"), null=True, blank=True)
    note = models.TextField(_("lisätieto"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # An oral consent covers one transaction: the first disclosure under it uses it up.
    used_at = models.DateTimeField(null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "-pk"]

    def __str__(self) -> str:
        return f"consent {self.pk}"

    @property
    def is_oral(self) -> bool:
        return self.form == ConsentForm.ORAL
