"""The logged getters: every page, API endpoint and export that reads a client's record gets it
here. A record the user may not see (or that does not exist) answers 404, and the denial is
logged (allowed=False); a granted read is logged too, with its purpose and the grant that let
it through.

Changes are not reads: a view that changes a record authorises it with ``*_for_change``, which
logs only a denial — the action writes the change's own event (one row per change). A
``*_for_change`` getter also asks what the change needs (``Need``): a professional who may see
the client but not do this to them is refused with ``Refused`` (403, logged, saying why).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from tukiverkko.access import policy, rules
from tukiverkko.access.models import JustifiedAccess
from tukiverkko.accounts.roles import (
    records_consents,
    register_of,
    works_with_clients,
)
from tukiverkko.assessments.models import HealthCheck
from tukiverkko.audit.actions import Reader, record_access
from tukiverkko.audit.purposes import AccessPurpose
from tukiverkko.cases.models import Case, HandoverRequest, NetworkMember
from tukiverkko.clients.models import Client
from tukiverkko.consent.models import (
    Consent,
    DisclosureProhibition,
    LegalBasis,
    RevocationNotice,
)
from tukiverkko.ips.models import IpsPeriod, IpsPhase
from tukiverkko.teams.models import AgendaItem, Meeting

PAGE_SIZE = 50
CLIENT_WORK = str(AccessPurpose.CLIENT_WORK)
JUSTIFIED = str(AccessPurpose.JUSTIFIED_ACCESS)


class Need(StrEnum):
    """What a change needs of the professional (access.rules)."""

    WRITE = "write"  # their own entries: a relationship
    STEER = "steer"  # the case itself: a relationship, and responsible or the case's controller
    RECORD = "record"  # a consent, prohibition or legal basis of their register's data
    REVOKE = "revoke"  # the client's revocation: a relationship


class Refused(PermissionDenied):
    """The professional sees the client but may not do this; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_REFUSALS = {
    Need.WRITE: lambda: _(
        "Sinulla ei ole asiakassuhdetta tähän asiakkaaseen: perusteltu pääsy ei salli muutoksia."
    ),
    Need.STEER: lambda: _(
        "Vain vastuutyöntekijä ja asiakkuuden omistavan organisaation ammattilaiset voivat "
        "muuttaa vaihetta, verkostoa tai vastuuta. Voit kirjata omia kirjauksiasi."
    ),
    Need.RECORD: lambda: _(
        "Suostumuksen, luovutuskiellon tai lakiperusteen kirjaa oman organisaation tiedoista "
        "ammattilainen, jolla on asiakassuhde ja jonka tehtäviin se kuuluu."
    ),
    Need.REVOKE: lambda: _("Perumisen kirjaa ammattilainen, jolla on asiakassuhde asiakkaaseen."),
}


@dataclass(frozen=True)
class Access:
    """A client the professional may see, and what they hold with them."""

    client: Client
    standing: rules.Standing


def _log(
    user: Reader, client_id: int, what: str, purpose: str, basis: str | rules.Standing
) -> None:
    """Log a granted read. A read that only a justified access lets through is logged as such:
    its purpose is the justified access, its basis that grant."""
    if isinstance(basis, rules.Standing):
        if basis.may_read and not basis.has_relationship:
            purpose = JUSTIFIED
        basis = basis.basis
    record_access(
        user=user,
        client_id=client_id,
        what=what,
        purpose=purpose or CLIENT_WORK,
        allowed=True,
        basis=basis,
    )


def record_read(user: Reader, client_id: int, *, what: str, purpose: str = "") -> None:
    """Log a read of a client already authorised (e.g. a refused form shown again)."""
    _log(user, client_id, what, purpose, policy.standing(user, client_id))


def _deny(
    user: Reader, client_id: int | None, what: str, purpose: str = "", *, target: str = ""
) -> Http404:
    """Log a refusal; ``target`` names what was asked for when it has no client (an absent id),
    so that the data-protection officer can still see it (review M3)."""
    record_access(
        user=user,
        client_id=client_id,
        what=f"{what}:{target}" if target else what,
        purpose=purpose or CLIENT_WORK,
        allowed=False,
    )
    return Http404()


def _refuse(user: Reader, client_id: int, what: str, need: Need) -> Refused:
    record_access(user=user, client_id=client_id, what=what, purpose=CLIENT_WORK, allowed=False)
    return Refused(_REFUSALS[need]())


def _asker(user: Reader) -> rules.Asker:
    return rules.Asker(
        user_id=getattr(user, "pk", 0) or 0,
        organisation_id=getattr(user, "organisation_id", None),
        records_consents=records_consents(user),
    )


def case_facts(case: Case | None) -> rules.CaseFacts | None:
    if case is None:
        return None
    return rules.CaseFacts(case.organisation_id, case.responsible_worker_id, case.phase != "closed")


def _current_case(client_id: int) -> Case | None:
    return Case.objects.filter(client_id=client_id).order_by("-opened_at").first()


def _check(user: Reader, standing: rules.Standing, case: Case | None, need: Need) -> bool:
    asker = _asker(user)
    if need is Need.WRITE:
        return rules.may_write_entries(standing)
    if need is Need.STEER:
        return rules.may_steer(standing, asker, case_facts(case))
    if need is Need.RECORD:
        return rules.may_record_disclosures(standing, asker)
    return rules.may_revoke(standing)


def _open(user: Reader, client_id: int | None, what: str, purpose: str, target: str) -> Access:
    client = (
        Client.objects.filter(pk=client_id).select_related("municipality").first()
        if client_id is not None
        else None
    )
    standing = policy.standing(user, client.pk) if client is not None else rules.NONE
    if client is None or not standing.may_read:
        raise _deny(
            user,
            client.pk if client else None,
            what,
            purpose,
            target=target if client is None else "",
        )
    return Access(client, standing)


def read_client(user: Reader, client_id: int, *, what: str, purpose: str = "") -> Access:
    """The client and what ``user`` holds with them, with the read logged (its purpose, and the
    grant that let it through); 404 (logged as denied) when not visible or absent."""
    access = _open(user, client_id, what, purpose, f"client:{client_id}")
    _log(user, client_id, what, purpose, access.standing)
    return access


def get_client(user: Reader, client_id: int, *, what: str, purpose: str = "") -> Client:
    """The client, with the read logged; 404 (logged as denied) when not visible or absent."""
    return read_client(user, client_id, what=what, purpose=purpose).client


def get_client_for_change(
    user: Reader, client_id: int, *, what: str, need: Need = Need.WRITE
) -> Client:
    """The client, for an action that changes their data (it logs its own event)."""
    access = _open(user, client_id, what, "", f"client:{client_id}")
    if not _check(user, access.standing, _current_case(client_id), need):
        raise _refuse(user, client_id, what, need)
    return access.client


R = TypeVar("R")


def _opened(
    user: Reader,
    row: R | None,
    client_of: Callable[[R], int],
    what: str,
    purpose: str,
    target: str,
) -> tuple[R, Access]:
    """A row of a client's record and the client's ``Access``; 404 (logged) when the row is
    absent or its client not visible."""
    if row is None:
        raise _deny(user, None, what, purpose, target=target)
    return row, _open(user, client_of(row), what, purpose, target)


def _case(user: Reader, case_id: int, what: str, purpose: str) -> tuple[Case, rules.Standing]:
    row = (
        Case.objects.filter(pk=case_id)
        .select_related("client", "responsible_worker", "organisation")
        .first()
    )
    case, access = _opened(user, row, lambda c: c.client_id, what, purpose, f"case:{case_id}")
    return case, access.standing


def get_case(user: Reader, case_id: int, *, what: str, purpose: str = "") -> Case:
    case, standing = _case(user, case_id, what, purpose)
    _log(user, case.client_id, what, purpose, standing)
    return case


def get_case_for_change(user: Reader, case_id: int, *, what: str, need: Need = Need.WRITE) -> Case:
    case, standing = _case(user, case_id, what, "")
    if not _check(user, standing, case, need):
        raise _refuse(user, case.client_id, what, need)
    return case


def _for_change(
    user: Reader, row: R | None, client_of: Callable[[R], int], what: str, need: Need, target: str
) -> R:
    found, access = _opened(user, row, client_of, what, "", target)
    if not _check(user, access.standing, _current_case(access.client.pk), need):
        raise _refuse(user, access.client.pk, what, need)
    return found


def _visible_consent(user: Reader, consent: Consent) -> bool:
    """A consent is listed to its own register's professionals and to its recipients."""
    org, unit = getattr(user, "organisation_id", None), getattr(user, "unit_id", None)
    return Consent.objects.filter(pk=consent.pk).visible_to(org, unit, register_of(user)).exists()


def get_consent(user: Reader, consent_id: int, *, what: str) -> Consent:
    row = Consent.objects.filter(pk=consent_id).first()
    consent, access = _opened(user, row, lambda c: c.client_id, what, "", f"consent:{consent_id}")
    if not _visible_consent(user, consent):
        raise _deny(user, consent.client_id, what)
    _log(user, consent.client_id, what, "", access.standing)
    return consent


def get_consent_for_change(
    user: Reader, consent_id: int, *, what: str, need: Need = Need.REVOKE
) -> Consent:
    row = Consent.objects.filter(pk=consent_id).first()
    consent = _for_change(user, row, lambda c: c.client_id, what, need, f"consent:{consent_id}")
    if not _visible_consent(user, consent):
        raise _deny(user, consent.client_id, what)
    return consent


def get_notice_for_change(user: Reader, notice_id: int, *, what: str) -> RevocationNotice:
    row = RevocationNotice.objects.filter(pk=notice_id).select_related("consent").first()
    return _for_change(
        user, row, lambda n: n.consent.client_id, what, Need.REVOKE, f"notice:{notice_id}"
    )


def get_prohibition_for_change(
    user: Reader, prohibition_id: int, *, what: str
) -> DisclosureProhibition:
    row = DisclosureProhibition.objects.filter(pk=prohibition_id).first()
    return _for_change(
        user, row, lambda p: p.client_id, what, Need.REVOKE, f"prohibition:{prohibition_id}"
    )


def get_legal_basis_for_change(user: Reader, basis_id: int, *, what: str) -> LegalBasis:
    row = LegalBasis.objects.filter(pk=basis_id).first()
    return _for_change(
        user, row, lambda b: b.client_id, what, Need.RECORD, f"legal_basis:{basis_id}"
    )


def get_network_member_for_change(user: Reader, member_id: int, *, what: str) -> NetworkMember:
    row = NetworkMember.objects.filter(pk=member_id).select_related("case").first()
    member, access = _opened(
        user, row, lambda m: m.case.client_id, what, "", f"network_member:{member_id}"
    )
    if not _check(user, access.standing, member.case, Need.STEER):
        raise _refuse(user, access.client.pk, what, Need.STEER)
    return member


def get_health_check(user: Reader, check_id: int, *, what: str, purpose: str = "") -> HealthCheck:
    """A health check of a client the reader sees (the read logged); its content is still the
    content filter's (assessments.selectors.health_check_of)."""
    row = HealthCheck.objects.filter(pk=check_id).select_related("case").first()
    check, access = _opened(
        user, row, lambda c: c.case.client_id, what, purpose, f"health_check:{check_id}"
    )
    _log(user, access.client.pk, what, purpose, access.standing)
    return check


def get_health_check_for_change(user: Reader, check_id: int, *, what: str) -> HealthCheck:
    """The next step of a health check is written by a professional with a relationship."""
    row = HealthCheck.objects.filter(pk=check_id).select_related("case").first()
    return _for_change(
        user, row, lambda c: c.case.client_id, what, Need.WRITE, f"health_check:{check_id}"
    )


def get_agenda_item(user: Reader, item_id: int, *, what: str, purpose: str = "") -> AgendaItem:
    """A case on a team's agenda, for a reader who sees its client — a team member while the
    meeting lasts (the agenda's grant), or the case's own professionals (the read logged)."""
    row = AgendaItem.objects.filter(pk=item_id).select_related("case", "meeting__team").first()
    item, access = _opened(
        user, row, lambda i: i.case.client_id, what, purpose, f"agenda_item:{item_id}"
    )
    _log(user, access.client.pk, what, purpose, access.standing)
    return item


def get_agenda_item_for_change(user: Reader, item_id: int, *, what: str) -> AgendaItem:
    """The team's minutes are written by a professional with a relationship — the agenda's
    grant is one while the meeting lasts (teams.actions checks the membership)."""
    row = AgendaItem.objects.filter(pk=item_id).select_related("case", "meeting__team").first()
    return _for_change(
        user, row, lambda i: i.case.client_id, what, Need.WRITE, f"agenda_item:{item_id}"
    )


def _client_of_meeting(meeting: Meeting) -> int:
    if meeting.case is None:  # the getters ask only for meetings with a case
        raise Http404
    return meeting.case.client_id


def get_client_meeting(user: Reader, meeting_id: int, *, what: str, purpose: str = "") -> Meeting:
    """A network meeting with the client (monialainen neuvonpito), for a reader who sees the
    client (the read logged)."""
    row = Meeting.objects.filter(pk=meeting_id, case__isnull=False).select_related("case").first()
    meeting, access = _opened(
        user, row, lambda m: _client_of_meeting(m), what, purpose, f"client_meeting:{meeting_id}"
    )
    _log(user, access.client.pk, what, purpose, access.standing)
    return meeting


def get_client_meeting_for_change(user: Reader, meeting_id: int, *, what: str) -> Meeting:
    row = Meeting.objects.filter(pk=meeting_id, case__isnull=False).select_related("case").first()
    return _for_change(
        user, row, lambda m: _client_of_meeting(m), what, Need.WRITE, f"client_meeting:{meeting_id}"
    )


def _open_ips_period(case_id: int) -> IpsPeriod | None:
    return (
        IpsPeriod.objects.filter(case_id=case_id)
        .exclude(phase=IpsPhase.ENDED)
        .select_related("case", "case__client", "coach", "service", "decision")
        .first()
    )


def get_ips_period(user: Reader, case_id: int, *, what: str, purpose: str = "") -> IpsPeriod:
    """The open IPS period of a case the reader sees (the read logged); 404 (logged) when the
    case has none or its client is not visible. Its content is still the content filter's
    (ips.selectors.period_view)."""
    period, access = _opened(
        user,
        _open_ips_period(case_id),
        lambda p: p.case.client_id,
        what,
        purpose,
        f"ips_period:case:{case_id}",
    )
    _log(user, access.client.pk, what, purpose, access.standing)
    return period


def get_ips_period_for_change(user: Reader, case_id: int, *, what: str) -> IpsPeriod:
    """The open IPS period of a case, for a professional with a relationship to write (the
    coach's own rights are the action's: ips.actions)."""
    return _for_change(
        user,
        _open_ips_period(case_id),
        lambda p: p.case.client_id,
        what,
        Need.WRITE,
        f"ips_period:case:{case_id}",
    )


def get_handover_request_for_change(user: Reader, request_id: int, *, what: str) -> HandoverRequest:
    """Only the receiver acts on a hand-over request addressed to them."""
    req = HandoverRequest.objects.filter(pk=request_id).select_related("case").first()
    if req is None or req.to_worker_id != getattr(user, "pk", None) or not works_with_clients(user):
        raise _deny(
            user, req.case.client_id if req else None, what, target=f"handover:{request_id}"
        )
    return req


def get_justified_access_for_change(user: Reader, access_id: int, *, what: str) -> JustifiedAccess:
    """Only its own professional ends a justified access early."""
    row = JustifiedAccess.objects.filter(pk=access_id).first()
    if row is None or row.user_id != getattr(user, "pk", None):
        raise _deny(
            user, row.client_id if row else None, what, target=f"justified_access:{access_id}"
        )
    return row


def reveal_henkilotunnus(user: Reader, client_id: int) -> tuple[Client, str]:
    """The client and their full code, for a professional of the case-owning controller who may
    see the client; the reveal is logged. Anyone else who sees the client is refused (403)."""
    what = "henkilotunnus_reveal"
    access = _open(user, client_id, what, "", f"client:{client_id}")
    case = _current_case(client_id)
    if not rules.may_reveal_henkilotunnus(access.standing, _asker(user), case_facts(case)):
        record_access(user=user, client_id=client_id, what=what, purpose=CLIENT_WORK, allowed=False)
        raise Refused(
            _(
                "Koko henkilötunnus näytetään vain asiakkuuden omistavan organisaation "
                "ammattilaisille."
            )
        )
    _log(user, client_id, what, "", access.standing)
    return access.client, access.client.henkilotunnus


def record_lookup(user: Reader, client_id: int) -> None:
    """A henkilötunnus typed into "new client" named a client already in the register: the
    look-up of their record is logged in their log (nothing of them was shown)."""
    record_access(
        user=user,
        client_id=client_id,
        what="client_lookup_by_henkilotunnus",
        purpose=AccessPurpose.CLIENT_LOOKUP,
        allowed=False,
    )


def permissions(user: Reader, access: Access, case: Case | None) -> rules.Permissions:
    """What the client page offers ``user`` (the forms it shows)."""
    return rules.permissions(access.standing, _asker(user), case_facts(case))
