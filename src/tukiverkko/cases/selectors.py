"""Read models of the case path: what the client page and the clients API both render.

The caller has authorised the client (access.selectors.read_client); these selectors build what
is shown of them. Every piece that can carry a client's content — journal entries, phase,
hand-over and responsibility reasons, checklist notes, the outcome note, network roles and the
contact details — goes through the one content filter (consent.content): a reader sees their own
register's content, another register's only under a consent or a legal basis; each disclosure is
logged and each oral consent it used spent, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from django.db.models import Q

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.roles import register_of
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
from tukiverkko.clients.models import Client, ContactDetails
from tukiverkko.consent.content import Content, Disclosing, Filtered, disclosing
from tukiverkko.consent.models import (
    Consent,
    DisclosureProhibition,
    LegalBasis,
    Purpose,
    RevocationNotice,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

T = TypeVar("T", bound=Content)


def parse_purpose(raw: str | None) -> Purpose | None:
    """The purpose named by a request parameter, or None when it names none."""
    return Purpose(raw) if raw in Purpose.values else None


def current_case(client: Client) -> Case | None:
    """The client's latest case (open or closed): the one the page and the API show."""
    return (
        client.cases.select_related("responsible_worker", "follow_up_by", "organisation")
        .order_by("-opened_at")
        .first()
    )


@dataclass(frozen=True)
class Shown(Generic[T]):
    """A row whose free text the reader may or may not see (the row itself is the case's)."""

    item: T
    visible: bool


def _marked(
    content: Disclosing, items: Iterable[T], kind: str, text: Callable[[T], str]
) -> list[Shown[T]]:
    """Each row, with whether its text shows; a row without text discloses nothing."""
    return [Shown(item, not text(item) or content.allows(item, kind=kind)) for item in items]


def visible_journal(
    viewer: Professional,
    client_id: int,
    entries: Iterable[JournalEntry],
    *,
    purpose: str = Purpose.INFORMATION_EXCHANGE,
) -> Filtered[JournalEntry]:
    """The journal entries of one (already authorised) client that ``viewer`` may read, the
    disclosures logged (consent.content)."""
    with disclosing(viewer, client_id, purpose=purpose, what="journal") as content:
        return content.filter(entries, kind="journal_entry")


@dataclass(frozen=True)
class ChecklistStep:
    number: int
    label: StrOrPromise
    done: ChecklistItem | None
    note_visible: bool


@dataclass(frozen=True)
class CaseView:
    """One case as the client page shows it, filtered for its reader."""

    case: Case
    purpose: Purpose
    journal: Filtered[JournalEntry]
    checklist: list[ChecklistStep]
    network: Filtered[NetworkMember]
    periods: list[Shown[ResponsibilityPeriod]]
    transitions: list[Shown[PhaseTransition]]
    pending: Shown[HandoverRequest] | None
    outcome_note_visible: bool
    handoffs: int

    @property
    def is_open(self) -> bool:
        return self.case.phase != Phase.CLOSED


@dataclass(frozen=True)
class Disclosures:
    """What the page lists of the client's consents, prohibitions and legal bases: those of
    the reader's own organisation (they administer them) and those naming it as recipient."""

    consents: list[Consent]
    notices: list[RevocationNotice]
    prohibitions: list[DisclosureProhibition]
    legal_bases: list[LegalBasis]


@dataclass(frozen=True)
class ClientPage:
    client: Client
    contact_visible: bool
    case: CaseView | None
    disclosures: Disclosures

    @property
    def consents(self) -> list[Consent]:
        return self.disclosures.consents


def _closing(case: Case, transitions: list[PhaseTransition]) -> PhaseTransition | None:
    closing = [t for t in transitions if t.to_phase == Phase.CLOSED]
    return closing[-1] if closing and case.phase == Phase.CLOSED else None


def visible_network(
    viewer: Professional, case: Case, content: Disclosing
) -> Filtered[NetworkMember]:
    """The case's current network as ``viewer`` sees it: their own membership, and the others
    the content filter shows (a member's role is its adder's register's content)."""
    members = list(case.network.current().select_related("organisation", "user"))
    own = [m for m in members if m.user_id == viewer.pk]  # one's own membership is no news
    others = content.filter([m for m in members if m.user_id != viewer.pk], kind="network_member")
    return Filtered(sorted([*own, *others.shown], key=lambda m: (m.added_at, m.pk)), others.hidden)


def case_view(viewer: Professional, case: Case, purpose: Purpose, content: Disclosing) -> CaseView:
    journal = content.filter(
        case.journal.select_related("author", "organisation"), kind="journal_entry"
    )
    transitions = list(case.transitions.select_related("by"))
    shown_transitions = _marked(content, transitions, "phase_reason", lambda t: t.reason)
    closing = _closing(case, transitions)
    done = {item.step: item for item in case.checklist.select_related("done_by")}
    checklist = [
        ChecklistStep(
            n,
            label,
            done.get(n),
            n in done and (not done[n].note or content.allows(done[n], kind="checklist_note")),
        )
        for n, label in QUICK_GUIDE_STEPS.items()
    ]
    network = visible_network(viewer, case, content)
    pending = case.handover_requests.pending().select_related("to_worker").first()
    return CaseView(
        case=case,
        purpose=purpose,
        journal=journal,
        checklist=checklist,
        network=network,
        periods=_marked(
            content,
            case.responsibility_periods.select_related("worker"),
            "responsibility_reason",
            lambda p: p.reason,
        ),
        transitions=shown_transitions,
        pending=Shown(pending, content.allows(pending, kind="handover_reason"))
        if pending
        else None,
        outcome_note_visible=closing is not None
        and bool(case.outcome_note)
        and content.allows(closing, kind="outcome_note"),
        handoffs=case.handoff_count(),
    )


def disclosures_of(viewer: Professional, client: Client) -> Disclosures:
    org, unit = viewer.organisation_id, viewer.unit_id
    if org is None:
        return Disclosures([], [], [], [])
    consents = list(
        Consent.objects.for_client(client.pk)
        .visible_to(org, unit, register_of(viewer))
        .prefetch_related("organisations", "units", "external_recipients", "notices")
        .select_related("recorded_by", "revoked_by", "disclosing_organisation")
    )
    notices = [n for c in consents for n in c.notices.all() if n.done_at is None]
    return Disclosures(
        consents=consents,
        notices=notices,
        prohibitions=list(
            DisclosureProhibition.objects.filter(client=client, organisation_id=org)
            .active()
            .select_related("recorded_by")
        ),
        legal_bases=list(
            LegalBasis.objects.filter(client=client)
            .current()
            .filter(Q(disclosing_organisation_id=org) | Q(recipient_id=org))
            .select_related("recipient", "disclosing_organisation")
        ),
    )


def client_page(
    viewer: Professional, client: Client, *, purpose: Purpose = Purpose.INFORMATION_EXCHANGE
) -> ClientPage:
    case = current_case(client)
    with disclosing(viewer, client.pk, purpose=purpose, what="client_page") as content:
        contact_visible = content.allows(ContactDetails(client), kind="contact_details")
        view = case_view(viewer, case, purpose, content) if case is not None else None
    return ClientPage(
        client=client,
        contact_visible=contact_visible,
        case=view,
        disclosures=disclosures_of(viewer, client),
    )
