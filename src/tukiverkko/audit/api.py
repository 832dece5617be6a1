"""/api/v1/audit/: a client's access and disclosure logs, for the data-protection role.

Same rules as the page /loki/asiakas/<id>/: session login, role ``data_protection``; every call
is itself logged (purpose ``tietosuojavalvonta``), a refused one too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.views.decorators.cache import never_cache
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.security import django_auth

from tukiverkko.audit.actions import (
    access_log_for_client,
    disclosures_for_client,
    record_access,
)
from tukiverkko.audit.views import PURPOSE, may_read_audit_log

router = Router(tags=["audit"], auth=django_auth)


class AccessEntryOut(Schema):
    seq: int
    at: datetime
    username: str
    organisation_id: int | None
    organisation_name: str
    role: str
    client_id: int | None
    what: str
    purpose: str
    allowed: bool


class DisclosureEntryOut(Schema):
    seq: int
    at: datetime
    username: str
    from_organisation_id: int | None
    to_organisation_id: int | None
    to_organisation_name: str
    client_id: int
    categories: list[str]
    purpose: str
    consent_id: int | None
    what: str


class Page(Schema):
    limit: int = 100
    before_seq: int | None = None


def _authorise(request: HttpRequest, client_id: int, what: str) -> None:
    allowed = may_read_audit_log(request.user)
    record_access(
        user=request.user, client_id=client_id, what=what, purpose=PURPOSE, allowed=allowed
    )
    if not allowed:
        raise HttpError(403, "Only the data-protection role may read audit logs.")


def _page(qs: Any, page: Page) -> Any:
    if not 1 <= page.limit <= 1000:
        raise HttpError(422, "limit must be between 1 and 1000")
    if page.before_seq is not None:
        qs = qs.filter(seq__lt=page.before_seq)
    return list(qs[: page.limit])


@router.get("/clients/{client_id}/access-log", response=list[AccessEntryOut])
@decorate_view(never_cache)  # client data: never cached by a browser or proxy
def client_access_log(request: HttpRequest, client_id: int, page: Query[Page]) -> list[Any]:
    """The client's access log, newest first; next page with ``before_seq`` = last seq."""
    _authorise(request, client_id, "api:audit_access_log")
    return list(_page(access_log_for_client(client_id), page))


@router.get("/clients/{client_id}/disclosures", response=list[DisclosureEntryOut])
@decorate_view(never_cache)
def client_disclosures(request: HttpRequest, client_id: int, page: Query[Page]) -> list[Any]:
    """The client's disclosure log, newest first; next page with ``before_seq`` = last seq."""
    _authorise(request, client_id, "api:audit_disclosures")
    return list(_page(disclosures_for_client(client_id), page))
