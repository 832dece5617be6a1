"""Read models of IPS job coaching: what the pages, the client-page panel and the API render.

The caller has authorised the client (access.selectors). The period's structure (phase, coach,
dates, the decision it rests on) is shown to whoever sees the client; the vocational profile,
the employer contacts and the phase notes are their writer's register's content, shown to
another register only through the content filter (consent.content), which logs each disclosure.

The outcomes (``outcomes``) and the fidelity reviews are not client data: aggregates with
small-cell suppression, and reviews of a catalogue service.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Min, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.roles import register_of
from tukiverkko.cases.models import Case
from tukiverkko.cases.selectors import Shown
from tukiverkko.catalogue.models import Service
from tukiverkko.consent.content import Filtered, disclosing
from tukiverkko.consent.models import Consent, ExternalRecipient, Purpose
from tukiverkko.core.due import Due
from tukiverkko.ips import fidelity
from tukiverkko.ips.models import (
    TRANSITIONS,
    ContactOutcome,
    EmployerContact,
    EndReason,
    FidelityReview,
    FidelityScore,
    IpsPeriod,
    IpsPhase,
    IpsTransition,
    VocationalProfile,
)

# Cells under this are shown as "<5" (the monitoring's small-cell rule).
SMALL_CELL = 5
SUPPRESSED = "<5"
# A period's review shows as due this many days before its date (decision 0301).
REVIEW_NOTICE_DAYS = 14


def periods_of(case: Case) -> list[IpsPeriod]:
    return list(IpsPeriod.objects.filter(case=case).select_related("coach", "service", "decision"))


def open_period(case: Case) -> IpsPeriod | None:
    return next((p for p in periods_of(case) if p.is_open), None)


@dataclass(frozen=True)
class PeriodView:
    period: IpsPeriod
    transitions: list[Shown[IpsTransition]]
    profile: VocationalProfile | None
    profile_hidden: bool
    contacts: Filtered[EmployerContact]
    next_phases: list[IpsPhase] = field(default_factory=list)

    @property
    def hidden(self) -> int:
        return self.contacts.hidden + (1 if self.profile_hidden else 0)


def period_view(
    viewer: Professional,
    period: IpsPeriod,
    *,
    purpose: str = Purpose.INFORMATION_EXCHANGE,
    what: str,
) -> PeriodView:
    """One period as ``viewer`` may see it; disclosures of another register's content logged."""
    transitions = list(period.transitions.select_related("by"))
    contacts = list(period.contacts.select_related("employer", "by"))
    profile = VocationalProfile.objects.filter(period=period).first()
    with disclosing(viewer, period.case.client_id, purpose=purpose, what=what) as content:
        shown_transitions = [
            Shown(t, not t.note or content.allows(t, kind="ips_phase_note")) for t in transitions
        ]
        profile_shown = profile is not None and content.allows(profile, kind="ips_profile")
        shown_contacts = content.filter(contacts, kind="ips_employer_contact")
    return PeriodView(
        period=period,
        transitions=shown_transitions,
        profile=profile if profile_shown else None,
        profile_hidden=profile is not None and not profile_shown,
        contacts=shown_contacts,
        next_phases=sorted(TRANSITIONS[IpsPhase(period.phase)], key=list(IpsPhase).index),
    )


def consented_employers(case: Case, coach: Professional) -> list[ExternalRecipient]:
    """The employers a standing consent of the coach's register names for employer contact
    (the contact form lists them; the action decides)."""
    today = timezone.localdate()
    consents = (
        Consent.objects.for_client(case.client_id)
        .standing()
        .filter(
            disclosing_organisation_id=coach.organisation_id,
            disclosing_register=register_of(coach) or "",
        )
        .prefetch_related("external_recipients")
    )
    found: dict[int, ExternalRecipient] = {}
    for consent in consents:
        if Purpose.EMPLOYER_CONTACT not in consent.purposes or consent.valid_from > today:
            continue
        if consent.valid_until is not None and consent.valid_until < today:
            continue
        for recipient in consent.external_recipients.all():
            found[recipient.pk] = recipient
    return sorted(found.values(), key=lambda r: r.name)


# -- follow-up ----------------------------------------------------------------------------


def due_reviews(today: dt.date) -> Iterable[Due]:
    """The open periods whose review is due within two weeks (or overdue): one task for the
    coach each (core.due; the followup app collects them). No personal data in the title."""
    horizon = today + dt.timedelta(days=REVIEW_NOTICE_DAYS)
    periods = (
        IpsPeriod.objects.exclude(phase=IpsPhase.ENDED)
        .filter(next_review_on__lte=horizon)
        .select_related("case")
        .order_by("next_review_on", "pk")
    )
    for period in periods:
        yield Due(
            kind="ips_review",
            key=f"ips_period:{period.pk}",
            owner_id=period.coach_id,
            due=period.next_review_on,
            title=_("Työhönvalmennusjakson arviointi erääntyy"),
            url=reverse("ips:period", args=[period.case_id]),
            client_id=period.case.client_id,
        )


# -- outcomes (non-client aggregate) ------------------------------------------------------


def suppressed(n: int) -> int | str:
    """A count as shown: under five is "<5" (zero is zero: nothing to hide)."""
    return SUPPRESSED if 0 < n < SMALL_CELL else n


@dataclass(frozen=True)
class OutcomeRow:
    label: str
    periods: int | str
    open_market_jobs: int | str  # periods in which the client was hired on the open market
    with_employer_contact: int | str
    median_days_to_first_contact: float | str | None  # None: no contact yet


def _row(
    label: str, periods: list[IpsPeriod], hired: set[int], first: dict[int, dt.date]
) -> OutcomeRow:
    days = [(first[p.pk] - p.started_on).days for p in periods if p.pk in first]
    median: float | str | None
    if not days:
        median = None
    elif len(days) < SMALL_CELL:
        median = SUPPRESSED
    else:
        median = float(statistics.median(days))
    return OutcomeRow(
        label=label,
        periods=suppressed(len(periods)),
        open_market_jobs=suppressed(sum(1 for p in periods if p.pk in hired)),
        with_employer_contact=suppressed(len(days)),
        median_days_to_first_contact=median,
    )


def outcomes(*, since: dt.date | None = None) -> list[OutcomeRow]:
    """IPS outcomes by service (and in all): periods, jobs found on the open market (a contact
    ending in "palkattu avoimille työmarkkinoille", or the period ended so), and the median days
    from the start to the first employer contact (seed 003 "nopea työnetsintä"). Every count
    under five shows as "<5", and a median of fewer than five periods too."""
    periods = list(IpsPeriod.objects.select_related("service"))
    if since is not None:
        periods = [p for p in periods if p.started_on >= since]
    ids = [p.pk for p in periods]
    hired = set(
        EmployerContact.objects.filter(period_id__in=ids, outcome=ContactOutcome.HIRED).values_list(
            "period_id", flat=True
        )
    ) | {p.pk for p in periods if p.end_reason == EndReason.OPEN_MARKET_JOB}
    first = dict(
        EmployerContact.objects.filter(period_id__in=ids)
        .values("period_id")
        .annotate(first=Min("contacted_on"))
        .values_list("period_id", "first")
    )
    by_service: dict[str, list[IpsPeriod]] = {}
    for period in periods:
        name = period.service.name_fi if period.service else str(_("Palvelu ei tiedossa"))
        by_service.setdefault(name, []).append(period)
    rows = [_row(name, group, hired, first) for name, group in sorted(by_service.items())]
    rows.append(_row(str(_("Kaikki")), periods, hired, first))
    return rows


# -- the fidelity reviews (a service's, not client data) ----------------------------------


def ips_services() -> list[Service]:
    return list(
        Service.objects.filter(service_type__slug="ips-tyohonvalmennus")
        .select_related("organisation")
        .order_by("name_fi")
    )


def reviews_of(service: Service) -> list[FidelityReview]:
    return list(FidelityReview.objects.filter(service=service).select_related("recorded_by"))


def latest_review(service: Service) -> FidelityReview | None:
    return FidelityReview.objects.filter(service=service).first()


@dataclass(frozen=True)
class ScoredItem:
    item: fidelity.Item
    score: int
    note: str


@dataclass(frozen=True)
class ReviewView:
    review: FidelityReview
    sections: list[tuple[fidelity.Section, list[ScoredItem], int]]


def review_view(review: FidelityReview) -> ReviewView:
    scores = {s.item: s for s in review.scores.all()}
    sections = []
    for section in fidelity.scale().sections:
        items = [
            ScoredItem(i, scores[i.code].score, scores[i.code].note)
            for i in section.items
            if i.code in scores
        ]
        sections.append((section, items, sum(i.score for i in items)))
    return ReviewView(review, sections)


def review_of(review_id: int) -> FidelityReview | None:
    return (
        FidelityReview.objects.filter(pk=review_id)
        .select_related("service", "service__organisation")
        .prefetch_related(Prefetch("scores", queryset=FidelityScore.objects.order_by("pk")))
        .first()
    )
