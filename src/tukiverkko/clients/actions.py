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
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import Municipality
from tukiverkko.accounts.roles import creates_clients, register_of
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.clients import crypto
from tukiverkko.clients.models import Client, ClientRelationship
from tukiverkko.clients.models.client import normalise_henkilotunnus
from tukiverkko.core import limits


class LikelyDuplicate(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Asiakkaissasi on samanniminen henkilö samalla syntymäajalla eri "
                "henkilötunnuksella. Tarkista henkilötunnus; jos kyse on eri henkilöstä, "
                "vahvista se ja tallenna uudelleen."
            ),
            code="likely_duplicate",
        )


class AlreadyRegistered(ValidationError):
    """The henkilötunnus is in the register already. Nothing is attached to it and nothing of the
    person is told: the page answers that they may be another organisation's client and logs the
    look-up (``client_id`` is for that log only)."""

    def __init__(self, client_id: int) -> None:
        super().__init__(
            _(
                "Tämä henkilö voi jo olla toisen organisaation asiakas. Pyydä lähete tai "
                "asiakkaan suostumus."
            ),
            code="already_registered",
        )
        self.client_id = client_id


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


@transaction.atomic
def register_client(
    *,
    by: Professional,
    confirm_not_duplicate: bool = False,
    duplicates_among: QuerySet[Client] | None = None,
    **details: Unpack[ClientDetails],
) -> Registered:
    """Create a client, with a client relationship of the creator's organisation.

    A henkilötunnus already in the register raises ``AlreadyRegistered``: typing a code attaches
    nobody to anybody (review C1) — a professional reaches an existing client by a referral, an
    admission to the network or a justified access. ``duplicates_among`` — the clients the
    creator may see — is where the same name and birth date under another code is looked for
    (and so never tells of a client they may not see: review M1).
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
    errors |= limits.check_texts(
        {
            "first_name": (first_name, 150),
            "last_name": (last_name, 150),
            "phone": (details.get("phone", ""), 40),
            "address": (details.get("address", ""), 300),
        }
    )
    register = register_of(by)
    if not creates_clients(by) or by.organisation_id is None or register is None:
        errors["__all__"] = [
            _(
                "Asiakkaan voi ottaa vastaan vain ammattilainen, jonka tehtäviin se kuuluu ja "
                "jolla on organisaatio ja yksikkö."
            )
        ]
    if errors:
        raise ValidationError(errors)

    probe = Client()
    probe.set_henkilotunnus(code)
    existing = Client.objects.filter(henkilotunnus_hash__in=crypto.lookup_hashes(code)).first()
    if existing is not None:
        raise AlreadyRegistered(existing.pk)
    if duplicates_among is not None and not confirm_not_duplicate:
        likely = duplicates_among.filter(
            birth_date=probe.birth_date,
            first_name__iexact=first_name.strip(),
            last_name__iexact=last_name.strip(),
        ).exists()
        if likely:
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
    client.contact_organisation_id = by.organisation_id
    client.contact_register = cast(str, register)  # checked above
    client.save()
    record_event(by, client.pk, EventType.CLIENT_CREATE)
    relationship = ClientRelationship.objects.create(
        client=client,
        organisation_id=cast(int, by.organisation_id),  # checked above
        created_by=by,
    )
    record_event(by, client.pk, EventType.RELATIONSHIP_OPEN, relationship.pk)
    return Registered(client=client)
