"""Recording and revoking consents, disclosure prohibitions and legal bases, and disclosing
under them — each validates, changes and logs in one transaction.

Who may: the view has authorised the client through the access policy (a relationship with
them); these actions hold the controller rules — a consent, a prohibition or a legal basis is
always of the recorder's own organisation and register (the disclosing controller), so the
receiving party can neither record nor widen another's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Actor, ClientActor, Professional
from tukiverkko.accounts.models import Organisation, Unit
from tukiverkko.accounts.roles import records_consents, register_of
from tukiverkko.audit.actions import record_disclosure
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.clients.models import Client
from tukiverkko.consent.models import (
    KELA_CONSENT_ADDRESS,
    KELA_SLUG,
    SIGNATURES,
    Consent,
    ConsentForm,
    DisclosureProhibition,
    ExternalRecipient,
    InfoCategory,
    LegalBasis,
    Purpose,
    RecipientKind,
    RequestChannel,
    RevocationNotice,
)
from tukiverkko.consent.policy import ConsentFacts
from tukiverkko.core import limits

# How far ahead a consent may start: a form signed today for work that begins within three
# months is normal; one that starts in a hundred years is a typing error (review L3).
MAX_START_AHEAD = dt.timedelta(days=90)
# How far back: a paper form signed before it was entered here.
MAX_START_BEHIND = dt.timedelta(days=365)


@dataclass(frozen=True)
class Employer:
    """An external recipient named on a consent form (issue 16 builds on it)."""

    name: str
    business_id: str


def _disclosing_party(by: Professional) -> tuple[int, str]:
    """The recorder's organisation and register — whose data the record is about."""
    register = register_of(by)
    if not records_consents(by) or by.organisation_id is None or register is None:
        raise ValidationError(
            _(
                "Vain asiakastyötä tekevä ammattilainen, jolla on organisaatio ja yksikkö, voi "
                "kirjata suostumuksen, luovutuskiellon tai lakiperusteen omien tietojensa "
                "luovuttamisesta."
            ),
            code="not_disclosing_party",
        )
    return by.organisation_id, register


def _choice_errors(
    values: list[str], allowed: Iterable[str], field: str, message: str
) -> dict[str, list[str]]:
    return {field: [message]} if not values or not set(values) <= set(allowed) else {}


def _dates_errors(
    valid_from: dt.date | None, valid_until: dt.date | None, *, today: dt.date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if valid_from is None:
        errors["valid_from"] = [_("Anna alkamispäivä.")]
    elif valid_from > today + MAX_START_AHEAD:
        errors["valid_from"] = [
            _("Alkamispäivä voi olla enintään %(days)s päivän päässä.")
            % {"days": MAX_START_AHEAD.days}
        ]
    elif valid_from < today - MAX_START_BEHIND:
        errors["valid_from"] = [
            _("Alkamispäivä voi olla enintään %(days)s päivää sitten.")
            % {"days": MAX_START_BEHIND.days}
        ]
    elif valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = [_("Päättymispäivä ei voi olla ennen alkamispäivää.")]
    return errors


def _employers(employers: Iterable[Employer]) -> tuple[list[ExternalRecipient], list[str]]:
    found: list[ExternalRecipient] = []
    errors: list[str] = []
    for employer in employers:
        name, business_id = employer.name.strip(), employer.business_id.strip()
        errors += limits.text_errors(name, limits.NAME)
        if not name:
            errors.append(_("Anna työnantajan nimi."))
        recipient = ExternalRecipient(
            kind=RecipientKind.EMPLOYER, name=name, business_id=business_id
        )
        try:
            recipient.clean_fields(exclude=["kind", "name"])
        except ValidationError as exc:
            errors += [str(m) for msgs in exc.message_dict.values() for m in msgs]
        found.append(recipient)
    return found, errors


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


@transaction.atomic
def record_prohibition(
    *,
    client: Client,
    by: Professional,
    channel: str,
    categories: Iterable[str] = (),
    note: str = "",
) -> DisclosureProhibition:
    """The client forbids disclosing ``by``'s register's information (all, or ``categories``)."""
    organisation_id, register = _disclosing_party(by)
    cats, note = sorted(set(categories)), note.strip()
    errors: dict[str, list[str]] = {}
    if channel not in RequestChannel.values:
        errors["channel"] = [_("Kerro, miten asiakas ilmoitti kiellosta.")]
    if not set(cats) <= set(InfoCategory.values):
        errors["categories"] = [_("Tuntematon tietoryhmä.")]
    errors |= limits.check_texts({"note": (note, limits.REASON)})
    if errors:
        raise ValidationError(errors)
    prohibition = DisclosureProhibition.objects.create(
        client=client,
        organisation_id=organisation_id,
        register=register,
        categories=cats,
        channel=channel,
        note=note,
        recorded_by=by,
    )
    record_event(by, client.pk, EventType.PROHIBITION_RECORD, prohibition.pk)
    return prohibition


@transaction.atomic
def lift_prohibition(*, prohibition: DisclosureProhibition, by: Actor) -> DisclosureProhibition:
    locked = DisclosureProhibition.objects.select_for_update().get(pk=prohibition.pk)
    if isinstance(by, Professional) and by.organisation_id != locked.organisation_id:
        raise ValidationError(_("Kiellon poistaa sen kirjannut organisaatio asiakkaan pyynnöstä."))
    if locked.lifted_at is not None:
        raise ValidationError(_("Luovutuskielto on jo poistettu."), code="already_lifted")
    locked.lifted_at = timezone.now()
    locked.lifted_by = by if isinstance(by, Professional) else None
    locked.save(update_fields=["lifted_at", "lifted_by"])
    record_event(by, locked.client_id, EventType.PROHIBITION_LIFT, locked.pk)
    return locked


@transaction.atomic
def record_legal_basis(
    *,
    client: Client,
    by: Professional,
    recipient: Organisation | None,
    categories: Iterable[str],
    purposes: Iterable[str],
    statute: str,
    valid_from: dt.date | None,
    valid_until: dt.date | None = None,
    note: str = "",
) -> LegalBasis:
    """A disclosure of ``by``'s register's information that the law allows without consent:
    to ``recipient``, of ``categories``, for ``purposes``, under ``statute``."""
    organisation_id, register = _disclosing_party(by)
    cats, purps = sorted(set(categories)), sorted(set(purposes))
    statute, note = statute.strip(), note.strip()
    errors = _dates_errors(valid_from, valid_until, today=timezone.localdate())
    if recipient is None:
        errors["recipient"] = [_("Valitse organisaatio, jolla on tiedonsaantioikeus.")]
    elif recipient.pk == organisation_id:
        errors["recipient"] = [_("Lakiperuste koskee luovutusta toiselle organisaatiolle.")]
    errors |= _choice_errors(cats, InfoCategory.values, "categories", _("Valitse tietoryhmät."))
    errors |= _choice_errors(
        purps, Purpose.values, "purposes", _("Valitse vähintään yksi käyttötarkoitus.")
    )
    if not statute:
        errors["statute"] = [_("Nimeä säännös, johon tiedonsaantioikeus perustuu.")]
    errors |= limits.check_texts(
        {"statute": (statute, limits.SHORT), "note": (note, limits.REASON)}
    )
    if errors or valid_from is None or recipient is None:  # (both among the errors)
        raise ValidationError(errors)
    basis = LegalBasis.objects.create(
        client=client,
        disclosing_organisation_id=organisation_id,
        disclosing_register=register,
        recipient=recipient,
        categories=cats,
        purposes=purps,
        statute=statute,
        note=note,
        valid_from=valid_from,
        valid_until=valid_until,
        recorded_by=by,
    )
    record_event(by, client.pk, EventType.LEGAL_BASIS_RECORD, basis.pk)
    return basis


@transaction.atomic
def end_legal_basis(*, basis: LegalBasis, by: Professional) -> LegalBasis:
    locked = LegalBasis.objects.select_for_update().get(pk=basis.pk)
    if by.organisation_id != locked.disclosing_organisation_id:
        raise ValidationError(_("Lakiperusteen päättää sen kirjannut organisaatio."))
    if locked.ended_at is not None:
        raise ValidationError(_("Lakiperuste on jo päätetty."), code="already_ended")
    locked.ended_at, locked.ended_by = timezone.now(), by
    locked.save(update_fields=["ended_at", "ended_by"])
    record_event(by, locked.client_id, EventType.LEGAL_BASIS_END, locked.pk)
    return locked


@dataclass(frozen=True)
class Disclosure:
    """Information of one register shown to another organisation under one consent or one
    legal basis."""

    from_organisation_id: int | None
    from_register: str
    consent: ConsentFacts | None
    legal_basis_id: int | None
    categories: frozenset[str]
    what: str  # what was disclosed, e.g. "client_page:journal_entry,phase_reason"

    @property
    def basis(self) -> str:
        if self.consent is not None:
            return f"consent:{self.consent.id}"
        return f"legal_basis:{self.legal_basis_id}"


@transaction.atomic
def disclose(
    *,
    by: Actor,
    client_id: int,
    to_organisation: Organisation,
    purpose: str,
    disclosures: Iterable[Disclosure],
) -> None:
    """Log each disclosure, and spend every oral consent one of them used — all or nothing.

    An oral consent covers one transaction (Kela): the first disclosure under it uses it up."""
    spent: set[int] = set()
    for disclosure in disclosures:
        record_disclosure(
            user=by,
            client_id=client_id,
            from_organisation_id=disclosure.from_organisation_id,
            from_register=disclosure.from_register,
            to_organisation=to_organisation,
            categories=disclosure.categories,
            purpose=purpose,
            what=disclosure.what,
            consent_id=disclosure.consent.id if disclosure.consent else None,
            basis=disclosure.basis,
        )
        if disclosure.consent is not None and disclosure.consent.oral:
            spent.add(disclosure.consent.id)
    for consent_id in sorted(spent):
        used = Consent.objects.filter(pk=consent_id, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if used:
            record_event(by, client_id, EventType.CONSENT_ORAL_USED, consent_id)


@transaction.atomic
def disclose_to_external(
    *,
    by: Professional,
    client_id: int,
    recipient: ExternalRecipient,
    consent: ConsentFacts,
    categories: Iterable[str],
    purpose: str,
    what: str,
) -> None:
    """Log a disclosure of ``by``'s register's information to an external recipient (an
    employer) under ``consent`` (consent.policy.may_disclose_to_external allowed it), and spend
    the consent if it was oral — all or nothing."""
    record_disclosure(
        user=by,
        client_id=client_id,
        from_organisation_id=by.organisation_id,
        from_register=register_of(by) or "",
        to_organisation=None,
        to_name=f"{recipient.get_kind_display()}: {recipient}",
        categories=categories,
        purpose=purpose,
        what=what,
        consent_id=consent.id,
        basis=f"consent:{consent.id}",
    )
    if consent.oral:
        used = Consent.objects.filter(pk=consent.id, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if used:
            record_event(by, client_id, EventType.CONSENT_ORAL_USED, consent.id)
