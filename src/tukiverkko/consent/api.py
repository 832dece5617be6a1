"""/api/v1/consents/: a client's consents, and revocation — through the one access policy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from tukiverkko.clients import access
from tukiverkko.clients.api import auth, no_store
from tukiverkko.consent import actions

router = Router(tags=["consent"], auth=auth)


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
    def resolve_organisation_ids(obj: Any) -> list[int]:
        return [o.pk for o in obj.organisations.all()]


@router.get("/", response=list[ConsentOut])
@no_store
def list_consents(request: HttpRequest, client_id: int) -> Any:
    client = access.get_client(request.user, client_id, what="api:consents")
    return list(client.consents.prefetch_related("organisations"))


@router.post("/{consent_id}/revoke", response=ConsentOut)
@no_store
def revoke(request: HttpRequest, consent_id: int) -> Any:
    consent = access.get_consent(request.user, consent_id, what="api:consent_revoke")
    try:
        return actions.revoke_consent(consent=consent, by=request.user)
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from exc
