"""A consent: recorded, revoked (with the notices to Kela and the partners), confirmed by
the client in the portal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Actor, ClientActor, Professional
from tukiverkko.accounts.models import Organisation, Unit
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.clients.models import Client
from tukiverkko.consent.actions._common import (
    Employer,
    _choice_errors,
    _dates_errors,
    _disclosing_party,
    _employers,
)
from tukiverkko.consent.models import (
    KELA_CONSENT_ADDRESS,
    KELA_SLUG,
    SIGNATURES,
    Consent,
    ConsentForm,
    ExternalRecipient,
    InfoCategory,
    Purpose,
    RequestChannel,
    RevocationNotice,
)
from tukiverkko.core import limits


@transaction.atomic
def record_consent(
    *,
    client: Client,
    by: Professional,
    categories: Iterable[str],
    purposes: Iterable[str],
    form: str,
    valid_from: dt.date | None,
    signature_method: str,
    evidence_reference: str = "",
    organisations: Iterable[Organisation] = (),
    units: Iterable[Unit] = (),
    employers: Iterable[Employer] = (),
    valid_until: dt.date | None = None,
    note: str = "",
) -> Consent:
    """Record the client's consent to disclose ``by``'s own organisation's and register's
    information to the recipients named. Written forms need their evidence (form number or the
    scanned document's reference) and a signature; an oral consent holds for one day and one
    transaction."""
    organisation_id, register = _disclosing_party(by)
    orgs, unit_list = list(organisations), list(units)
    cats, purps = sorted(set(categories)), sorted(set(purposes))
    evidence_reference, note = evidence_reference.strip(), note.strip()
    if form == ConsentForm.ORAL and valid_until is None:
        valid_until = valid_from
    today = timezone.localdate()
    errors = _dates_errors(valid_from, valid_until, today=today)
    recipients, employer_errors = _employers(employers)
    if employer_errors:
        errors["employers"] = employer_errors
    if not (orgs or unit_list or recipients):
        errors["organisations"] = [
            _("Valitse vähintään yksi vastaanottaja: organisaatio, yksikkö tai työnantaja.")
        ]
    errors |= _choice_errors(
        cats,
        InfoCategory.values,
        "categories",
        _("Valitse vähintään yksi tietoryhmä (esim. terveys, työllisyys)."),
    )
    errors |= _choice_errors(
        purps, Purpose.values, "purposes", _("Valitse vähintään yksi käyttötarkoitus.")
    )
    portal = form == ConsentForm.PORTAL
    if portal:  # the client confirms in the portal: the evidence is their confirmation
        signature_method, evidence_reference = "", ""
    if form not in ConsentForm.values:
        errors["form"] = [_("Valitse suostumuksen muoto.")]
    elif not portal and signature_method not in SIGNATURES[form]:
        errors["signature_method"] = [
            _("Valitse, miten asiakas vahvisti suostumuksen tällä muodolla.")
        ]
    if (
        form in ConsentForm.values
        and form not in (ConsentForm.ORAL, ConsentForm.PORTAL)
        and not evidence_reference
    ):
        errors["evidence_reference"] = [
            _("Kirjaa asiakirjan tunniste: lomakkeen numero tai skannatun asiakirjan viite.")
        ]
    if (
        form == ConsentForm.ORAL
        and valid_from is not None
        and valid_until is not None
        and valid_until != valid_from
    ):
        errors["valid_until"] = [
            _(
                "Suullinen suostumus koskee vain yhtä asiointikertaa: se on voimassa vain yhden päivän."
            )
        ]
    errors |= limits.check_texts(
        {"evidence_reference": (evidence_reference, limits.SHORT), "note": (note, limits.REASON)}
    )
    if errors or valid_from is None:  # (valid_from None is among the errors)
        raise ValidationError(errors)
    consent = Consent.objects.create(
        client=client,
        disclosing_organisation_id=organisation_id,
        disclosing_register=register,
        categories=cats,
        purposes=purps,
        form=form,
        evidence_reference=evidence_reference,
        signature_method=signature_method,
        valid_from=valid_from,
        valid_until=valid_until,
        note=note,
        recorded_by=by,
        awaits_confirmation=portal,
    )
    consent.organisations.set(orgs)
    consent.units.set(unit_list)
    saved = []
    for recipient in recipients:
        existing, _created = ExternalRecipient.objects.get_or_create(
            kind=recipient.kind,
            business_id=recipient.business_id,
            defaults={"name": recipient.name},
        )
        saved.append(existing)
    consent.external_recipients.set(saved)
    record_event(by, client.pk, EventType.CONSENT_RECORD, consent.pk)
    return consent


def _notices(consent: Consent) -> list[RevocationNotice]:
    """Who is told of a revocation: every recipient, and Kela's consent address when the
    consent was on Kela's form or named Kela (RULEBOOK §10: "revocation → notify Kela by secure
    email and all partners")."""
    notices: list[RevocationNotice] = []
    kela_told = False
    for org in consent.organisations.all():
        is_kela = org.slug == KELA_SLUG
        kela_told |= is_kela
        notices.append(
            RevocationNotice(
                consent=consent, organisation=org, address=KELA_CONSENT_ADDRESS if is_kela else ""
            )
        )
    notices += [RevocationNotice(consent=consent, unit=u) for u in consent.units.all()]
    notices += [
        RevocationNotice(consent=consent, external_recipient=r)
        for r in consent.external_recipients.all()
    ]
    if consent.form == ConsentForm.KELA_Y100 and not kela_told:
        kela = Organisation.objects.filter(slug=KELA_SLUG).first()
        notices.append(
            RevocationNotice(consent=consent, organisation=kela, address=KELA_CONSENT_ADDRESS)
        )
    return notices


@transaction.atomic
def revoke_consent(*, consent: Consent, by: Actor, channel: str) -> Consent:
    """The client revokes a consent: at once, whoever records it for them (a professional with
    a relationship, or the client in the portal). Every recipient — and Kela — is to be told:
    one ``RevocationNotice`` each, shown until marked done."""
    if channel not in RequestChannel.values:
        raise ValidationError({"channel": [_("Kerro, miten asiakas pyysi perumista.")]})
    if isinstance(by, ClientActor) and by.client_id != consent.client_id:
        raise ValidationError(_("Asiakas voi perua vain oman suostumuksensa."))
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.revoked_at is not None:
        raise ValidationError(_("Suostumus on jo peruttu."), code="already_revoked")
    locked.revoked_at = timezone.now()
    locked.revoked_by = by if isinstance(by, Professional) else None
    locked.revocation_channel = channel
    locked.save(update_fields=["revoked_at", "revoked_by", "revocation_channel"])
    if locked.confirmed_at is not None or locked.form != ConsentForm.PORTAL:
        # (one never confirmed disclosed nothing: nobody is to be told)
        RevocationNotice.objects.bulk_create(_notices(locked))
    record_event(by, locked.client_id, EventType.CONSENT_REVOKE, locked.pk)
    return locked


@transaction.atomic
def confirm_consent(*, consent: Consent, by: ClientActor, method: str) -> Consent:
    """The client confirms in the portal a consent prepared with them (form PORTAL): from now
    on it covers what it names. ``method``: how they confirmed — two factors (the one-time
    code's login and their henkilötunnus typed again, checked by the portal) or strong
    identification (Suomi.fi)."""
    if by.client_id != consent.client_id:
        raise ValidationError(_("Voit vahvistaa vain oman suostumuksesi."), code="not_own")
    if method not in SIGNATURES[ConsentForm.PORTAL]:
        raise ValidationError({"method": [_("Vahvista suostumus kahdella tekijällä.")]})
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.revoked_at is not None:
        raise ValidationError(_("Suostumus on jo peruttu."), code="already_revoked")
    if not locked.awaits_confirmation:
        raise ValidationError(_("Suostumus on jo vahvistettu."), code="not_awaiting")
    today = timezone.localdate()
    if locked.valid_until is not None and locked.valid_until < today:
        raise ValidationError(
            _("Suostumuksen voimassaolo on jo päättynyt: pyydä työntekijältäsi uusi."),
            code="expired",
        )
    locked.awaits_confirmation, locked.confirmed_at = False, timezone.now()
    locked.signature_method = method
    locked.valid_from = max(locked.valid_from, today)
    locked.save(
        update_fields=["awaits_confirmation", "confirmed_at", "signature_method", "valid_from"]
    )
    record_event(by, locked.client_id, EventType.CONSENT_CONFIRM, locked.pk)
    return locked


@transaction.atomic
def mark_notice_done(*, notice: RevocationNotice, by: Professional) -> RevocationNotice:
    """The recipient has been told. Only the disclosing organisation tells its recipients."""
    locked = (
        RevocationNotice.objects.select_for_update().select_related("consent").get(pk=notice.pk)
    )
    if by.organisation_id != locked.consent.disclosing_organisation_id:
        raise ValidationError(
            _("Perumisesta ilmoittaa suostumuksen kirjannut organisaatio."), code="not_discloser"
        )
    if locked.done_at is not None:
        raise ValidationError(_("Ilmoitus on jo merkitty tehdyksi."), code="already_done")
    locked.done_at, locked.done_by = timezone.now(), by
    locked.save(update_fields=["done_at", "done_by"])
    record_event(by, locked.consent.client_id, EventType.REVOCATION_NOTICE_DONE, locked.pk)
    return locked
