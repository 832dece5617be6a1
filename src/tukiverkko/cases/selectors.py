"""Read models of the case path: what the client page and the clients API both render.

The caller has authorised the client (access.selectors.get_client); these selectors build what
is shown of them, and filter another organisation's journal entries through the consent policy —
each disclosure logged and each oral consent it used spent, in one consent action.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from tukiverkko.accounts.actors import Professional
from tukiverkko.cases.models import (
    Case,
    ChecklistItem,
    HandoverRequest,
    JournalEntry,
    NetworkMember,
    Phase,
    PhaseTransition,
    ResponsibilityPeriod,
)
from tukiverkko.catalogue.quick_guide import QUICK_GUIDE_STEPS
from tukiverkko.clients.models import Client
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent import policy
from tukiverkko.consent.models import Consent, Purpose
from tukiverkko.consent.policy import ConsentFacts

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def parse_purpose(raw: str | None) -> Purpose | None:
    """The purpose named by a request parameter, or None when it names none."""
    return Purpose(raw) if raw in Purpose.values else None


def current_case(client: Client) -> Case | None:
    """The client's latest case (open or closed): the one the page and the API show."""
    return (
        client.cases.select_related("responsible_worker", "follow_up_by")
        .order_by("-opened_at")
        .first()
    )


@dataclass(frozen=True)
class JournalView:
    entries: list[JournalEntry]
    hidden: int  # entries of other organisations that no consent covers


def visible_journal(
    viewer: Professional,
    client_id: int,
    entries: Iterable[JournalEntry],
    *,
    purpose: str = Purpose.INFORMATION_EXCHANGE,
) -> JournalView:
    """The journal entries of one (already authorised) client that ``viewer`` may read.

    Entries of the viewer's own organisation are shown; another organisation's only when a
    consent covers it. Each organisation's disclosure is logged once per view, and an oral
    consent it used is spent (consent.actions.disclose), in this same transaction.
    """
    org = viewer.organisation
    consents = Consent.objects.for_client(client_id).facts()
    today = timezone.localdate()
    shown: list[JournalEntry] = []
    hidden = 0
    disclosed: dict[tuple[int, int], set[str]] = defaultdict(set)
    used: dict[int, ConsentFacts] = {}
    for entry in entries:
        if org is not None and entry.organisation_id == org.pk:
            shown.append(entry)
            continue
        decision = policy.may_disclose(
            consents,
            to_organisation_id=org.pk if org is not None else None,
            category=entry.category,
            purpose=purpose,
            today=today,
        )
        if not decision.allowed or decision.consent is None:
            hidden += 1
            continue
        shown.append(entry)
        disclosed[(entry.organisation_id, decision.consent.id)].add(entry.category)
        used[decision.consent.id] = decision.consent
    if disclosed and org is not None:
        consent_actions.disclose(
            by=viewer,
            client_id=client_id,
            to_organisation=org,
            purpose=purpose,
            disclosures=[
                consent_actions.Disclosure(
                    from_organisation_id=from_org,
                    consent=used[consent_id],
                    categories=frozenset(categories),
                    what=f"journal_from_organisation:{from_org}",
                )
                for (from_org, consent_id), categories in disclosed.items()
            ],
        )
    return JournalView(entries=shown, hidden=hidden)


@dataclass(frozen=True)
class ChecklistStep:
    number: int
    label: StrOrPromise
    done: ChecklistItem | None


@dataclass(frozen=True)
class CaseView:
    """One case as the client page shows it."""

    case: Case
    purpose: Purpose
    journal: JournalView
    checklist: list[ChecklistStep]
    network: list[NetworkMember]
    periods: list[ResponsibilityPeriod]
    transitions: list[PhaseTransition]
    pending: HandoverRequest | None
    handoffs: int

    @property
    def is_open(self) -> bool:
        return self.case.phase != Phase.CLOSED


@dataclass(frozen=True)
class ClientPage:
    client: Client
    case: CaseView | None
    consents: list[Consent]


def case_view(viewer: Professional, case: Case, purpose: Purpose) -> CaseView:
    journal = visible_journal(
        viewer,
        case.client_id,
        case.journal.select_related("author", "organisation"),
        purpose=purpose,
    )
    done = {item.step: item for item in case.checklist.select_related("done_by")}
    return CaseView(
        case=case,
        purpose=purpose,
        journal=journal,
        checklist=[ChecklistStep(n, label, done.get(n)) for n, label in QUICK_GUIDE_STEPS.items()],
        network=list(case.network.current().select_related("organisation", "user")),
        periods=list(case.responsibility_periods.select_related("worker")),
        transitions=list(case.transitions.select_related("by")),
        pending=case.handover_requests.pending().select_related("to_worker").first(),
        handoffs=case.handoff_count(),
    )


def client_page(
    viewer: Professional, client: Client, *, purpose: Purpose = Purpose.INFORMATION_EXCHANGE
) -> ClientPage:
    case = current_case(client)
    return ClientPage(
        client=client,
        case=case_view(viewer, case, purpose) if case is not None else None,
        consents=list(
            client.consents.prefetch_related("organisations").select_related(
                "recorded_by", "revoked_by"
            )
        ),
    )
