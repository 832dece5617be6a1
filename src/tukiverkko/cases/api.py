"""/api/v1/clients/: the same selectors, actions and access policy as the client pages.

Authentication: tukiverkko.api.auth (a professional who does client work, 2FA when required).
A client the caller may not see answers 404; refusals are problem documents (api.errors).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from tukiverkko.access import lists
from tukiverkko.access import selectors as access
from tukiverkko.access.selectors import Need
from tukiverkko.api.auth import caller, no_store, professional
from tukiverkko.api.errors import Problem, field_problem, from_validation_error, invalid
from tukiverkko.cases import actions
from tukiverkko.cases.forms import JournalForm, PhaseForm
from tukiverkko.cases.selectors import current_case, parse_purpose, visible_journal
from tukiverkko.clients.models import Client
from tukiverkko.core import limits

router = Router(tags=["clients"], auth=professional)


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
    category: str = Field(max_length=20)
    text: str = Field(max_length=limits.JOURNAL_TEXT)


class PhaseIn(Schema):
    to: str = Field(max_length=20)
    version: int = Field(ge=0, le=2**31)
    reason: str = Field("", max_length=limits.REASON)
    outcome: str = Field("", max_length=30)
    closed_on: dt.date | None = None


# The furthest a list may be paged (a bigger offset is a bad parameter, not a database error).
MAX_OFFSET = 1_000_000


class ListPage(Schema):
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
    limit: int = Field(50, ge=1, le=200)


def _labels(form: type[Form]) -> dict[str, str]:
    return {name: str(field.label) for name, field in form.base_fields.items()}


@router.get("/", response={200: list[ClientOut], 422: Problem})
@no_store
def list_clients(request: HttpRequest, page: Query[ListPage]) -> list[Client]:
    """Visible clients, ``limit`` (≤ 200) from ``offset``; each client returned is logged."""
    return lists.visible_clients(
        caller(request), what="api:clients_list", offset=page.offset, limit=page.limit
    )


@router.get("/{client_id}", response={200: ClientDetailOut, 404: Problem, 422: Problem})
@no_store
def client_detail(
    request: HttpRequest, client_id: int, purpose: str = "information_exchange"
) -> Any:
    # The client and their latest case, with the journal entries the caller may read for
    # ``purpose`` — the client page's own selectors.
    user = caller(request)
    chosen = parse_purpose(purpose)
    if chosen is None:
        raise invalid(
            [
                field_problem(
                    "purpose",
                    "invalid_choice",
                    _("Käyttötarkoitus: valitse jokin sallituista arvoista."),
                    location="query",
                    label=_("Käyttötarkoitus"),
                )
            ]
        )
    client = access.get_client(user, client_id, what="api:client", purpose=chosen)
    case = current_case(client)
    out: dict[str, Any] = {
        "id": client.pk,
        "first_name": client.first_name,
        "last_name": client.last_name,
        "henkilotunnus_masked": client.henkilotunnus_masked,
        "birth_date": client.birth_date,
        "case": None,
    }
    if case is not None:
        journal = visible_journal(user, client.pk, case.journal.all(), purpose=chosen)
        out["case"] = {
            "id": case.pk,
            "phase": case.phase,
            "responsible_worker_id": case.responsible_worker_id,
            "version": case.version,
            "handoff_count": case.handoff_count(),
            "journal": journal.shown,
            "journal_hidden": journal.hidden,
        }
    return out


@router.post(
    "/{client_id}/henkilotunnus", response={200: dict[str, str], 403: Problem, 404: Problem}
)
@no_store
def reveal_henkilotunnus(request: HttpRequest, client_id: int) -> dict[str, str]:
    _client, code = access.reveal_henkilotunnus(caller(request), client_id)
    return {"henkilotunnus": code}


@router.post(
    "/cases/{case_id}/journal",
    response={201: JournalEntryOut, 400: Problem, 403: Problem, 404: Problem, 422: Problem},
)
@no_store
def add_journal_entry(request: HttpRequest, case_id: int, body: JournalIn) -> Any:
    user = caller(request)
    case = access.get_case_for_change(user, case_id, what="api:journal_add")
    try:
        entry = actions.add_journal_entry(
            case=case, by=user, category=body.category, text=body.text
        )
    except ValidationError as exc:
        raise from_validation_error(exc, labels=_labels(JournalForm)) from exc
    return Status(201, entry)


@router.post(
    "/cases/{case_id}/phase",
    response={
        200: dict[str, Any],
        400: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
        422: Problem,
    },
)
@no_store
def change_phase(request: HttpRequest, case_id: int, body: PhaseIn) -> dict[str, Any]:
    user = caller(request)
    case = access.get_case_for_change(user, case_id, what="api:case_phase", need=Need.STEER)
    try:
        case = actions.change_phase(
            case=case,
            to=body.to,
            by=user,
            reason=body.reason,
            expected_version=body.version,
            outcome=body.outcome,
            closed_on=body.closed_on,
        )
    except ValidationError as exc:
        raise from_validation_error(exc, labels=_labels(PhaseForm)) from exc
    return {"id": case.pk, "phase": case.phase, "version": case.version}
