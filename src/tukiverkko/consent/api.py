"""/api/v1/consents/: a client's consents, and revocation — through the one access policy."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema

from tukiverkko.access import selectors as access
from tukiverkko.api.auth import caller, no_store, professional
from tukiverkko.api.errors import Problem, from_validation_error
from tukiverkko.consent import actions
from tukiverkko.consent.models import Consent

router = Router(tags=["consent"], auth=professional)


class ConsentOut(Schema):
    id: int
    client_id: int
    organisation_ids: list[int]
    categories: list[str]
    purposes: list[str]
    form: str
    valid_from: dt.date
    valid_until: dt.date | None
    revoked_at: dt.datetime | None

    @staticmethod
    def resolve_organisation_ids(obj: Consent) -> list[int]:
        return [o.pk for o in obj.organisations.all()]


@router.get("/", response={200: list[ConsentOut], 404: Problem, 422: Problem})
@no_store
def list_consents(request: HttpRequest, client_id: int) -> list[Consent]:
    client = access.get_client(caller(request), client_id, what="api:consents")
    return list(client.consents.prefetch_related("organisations"))


@router.post("/{consent_id}/revoke", response={200: ConsentOut, 400: Problem, 404: Problem})
@no_store
def revoke(request: HttpRequest, consent_id: int) -> Consent:
    user = caller(request)
    consent = access.get_consent_for_change(user, consent_id, what="api:consent_revoke")
    try:
        return actions.revoke_consent(consent=consent, by=user)
    except ValidationError as exc:
        raise from_validation_error(exc) from exc
