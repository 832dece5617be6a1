"""Every change the access app makes: opening, ending and reviewing a justified access, making and
revoking an integration token, and logging the administrator's changes to users, units and
second-factor devices — each in one transaction with its typed audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.access.models import (
    TOKEN_SHOWN,
    ApiToken,
    JustifiedAccess,
    Scope,
    new_token_secret,
    token_digest,
)
from tukiverkko.accounts.actors import Actor, Professional
from tukiverkko.accounts.models import Organisation
from tukiverkko.accounts.roles import opens_justified_access, reads_audit_log, register_of
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.clients.crypto import lookup_hashes
from tukiverkko.clients.models import Client
from tukiverkko.clients.models.client import normalise_henkilotunnus
from tukiverkko.core import limits

# A justified access lasts at most a working shift; it ends by itself.
MAX_HOURS = 12
DEFAULT_HOURS = 4
# An integration token lives at most a year (decision 0370); 90 days unless told.
MAX_TOKEN_DAYS = 366
DEFAULT_TOKEN_DAYS = 90


class NoSuchClient(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            {"henkilotunnus": [_("Henkilötunnuksella ei löydy asiakasta.")]}, code="no_client"
        )


@transaction.atomic
def open_justified_access(
    *, by: Professional, henkilotunnus: str, reason: str, hours: int = DEFAULT_HOURS
) -> JustifiedAccess:
    """Open a reasoned, time-limited access to the client with ``henkilotunnus`` (urgent
    exception: no relationship, no time for a referral or consent). Read only; logged as such."""
    errors: dict[str, list[str]] = {}
    code = ""
    try:
        code = normalise_henkilotunnus(henkilotunnus)
    except ValidationError as exc:
        errors["henkilotunnus"] = exc.messages
    reason = reason.strip()
    if not reason:
        errors["reason"] = [_("Kerro, miksi tarvitset asiakkaan tiedot nyt.")]
    errors |= limits.check_texts({"reason": (reason, limits.REASON)})
    if not 1 <= hours <= MAX_HOURS:
        errors["hours"] = [_("Kesto on 1–%(max)s tuntia.") % {"max": MAX_HOURS}]
    if not opens_justified_access(by) or by.organisation_id is None or register_of(by) is None:
        errors["__all__"] = [_("Perusteltu pääsy ei kuulu roolisi tehtäviin.")]
    if errors:
        raise ValidationError(errors)
    client = Client.objects.filter(henkilotunnus_hash__in=lookup_hashes(code)).first()
    if client is None:
        raise NoSuchClient()
    now = timezone.now()
    row = JustifiedAccess.objects.create(
        client=client,
        user=by,
        organisation_id=cast(int, by.organisation_id),  # checked above
        reason=reason,
        started_at=now,
        ends_at=now + dt.timedelta(hours=hours),
    )
    record_event(by, client.pk, EventType.JUSTIFIED_ACCESS_OPEN, row.pk)
    return row


@transaction.atomic
def end_justified_access(*, access: JustifiedAccess, by: Professional) -> JustifiedAccess:
    locked = JustifiedAccess.objects.select_for_update().get(pk=access.pk)
    if locked.user_id != by.pk:
        raise ValidationError(_("Vain pääsyn avannut voi päättää sen."))
    if not locked.is_active:
        raise ValidationError(_("Pääsy on jo päättynyt."), code="ended")
    locked.ended_at = timezone.now()
    locked.save(update_fields=["ended_at"])
    record_event(by, locked.client_id, EventType.JUSTIFIED_ACCESS_END, locked.pk)
    return locked


@transaction.atomic
def review_justified_access(
    *, access: JustifiedAccess, by: Professional, note: str = ""
) -> JustifiedAccess:
    """The data-protection officer has reviewed the access and its reason."""
    if not reads_audit_log(by):
        raise ValidationError(_("Perusteltuja pääsyjä tarkastaa tietosuojavastaava."))
    note = note.strip()
    errors = limits.check_texts({"note": (note, limits.REASON)})
    if errors:
        raise ValidationError(errors)
    locked = JustifiedAccess.objects.select_for_update().get(pk=access.pk)
    if locked.reviewed_at is not None:
        raise ValidationError(_("Pääsy on jo tarkastettu."), code="reviewed")
    locked.reviewed_at, locked.reviewed_by, locked.review_note = timezone.now(), by, note
    locked.save(update_fields=["reviewed_at", "reviewed_by", "review_note"])
    record_event(by, locked.client_id, EventType.JUSTIFIED_ACCESS_REVIEW, locked.pk)
    return locked


def record_admin_change(
    *, by: Professional, event: EventType, target: str, fields: Iterable[str] = ()
) -> None:
    """An administrator's change to a user, a unit or a second-factor device: one typed event
    (no client), ``ref`` = what changed and which fields ("user:12:role,unit"). Called by the
    admin inside the transaction that saves the change."""
    changed = ",".join(sorted(set(fields)))
    record_event(by, None, event, f"{target}:{changed}" if changed else target)


@transaction.atomic
def create_api_token(
    *,
    by: Actor,
    organisation: Organisation,
    system: str,
    scopes: Iterable[str],
    days: int = DEFAULT_TOKEN_DAYS,
) -> tuple[ApiToken, str]:
    """A token for ``organisation``'s ``system`` with ``scopes``, valid ``days``: the row and the
    secret, which is never stored and cannot be shown again."""
    errors: dict[str, list[str]] = {}
    system = system.strip()
    if not system or len(system) > 100:
        errors["system"] = [_("Anna järjestelmän nimi (enintään 100 merkkiä).")]
    wanted = sorted(set(scopes))
    unknown = [s for s in wanted if s not in Scope.values]
    if not wanted or unknown:
        errors["scopes"] = [
            _("Valitse oikeudet näistä: %(scopes)s.") % {"scopes": ", ".join(Scope.values)}
        ]
    if not 1 <= days <= MAX_TOKEN_DAYS:
        errors["days"] = [_("Voimassaolo on 1–%(max)s päivää.") % {"max": MAX_TOKEN_DAYS}]
    if errors:
        raise ValidationError(errors)
    secret = new_token_secret()
    token = ApiToken.objects.create(
        organisation=organisation,
        system=system,
        scopes=wanted,
        prefix=secret[:TOKEN_SHOWN],
        digest=token_digest(secret),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    record_event(by, None, EventType.API_TOKEN_CREATE, f"api_token:{token.pk}")
    return token, secret


@transaction.atomic
def revoke_api_token(*, by: Actor, token: ApiToken) -> ApiToken:
    """Revoke ``token``: the next request with it is refused (401)."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        raise ValidationError(_("Avain on jo peruttu."), code="revoked")
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    record_event(by, None, EventType.API_TOKEN_REVOKE, f"api_token:{locked.pk}")
    return locked
