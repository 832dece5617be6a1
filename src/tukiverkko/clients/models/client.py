"""The client (asiakas) and which organisations hold a client relationship with them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.fi import hetu

from tukiverkko.clients import crypto
from tukiverkko.clients.querysets import ClientQuerySet, ClientRelationshipQuerySet
from tukiverkko.core.personal_data import NAME, VALUE, PersonalData


def normalise_henkilotunnus(value: str) -> str:
    """Validate with python-stdnum (checksum, date, every century sign incl. 2023's
    -YXWVU / ABCDEF) and return the compact upper-case form.

    Individual numbers 900–999 are accepted: they are the range for temporary and
    fictitious codes, which the demo data uses (docs/decisions/0070).
    """
    try:
        return str(hetu.validate(value, allow_temporary=True))
    except stdnum_errors.InvalidChecksum as exc:
        raise ValidationError(
            _("Henkilötunnuksen tarkistusmerkki ei täsmää. Tarkista tunnus."),
            code="hetu_checksum",
        ) from exc
    except stdnum_errors.InvalidComponent as exc:
        raise ValidationError(
            _("Henkilötunnuksen syntymäaika tai yksilönumero ei ole mahdollinen."),
            code="hetu_component",
        ) from exc
    except stdnum_errors.ValidationError as exc:
        raise ValidationError(
            _(
                "Henkilötunnus on muotoa PPKKVV-NNNT (esim. 131052-308T); välimerkki on + - Y X W V U A B C D E tai F."
            ),
            code="hetu_format",
        ) from exc


_CENTURY = {"+": 1800} | dict.fromkeys("-YXWVU", 1900) | dict.fromkeys("ABCDEF", 2000)


def birth_date_of(code: str) -> dt.date:
    """Birth date from a code already normalised by ``normalise_henkilotunnus``."""
    return dt.date(_CENTURY[code[6]] + int(code[4:6]), int(code[2:4]), int(code[0:2]))


def mask(code: str) -> str:
    """010190-**** — the birth date part shows, the individual number and check do not."""
    return code[:7] + "****"


class Client(models.Model):
    """A person in the work-ability support network.

    ``PERSONAL_DATA`` declares each personal field: ``sensitive`` fields never appear in lists,
    logs or URLs and are shown only on request with the reveal logged; ``export`` says how the
    field appears in the client's own data request.
    """

    PERSONAL_DATA: PersonalData = {
        "henkilotunnus": {"sensitive": True, "export": "decrypted"},
        "first_name": VALUE,
        "last_name": VALUE,
        "birth_date": VALUE,
        "phone": VALUE,
        "email": VALUE,
        "address": VALUE,
        "languages": VALUE,
        "municipality": NAME,
    }

    henkilotunnus_encrypted = models.TextField(editable=False)
    henkilotunnus_hash = models.CharField(max_length=64, unique=True, editable=False)
    birth_date = models.DateField(_("syntymäaika"), db_index=True)
    first_name = models.CharField(_("etunimet"), max_length=150)
    last_name = models.CharField(_("sukunimi"), max_length=150)
    phone = models.CharField(_("puhelin"), max_length=40, blank=True)
    email = models.EmailField(_("sähköposti"), blank=True)
    address = models.CharField(_("osoite"), max_length=300, blank=True)
    languages = models.JSONField(_("kielet"), default=list, blank=True)
    municipality = models.ForeignKey(
        "accounts.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kotikunta"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # The contact details are the data of the register that recorded them (the creator's
    # organisation and unit register): another register sees them under a consent covering
    # "yhteystiedot" or a legal basis (consent.content).
    contact_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    contact_register = models.CharField(max_length=20, blank=True)

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        indexes = [models.Index(fields=["last_name", "birth_date"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def set_henkilotunnus(self, value: str) -> str:
        code = normalise_henkilotunnus(value)
        self.henkilotunnus_encrypted = crypto.encrypt(code)
        self.henkilotunnus_hash = crypto.lookup_hash(code)
        self.birth_date = birth_date_of(code)
        return code

    @property
    def henkilotunnus(self) -> str:
        """Decrypted. Views must not call this; they go through
        access.selectors.reveal_henkilotunnus."""
        return crypto.decrypt(self.henkilotunnus_encrypted)

    @property
    def henkilotunnus_masked(self) -> str:
        return mask(self.henkilotunnus)

    def export_personal_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field, spec in self.PERSONAL_DATA.items():
            if spec["export"] == "decrypted":
                out[field] = self.henkilotunnus
            elif spec["export"] == "name":
                value = getattr(self, field)
                out[field] = str(value) if value else ""
            else:
                value = getattr(self, field)
                out[field] = value.isoformat() if isinstance(value, dt.date) else value
        return out


CONTACT_CATEGORY = "contact"  # consent.models.InfoCategory.CONTACT (tested to be equal)


class ContactDetails:
    """The client's phone, e-mail and address as one item of content for the content filter
    (consent.content): owned by the register that recorded them."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.phone, self.email, self.address = client.phone, client.email, client.address

    @property
    def content_organisation_id(self) -> int | None:
        return self.client.contact_organisation_id

    @property
    def content_register(self) -> str:
        return self.client.contact_register

    @property
    def content_category(self) -> str:
        return CONTACT_CATEGORY


class ClientRelationship(models.Model):
    """An organisation's client relationship (asiakkuus in that organisation's register)."""

    PERSONAL_DATA: PersonalData = {"organisation": NAME, "started_at": VALUE, "ended_at": VALUE}

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="relationships")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = ClientRelationshipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "organisation"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_relationship_per_organisation",
            )
        ]
        indexes = [models.Index(fields=["organisation", "client"])]

    def __str__(self) -> str:
        return f"{self.client_id} @ {self.organisation_id}"
