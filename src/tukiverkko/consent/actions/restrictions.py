"""What overrides a consent: the client's disclosure prohibitions and the legal bases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Actor, Professional
from tukiverkko.accounts.models import Organisation
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.clients.models import Client
from tukiverkko.consent.actions._common import _choice_errors, _dates_errors, _disclosing_party
from tukiverkko.consent.models import (
    DisclosureProhibition,
    InfoCategory,
    LegalBasis,
    Purpose,
    RequestChannel,
)
from tukiverkko.core import limits


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
