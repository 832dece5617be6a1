"""Disclosing a client's information to another controller or register (RULEBOOK §10, 703/2023):

- ``Consent`` (suostumus): recorded by a professional of the *disclosing* controller, in the
  register whose data it discloses, naming its recipients (organisations, units of an
  organisation, external recipients such as an employer), the information categories, the
  purposes, its form and evidence, and how long it holds; the client revokes it;
- ``RevocationNotice``: each recipient (and Kela, for a Kela form) to be told of a revocation;
- ``DisclosureProhibition`` (luovutuskielto): the client forbids a register's disclosures;
- ``LegalBasis``: a disclosure the law itself allows without consent (e.g. Kela's statutory
  right to information), recorded by the disclosing controller and logged as such.

The decision over these is pure (``consent.policy``); ``consent.content`` applies it to every
piece of content a page shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Register, validate_business_id
from tukiverkko.consent.querysets import (
    ConsentQuerySet,
    LegalBasisQuerySet,
    ProhibitionQuerySet,
    RevocationNoticeQuerySet,
)
from tukiverkko.core.personal_data import NAME, SENSITIVE, VALUE, PersonalData

# Where Kela wants consent documents and their revocations (seed 000).
KELA_CONSENT_ADDRESS = "suostumukset@kela.fi"
KELA_SLUG = "kela"


class InfoCategory(models.TextChoices):
    """Tietoryhmä: what kind of information a piece of content holds and a consent covers."""

    HEALTH = "health", _("terveys")
    SOCIAL = "social", _("sosiaali")
    EMPLOYMENT = "employment", _("työllisyys")
    BENEFITS = "benefits", _("etuudet")
    EDUCATION = "education", _("koulutus")
    CONTACT = "contact", _("yhteystiedot")


# A journal entry is one of these (contact details are the client's record, not an entry).
JOURNAL_CATEGORIES = [c for c in InfoCategory.choices if c[0] != InfoCategory.CONTACT]


class Purpose(models.TextChoices):
    """What information is disclosed or read for (the purpose a consent names, RULEBOOK §10)."""

    INFORMATION_EXCHANGE = "information_exchange", _("tietojen vaihto")
    NETWORK_MEETING = "network_meeting", _("verkostotapaaminen")
    PLANNING_WITHOUT_CLIENT = "planning_without_client", _("suunnittelu ilman asiakasta")
    FEEDBACK_TO_REFERRER = "feedback_to_referrer", _("palaute lähettävälle taholle")
    # IPS job coaching: the coach contacts an employer named on the consent (seed 003
    # "voi olla yhteydessä työnantajaan asiakkaan luvalla"; ips.actions.record_contact).
    EMPLOYER_CONTACT = "employer_contact", _("yhteydenotto työnantajaan (tuettu työllistyminen)")


# The purposes of network work: a consent admits another organisation to the client's network
# only when it names one of them (cases.actions.add_network_member).
NETWORK_PURPOSES = frozenset({Purpose.INFORMATION_EXCHANGE, Purpose.NETWORK_MEETING})


class ConsentForm(models.TextChoices):
    KELA_Y100 = "kela_y100", _("Kela Y100")
    REGIONAL_FORM = "regional_form", _("hyvinvointialueen suostumuslomake")
    OTHER_WRITTEN = "other_written", _("muu kirjallinen")
    ORAL = "oral", _("suullinen (yksi asiointikerta)")
    CLIENT_ELECTRONIC = "client_electronic", _("asiakkaan sähköinen vahvistus")
    # Prepared with the client, confirmed by them in Oma Tukiverkko (decision 0343).
    PORTAL = "portal", _("asiakas vahvistaa Oma Tukiverkossa")


WRITTEN_FORMS = frozenset(
    {ConsentForm.KELA_Y100, ConsentForm.REGIONAL_FORM, ConsentForm.OTHER_WRITTEN}
)


class SignatureMethod(models.TextChoices):
    """How the client confirmed (Kela: by hand, e-signature or two-factor confirmation)."""

    HANDWRITTEN = "handwritten", _("allekirjoitus käsin")
    ELECTRONIC_SIGNATURE = "electronic_signature", _("sähköinen allekirjoitus")
    STRONG_IDENTIFICATION = "strong_identification", _("vahva sähköinen tunnistautuminen")
    ORAL_RECORDED = "oral_recorded", _("suullinen, kirjattu asiointikerralla")
    TWO_FACTOR = "two_factor", _("kaksivaiheinen vahvistus (kertakoodi ja henkilötunnus)")


# Which signature each form takes.
SIGNATURES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        WRITTEN_FORMS,
        frozenset({SignatureMethod.HANDWRITTEN, SignatureMethod.ELECTRONIC_SIGNATURE}),
    ),
    ConsentForm.ORAL: frozenset({SignatureMethod.ORAL_RECORDED}),
    ConsentForm.CLIENT_ELECTRONIC: frozenset(
        {SignatureMethod.STRONG_IDENTIFICATION, SignatureMethod.ELECTRONIC_SIGNATURE}
    ),
    # set by the client's confirmation, not by the professional
    ConsentForm.PORTAL: frozenset(
        {SignatureMethod.STRONG_IDENTIFICATION, SignatureMethod.TWO_FACTOR}
    ),
}


class RequestChannel(models.TextChoices):
    """How the client asked for a revocation, a prohibition or its lifting."""

    IN_PERSON = "in_person", _("tapaamisessa")
    PHONE = "phone", _("puhelimessa")
    WRITTEN = "written", _("kirjallisesti")
    ELECTRONIC = "electronic", _("sähköisesti")


class RecipientKind(models.TextChoices):
    EMPLOYER = "employer", _("työnantaja")


class ExternalRecipient(models.Model):
    """A recipient outside the network's organisations: an employer (IPS: "voi olla yhteydessä
    työnantajaan asiakkaan luvalla"), named, with its Y-tunnus. It sees nothing in Tukiverkko;
    a consent naming it lets a professional disclose to it, for the purposes named."""

    PERSONAL_DATA: PersonalData = {"name": VALUE, "business_id": VALUE, "kind": VALUE}

    kind = models.CharField(max_length=20, choices=RecipientKind.choices)
    name = models.CharField(_("nimi"), max_length=300)
    business_id = models.CharField(_("Y-tunnus"), max_length=9, validators=[validate_business_id])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "business_id"], name="one_recipient_per_id")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.business_id})"


class Consent(models.Model):
    PERSONAL_DATA: PersonalData = {
        "disclosing_organisation": NAME,
        "disclosing_register": VALUE,
        "organisations": NAME,
        "units": NAME,
        "external_recipients": NAME,
        "categories": VALUE,
        "purposes": VALUE,
        "form": VALUE,
        "evidence_reference": VALUE,
        "signature_method": VALUE,
        "valid_from": VALUE,
        "valid_until": VALUE,
        "note": SENSITIVE,
        "recorded_by": NAME,
        "revoked_at": VALUE,
        "awaits_confirmation": VALUE,
        "confirmed_at": VALUE,
        "revocation_channel": VALUE,
    }

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="consents")
    # Whose information it discloses: the recorder's organisation and the register their unit
    # keeps. Nobody else records or widens it.
    disclosing_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("luovuttaja"),
    )
    disclosing_register = models.CharField(max_length=20, choices=Register.choices)
    # Recipients: whole organisations (the disclosing organisation itself = its other
    # registers), units of an organisation (seed 001: "työttömien terveystarkastus"), and
    # external recipients (an employer).
    organisations = models.ManyToManyField(
        "accounts.Organisation", related_name="+", blank=True, verbose_name=_("organisaatiot")
    )
    units = models.ManyToManyField(
        "accounts.Unit", related_name="+", blank=True, verbose_name=_("yksiköt")
    )
    external_recipients = models.ManyToManyField(
        ExternalRecipient,
        related_name="consents",
        blank=True,
        verbose_name=_("muut vastaanottajat"),
    )
    categories = models.JSONField(_("tietoryhmät"), default=list)  # InfoCategory values
    purposes = models.JSONField(_("käyttötarkoitukset"), default=list)  # Purpose values
    form = models.CharField(_("muoto"), max_length=20, choices=ConsentForm.choices)
    # The evidence: the form's number or the scanned document's reference, and the signature.
    evidence_reference = models.CharField(_("asiakirjan tunniste"), max_length=200, blank=True)
    signature_method = models.CharField(  # "" while a PORTAL consent awaits confirmation
        _("vahvistustapa"), max_length=30, choices=SignatureMethod.choices, blank=True
    )
    valid_from = models.DateField(_("voimassa alkaen"))
    valid_until = models.DateField(_("voimassa asti"), null=True, blank=True)
    note = models.TextField(_("lisätieto"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # A consent prepared for the client to confirm in Oma Tukiverkko (form PORTAL) covers
    # nothing until they confirm it there with two factors (decision 0343).
    awaits_confirmation = models.BooleanField(default=False, db_default=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revocation_channel = models.CharField(max_length=20, choices=RequestChannel.choices, blank=True)
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


class RevocationNotice(models.Model):
    """One party to tell that a consent was revoked: each recipient, and Kela's consent address
    when the consent concerned Kela. A to-do row with its done state (the follow-up app will
    turn them into tasks)."""

    PERSONAL_DATA: PersonalData = {
        "organisation": NAME,
        "unit": NAME,
        "external_recipient": NAME,
        "address": VALUE,
        "done_at": VALUE,
        "done_by": NAME,
    }

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="notices")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        "accounts.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    external_recipient = models.ForeignKey(
        ExternalRecipient, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    address = models.CharField(max_length=200, blank=True)  # e.g. suostumukset@kela.fi
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = RevocationNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.address or str(self.organisation or self.unit or self.external_recipient)


class DisclosureProhibition(models.Model):
    """Luovutuskielto: the client forbids the disclosure of one register's information (all of
    it, or the categories named). It overrides every consent; a legal basis still applies."""

    PERSONAL_DATA: PersonalData = {
        "organisation": NAME,
        "register": VALUE,
        "categories": VALUE,
        "channel": VALUE,
        "recorded_by": NAME,
        "recorded_at": VALUE,
        "lifted_at": VALUE,
    }

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="disclosure_prohibitions"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    register = models.CharField(max_length=20, choices=Register.choices)
    categories = models.JSONField(default=list)  # [] = every category
    channel = models.CharField(max_length=20, choices=RequestChannel.choices)
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ProhibitionQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"prohibition {self.pk}"


class LegalBasis(models.Model):
    """A disclosure the law allows without the client's consent — e.g. Kela's statutory right to
    information for deciding a benefit — recorded by the disclosing controller's professional
    with the statute named, and every disclosure under it logged as such."""

    PERSONAL_DATA: PersonalData = {
        "disclosing_organisation": NAME,
        "disclosing_register": VALUE,
        "recipient": NAME,
        "categories": VALUE,
        "purposes": VALUE,
        "statute": VALUE,
        "valid_from": VALUE,
        "valid_until": VALUE,
        "recorded_by": NAME,
        "ended_at": VALUE,
    }

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="legal_bases"
    )
    disclosing_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    disclosing_register = models.CharField(max_length=20, choices=Register.choices)
    recipient = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastaanottaja"),
    )
    categories = models.JSONField(default=list)
    purposes = models.JSONField(default=list)
    statute = models.CharField(_("säännös"), max_length=300)
    note = models.TextField(blank=True)
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = LegalBasisQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "-pk"]

    def __str__(self) -> str:
        return f"legal basis {self.pk}"
