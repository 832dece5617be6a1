"""Every state change of a client or a case: validate, change, and write the log rows
(phase log, responsibility history, audit) in the same transaction. No signals.

Errors are ``ValidationError`` with a Finnish message saying what is wrong; a stale edit
raises ``ConflictError``. Nothing is saved when an action raises.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.audit.actions import record_access
from tukiverkko.clients import crypto
from tukiverkko.clients.models import (
    CHECKLIST_STEPS,
    FOLLOW_UP_STEP,
    TRANSITIONS,
    Case,
    ChecklistItem,
    Client,
    ClientRelationship,
    HandoverRequest,
    HandoverStatus,
    InfoCategory,
    JournalEntry,
    NetworkMember,
    Outcome,
    Phase,
    PhaseTransition,
    ResponsibilityPeriod,
)
from tukiverkko.clients.models.client import normalise_henkilotunnus


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


class LikelyDuplicate(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Samanniminen asiakas samalla syntymäajalla on jo olemassa eri "
                "henkilötunnuksella. Tarkista henkilötunnus; jos kyse on eri henkilöstä, "
                "vahvista se ja tallenna uudelleen."
            ),
            code="likely_duplicate",
        )


def _audit(by: Any, client_id: int, what: str) -> None:
    record_access(user=by, client_id=client_id, what=what, allowed=True)


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


# -- clients ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClientResult:
    client: Client
    case: Case
    created: bool


@transaction.atomic
def create_client(
    *,
    by: Any,
    henkilotunnus: str,
    first_name: str,
    last_name: str,
    phone: str = "",
    email: str = "",
    address: str = "",
    languages: list[str] | None = None,
    municipality: Any = None,
    confirm_not_duplicate: bool = False,
) -> ClientResult:
    """Create a client — or find the same person by henkilötunnus, so nobody is two clients.

    Either way the creator's organisation gets a client relationship and the client has an
    open case (a new one in tunnistaminen, with the creator responsible).
    """
    errors: dict[str, list[str]] = {}
    try:
        code = normalise_henkilotunnus(henkilotunnus)
    except ValidationError as exc:
        errors["henkilotunnus"] = exc.messages
        code = ""
    if not first_name.strip():
        errors["first_name"] = [_("Etunimi puuttuu.")]
    if not last_name.strip():
        errors["last_name"] = [_("Sukunimi puuttuu.")]
    if getattr(by, "organisation_id", None) is None:
        errors["__all__"] = [_("Käyttäjällä ei ole organisaatiota; asiakasta ei voi luoda.")]
    if errors:
        raise ValidationError(errors)

    probe = Client()
    probe.set_henkilotunnus(code)
    existing = Client.objects.filter(henkilotunnus_hash__in=crypto.lookup_hashes(code)).first()
    created = existing is None
    if existing is None:
        likely = Client.objects.filter(
            birth_date=probe.birth_date,
            first_name__iexact=first_name.strip(),
            last_name__iexact=last_name.strip(),
        ).exists()
        if likely and not confirm_not_duplicate:
            raise LikelyDuplicate()
        client = probe
        client.first_name = first_name.strip()
        client.last_name = last_name.strip()
        client.phone, client.email, client.address = phone, email, address
        client.languages = languages or []
        client.municipality = municipality
        client.created_by = by
        client.save()
    else:
        client = existing
    ClientRelationship.objects.get_or_create(
        client=client,
        organisation_id=by.organisation_id,
        ended_at=None,
        defaults={"created_by": by},
    )
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
    _audit(by, client.pk, "client_create" if created else "client_found_by_henkilotunnus")
    return ClientResult(client=client, case=case, created=created)


@transaction.atomic
def open_case(*, client: Client, by: Any, reason: str = "") -> Case:
    if client.cases.open().exists():
        raise ValidationError(_("Asiakkaalla on jo avoin asiakkuus."), code="case_open")
    case = Case.objects.create(client=client, responsible_worker=by)
    PhaseTransition.objects.create(
        case=case, from_phase="", to_phase=Phase.IDENTIFICATION, by=by, reason=reason
    )
    ResponsibilityPeriod.objects.create(case=case, worker=by, assigned_by=by, reason=reason)
    _audit(by, client.pk, f"case_open:{case.pk}")
    return case


# -- phases -------------------------------------------------------------------------------


@transaction.atomic
def change_phase(
    *,
    case: Case,
    to: str,
    by: Any,
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
        errors: dict[str, list[str]] = {}
        if outcome not in Outcome.values:
            errors["outcome"] = [_("Valitse asiakkuuden päättymisen syy (tulos).")]
        if closed_on is None:
            errors["closed_on"] = [_("Anna päättymispäivä muodossa p.k.vvvv.")]
        elif closed_on > timezone.localdate():
            errors["closed_on"] = [_("Päättymispäivä ei voi olla tulevaisuudessa.")]
        elif closed_on < timezone.localdate(case.opened_at):
            errors["closed_on"] = [_("Päättymispäivä ei voi olla ennen asiakkuuden alkua.")]
        if errors:
            raise ValidationError(errors)
        changes |= {"outcome": outcome, "closed_on": closed_on, "outcome_note": outcome_note}
    _bump(case, expected_version, **changes)
    PhaseTransition.objects.create(
        case=case, from_phase=current, to_phase=target, by=by, reason=reason
    )
    if target == Phase.CLOSED:
        HandoverRequest.objects.filter(case=case, status=HandoverStatus.PENDING).update(
            status=HandoverStatus.CANCELLED, decided_at=timezone.now()
        )
    _audit(by, case.client_id, f"case_phase:{case.pk}:{target}")
    return case


# -- checklist (the Heinola quick guide) ----------------------------------------------------


@transaction.atomic
def mark_checklist_step(
    *,
    case: Case,
    step: int,
    by: Any,
    expected_version: int | None,
    note: str = "",
    follow_up_by: Any = None,
) -> ChecklistItem:
    _check_version(case, expected_version)
    if step not in CHECKLIST_STEPS:
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
    _audit(by, case.client_id, f"case_checklist:{case.pk}:{step}")
    return item


# -- responsible worker --------------------------------------------------------------------


def _validate_receiver(case: Case, to_worker: Any) -> None:
    from tukiverkko.clients.access import works_with_clients

    if not works_with_clients(to_worker):
        raise ValidationError(
            {"to_worker": [_("Vastaanottajan on oltava asiakastyötä tekevä ammattilainen.")]}
        )
    if to_worker.pk == case.responsible_worker_id:
        raise ValidationError({"to_worker": [_("Hän on jo asiakkuuden vastuutyöntekijä.")]})


@transaction.atomic
def request_handover(
    *, case: Case, to_worker: Any, by: Any, reason: str, batch: uuid.UUID | None = None
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
    _audit(by, case.client_id, f"handover_request:{req.pk}")
    return req


@transaction.atomic
def accept_handover(*, request: HandoverRequest, by: Any) -> Case:
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
    _audit(by, case.client_id, f"handover_accept:{req.pk}")
    return case


@transaction.atomic
def decline_handover(*, request: HandoverRequest, by: Any) -> HandoverRequest:
    req = HandoverRequest.objects.select_for_update().get(pk=request.pk)
    if req.to_worker_id != by.pk:
        raise ValidationError(_("Vain pyynnön vastaanottaja voi hylätä sen."))
    if req.status != HandoverStatus.PENDING:
        raise ValidationError(_("Pyyntö on jo käsitelty."), code="not_pending")
    req.status, req.decided_at = HandoverStatus.DECLINED, timezone.now()
    req.save(update_fields=["status", "decided_at"])
    _audit(by, req.case.client_id, f"handover_decline:{req.pk}")
    return req


@transaction.atomic
def hand_over_caseload(
    *, from_worker: Any, to_worker: Any, by: Any, reason: str
) -> list[HandoverRequest]:
    """A leaving professional's whole caseload in one step: one request per open case,
    each accepted by the receiver. Cases that already wait for a hand-over are left out."""
    from tukiverkko.accounts.models import Role

    allowed_roles = {Role.ADMINISTRATOR, Role.WORK_ABILITY_COORDINATOR}
    same_org = getattr(by, "organisation_id", None) == getattr(from_worker, "organisation_id", None)
    if by.pk != from_worker.pk and not (by.role in allowed_roles and same_org):
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
    *, case: Case, by: Any, organisation: Any, role: str, user: Any = None
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
    _audit(by, case.client_id, f"network_add:{member.pk}")
    return member


@transaction.atomic
def remove_network_member(*, member: NetworkMember, by: Any) -> NetworkMember:
    if member.removed_at is not None:
        raise ValidationError(_("Jäsen on jo poistettu verkostosta."))
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])
    _audit(by, member.case.client_id, f"network_remove:{member.pk}")
    return member


@transaction.atomic
def add_journal_entry(*, case: Case, by: Any, category: str, text: str) -> JournalEntry:
    errors: dict[str, list[str]] = {}
    if category not in InfoCategory.values:
        errors["category"] = [_("Valitse kirjauksen tietoryhmä.")]
    if not text.strip():
        errors["text"] = [_("Kirjaus on tyhjä.")]
    if getattr(by, "organisation_id", None) is None:
        errors["__all__"] = [_("Käyttäjällä ei ole organisaatiota; kirjausta ei voi tehdä.")]
    if case.phase == Phase.CLOSED:
        errors["__all__"] = [_("Päättyneeseen asiakkuuteen ei voi kirjata.")]
    if errors:
        raise ValidationError(errors)
    entry = JournalEntry.objects.create(
        case=case,
        author=by,
        organisation_id=by.organisation_id,
        category=category,
        text=text.strip(),
    )
    _audit(by, case.client_id, f"journal_add:{entry.pk}")
    return entry
