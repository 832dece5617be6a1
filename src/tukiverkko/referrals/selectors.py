"""Read models of referrals: what the referral page, the inbox, the case page's panel and the API
all render — and the one-sentence "where is it now?" that the portal will reuse for the client.

The caller has authorised the reader (views: access.selectors for the sender's side, the
addressing for the receiver's). What of the referral's content a reader sees is the content
filter's (consent.content): the situation, question and attachments are the sender's register's,
shown to another register under the consent the sending checked; the feedback and the receiver's
reasons are the receiver's, shown to another register only under a consent for feedback to the
referrer (decision 0262).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import works_with_clients
from tukiverkko.audit.actions import record_access
from tukiverkko.cases.models import Case
from tukiverkko.consent.content import disclosing
from tukiverkko.consent.models import Purpose
from tukiverkko.core.display import day
from tukiverkko.referrals.models import Referral, ReferralTransition, Status

if TYPE_CHECKING:
    from django.db.models import QuerySet

PAGE_SIZE = 50
ADDRESSEE = "referrals.addressee"  # how the access log names the inbox's reads

# Which action each side may take from each status (the arrows of models.TRANSITIONS).
SENDER_STEPS: dict[str, str] = {
    Status.DRAFT: "send",
    Status.COMPLETED: "close",
    Status.DECLINED: "close",
    Status.RETURNED: "close",
}
RECEIVER_STEPS: dict[str, tuple[str, ...]] = {
    Status.SENT: ("receive",),
    Status.RECEIVED: ("accept", "decline", "return"),
    Status.ACCEPTED: ("start",),
    Status.IN_PROGRESS: ("complete",),
}


def recipient(referral: Referral) -> str:
    """Who it is addressed to, as a reader names them."""
    if referral.to_professional is not None:
        return f"{referral.to_professional} ({referral.to_organisation})"
    if referral.service is not None:
        return referral.service.name_fi
    return str(referral.to_organisation)


def where_is_it_now(referral: Referral) -> str:
    """One sentence: where the referral stands ("Lähetetty 3.12.2026 palveluun X;
    vastaanotettu 4.12.2026; odottaa hyväksymistä")."""
    if referral.status == Status.DRAFT:
        return _("Luonnos, ei vielä lähetetty (vastaanottaja %(to)s).") % {
            "to": recipient(referral)
        }
    parts = [
        _("Lähetetty %(day)s vastaanottajalle %(to)s")
        % {"day": day(referral.sent_at), "to": recipient(referral)}
    ]
    if referral.received_at:
        parts.append(_("vastaanotettu %(day)s") % {"day": day(referral.received_at)})
    status = referral.status
    if status == Status.SENT:
        parts.append(_("odottaa vastaanottoa"))
    elif status == Status.RECEIVED:
        parts.append(_("odottaa hyväksymistä"))
    elif status == Status.ACCEPTED:
        parts.append(
            _("hyväksytty %(day)s, odottaa aloitusta") % {"day": day(referral.answered_at)}
        )
    elif status == Status.IN_PROGRESS:
        parts.append(_("hyväksytty %(day)s, työn alla") % {"day": day(referral.answered_at)})
    elif status == Status.DECLINED:
        parts.append(_("hylätty %(day)s") % {"day": day(referral.answered_at)})
    elif status == Status.RETURNED:
        better = referral.better_service or referral.better_organisation
        parts.append(
            _("palautettu %(day)s: parempi osoite %(better)s")
            % {"day": day(referral.answered_at), "better": better}
        )
    elif status == Status.COMPLETED:
        parts.append(_("valmis %(day)s, palaute annettu") % {"day": day(referral.completed_at)})
    else:
        parts.append(_("suljettu %(day)s") % {"day": day(referral.closed_at)})
    sentence = "; ".join(parts)
    if referral.is_overdue:
        sentence += "; " + _("myöhässä (määräpäivä %(day)s)") % {"day": day(referral.due_on)}
    return sentence + "."


def is_addressee(user: object, referral: Referral) -> bool:
    return (
        isinstance(user, User)
        and works_with_clients(user)
        and Referral.objects.filter(pk=referral.pk).addressed_to(user).exists()
    )


def steps_for(viewer: Professional, referral: Referral) -> list[str]:
    """The actions the viewer may take on the referral now (the page's buttons)."""
    steps: list[str] = []
    if viewer.organisation_id == referral.source_organisation_id and works_with_clients(viewer):
        step = SENDER_STEPS.get(referral.status)
        if step:
            steps.append(step)
    if is_addressee(viewer, referral):
        steps += RECEIVER_STEPS.get(referral.status, ())
    return steps


@dataclass(frozen=True)
class LogRow:
    row: ReferralTransition
    text_visible: bool


@dataclass
class ReferralView:
    referral: Referral
    where: str
    overdue: bool
    content_visible: bool
    feedback_visible: bool
    log: list[LogRow]
    steps: list[str] = field(default_factory=list)


def referral_rows(base: QuerySet[Referral] | None = None) -> QuerySet[Referral]:
    return (base if base is not None else Referral.objects.all()).select_related(
        "case__client",
        "service__service_type",
        "to_organisation",
        "to_unit",
        "to_professional",
        "sender",
        "handler",
        "better_service",
        "better_organisation",
    )


def referral_by_id(referral_id: int) -> Referral | None:
    return referral_rows().filter(pk=referral_id).first()


def referral_view(viewer: Professional, referral: Referral) -> ReferralView:
    """The referral for one reader: its content and feedback as the content filter allows
    (each disclosure logged), its state history, and the actions the reader may take."""
    client_id = referral.case.client_id
    with disclosing(viewer, client_id, purpose=referral.purpose, what="referral") as content:
        content_visible = all(content.allows(p, kind="referral") for p in referral.shared())
        sender_rows = {
            row.pk: content.allows(row, kind="referral_log")
            for row in referral.transitions.all()
            if row.text and row.source_organisation_id == referral.source_organisation_id
        }
    with disclosing(
        viewer, client_id, purpose=Purpose.FEEDBACK_TO_REFERRER, what="referral_feedback"
    ) as content:
        feedback_visible = bool(referral.feedback) and content.allows(
            referral.feedback_piece, kind="referral_feedback"
        )
        log = [
            LogRow(
                row,
                not row.text
                or sender_rows.get(row.pk, False)
                or (row.pk not in sender_rows and content.allows(row, kind="referral_log")),
            )
            for row in referral.transitions.select_related("by")
        ]
    return ReferralView(
        referral=referral,
        where=where_is_it_now(referral),
        overdue=referral.is_overdue,
        content_visible=content_visible,
        feedback_visible=feedback_visible,
        log=log,
        steps=steps_for(viewer, referral),
    )


def log_addressee_read(user: User, referral: Referral, what: str) -> None:
    """A receiver reads a referral addressed to them (not yet a relationship with the client):
    the read is logged with that basis."""
    record_access(
        user=user,
        client_id=referral.case.client_id,
        what=what,
        purpose=referral.purpose,
        allowed=True,
        basis=ADDRESSEE,
    )


@dataclass(frozen=True)
class InboxRow:
    referral: Referral
    where: str
    overdue: bool


@dataclass(frozen=True)
class InboxPage:
    rows: list[InboxRow]
    number: int
    pages: int
    total: int


def inbox(
    user: object, *, page: int = 1, page_size: int = PAGE_SIZE, what: str = "referral_inbox"
) -> InboxPage:
    """One page of the referrals addressed to ``user`` (their name, unit or organisation),
    newest first; each client shown is logged (only those shown)."""
    if not isinstance(user, User) or not works_with_clients(user):
        return InboxPage([], 1, 1, 0)
    # The addressee condition on the rows themselves, not as a ``pk IN (subquery)``: with the
    # subquery PostgreSQL sorted every referral of the country by date before filtering
    # (1.4 s at p95 at national size; docs/performance.md).
    qs = referral_rows(Referral.objects.addressed_to(user)).order_by("-sent_at", "-pk")
    total = qs.count()
    size = max(1, min(page_size, PAGE_SIZE))
    pages = max(1, -(-total // size))
    number = min(max(page, 1), pages)
    referrals = list(qs[(number - 1) * size : number * size])
    for referral in referrals:
        log_addressee_read(user, referral, what)
    return InboxPage(
        [InboxRow(r, where_is_it_now(r), r.is_overdue) for r in referrals], number, pages, total
    )


def case_referrals(case: Case) -> list[InboxRow]:
    """A case's referrals, newest first, each with where it stands (no content: the page of
    each referral shows that through the content filter)."""
    rows = referral_rows().filter(case=case)
    return [InboxRow(r, where_is_it_now(r), r.is_overdue) for r in rows]


def handoff_count(case: Case) -> int:
    """The referrals' part of the "luukulta luukulle" figure: the case's referrals declined or
    returned (sent back), each once. A planned change of responsible worker is not a hand-off
    (seed 004: "ettei asiakasta siirretä työntekijältä toiselle samassa asiassa" is about the
    client being sent on, not a worker's agreed change) and is not counted here."""
    return Referral.objects.filter(case=case).sent_back().count()
