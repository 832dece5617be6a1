"""The client's network and the journal: who joins a case, and what they write into their
own organisation's and register's part of the record."""

from __future__ import annotations

from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import Organisation, User
from tukiverkko.accounts.roles import (
    register_of,
    works_with_clients,
)
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases.actions._common import (
    _check_steering,
    _check_text,
    _source,
)
from tukiverkko.cases.models import (
    Case,
    JournalEntry,
    NetworkMember,
    Phase,
)
from tukiverkko.consent.models import JOURNAL_CATEGORIES, DisclosureProhibition
from tukiverkko.consent.selectors import admitting_consent
from tukiverkko.core import limits

# -- network -------------------------------------------------------------------


def _admission_errors(case: Case, user: User) -> list[str]:
    """Why ``user`` may not be admitted to the case's network ([] when they may).

    A professional of the case's own organisation and register joins it freely. Anyone else —
    another organisation, or the other register of the same wellbeing county — needs a consent
    of the case's register that names their organisation or unit for network work, valid today,
    and no disclosure prohibition of that register (review H1)."""
    if not works_with_clients(user):
        return [_("Verkoston jäsenen on oltava asiakastyötä tekevä ammattilainen.")]
    if user.organisation_id == case.organisation_id and register_of(user) == case.register:
        return []
    prohibited = DisclosureProhibition.objects.filter(
        client_id=case.client_id, organisation_id=case.organisation_id, register=case.register
    ).active()
    if prohibited.exists():
        return [_("Asiakas on kieltänyt tietojensa luovuttamisen: verkostoon ei voi lisätä muita.")]
    if (
        user.organisation_id is None
        or admitting_consent(
            case.client_id,
            organisation_id=case.organisation_id,
            register=case.register,
            recipient_organisation_id=user.organisation_id,
            recipient_unit_id=user.unit_id,
        )
        is None
    ):
        return [
            _(
                "Asiakkaan voimassa oleva suostumus ei kata tätä organisaatiota tai yksikköä "
                "verkostotyöhön. Kirjaa ensin suostumus, jossa se on vastaanottajana."
            )
        ]
    return []


@transaction.atomic
def add_network_member(
    *,
    case: Case,
    by: Professional,
    organisation: Organisation | None,
    role: str,
    user: User | None = None,
) -> NetworkMember:
    """Admit a professional (or name an organisation) to the client's network: by the
    responsible worker or the case-owning controller's professionals only; another register's
    professional only under a consent that covers them."""
    _check_steering(case, by)
    if organisation is None:
        raise ValidationError({"organisation": [_("Valitse organisaatio.")]})
    if not role.strip():
        raise ValidationError({"role": [_("Kerro verkoston jäsenen rooli.")]})
    _check_text({"role": (role, limits.SHORT)})
    if case.phase == Phase.CLOSED:
        raise ValidationError(_("Päättyneen asiakkuuden verkostoa ei voi muuttaa."))
    if user is not None:
        if user.organisation_id != organisation.pk:
            raise ValidationError({"user": [_("Ammattilainen ei kuulu valittuun organisaatioon.")]})
        if errors := _admission_errors(case, user):
            raise ValidationError(
                {"user": [ValidationError(e, code="not_admitted") for e in errors]}
            )
        if case.network.current().filter(user=user).exists():
            raise ValidationError({"user": [_("Hän on jo asiakkaan verkostossa.")]})
    member = NetworkMember.objects.create(
        case=case,
        organisation=organisation,
        user=user,
        role=role.strip(),
        added_by=by,
        **_source(by),
    )
    record_event(by, case.client_id, EventType.NETWORK_ADD, member.pk)
    return member


@transaction.atomic
def remove_network_member(*, member: NetworkMember, by: Professional) -> NetworkMember:
    """End a membership: its access ends at once (the grant counts current members only)."""
    _check_steering(member.case, by)
    if member.removed_at is not None:
        raise ValidationError(_("Jäsen on jo poistettu verkostosta."))
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])
    record_event(by, member.case.client_id, EventType.NETWORK_REMOVE, member.pk)
    return member


# -- journal ----------------------------------------------------------------------------


@transaction.atomic
def add_journal_entry(*, case: Case, by: Professional, category: str, text: str) -> JournalEntry:
    """A professional with a relationship writes into their own organisation's and register's
    part of the record (the view has checked the relationship)."""
    errors: dict[str, list[str]] = {}
    if category not in dict(JOURNAL_CATEGORIES):
        errors["category"] = [_("Valitse kirjauksen tietoryhmä.")]
    if not text.strip():
        errors["text"] = [_("Kirjaus on tyhjä.")]
    errors |= limits.check_texts({"text": (text, limits.JOURNAL_TEXT)})
    register = register_of(by)
    if by.organisation_id is None or register is None:
        errors["__all__"] = [
            _("Käyttäjällä ei ole organisaatiota tai yksikköä; kirjausta ei voi tehdä.")
        ]
    if case.phase == Phase.CLOSED:
        errors["__all__"] = [_("Päättyneeseen asiakkuuteen ei voi kirjata.")]
    if errors:
        raise ValidationError(errors)
    entry = JournalEntry.objects.create(
        case=case,
        author=by,
        organisation_id=cast(int, by.organisation_id),  # checked above
        register=cast(str, register),
        category=category,
        text=text.strip(),
    )
    record_event(by, case.client_id, EventType.JOURNAL_ADD, entry.pk)
    return entry
