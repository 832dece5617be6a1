"""Moving demo cases along the path — through the actions, so that the demo's audit log, phase
log and responsibility history are real."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from tukiverkko.accounts.models import Municipality, Organisation, Unit, User
from tukiverkko.accounts.roles import CLIENT_WORK_ROLES, creates_clients
from tukiverkko.cases import actions
from tukiverkko.cases.models import Case, Phase
from tukiverkko.clients.crypto import lookup_hash
from tukiverkko.clients.models import Client
from tukiverkko.clients.models.client import normalise_henkilotunnus
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import ConsentForm, Purpose, SignatureMethod

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
        # Those whose task is to take clients on (accounts.roles): the synthetic clients' workers.
        self.intake = [u for u in self.workers if creates_clients(u)]

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
    purposes: Iterable[str] = (),
    form: str = ConsentForm.KELA_Y100,
    units: Iterable[Unit | None] = (),
) -> None:
    """The client's consent to disclose ``by``'s own organisation's and register's information
    (the disclosing controller records it), on a signed form with its number."""
    organisations = [o for o in orgs if o is not None]
    unit_list = [u for u in units if u is not None]
    if organisations or unit_list:
        consent_actions.record_consent(
            client=client,
            by=by,
            organisations=organisations,
            units=unit_list,
            categories=categories,
            purposes=list(purposes) or [Purpose.INFORMATION_EXCHANGE, Purpose.NETWORK_MEETING],
            form=form,
            signature_method=SignatureMethod.HANDWRITTEN,
            evidence_reference=f"{form.upper()}-{client.pk:05d}-{by.pk:03d}",
            valid_from=timezone.localdate() - dt.timedelta(days=30),
            valid_until=timezone.localdate() + dt.timedelta(days=335),
        )


def unit(org_slug: str, unit_slug: str) -> Unit | None:
    return Unit.objects.filter(organisation__slug=org_slug, slug=unit_slug).first()


def add_to_network(case: Case, by: User, cast: Cast, members: list[tuple[str, str]]) -> None:
    """Admit members (another register's only once a consent covers them: record it first)."""
    for username, role in members:
        user = cast.users.get(username)
        if user is not None and user.organisation is not None:
            actions.add_network_member(
                case=case, by=by, organisation=user.organisation, user=user, role=role
            )


def write_journal(case: Case, cast: Cast, entries: list[tuple[str, str, str]]) -> None:
    for username, category, text in entries:
        actions.add_journal_entry(case=case, by=cast.get(username), category=category, text=text)


def hand_over(case: Case, to: User, by: User, reason: str, *, stays_as: str = "") -> Case:
    """Hand responsibility over (accepted by the receiver); the one who handed it over stays in
    the network in role ``stays_as`` when given — else their relationship with the client ends."""
    if to.pk == case.responsible_worker_id:
        return case
    req = actions.request_handover(case=case, to_worker=to, by=by, reason=reason)
    case = actions.accept_handover(request=req, by=to)
    if stays_as and by.organisation is not None:
        actions.add_network_member(
            case=case, by=to, organisation=by.organisation, user=by, role=stays_as
        )
    return case


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
