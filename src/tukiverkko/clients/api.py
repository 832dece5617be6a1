"""/api/v1/clients/: the same actions and the same access policy as the pages.

Session authentication (with CSRF on unsafe methods, django-ninja's cookie auth), only for
professionals who do client work and — when required — have passed two-factor login. A client
the caller may not see answers 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.views.decorators.cache import never_cache
from ninja import Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.security import SessionAuth

from tukiverkko.clients import access, actions


class ProfessionalSession(SessionAuth):
    """Logged-in professional who works with clients, 2FA-verified when required."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is None or not access.works_with_clients(user):
            return None
        if settings.REQUIRE_2FA and not getattr(user, "is_verified", lambda: False)():
            return None
        return user


auth = ProfessionalSession()
router = Router(tags=["clients"], auth=auth)
no_store = decorate_view(never_cache)


def bad_request(exc: ValidationError) -> HttpError:
    return HttpError(409 if isinstance(exc, actions.ConflictError) else 400, " ".join(exc.messages))


class ClientOut(Schema):
    id: int
    first_name: str
    last_name: str
    henkilotunnus_masked: str
    birth_date: dt.date


class JournalEntryOut(Schema):
    id: int
    created_at: dt.datetime
    category: str
    text: str
    organisation_id: int
    author_id: int


class CaseOut(Schema):
    id: int
    phase: str
    responsible_worker_id: int
    version: int
    handoff_count: int
    journal: list[JournalEntryOut]
    journal_hidden: int


class ClientDetailOut(ClientOut):
    case: CaseOut | None


class JournalIn(Schema):
    category: str
    text: str


class PhaseIn(Schema):
    to: str
    version: int
    reason: str = ""
    outcome: str = ""
    closed_on: dt.date | None = None


@router.get("/", response=list[ClientOut])
@no_store
def list_clients(request: HttpRequest, offset: int = 0, limit: int = 50) -> list[Any]:
    """Visible clients, ``limit`` (≤ 200) from ``offset``; each client returned is logged."""
    return access.visible_clients(request.user, what="api:clients_list", offset=offset, limit=limit)


@router.get("/{client_id}", response=ClientDetailOut)
@no_store
def client_detail(
    request: HttpRequest, client_id: int, purpose: str = "information_exchange"
) -> Any:
    client = access.get_client(request.user, client_id, what="api:client")
    case = client.cases.order_by("-opened_at").first()
    out: dict[str, Any] = {
        "id": client.pk,
        "first_name": client.first_name,
        "last_name": client.last_name,
        "henkilotunnus_masked": client.henkilotunnus_masked,
        "birth_date": client.birth_date,
        "case": None,
    }
    if case is not None:
        view = access.visible_journal(request.user, client.pk, case.journal.all(), purpose=purpose)
        out["case"] = {
            "id": case.pk,
            "phase": case.phase,
            "responsible_worker_id": case.responsible_worker_id,
            "version": case.version,
            "handoff_count": case.handoff_count(),
            "journal": view.entries,
            "journal_hidden": view.hidden,
        }
    return out


@router.post("/{client_id}/henkilotunnus", response=dict[str, str])
@no_store
def reveal_henkilotunnus(request: HttpRequest, client_id: int) -> dict[str, str]:
    _client, code = access.reveal_henkilotunnus(request.user, client_id)
    return {"henkilotunnus": code}


@router.post("/cases/{case_id}/journal", response={201: JournalEntryOut})
@no_store
def add_journal_entry(request: HttpRequest, case_id: int, body: JournalIn) -> Any:
    case = access.get_case(request.user, case_id, what="api:journal_add")
    try:
        return Status(
            201,
            actions.add_journal_entry(
                case=case, by=request.user, category=body.category, text=body.text
            ),
        )
    except ValidationError as exc:
        raise bad_request(exc) from exc


@router.post("/cases/{case_id}/phase", response=dict[str, Any])
@no_store
def change_phase(request: HttpRequest, case_id: int, body: PhaseIn) -> dict[str, Any]:
    case = access.get_case(request.user, case_id, what="api:case_phase")
    try:
        case = actions.change_phase(
            case=case,
            to=body.to,
            by=request.user,
            reason=body.reason,
            expected_version=body.version,
            outcome=body.outcome,
            closed_on=body.closed_on,
        )
    except ValidationError as exc:
        raise bad_request(exc) from exc
    return {"id": case.pk, "phase": case.phase, "version": case.version}
