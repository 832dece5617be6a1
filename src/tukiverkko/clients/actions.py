"""Every state change of the person register: validate, change, and write the audit event in
the same transaction. No signals.

Errors are ``ValidationError`` with a Finnish message saying what is wrong; nothing is saved
when an action raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NotRequired, TypedDict, Unpack, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import Municipality
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.clients import crypto
from tukiverkko.clients.models import Client, ClientRelationship
from tukiverkko.clients.models.client import normalise_henkilotunnus


class LikelyDuplicate(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Samanniminen asiakas samalla syntymäajalla on jo olemassa eri "
                "henkilötunnuksella. Tarkista henkilötunnus; jos kyse on eri henkilöstä, "
                "vahvista se ja tallenna uudelleen."
            ),
            code="likely_duplicate",
        )


class ClientDetails(TypedDict):
    """What a form or the API says of a person when they are taken on."""

    henkilotunnus: str
    first_name: str
    last_name: str
    phone: NotRequired[str]
    email: NotRequired[str]
    address: NotRequired[str]
    languages: NotRequired[list[str] | None]
    municipality: NotRequired[Municipality | None]


@dataclass(frozen=True)
class Registered:
    client: Client
    created: bool


@transaction.atomic
def register_client(
    *, by: Professional, confirm_not_duplicate: bool = False, **details: Unpack[ClientDetails]
) -> Registered:
    """Create a client — or find the same person by henkilötunnus, so nobody is two clients.

    Either way the creator's organisation gets a client relationship with them.
    """
    henkilotunnus, first_name = details["henkilotunnus"], details["first_name"]
    last_name = details["last_name"]
    errors: dict[str, list[str]] = {}
    try:
        code = normalise_henkilotunnus(henkilotunnus)
    except ValidationError as exc:
        errors["henkilotunnus"] = exc.messages
        code = ""
    if not first_name.strip():
        errors["first_name"] = [_("Etunimi puuttuu.")]
    if not last_name.strip():
        errors["last_name"] = [_("Sukunimi puuttuu.")]
    if by.organisation_id is None:
        errors["__all__"] = [_("Käyttäjällä ei ole organisaatiota; asiakasta ei voi luoda.")]
    if errors:
        raise ValidationError(errors)

    probe = Client()
    probe.set_henkilotunnus(code)
    existing = Client.objects.filter(henkilotunnus_hash__in=crypto.lookup_hashes(code)).first()
    if existing is None:
        likely = Client.objects.filter(
            birth_date=probe.birth_date,
            first_name__iexact=first_name.strip(),
            last_name__iexact=last_name.strip(),
        ).exists()
        if likely and not confirm_not_duplicate:
            raise LikelyDuplicate()
        client = probe
        client.first_name = first_name.strip()
        client.last_name = last_name.strip()
        client.phone = details.get("phone", "")
        client.email = details.get("email", "")
        client.address = details.get("address", "")
        client.languages = details.get("languages") or []
        client.municipality = details.get("municipality")
        client.created_by = by
        client.save()
        record_event(by, client.pk, EventType.CLIENT_CREATE)
    else:
        client = existing
        record_event(by, client.pk, EventType.CLIENT_FOUND)
    relationship, opened = ClientRelationship.objects.get_or_create(
        client=client,
        organisation_id=cast(int, by.organisation_id),  # checked above
        ended_at=None,
        defaults={"created_by": by},
    )
    if opened:
        record_event(by, client.pk, EventType.RELATIONSHIP_OPEN, relationship.pk)
    return Registered(client=client, created=existing is None)
