"""Every state change of a case: validate, change, and write the log rows (phase log,
responsibility history, the audit event) in the same transaction. No signals.

Errors are ``ValidationError`` with a Finnish message saying what is wrong; a stale edit
raises ``ConflictError``. Nothing is saved when an action raises.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, Unpack, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import Organisation, User
from tukiverkko.accounts.roles import hands_over_caseloads, works_with_clients
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases.models import (
    TRANSITIONS,
    Case,
    ChecklistItem,
    HandoverRequest,
    HandoverStatus,
    JournalEntry,
    NetworkMember,
    Outcome,
    Phase,
    PhaseTransition,
    ResponsibilityPeriod,
)
from tukiverkko.catalogue.quick_guide import FOLLOW_UP_STEP, QUICK_GUIDE_STEPS
from tukiverkko.clients.actions import ClientDetails, LikelyDuplicate, register_client
from tukiverkko.clients.models import Client
from tukiverkko.consent.models import InfoCategory

__all__ = ["ConflictError", "LikelyDuplicate"]


class ConflictError(ValidationError):
    """Someone else saved the case after this form was opened."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Toinen käyttäjä on muuttanut asiakkuutta sillä välin. Muutoksiasi ei "
                "tallennettu: lataa sivu uudelleen ja tee muutos uudestaan."
            ),
            code="conflict",
        )


def _check_version(case: Case, expected_version: int | None) -> None:
    """A stale form is a conflict before anything else is judged: its user saw another case."""
    if expected_version is not None and case.version != expected_version:
        raise ConflictError()


def _bump(case: Case, expected_version: int | None, **changes: Any) -> None:
    """Apply ``changes`` only if nobody saved the case since ``expected_version``."""
    qs = Case.objects.filter(pk=case.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if qs.update(version=F("version") + 1, **changes) != 1:
        raise ConflictError()
    case.refresh_from_db()


# -- taking a client on --------------------------------------------------------------------


@dataclass(frozen=True)
class ClientResult:
    client: Client
    case: Case
    created: bool


@transaction.atomic
def create_client(
    *, by: Professional, confirm_not_duplicate: bool = False, **details: Unpack[ClientDetails]
) -> ClientResult:
    """Take a client on: register them (or find the same person by henkilötunnus) and make sure
    they have an open case — a new one in tunnistaminen with the creator responsible, or the
    open one, with the creator added to its network."""
    registered = register_client(by=by, confirm_not_duplicate=confirm_not_duplicate, **details)
    client = registered.client
    case = client.cases.open().first()
    if case is None:
        case = open_case(client=client, by=by)
    elif case.responsible_worker_id != by.pk and not case.network.filter(user=by).exists():
        add_network_member(
            case=case,
            by=by,
            organisation=by.organisation,
            user=by,
            role=by.get_role_display() or _("ammattilainen"),
        )
    return ClientResult(client=client, case=case, created=registered.created)


@transaction.atomic
def open_case(*, client: Client, by: Professional, reason: str = "") -> Case:
    if client.cases.open().exists():
        raise ValidationError(_("Asiakkaalla on jo avoin asiakkuus."), code="case_open")
    case = Case.objects.create(client=client, responsible_worker=by)
    PhaseTransition.objects.create(
        case=case, from_phase="", to_phase=Phase.IDENTIFICATION, by=by, reason=reason
    )
    ResponsibilityPeriod.objects.create(case=case, worker=by, assigned_by=by, reason=reason)
    record_event(by, client.pk, EventType.CASE_OPEN, case.pk)
    return case


# -- phases -------------------------------------------------------------------------------


def _closing_errors(case: Case, outcome: str, closed_on: dt.date | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Valitse asiakkuuden päättymisen syy (tulos).")]
    if closed_on is None:
        errors["closed_on"] = [_("Anna päättymispäivä muodossa p.k.vvvv.")]
    elif closed_on > timezone.localdate():
        errors["closed_on"] = [_("Päättymispäivä ei voi olla tulevaisuudessa.")]
    elif closed_on < timezone.localdate(case.opened_at):
        errors["closed_on"] = [_("Päättymispäivä ei voi olla ennen asiakkuuden alkua.")]
    return errors


@transaction.atomic
def change_phase(
    *,
    case: Case,
    to: str,
    by: Professional,
    reason: str = "",
    expected_version: int | None,
    outcome: str = "",
    closed_on: dt.date | None = None,
    outcome_note: str = "",
) -> Case:
    _check_version(case, expected_version)
    if to not in Phase.values:
        raise ValidationError({"to": [_("Tuntematon vaihe.")]})
    current, target = Phase(case.phase), Phase(to)
    if target not in TRANSITIONS[current]:
        raise ValidationError(
            {
                "to": [
                    _("Vaiheesta “%(from)s” ei voi siirtyä vaiheeseen “%(to)s”.")
                    % {"from": current.label, "to": target.label}
                ]
            },
            code="transition",
        )
    changes: dict[str, Any] = {"phase": target}
    if target == Phase.IMPLEMENTATION and case.follow_up_by_id is None:
        raise ValidationError(
            {
                "to": [
                    _(
                        "Toteutukseen ei voi siirtyä ennen kuin on sovittu, kuka vastaa "
                        "seurannasta (pikaoppaan kohta 7)."
                    )
                ]
            },
            code="follow_up_missing",
        )
    if target == Phase.CLOSED:
        errors = _closing_errors(case, outcome, closed_on)
        if errors:
            raise ValidationError(errors)
        changes |= {"outcome": outcome, "closed_on": closed_on, "outcome_note": outcome_note}
    _bump(case, expected_version, **changes)
    PhaseTransition.objects.create(
        case=case, from_phase=current, to_phase=target, by=by, reason=reason
    )
    record_event(by, case.client_id, EventType.CASE_PHASE, f"{case.pk}:{target}")
    if target == Phase.CLOSED:
        # A closed case needs no new responsible worker: what waited is cancelled, each logged.
        for req in HandoverRequest.objects.filter(case=case).pending().select_for_update():
            req.status, req.decided_at = HandoverStatus.CANCELLED, timezone.now()
            req.save(update_fields=["status", "decided_at"])
            record_event(by, case.client_id, EventType.HANDOVER_CANCEL, req.pk)
    return case


# -- checklist (the Heinola quick guide) ----------------------------------------------------


@transaction.atomic
def mark_checklist_step(
    *,
    case: Case,
    step: int,
    by: Professional,
    expected_version: int | None,
    note: str = "",
    follow_up_by: User | None = None,
) -> ChecklistItem:
    _check_version(case, expected_version)
    if step not in QUICK_GUIDE_STEPS:
        raise ValidationError({"step": [_("Pikaoppaassa on kohdat 1–7.")]})
    changes: dict[str, Any] = {}
    if step == FOLLOW_UP_STEP:
        if follow_up_by is None:
            raise ValidationError(
                {"follow_up_by": [_("Kohta 7: valitse, kuka vastaa seurannasta.")]}
            )
        changes["follow_up_by"] = follow_up_by
    _bump(case, expected_version, **changes)
    item, _created = ChecklistItem.objects.update_or_create(
        case=case, step=step, defaults={"note": note, "done_by": by, "done_at": timezone.now()}
    )
    record_event(by, case.client_id, EventType.CASE_CHECKLIST, f"{case.pk}:{step}")
    return item


# -- responsible worker --------------------------------------------------------------------


def _validate_receiver(case: Case, to_worker: User) -> None:
    if not works_with_clients(to_worker):
        raise ValidationError(
            {"to_worker": [_("Vastaanottajan on oltava asiakastyötä tekevä ammattilainen.")]}
        )
    if to_worker.pk == case.responsible_worker_id:
        raise ValidationError({"to_worker": [_("Hän on jo asiakkuuden vastuutyöntekijä.")]})


@transaction.atomic
def request_handover(
    *,
    case: Case,
    to_worker: User,
    by: Professional,
    reason: str,
    batch: uuid.UUID | None = None,
) -> HandoverRequest:
    """Ask ``to_worker`` to take over. The current worker stays responsible until accepted."""
    if case.phase == Phase.CLOSED:
        raise ValidationError(_("Päättyneen asiakkuuden vastuuta ei voi siirtää."))
    _validate_receiver(case, to_worker)
    if not reason.strip():
        raise ValidationError({"reason": [_("Kerro, miksi vastuu siirtyy.")]})
    try:
        with transaction.atomic():
            req = HandoverRequest.objects.create(
                case=case,
                from_worker_id=case.responsible_worker_id,
                to_worker=to_worker,
                requested_by=by,
                reason=reason.strip(),
                caseload_batch=batch,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("Asiakkuudella on jo odottava vastuun siirtopyyntö."), code="pending_exists"
        ) from exc
    record_event(by, case.client_id, EventType.HANDOVER_REQUEST, req.pk)
    return req


@transaction.atomic
def accept_handover(*, request: HandoverRequest, by: Professional) -> Case:
    req = HandoverRequest.objects.select_for_update().get(pk=request.pk)
    if req.to_worker_id != by.pk:
        raise ValidationError(_("Vain pyynnön vastaanottaja voi hyväksyä sen."))
    if req.status != HandoverStatus.PENDING:
        raise ValidationError(_("Pyyntö on jo käsitelty."), code="not_pending")
    case = req.case
    now = timezone.now()
    _bump(case, None, responsible_worker=by)
    ResponsibilityPeriod.objects.filter(case=case, ended_at__isnull=True).update(ended_at=now)
    ResponsibilityPeriod.objects.create(
        case=case, worker=by, started_at=now, reason=req.reason, assigned_by=req.requested_by
    )
    req.status, req.decided_at = HandoverStatus.ACCEPTED, now
    req.save(update_fields=["status", "decided_at"])
    record_event(by, case.client_id, EventType.HANDOVER_ACCEPT, req.pk)
    return case


@transaction.atomic
def decline_handover(*, request: HandoverRequest, by: Professional) -> HandoverRequest:
    req = HandoverRequest.objects.select_for_update().get(pk=request.pk)
    if req.to_worker_id != by.pk:
        raise ValidationError(_("Vain pyynnön vastaanottaja voi hylätä sen."))
    if req.status != HandoverStatus.PENDING:
        raise ValidationError(_("Pyyntö on jo käsitelty."), code="not_pending")
    req.status, req.decided_at = HandoverStatus.DECLINED, timezone.now()
    req.save(update_fields=["status", "decided_at"])
    record_event(by, req.case.client_id, EventType.HANDOVER_DECLINE, req.pk)
    return req


@transaction.atomic
def hand_over_caseload(
    *, from_worker: User, to_worker: User, by: Professional, reason: str
) -> list[HandoverRequest]:
    """A leaving professional's whole caseload in one step: one request per open case,
    each accepted by the receiver. Cases that already wait for a hand-over are left out."""
    same_org = by.organisation_id == from_worker.organisation_id
    if by.pk != from_worker.pk and not (hands_over_caseloads(by) and same_org):
        raise ValidationError(
            _(
                "Vain työntekijä itse tai saman organisaation koordinaattori voi siirtää asiakkuudet."
            )
        )
    batch = uuid.uuid4()
    cases = (
        Case.objects.open()
        .filter(responsible_worker=from_worker)
        .exclude(handover_requests__status=HandoverStatus.PENDING)
    )
    requests = [
        request_handover(case=case, to_worker=to_worker, by=by, reason=reason, batch=batch)
        for case in cases
    ]
    if not requests:
        raise ValidationError(_("Siirrettäviä avoimia asiakkuuksia ei ole."), code="empty")
    return requests


# -- network and journal -------------------------------------------------------------------


@transaction.atomic
def add_network_member(
    *,
    case: Case,
    by: Professional,
    organisation: Organisation | None,
    role: str,
    user: User | None = None,
) -> NetworkMember:
    if organisation is None:
        raise ValidationError({"organisation": [_("Valitse organisaatio.")]})
    if not role.strip():
        raise ValidationError({"role": [_("Kerro verkoston jäsenen rooli.")]})
    if user is not None and user.organisation_id != organisation.pk:
        raise ValidationError({"user": [_("Ammattilainen ei kuulu valittuun organisaatioon.")]})
    member = NetworkMember.objects.create(
        case=case, organisation=organisation, user=user, role=role.strip(), added_by=by
    )
    record_event(by, case.client_id, EventType.NETWORK_ADD, member.pk)
    return member


@transaction.atomic
def remove_network_member(*, member: NetworkMember, by: Professional) -> NetworkMember:
    if member.removed_at is not None:
        raise ValidationError(_("Jäsen on jo poistettu verkostosta."))
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])
    record_event(by, member.case.client_id, EventType.NETWORK_REMOVE, member.pk)
    return member


@transaction.atomic
def add_journal_entry(*, case: Case, by: Professional, category: str, text: str) -> JournalEntry:
    errors: dict[str, list[str]] = {}
    if category not in InfoCategory.values:
        errors["category"] = [_("Valitse kirjauksen tietoryhmä.")]
    if not text.strip():
        errors["text"] = [_("Kirjaus on tyhjä.")]
    if by.organisation_id is None:
        errors["__all__"] = [_("Käyttäjällä ei ole organisaatiota; kirjausta ei voi tehdä.")]
    if case.phase == Phase.CLOSED:
        errors["__all__"] = [_("Päättyneeseen asiakkuuteen ei voi kirjata.")]
    if errors:
        raise ValidationError(errors)
    entry = JournalEntry.objects.create(
        case=case,
        author=by,
        organisation_id=cast(int, by.organisation_id),  # checked above
        category=category,
        text=text.strip(),
    )
    record_event(by, case.client_id, EventType.JOURNAL_ADD, entry.pk)
    return entry
