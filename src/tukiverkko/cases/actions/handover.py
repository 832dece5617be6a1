"""The responsible worker: hand-over requests, their decisions and a caseload hand-over
(seed 004: one named responsible worker; a planned change is not a hand-off)."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import (
    hands_over_caseloads,
    works_with_clients,
)
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases.actions._common import (
    _bump,
    _check_steering,
    _check_text,
    _in_path,
    _source,
)
from tukiverkko.cases.models import (
    Case,
    HandoverRequest,
    HandoverStatus,
    Phase,
    ResponsibilityPeriod,
)
from tukiverkko.core import limits

# -- responsible worker --------------------------------------------------------------------


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
def name_responsible_worker(*, case: Case, to_worker: User, by: Professional, reason: str) -> Case:
    """Name ``to_worker`` responsible at once — what a work-ability team's decision does when
    the client has nobody to walk beside them (seed 002: "Jos asiakkaalla ei ole
    rinnallakulkijaa/asiakasvastaavaa, tiimi nimeää/etsii"). The one who records it must steer
    the case; the named worker must be in the client's path, as in a hand-over."""
    _check_steering(case, by)
    if case.phase == Phase.CLOSED:
        raise ValidationError(_("Päättyneen asiakkuuden vastuuta ei voi siirtää."))
    _validate_receiver(case, to_worker)
    if not reason.strip():
        raise ValidationError({"reason": [_("Kerro, miksi vastuu siirtyy.")]})
    _check_text({"reason": (reason, limits.REASON)})
    now = timezone.now()
    _bump(case, None, responsible_worker=to_worker)
    ResponsibilityPeriod.objects.filter(case=case, ended_at__isnull=True).update(ended_at=now)
    period = ResponsibilityPeriod.objects.create(
        case=case,
        worker=to_worker,
        started_at=now,
        reason=reason.strip(),
        assigned_by=by,
        **_source(by),
    )
    record_event(by, case.client_id, EventType.RESPONSIBLE_NAMED, period.pk)
    return case


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
        # A dict error keeps its code only on the inner error (Django drops an outer one).
        raise ValidationError(
            {
                "to_worker": ValidationError(
                    _("Asiakkuudet siirtyvät vain saman organisaation ammattilaiselle."),
                    code="other_organisation",
                )
            }
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
