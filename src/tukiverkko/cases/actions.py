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
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import Organisation, User
from tukiverkko.accounts.roles import (
    hands_over_caseloads,
    note_category,
    register_of,
    works_with_clients,
)
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
from tukiverkko.clients.actions import (
    AlreadyRegistered,
    ClientDetails,
    LikelyDuplicate,
    register_client,
)
from tukiverkko.clients.models import Client
from tukiverkko.consent.models import JOURNAL_CATEGORIES, DisclosureProhibition
from tukiverkko.consent.selectors import admitting_consent
from tukiverkko.core import limits

__all__ = ["AlreadyRegistered", "ConflictError", "LikelyDuplicate"]


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


def _source(by: Professional) -> dict[str, Any]:
    """Whose register free text written by ``by`` belongs to (cases.models.Sourced)."""
    return {
        "source_organisation_id": by.organisation_id,
        "source_register": register_of(by) or "",
        "source_category": note_category(by),
    }


def _check_steering(case: Case, by: Professional) -> None:
    """Only the responsible worker and the case-owning controller's professionals steer a case
    (review H2; the view has checked the relationship, access.rules.may_steer)."""
    if by.pk != case.responsible_worker_id and by.organisation_id != case.organisation_id:
        raise ValidationError(
            _(
                "Vain vastuutyöntekijä ja asiakkuuden omistavan organisaation ammattilaiset "
                "voivat muuttaa asiakkuutta."
            ),
            code="not_steering",
        )


def _check_text(fields: dict[str, tuple[str, int]]) -> None:
    errors = limits.check_texts(fields)
    if errors:
        raise ValidationError(errors)


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


@transaction.atomic
def create_client(
    *,
    by: Professional,
    confirm_not_duplicate: bool = False,
    duplicates_among: QuerySet[Client] | None = None,
    **details: Unpack[ClientDetails],
) -> ClientResult:
    """Take a new client on: register them and open their case in tunnistaminen, with the
    creator responsible and their organisation the case-owning controller. A henkilötunnus
    already in the register raises ``AlreadyRegistered`` and attaches nobody (review C1)."""
    registered = register_client(
        by=by,
        confirm_not_duplicate=confirm_not_duplicate,
        duplicates_among=duplicates_among,
        **details,
    )
    return ClientResult(client=registered.client, case=open_case(client=registered.client, by=by))


@transaction.atomic
def open_case(*, client: Client, by: Professional, reason: str = "") -> Case:
    if client.cases.open().exists():
        raise ValidationError(_("Asiakkaalla on jo avoin asiakkuus."), code="case_open")
    register = register_of(by)
    if by.organisation_id is None or register is None:
        raise ValidationError(
            _("Asiakkuuden voi avata vain ammattilainen, jolla on organisaatio ja yksikkö."),
            code="no_register",
        )
    _check_text({"reason": (reason, limits.REASON)})
    case = Case.objects.create(
        client=client, responsible_worker=by, organisation_id=by.organisation_id, register=register
    )
    PhaseTransition.objects.create(
        case=case,
        from_phase="",
        to_phase=Phase.IDENTIFICATION,
        by=by,
        reason=reason,
        **_source(by),
    )
    ResponsibilityPeriod.objects.create(
        case=case, worker=by, assigned_by=by, reason=reason, **_source(by)
    )
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
    _check_steering(case, by)
    _check_text({"reason": (reason, limits.REASON), "outcome_note": (outcome_note, limits.REASON)})
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
        case=case, from_phase=current, to_phase=target, by=by, reason=reason, **_source(by)
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
    _check_steering(case, by)
    _check_text({"note": (note, limits.REASON)})
    if step not in QUICK_GUIDE_STEPS:
        raise ValidationError({"step": [_("Pikaoppaassa on kohdat 1–7.")]})
    changes: dict[str, Any] = {}
    if step == FOLLOW_UP_STEP:
        if follow_up_by is None:
            raise ValidationError(
                {"follow_up_by": [_("Kohta 7: valitse, kuka vastaa seurannasta.")]}
            )
        if not _in_path(case, follow_up_by):
            raise ValidationError(
                {
                    "follow_up_by": [
                        _(
                            "Seurannasta vastaa asiakkuuden omistavan organisaation tai "
                            "asiakkaan verkoston ammattilainen."
                        )
                    ]
                }
            )
        changes["follow_up_by"] = follow_up_by
    _bump(case, expected_version, **changes)
    item, _created = ChecklistItem.objects.update_or_create(
        case=case,
        step=step,
        defaults={"note": note, "done_by": by, "done_at": timezone.now(), **_source(by)},
    )
    record_event(by, case.client_id, EventType.CASE_CHECKLIST, f"{case.pk}:{step}")
    return item


# -- responsible worker --------------------------------------------------------------------


def _in_path(case: Case, user: User) -> bool:
    """Is ``user`` a professional of the case-owning controller, of the responsible worker's
    organisation, or a current member of the client's network? Responsibility and follow-up move
    only among them (review M2: never to anyone anywhere)."""
    if not works_with_clients(user):
        return False
    if user.organisation_id is not None and user.organisation_id in {
        case.organisation_id,
        case.responsible_worker.organisation_id,
    }:
        return True
    return case.network.current().filter(user=user).exists()


def _validate_receiver(case: Case, to_worker: User) -> None:
    if not works_with_clients(to_worker):
        raise ValidationError(
            {"to_worker": [_("Vastaanottajan on oltava asiakastyötä tekevä ammattilainen.")]}
        )
    if to_worker.pk == case.responsible_worker_id:
        raise ValidationError({"to_worker": [_("Hän on jo asiakkuuden vastuutyöntekijä.")]})
    if not _in_path(case, to_worker):
        raise ValidationError(
            {
                "to_worker": [
                    _(
                        "Vastuun voi siirtää vain asiakkuuden omistavan organisaation tai "
                        "vastuutyöntekijän organisaation ammattilaiselle tai asiakkaan "
                        "verkoston jäsenelle."
                    )
                ]
            }
        )


@transaction.atomic
def request_handover(
    *,
    case: Case,
    to_worker: User,
    by: Professional,
    reason: str,
) -> HandoverRequest:
    """Ask ``to_worker`` to take over. The current worker stays responsible until accepted."""
    _check_steering(case, by)
    return _request_handover(case=case, to_worker=to_worker, by=by, reason=reason)


def _request_handover(
    *, case: Case, to_worker: User, by: Professional, reason: str, batch: uuid.UUID | None = None
) -> HandoverRequest:
    if case.phase == Phase.CLOSED:
        raise ValidationError(_("Päättyneen asiakkuuden vastuuta ei voi siirtää."))
    _validate_receiver(case, to_worker)
    if not reason.strip():
        raise ValidationError({"reason": [_("Kerro, miksi vastuu siirtyy.")]})
    _check_text({"reason": (reason, limits.REASON)})
    try:
        with transaction.atomic():
            req = HandoverRequest.objects.create(
                case=case,
                from_worker_id=case.responsible_worker_id,
                to_worker=to_worker,
                requested_by=by,
                reason=reason.strip(),
                caseload_batch=batch,
                **_source(by),
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
        case=case,
        worker=by,
        started_at=now,
        reason=req.reason,
        assigned_by=req.requested_by,
        source_organisation_id=req.source_organisation_id,
        source_register=req.source_register,
        source_category=req.source_category,
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
    if (
        to_worker.organisation_id is None
        or to_worker.organisation_id != from_worker.organisation_id
    ):
        raise ValidationError(
            {"to_worker": [_("Asiakkuudet siirtyvät vain saman organisaation ammattilaiselle.")]},
            code="other_organisation",
        )
    batch = uuid.uuid4()
    cases = (
        Case.objects.open()
        .filter(responsible_worker=from_worker)
        .exclude(handover_requests__status=HandoverStatus.PENDING)
    )
    requests = [
        _request_handover(case=case, to_worker=to_worker, by=by, reason=reason, batch=batch)
        for case in cases
    ]
    if not requests:
        raise ValidationError(_("Siirrettäviä avoimia asiakkuuksia ei ole."), code="empty")
    return requests


# -- network and journal -------------------------------------------------------------------


def _admission_errors(case: Case, user: User) -> list[str]:
    """Why ``user`` may not be admitted to the case's network ([] when they may).

    A professional of the case's own organisation and register joins it freely. Anyone else —
    another organisation, or the other register of the same wellbeing county — needs a consent
    of the case's register that names their organisation or unit for network work, valid today,
    and no disclosure prohibition of that register (review H1)."""
    if not works_with_clients(user):
        return [_("Verkoston jäsenen on oltava asiakastyötä tekevä ammattilainen.")]
    if user.organisation_id == case.organisation_id and register_of(user) == case.register:
        return []
    prohibited = DisclosureProhibition.objects.filter(
        client_id=case.client_id, organisation_id=case.organisation_id, register=case.register
    ).active()
    if prohibited.exists():
        return [_("Asiakas on kieltänyt tietojensa luovuttamisen: verkostoon ei voi lisätä muita.")]
    if (
        user.organisation_id is None
        or admitting_consent(
            case.client_id,
            organisation_id=case.organisation_id,
            register=case.register,
            recipient_organisation_id=user.organisation_id,
            recipient_unit_id=user.unit_id,
        )
        is None
    ):
        return [
            _(
                "Asiakkaan voimassa oleva suostumus ei kata tätä organisaatiota tai yksikköä "
                "verkostotyöhön. Kirjaa ensin suostumus, jossa se on vastaanottajana."
            )
        ]
    return []


@transaction.atomic
def add_network_member(
    *,
    case: Case,
    by: Professional,
    organisation: Organisation | None,
    role: str,
    user: User | None = None,
) -> NetworkMember:
    """Admit a professional (or name an organisation) to the client's network: by the
    responsible worker or the case-owning controller's professionals only; another register's
    professional only under a consent that covers them."""
    _check_steering(case, by)
    if organisation is None:
        raise ValidationError({"organisation": [_("Valitse organisaatio.")]})
    if not role.strip():
        raise ValidationError({"role": [_("Kerro verkoston jäsenen rooli.")]})
    _check_text({"role": (role, limits.SHORT)})
    if case.phase == Phase.CLOSED:
        raise ValidationError(_("Päättyneen asiakkuuden verkostoa ei voi muuttaa."))
    if user is not None:
        if user.organisation_id != organisation.pk:
            raise ValidationError({"user": [_("Ammattilainen ei kuulu valittuun organisaatioon.")]})
        if errors := _admission_errors(case, user):
            raise ValidationError({"user": errors}, code="not_admitted")
        if case.network.current().filter(user=user).exists():
            raise ValidationError({"user": [_("Hän on jo asiakkaan verkostossa.")]})
    member = NetworkMember.objects.create(
        case=case,
        organisation=organisation,
        user=user,
        role=role.strip(),
        added_by=by,
        **_source(by),
    )
    record_event(by, case.client_id, EventType.NETWORK_ADD, member.pk)
    return member


@transaction.atomic
def remove_network_member(*, member: NetworkMember, by: Professional) -> NetworkMember:
    """End a membership: its access ends at once (the grant counts current members only)."""
    _check_steering(member.case, by)
    if member.removed_at is not None:
        raise ValidationError(_("Jäsen on jo poistettu verkostosta."))
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])
    record_event(by, member.case.client_id, EventType.NETWORK_REMOVE, member.pk)
    return member


@transaction.atomic
def add_journal_entry(*, case: Case, by: Professional, category: str, text: str) -> JournalEntry:
    """A professional with a relationship writes into their own organisation's and register's
    part of the record (the view has checked the relationship)."""
    errors: dict[str, list[str]] = {}
    if category not in dict(JOURNAL_CATEGORIES):
        errors["category"] = [_("Valitse kirjauksen tietoryhmä.")]
    if not text.strip():
        errors["text"] = [_("Kirjaus on tyhjä.")]
    errors |= limits.check_texts({"text": (text, limits.JOURNAL_TEXT)})
    register = register_of(by)
    if by.organisation_id is None or register is None:
        errors["__all__"] = [
            _("Käyttäjällä ei ole organisaatiota tai yksikköä; kirjausta ei voi tehdä.")
        ]
    if case.phase == Phase.CLOSED:
        errors["__all__"] = [_("Päättyneeseen asiakkuuteen ei voi kirjata.")]
    if errors:
        raise ValidationError(errors)
    entry = JournalEntry.objects.create(
        case=case,
        author=by,
        organisation_id=cast(int, by.organisation_id),  # checked above
        register=cast(str, register),
        category=category,
        text=text.strip(),
    )
    record_event(by, case.client_id, EventType.JOURNAL_ADD, entry.pk)
    return entry
