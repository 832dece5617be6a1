"""Moving demo cases along the path — through the actions, so that the demo's audit log, phase
log and responsibility history are real."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from tukiverkko.accounts.models import Municipality, Organisation, User
from tukiverkko.accounts.roles import CLIENT_WORK_ROLES
from tukiverkko.cases import actions
from tukiverkko.cases.models import Case, Phase
from tukiverkko.clients.crypto import lookup_hash
from tukiverkko.clients.models import Client
from tukiverkko.clients.models.client import normalise_henkilotunnus
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import ConsentForm, Purpose

PATH = [
    Phase.IDENTIFICATION,
    Phase.JOINT_ASSESSMENT,
    Phase.JOINT_PLAN,
    Phase.IMPLEMENTATION,
    Phase.FOLLOW_UP,
]
OUTCOMES = ["open_labour_market", "studies", "rehabilitation", "supported_employment", "pension"]


class Cast:
    """Demo professionals by username (load-demo), with fall-backs when one is missing."""

    def __init__(self) -> None:
        self.users = {
            u.username: u for u in User.objects.exclude(role="").select_related("organisation")
        }
        self.workers = [
            u for u in self.users.values() if u.role in CLIENT_WORK_ROLES and u.organisation_id
        ]

    def get(self, username: str) -> User:
        return self.users.get(username) or self.workers[0]


def org(slug: str, fallback: Organisation | None = None) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first() or fallback


def move_along(
    case: Case,
    to: str,
    by: User,
    *,
    reasons: dict[str, str] | None = None,
    follow_up_by: User | None = None,
) -> Case:
    """Move a case along the path to phase ``to`` (closing with an outcome if ``to`` is closed)."""
    reasons = reasons or {}
    target = Phase.FOLLOW_UP if to == Phase.CLOSED else Phase(to)
    for step in PATH[PATH.index(Phase(case.phase)) + 1 : PATH.index(target) + 1]:
        if step == Phase.IMPLEMENTATION and case.follow_up_by_id is None:
            actions.mark_checklist_step(
                case=case,
                step=7,
                by=by,
                expected_version=case.version,
                follow_up_by=follow_up_by or by,
                note="Sovittu verkostossa.",
            )
            case.refresh_from_db()
        case = actions.change_phase(
            case=case, to=step, by=by, reason=reasons.get(step, ""), expected_version=case.version
        )
    return case


def close(case: Case, by: User, outcome: str, note: str = "") -> Case:
    return actions.change_phase(
        case=case,
        to=Phase.CLOSED,
        by=by,
        expected_version=case.version,
        outcome=outcome,
        closed_on=timezone.localdate(),
        outcome_note=note,
        reason=note,
    )


def exists(code: str) -> bool:
    return Client.objects.filter(
        henkilotunnus_hash=lookup_hash(normalise_henkilotunnus(code))
    ).exists()


def give_consent(
    client: Client,
    by: User,
    orgs: Iterable[Organisation | None],
    categories: list[str],
    purposes: list[str] | None = None,
    form: str = ConsentForm.KELA_Y100,
) -> None:
    organisations = [o for o in orgs if o is not None]
    if organisations:
        consent_actions.record_consent(
            client=client,
            by=by,
            organisations=organisations,
            categories=categories,
            purposes=purposes or [Purpose.INFORMATION_EXCHANGE, Purpose.NETWORK_MEETING],
            form=form,
            valid_from=timezone.localdate() - dt.timedelta(days=30),
            valid_until=timezone.localdate() + dt.timedelta(days=335),
        )


def add_to_network(case: Case, by: User, cast: Cast, members: list[tuple[str, str]]) -> None:
    for username, role in members:
        user = cast.users.get(username)
        if user is not None and user.organisation is not None:
            actions.add_network_member(
                case=case, by=by, organisation=user.organisation, user=user, role=role
            )


def write_journal(case: Case, cast: Cast, entries: list[tuple[str, str, str]]) -> None:
    for username, category, text in entries:
        actions.add_journal_entry(case=case, by=cast.get(username), category=category, text=text)


def hand_over(case: Case, to: User, by: User, reason: str) -> Case:
    if to.pk == case.responsible_worker_id:
        return case
    req = actions.request_handover(case=case, to_worker=to, by=by, reason=reason)
    return actions.accept_handover(request=req, by=to)


def take_on(cast: Cast, code: str, first: str, last: str, municipality: str, by: User) -> Case:
    m = Municipality.objects.filter(name_fi=municipality).first()
    result = actions.create_client(
        by=by,
        henkilotunnus=code,
        first_name=first,
        last_name=last,
        municipality=m,
        languages=["fi"],
        confirm_not_duplicate=True,
    )
    return result.case
