"""The one access policy for client data.

Every page, API endpoint, export and search that touches client data asks this module:

- a professional sees a client only if their organisation holds an open client relationship,
  or they are the responsible worker of one of the client's cases, or a member of its network;
- journal entries of another organisation are shown only where a valid consent covers the
  viewer's organisation, the entry's information category and the purpose (consent.policy);
- roles that do not work with clients (catalogue editor, data protection, administrator) and
  superusers see no client through this policy: there is no bypass;
- a record the user may not see answers 404, and the denial is logged (allowed=False);
  every granted read is logged too (audit.actions.record_access / record_disclosure).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.http import Http404

from tukiverkko.accounts.models import Role
from tukiverkko.audit.actions import record_access, record_disclosure
from tukiverkko.clients.models import (
    Case,
    Client,
    ClientRelationship,
    HandoverRequest,
    JournalEntry,
    NetworkMember,
)
from tukiverkko.consent.models import Consent, Purpose
from tukiverkko.consent.policy import may_disclose

NON_CLIENT_ROLES = frozenset({Role.CATALOGUE_EDITOR, Role.DATA_PROTECTION, Role.ADMINISTRATOR})
CLIENT_WORK_ROLES = frozenset(r for r in Role if r not in NON_CLIENT_ROLES)

# Seconds spent in the policy and in audit writes during this request (benchmarks read it).
TIMINGS: dict[str, float] = defaultdict(float)


def works_with_clients(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "role", "") in CLIENT_WORK_ROLES
    )


def client_scope(user: Any) -> Q:
    """Q over Client: the clients ``user`` may see."""
    if not works_with_clients(user):
        return Q(pk__in=[])
    own = ClientRelationship.objects.filter(ended_at__isnull=True)
    own = own.filter(organisation_id=user.organisation_id) if user.organisation_id else own.none()
    responsible = Case.objects.filter(responsible_worker=user)
    network = NetworkMember.objects.filter(user=user, removed_at__isnull=True)
    return (
        Q(pk__in=own.values("client_id"))
        | Q(pk__in=responsible.values("client_id"))
        | Q(pk__in=network.values("case__client_id"))
    )


def can_see_client(user: Any, client_id: int) -> bool:
    started = time.perf_counter()
    try:
        if not works_with_clients(user):
            return False
        if (
            user.organisation_id
            and ClientRelationship.objects.filter(
                client_id=client_id, organisation_id=user.organisation_id, ended_at__isnull=True
            ).exists()
        ):
            return True
        if Case.objects.filter(client_id=client_id, responsible_worker=user).exists():
            return True
        return NetworkMember.objects.filter(
            case__client_id=client_id, user=user, removed_at__isnull=True
        ).exists()
    finally:
        TIMINGS["access"] += time.perf_counter() - started


def _log(**kwargs: Any) -> None:
    started = time.perf_counter()
    record_access(**kwargs)
    TIMINGS["audit"] += time.perf_counter() - started


def _deny(user: Any, client_id: int | None, what: str, purpose: str) -> Http404:
    _log(user=user, client_id=client_id, what=what, purpose=purpose, allowed=False)
    return Http404()


def get_client(user: Any, client_id: int, *, what: str, purpose: str = "") -> Client:
    """The client, with the read logged; 404 (logged as denied) when not visible or absent."""
    client = Client.objects.filter(pk=client_id).select_related("municipality").first()
    if client is None or not can_see_client(user, client_id):
        raise _deny(user, client_id if client else None, what, purpose)
    _log(user=user, client_id=client_id, what=what, purpose=purpose, allowed=True)
    return client


def get_case(user: Any, case_id: int, *, what: str, purpose: str = "") -> Case:
    case = Case.objects.filter(pk=case_id).select_related("client", "responsible_worker").first()
    if case is None or not can_see_client(user, case.client_id):
        raise _deny(user, case.client_id if case else None, what, purpose)
    _log(user=user, client_id=case.client_id, what=what, purpose=purpose, allowed=True)
    return case


def get_consent(user: Any, consent_id: int, *, what: str) -> Consent:
    consent = Consent.objects.filter(pk=consent_id).first()
    if consent is None or not can_see_client(user, consent.client_id):
        raise _deny(user, consent.client_id if consent else None, what, "")
    _log(user=user, client_id=consent.client_id, what=what, allowed=True)
    return consent


def get_handover_request(user: Any, request_id: int, *, what: str) -> HandoverRequest:
    """Only the receiver acts on a hand-over request addressed to them."""
    req = HandoverRequest.objects.filter(pk=request_id).select_related("case").first()
    if req is None or req.to_worker_id != getattr(user, "pk", None) or not works_with_clients(user):
        raise _deny(user, req.case.client_id if req else None, what, "")
    _log(user=user, client_id=req.case.client_id, what=what, allowed=True)
    return req


PAGE_SIZE = 50


def visible_clients(
    user: Any, *, what: str, offset: int = 0, limit: int = PAGE_SIZE
) -> list[Client]:
    """One page of the clients of a list or search, each client shown logged. Lists are paged
    so that a read is logged for exactly the names that were shown."""
    limit = max(1, min(limit, 200))
    clients = list(
        Client.objects.visible_to(user).select_related("municipality")[
            max(offset, 0) : max(offset, 0) + limit
        ]
    )
    for client in clients:
        _log(user=user, client_id=client.pk, what=what, allowed=True)
    return clients


@dataclass(frozen=True)
class JournalView:
    entries: list[JournalEntry]
    hidden: int  # entries of other organisations that no consent covers


def visible_journal(
    user: Any,
    client_id: int,
    entries: Iterable[JournalEntry],
    *,
    purpose: str = Purpose.INFORMATION_EXCHANGE,
) -> JournalView:
    """Filter journal entries of one (already authorised) client by the consent policy.

    Entries of the viewer's own organisation are shown; another organisation's only when a
    consent covers it. Each organisation's disclosure is logged once per view.
    """
    from tukiverkko.consent.actions import use_oral_consent

    started = time.perf_counter()
    org = getattr(user, "organisation", None)
    consents = list(Consent.objects.filter(client_id=client_id).prefetch_related("organisations"))
    shown: list[JournalEntry] = []
    hidden = 0
    disclosed: dict[tuple[int, int | None], set[str]] = defaultdict(set)
    used: dict[int, Consent] = {}
    for entry in entries:
        if org is not None and entry.organisation_id == org.pk:
            shown.append(entry)
            continue
        decision = may_disclose(
            client_id=client_id,
            to_organisation=org,
            category=entry.category,
            purpose=purpose,
            consents=consents,
        )
        if not decision.allowed or decision.consent is None:
            hidden += 1
            continue
        shown.append(entry)
        disclosed[(entry.organisation_id, decision.consent.pk)].add(entry.category)
        used[decision.consent.pk] = decision.consent
    TIMINGS["access"] += time.perf_counter() - started
    started = time.perf_counter()
    for (from_org_id, consent_id), categories in disclosed.items():
        record_disclosure(
            user=user,
            client_id=client_id,
            to_organisation=org,
            categories=categories,
            purpose=purpose,
            what=f"journal_from_organisation:{from_org_id}",
            consent_id=consent_id,
        )
    for consent in used.values():
        if consent.is_oral:
            use_oral_consent(consent=consent, by=user)
    TIMINGS["audit"] += time.perf_counter() - started
    return JournalView(entries=shown, hidden=hidden)


def reveal_henkilotunnus(user: Any, client_id: int) -> tuple[Client, str]:
    """The client and their full code, for a professional who may see the client; the reveal
    is logged."""
    client = get_client(user, client_id, what="henkilotunnus_reveal")
    return client, client.henkilotunnus


@dataclass(frozen=True)
class CasePage:
    cases: list[Case]
    number: int
    pages: int
    total: int


def my_cases(user: Any, *, page: int = 1, what: str = "my_clients") -> CasePage:
    """One page of the open cases where ``user`` is responsible or in the network; each case
    shown is logged (only those shown: a caseload of thousands does not write thousands)."""
    if not works_with_clients(user):
        return CasePage([], 1, 1, 0)
    network = NetworkMember.objects.filter(user=user, removed_at__isnull=True).values("case_id")
    qs = (
        Case.objects.open()
        .filter(Q(responsible_worker=user) | Q(pk__in=network))
        .select_related("client", "responsible_worker")
        .order_by("client__last_name", "client__first_name", "pk")
    )
    total = qs.count()
    pages = max(1, -(-total // PAGE_SIZE))
    number = min(max(page, 1), pages)
    cases = list(qs[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
    for case in cases:
        _log(user=user, client_id=case.client_id, what=what, allowed=True)
    return CasePage(cases, number, pages, total)


def incoming_handovers(user: Any) -> list[HandoverRequest]:
    """Pending requests addressed to ``user``; the client's name is shown to the receiver."""
    if not works_with_clients(user):
        return []
    reqs = list(
        HandoverRequest.objects.filter(to_worker=user, status="pending").select_related(
            "case__client", "from_worker"
        )
    )
    for req in reqs:
        _log(user=user, client_id=req.case.client_id, what="handover_inbox", allowed=True)
    return reqs
