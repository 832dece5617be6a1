"""/api/v1/audit/: a client's access and disclosure logs, for the data-protection role.

Same rules as the page /loki/asiakas/<id>/: session login verified with the second factor when
it is required (review L5), role ``data_protection``; every call is itself logged (purpose
``tietosuojavalvonta``), a refused one too.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view

from tukiverkko.accounts.roles import reads_audit_log
from tukiverkko.api.auth import verified
from tukiverkko.api.errors import Problem, ProblemError, field_problem, invalid
from tukiverkko.api.pagination import KEYSET_MAX_LIMIT, Keyset
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.models import DisclosureLogEntry
from tukiverkko.audit.selectors import (
    PURPOSE,
    AccessRow,
    access_log,
    access_rows,
    denial_rows,
    denials_without_client,
    disclosure_log,
)

router = Router(tags=["audit"], auth=verified)


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


def _authorise(request: HttpRequest, client_id: int | None, what: str) -> None:
    allowed = reads_audit_log(request.user)
    record_access(
        user=request.user,
        client_id=client_id,
        what=what,
        purpose=PURPOSE,
        allowed=allowed,
        basis="audit_log_reading",
    )
    if not allowed:
        raise ProblemError(403, _("Vain tietosuojavastaava voi lukea asiakkaan lokeja."))


class Page(Keyset):  # api.pagination.Keyset under its published name (no docstring: no
    pass  # description in the OpenAPI document, which stays as it was)


def _check(page: Page) -> None:
    if not 1 <= page.limit <= KEYSET_MAX_LIMIT:
        raise invalid(
            [
                field_problem(
                    "limit",
                    "out_of_range",
                    _("limit: anna luku väliltä 1–%(max)s.") % {"max": KEYSET_MAX_LIMIT},
                    location="query",
                )
            ]
        )


@router.get(
    "/clients/{client_id}/access-log",
    response={200: list[AccessEntryOut], 403: Problem, 422: Problem},
)
@decorate_view(never_cache)  # client data: never cached by a browser or proxy
def client_access_log(request: HttpRequest, client_id: int, page: Query[Page]) -> list[AccessRow]:
    """The client's access log, newest first; next page with ``before_seq`` = last seq."""
    _authorise(request, client_id, "api:audit_access_log")
    _check(page)
    return access_rows(access_log(client_id, before_seq=page.before_seq)[: page.limit])


@router.get(
    "/clients/{client_id}/disclosures",
    response={200: list[DisclosureEntryOut], 403: Problem, 422: Problem},
)
@decorate_view(never_cache)
def client_disclosures(
    request: HttpRequest, client_id: int, page: Query[Page]
) -> list[DisclosureLogEntry]:
    """The client's disclosure log, newest first; next page with ``before_seq`` = last seq."""
    _authorise(request, client_id, "api:audit_disclosures")
    _check(page)
    return list(disclosure_log(client_id, before_seq=page.before_seq)[: page.limit])


@router.get("/denials", response={200: list[AccessEntryOut], 403: Problem, 422: Problem})
@decorate_view(never_cache)
def denials(request: HttpRequest, page: Query[Page]) -> list[AccessRow]:
    """Refusals that name no client (an absent id, a 401, a refused CSRF check), newest first;
    next page with ``before_seq`` = last seq (review M3)."""
    _authorise(request, None, "api:audit_denials")
    _check(page)
    return denial_rows(denials_without_client(before_seq=page.before_seq)[: page.limit])
