"""The logged getters: every page, API endpoint and export that reads a client's record gets it
here. A record the user may not see (or that does not exist) answers 404, and the denial is
logged (allowed=False); a granted read is logged too.

Changes are not reads: a view that changes a record authorises it with ``*_for_change``, which
logs only a denial — the action writes the change's own event (one row per change).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from tukiverkko.access import policy
from tukiverkko.accounts.roles import works_with_clients
from tukiverkko.audit.actions import Reader, record_access
from tukiverkko.cases.models import Case, HandoverRequest
from tukiverkko.clients.models import Client
from tukiverkko.consent.models import Consent

PAGE_SIZE = 50


def _log(user: Reader, client_id: int, what: str, purpose: str = "") -> None:
    record_access(user=user, client_id=client_id, what=what, purpose=purpose, allowed=True)


def record_read(user: Reader, client_id: int, *, what: str, purpose: str = "") -> None:
    """Log a read of a client already authorised (e.g. a refused form shown again)."""
    _log(user, client_id, what, purpose)


def _deny(user: Reader, client_id: int | None, what: str, purpose: str = "") -> Http404:
    record_access(user=user, client_id=client_id, what=what, purpose=purpose, allowed=False)
    return Http404()


def _client(user: Reader, client_id: int, what: str, purpose: str) -> Client:
    client = Client.objects.filter(pk=client_id).select_related("municipality").first()
    if client is None or not policy.can_see_client(user, client_id):
        raise _deny(user, client_id if client else None, what, purpose)
    return client


def get_client(user: Reader, client_id: int, *, what: str, purpose: str = "") -> Client:
    """The client, with the read logged; 404 (logged as denied) when not visible or absent."""
    client = _client(user, client_id, what, purpose)
    _log(user, client_id, what, purpose)
    return client


def get_client_for_change(user: Reader, client_id: int, *, what: str) -> Client:
    """The client, for an action that changes their data (it logs its own event)."""
    return _client(user, client_id, what, "")


def _case(user: Reader, case_id: int, what: str, purpose: str) -> Case:
    case = Case.objects.filter(pk=case_id).select_related("client", "responsible_worker").first()
    if case is None or not policy.can_see_client(user, case.client_id):
        raise _deny(user, case.client_id if case else None, what, purpose)
    return case


def get_case(user: Reader, case_id: int, *, what: str, purpose: str = "") -> Case:
    case = _case(user, case_id, what, purpose)
    _log(user, case.client_id, what, purpose)
    return case


def get_case_for_change(user: Reader, case_id: int, *, what: str) -> Case:
    return _case(user, case_id, what, "")


def _consent(user: Reader, consent_id: int, what: str) -> Consent:
    consent = Consent.objects.filter(pk=consent_id).first()
    if consent is None or not policy.can_see_client(user, consent.client_id):
        raise _deny(user, consent.client_id if consent else None, what)
    return consent


def get_consent(user: Reader, consent_id: int, *, what: str) -> Consent:
    consent = _consent(user, consent_id, what)
    _log(user, consent.client_id, what)
    return consent


def get_consent_for_change(user: Reader, consent_id: int, *, what: str) -> Consent:
    return _consent(user, consent_id, what)


def get_handover_request_for_change(user: Reader, request_id: int, *, what: str) -> HandoverRequest:
    """Only the receiver acts on a hand-over request addressed to them."""
    req = HandoverRequest.objects.filter(pk=request_id).select_related("case").first()
    if req is None or req.to_worker_id != getattr(user, "pk", None) or not works_with_clients(user):
        raise _deny(user, req.case.client_id if req else None, what)
    return req


def reveal_henkilotunnus(user: Reader, client_id: int) -> tuple[Client, str]:
    """The client and their full code, for a professional who may see the client; the reveal
    is logged."""
    client = get_client(user, client_id, what="henkilotunnus_reveal")
    return client, client.henkilotunnus


def visible_clients(
    user: Reader, *, what: str, offset: int = 0, limit: int = PAGE_SIZE
) -> list[Client]:
    """One page of the clients of a list or search, each client shown logged. Lists are paged
    so that a read is logged for exactly the names that were shown."""
    limit = max(1, min(limit, 200))
    start = max(offset, 0)
    clients = list(
        policy.clients_visible_to(user).select_related("municipality")[start : start + limit]
    )
    for client in clients:
        _log(user, client.pk, what)
    return clients


@dataclass(frozen=True)
class CasePage:
    cases: list[Case]
    number: int
    pages: int
    total: int


def my_cases(user: Reader, *, page: int = 1, what: str = "my_clients") -> CasePage:
    """One page of the open cases where ``user`` is responsible or in the network; each case
    shown is logged (only those shown: a caseload of thousands does not write thousands)."""
    if not works_with_clients(user):
        return CasePage([], 1, 1, 0)
    qs = (
        Case.objects.open()
        .worked_on_by(user)
        .select_related("client", "responsible_worker")
        .order_by("client__last_name", "client__first_name", "pk")
    )
    total = qs.count()
    pages = max(1, -(-total // PAGE_SIZE))
    number = min(max(page, 1), pages)
    cases = list(qs[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
    for case in cases:
        _log(user, case.client_id, what)
    return CasePage(cases, number, pages, total)


def incoming_handovers(user: Reader) -> list[HandoverRequest]:
    """Pending requests addressed to ``user``; the client's name is shown to the receiver."""
    if not works_with_clients(user):
        return []
    reqs = list(
        HandoverRequest.objects.pending()
        .filter(to_worker=user)
        .select_related("case__client", "from_worker")
    )
    for req in reqs:
        _log(user, req.case.client_id, "handover_inbox")
    return reqs
