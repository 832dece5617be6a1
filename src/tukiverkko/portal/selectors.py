"""What the portal shows the client, in plain words: their path at a glance, their plan, their
consents, and who has read or received their data. Pages and downloads render these same
selectors. The reads are logged by the page (tukiverkko.access.own), not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.models import User
from tukiverkko.cases.models import Case, NetworkMember
from tukiverkko.consent.models import Consent, InfoCategory, Purpose
from tukiverkko.core.display import choice_labels, day
from tukiverkko.plans.enums import Responsible
from tukiverkko.plans.models import Plan
from tukiverkko.plans.selectors import ClientPlan, client_plan
from tukiverkko.referrals.models import Referral
from tukiverkko.referrals.selectors import recipient, referral_rows, where_is_it_now
from tukiverkko.teams.models import Meeting, MeetingKind, MeetingStatus

# -- the path at a glance ---------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    title: str
    organisation: str
    unit: str = ""
    email: str = ""
    phone: str = ""
    what_for: str = ""


def person(user: User, what_for: str = "") -> Person:
    return Person(
        name=user.get_full_name() or user.username,
        title=user.title or (user.get_role_display() if user.role else ""),
        organisation=str(user.organisation or ""),
        unit=str(user.unit or ""),
        email=user.email,
        phone=user.phone,
        what_for=what_for,
    )


@dataclass(frozen=True)
class ReferralLine:
    to: str
    where: str


@dataclass
class Overview:
    case: Case | None
    worker: Person | None
    network: list[Person] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    referrals: list[ReferralLine] = field(default_factory=list)
    plan: ClientPlan | None = None
    open_tasks: int = 0


def _network(case: Case) -> list[Person]:
    members = (
        NetworkMember.objects.filter(case=case, removed_at__isnull=True)
        .select_related("user__organisation", "user__unit", "organisation")
        .order_by("added_at")
    )
    out = []
    for m in members:
        if m.user is not None:
            out.append(person(m.user, m.role))
        else:
            out.append(Person(name="", title="", organisation=str(m.organisation), what_for=m.role))
    return out


def upcoming_meetings(case: Case) -> list[Meeting]:
    return list(
        Meeting.objects.filter(case=case, kind=MeetingKind.CLIENT, ends_at__gte=timezone.now())
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at")[:10]
    )


def past_meetings(case: Case) -> list[Meeting]:
    return list(
        Meeting.objects.filter(case=case, kind=MeetingKind.CLIENT, ends_at__lt=timezone.now())
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at")[:10]
    )


def referral_lines(case: Case) -> list[ReferralLine]:
    rows = referral_rows(Referral.objects.filter(case=case).exclude(status="draft"))[:20]
    return [ReferralLine(to=recipient(r), where=where_is_it_now(r)) for r in rows]


def own_plan(case: Case) -> ClientPlan | None:
    plan = Plan.objects.filter(case=case).first()
    return client_plan(plan) if plan is not None else None


def overview(case: Case | None) -> Overview:
    if case is None:
        return Overview(case=None, worker=None)
    plan = own_plan(case)
    return Overview(
        case=case,
        worker=person(case.responsible_worker) if case.responsible_worker else None,
        network=_network(case),
        meetings=upcoming_meetings(case),
        referrals=referral_lines(case),
        plan=plan,
        open_tasks=sum(
            1
            for a in (plan.actions if plan else [])
            if a.responsible == Responsible.CLIENT and a.status in ("planned", "in_progress")
        ),
    )


# -- consents ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentLine:
    consent: Consent
    discloser: str
    recipients: list[str]
    categories: list[str]
    purposes: list[str]
    in_force: bool
    state: str
    awaiting: bool = False


def consent_lines(client_id: int) -> list[ConsentLine]:
    today = timezone.localdate()
    rows = (
        Consent.objects.filter(client_id=client_id)
        .select_related("disclosing_organisation")
        .prefetch_related("organisations", "units", "external_recipients")
        .order_by("-recorded_at")
    )
    out = []
    for c in rows:
        if c.revoked_at is not None:
            state = _("Peruttu %(day)s") % {"day": day(c.revoked_at)}
        elif c.awaits_confirmation:
            state = _("Odottaa vahvistustasi")
        elif c.valid_until is not None and c.valid_until < today:
            state = _("Päättyi %(day)s") % {"day": day(c.valid_until)}
        elif c.valid_from > today:
            state = _("Alkaa %(day)s") % {"day": day(c.valid_from)}
        elif c.valid_until is not None:
            state = _("Voimassa %(day)s asti") % {"day": day(c.valid_until)}
        else:
            state = _("Voimassa toistaiseksi")
        in_force = (
            c.revoked_at is None
            and not c.awaits_confirmation
            and c.valid_from <= today
            and (c.valid_until is None or c.valid_until >= today)
        )
        out.append(
            ConsentLine(
                consent=c,
                discloser=str(c.disclosing_organisation),
                recipients=[str(o) for o in c.organisations.all()]
                + [str(u) for u in c.units.all()]
                + [r.name for r in c.external_recipients.all()],
                categories=choice_labels(c.categories, InfoCategory.choices),
                purposes=choice_labels(c.purposes, Purpose.choices),
                in_force=in_force,
                state=state,
                awaiting=c.awaits_confirmation and c.revoked_at is None,
            )
        )
    return out
