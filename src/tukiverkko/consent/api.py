"""/api/v1/consents/: a client's consents, and revocation — through the one access policy."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from tukiverkko.access import selectors as access
from tukiverkko.accounts.roles import register_of
from tukiverkko.api.auth import caller, no_store, professional
from tukiverkko.api.errors import Problem, from_validation_error
from tukiverkko.consent import actions
from tukiverkko.consent.models import Consent

router = Router(tags=["consent"], auth=professional)


class ConsentOut(Schema):
    id: int
    client_id: int
    disclosing_organisation_id: int
    disclosing_register: str
    organisation_ids: list[int]
    unit_ids: list[int]
    categories: list[str]
    purposes: list[str]
    form: str
    evidence_reference: str
    signature_method: str
    valid_from: dt.date
    valid_until: dt.date | None
    revoked_at: dt.datetime | None

    @staticmethod
    def resolve_organisation_ids(obj: Consent) -> list[int]:
        return [o.pk for o in obj.organisations.all()]

    @staticmethod
    def resolve_unit_ids(obj: Consent) -> list[int]:
        return [u.pk for u in obj.units.all()]


class RevokeIn(Schema):
    channel: str  # consent.models.RequestChannel: how the client asked


class OfClient(Schema):
    client_id: int = Field(..., ge=1, le=2**63 - 1)


@router.get("/", response={200: list[ConsentOut], 404: Problem, 422: Problem})
@no_store
def list_consents(request: HttpRequest, of: Query[OfClient]) -> list[Consent]:
    """The consents of one client that the caller may see listed: their own register's, and
    those naming their organisation or unit as a recipient."""
    user = caller(request)
    client = access.get_client(user, of.client_id, what="api:consents")
    return list(
        Consent.objects.for_client(client.pk)
        .visible_to(user.organisation_id, user.unit_id, register_of(user))
        .prefetch_related("organisations", "units")
    )


@router.post(
    "/{consent_id}/revoke",
    response={200: ConsentOut, 400: Problem, 403: Problem, 404: Problem, 422: Problem},
)
@no_store
def revoke(request: HttpRequest, consent_id: int, body: RevokeIn) -> Consent:
    """The client's revocation (at their request, ``channel`` saying how): at once; every
    recipient is to be told (revocation notices)."""
    user = caller(request)
    consent = access.get_consent_for_change(user, consent_id, what="api:consent_revoke")
    try:
        return actions.revoke_consent(consent=consent, by=user, channel=body.channel)
    except ValidationError as exc:
        raise from_validation_error(exc) from exc
