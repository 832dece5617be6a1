"""/api/v1/referrals/: the same selectors, actions and access policy as the referral pages.

A referral is reached on the sender's side by whoever may see its client (access.selectors),
on the receiver's side by the professionals it is addressed to; anyone else gets 404 (logged).
Refusals are problem documents (api.errors): 400 with the reason, 409 for a stale version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from tukiverkko.access import selectors as access
from tukiverkko.access.selectors import Need
from tukiverkko.accounts.models import Organisation, Unit, User
from tukiverkko.api.auth import caller, no_store, professional
from tukiverkko.api.errors import Problem, from_validation_error
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.purposes import AccessPurpose
from tukiverkko.catalogue.models import Service
from tukiverkko.core import limits
from tukiverkko.referrals import actions, selectors
from tukiverkko.referrals.forms import CompleteForm, ReasonForm, ReferralForm, ReturnForm
from tukiverkko.referrals.models import Referral

router = Router(tags=["referrals"], auth=professional)

REFUSALS: dict[int | str, Any] = {
    400: Problem,
    403: Problem,
    404: Problem,
    409: Problem,
    422: Problem,
}


class TransitionOut(Schema):
    from_status: str
    to_status: str
    by_id: int
    at: dt.datetime
    text: str | None  # None: the reader may not see it (the content filter)


class ReferralOut(Schema):
    id: int
    case_id: int
    kind: str
    status: str
    urgency: str
    service_id: int | None
    to_organisation_id: int
    to_unit_id: int | None
    to_professional_id: int | None
    sender_id: int
    handler_id: int | None
    categories: list[str]
    purpose: str
    sent_at: dt.datetime | None
    received_at: dt.datetime | None
    answered_at: dt.datetime | None
    completed_at: dt.datetime | None
    closed_at: dt.datetime | None
    due_on: dt.date | None
    overdue: bool
    where: str  # "where is it now?" in one sentence
    version: int
    # None where the content filter does not show them to the reader
    situation: str | None
    question: str | None
    attachments: str | None
    feedback: str | None
    recommendations: str | None
    better_service_id: int | None
    better_organisation_id: int | None
    transitions: list[TransitionOut]
    steps: list[str]  # the actions the reader may take now


class ReferralRowOut(Schema):
    id: int
    case_id: int
    client_id: int
    kind: str
    status: str
    urgency: str
    to_organisation_id: int
    sent_at: dt.datetime | None
    due_on: dt.date | None
    overdue: bool
    where: str


class DraftIn(Schema):
    kind: str = Field("referral", max_length=20)
    service_id: int | None = Field(None, ge=1, le=2**31)
    to_unit_id: int | None = Field(None, ge=1, le=2**31)
    to_professional_id: int | None = Field(None, ge=1, le=2**31)
    situation: str = Field(max_length=limits.JOURNAL_TEXT)
    question: str = Field(max_length=limits.REASON)
    urgency: str = Field("routine", max_length=10)
    attachments: str = Field("", max_length=limits.JOURNAL_TEXT)
    categories: list[str] = Field(max_length=10)
    purpose: str = Field("information_exchange", max_length=30)


class VersionIn(Schema):
    version: int | None = Field(None, ge=0, le=2**31)


class ReasonIn(VersionIn):
    reason: str = Field(max_length=limits.REASON)


class ReturnIn(ReasonIn):
    better_service_id: int | None = Field(None, ge=1, le=2**31)
    better_organisation_id: int | None = Field(None, ge=1, le=2**31)


class CompleteIn(VersionIn):
    feedback: str = Field(max_length=limits.JOURNAL_TEXT)
    recommendations: str = Field("", max_length=limits.JOURNAL_TEXT)


class CloseIn(VersionIn):
    text: str = Field("", max_length=limits.REASON)


class InboxPage(Schema):
    page: int = Field(1, ge=1, le=1_000_000)


def _labels(form: type[Form]) -> dict[str, str]:
    return {name: str(field.label) for name, field in form.base_fields.items()}


def _deny(user: User, referral: Referral | None, what: str, referral_id: int) -> Http404:
    record_access(
        user=user,
        client_id=referral.case.client_id if referral is not None else None,
        what=f"{what}:referral:{referral_id}" if referral is None else what,
        purpose=AccessPurpose.CLIENT_WORK,
        allowed=False,
    )
    return Http404()


def _readable(user: User, referral_id: int, what: str) -> Referral:
    referral = selectors.referral_by_id(referral_id)
    if referral is None:
        raise _deny(user, None, what, referral_id)
    if selectors.is_addressee(user, referral):
        selectors.log_addressee_read(user, referral, what)
    else:
        access.get_case(user, referral.case_id, what=what)
    return referral


def _for_sender(user: User, referral_id: int, what: str) -> Referral:
    referral = selectors.referral_by_id(referral_id)
    if referral is None:
        raise _deny(user, None, what, referral_id)
    access.get_case_for_change(user, referral.case_id, what=what, need=Need.WRITE)
    return referral


def _for_receiver(user: User, referral_id: int, what: str) -> Referral:
    referral = selectors.referral_by_id(referral_id)
    if referral is None or not selectors.is_addressee(user, referral):
        raise _deny(user, referral, what, referral_id)
    return referral


def _out(user: User, referral: Referral) -> dict[str, Any]:
    view = selectors.referral_view(user, referral)
    shown = view.content_visible
    return {
        **{
            name: getattr(referral, name)
            for name in (
                "id",
                "case_id",
                "kind",
                "status",
                "urgency",
                "service_id",
                "to_organisation_id",
                "to_unit_id",
                "to_professional_id",
                "sender_id",
                "handler_id",
                "categories",
                "purpose",
                "sent_at",
                "received_at",
                "answered_at",
                "completed_at",
                "closed_at",
                "due_on",
                "version",
                "better_service_id",
                "better_organisation_id",
            )
        },
        "overdue": view.overdue,
        "where": view.where,
        "situation": referral.situation if shown else None,
        "question": referral.question if shown else None,
        "attachments": referral.attachments if shown else None,
        "feedback": referral.feedback if view.feedback_visible else None,
        "recommendations": referral.recommendations if view.feedback_visible else None,
        "transitions": [
            {
                "from_status": row.row.from_status,
                "to_status": row.row.to_status,
                "by_id": row.row.by_id,
                "at": row.row.at,
                "text": row.row.text if row.text_visible else None,
            }
            for row in view.log
        ],
        "steps": view.steps,
    }


def _row(row: selectors.InboxRow) -> dict[str, Any]:
    r = row.referral
    return {
        "id": r.pk,
        "case_id": r.case_id,
        "client_id": r.case.client_id,
        "kind": r.kind,
        "status": r.status,
        "urgency": r.urgency,
        "to_organisation_id": r.to_organisation_id,
        "sent_at": r.sent_at,
        "due_on": r.due_on,
        "overdue": row.overdue,
        "where": row.where,
    }


@router.get("/inbox", response={200: list[ReferralRowOut], 422: Problem})
@no_store
def inbox(request: HttpRequest, query: Query[InboxPage]) -> list[dict[str, Any]]:
    """The referrals addressed to the caller, their unit or organisation; newest first, 50 a
    page; each client shown is logged."""
    found = selectors.inbox(caller(request), page=query.page, what="api:referral_inbox")
    return [_row(row) for row in found.rows]


@router.get("/cases/{case_id}", response={200: list[ReferralRowOut], 404: Problem, 422: Problem})
@no_store
def case_referrals(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    case = access.get_case(caller(request), case_id, what="api:case_referrals")
    return [_row(row) for row in selectors.case_referrals(case)]


def _found(model: type[Any], pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    row = model.objects.filter(pk=pk).first()
    if row is None:
        raise ValidationError(
            {
                field: ValidationError(
                    _("Valitse jokin sallituista arvoista."), code="invalid_choice"
                )
            }
        )
    return row


@router.post("/cases/{case_id}", response={201: ReferralOut, **REFUSALS})
@no_store
def create_draft(request: HttpRequest, case_id: int, body: DraftIn) -> Any:
    user = caller(request)
    case = access.get_case_for_change(user, case_id, what="api:referral_draft", need=Need.WRITE)
    try:
        referral = actions.create_draft(
            case=case,
            by=user,
            kind=body.kind,
            service=_found(Service, body.service_id, "service"),
            to_unit=_found(Unit, body.to_unit_id, "to_unit"),
            to_professional=_found(User, body.to_professional_id, "to_professional"),
            situation=body.situation,
            question=body.question,
            urgency=body.urgency,
            attachments=body.attachments,
            categories=body.categories,
            purpose=body.purpose,
        )
    except ValidationError as exc:
        raise from_validation_error(exc, labels=_labels(ReferralForm)) from exc
    return Status(201, _out(user, selectors.referral_by_id(referral.pk) or referral))


@router.get("/{referral_id}", response={200: ReferralOut, 404: Problem, 422: Problem})
@no_store
def referral_detail(request: HttpRequest, referral_id: int) -> dict[str, Any]:
    user = caller(request)
    return _out(user, _readable(user, referral_id, "api:referral"))


def _step(
    request: HttpRequest,
    referral: Referral,
    run: Callable[[], Referral],
    labels: dict[str, str] | None = None,
) -> dict[str, Any]:
    try:
        done = run()
    except ValidationError as exc:
        raise from_validation_error(exc, labels=labels) from exc
    return _out(caller(request), selectors.referral_by_id(done.pk) or done)


@router.post("/{referral_id}/send", response={200: ReferralOut, **REFUSALS})
@no_store
def send(request: HttpRequest, referral_id: int, body: VersionIn) -> dict[str, Any]:
    """Send a draft: refused (400, with the reason) without the consent its disclosure needs
    or when a prerequisite the rules name for the service is missing."""
    user = caller(request)
    referral = _for_sender(user, referral_id, "api:referral_send")
    return _step(
        request,
        referral,
        lambda: actions.send_referral(referral=referral, by=user, expected_version=body.version),
    )


@router.post("/{referral_id}/close", response={200: ReferralOut, **REFUSALS})
@no_store
def close(request: HttpRequest, referral_id: int, body: CloseIn) -> dict[str, Any]:
    user = caller(request)
    referral = _for_sender(user, referral_id, "api:referral_close")
    return _step(
        request,
        referral,
        lambda: actions.close_referral(
            referral=referral, by=user, text=body.text, expected_version=body.version
        ),
    )


@router.post("/{referral_id}/receive", response={200: ReferralOut, **REFUSALS})
@no_store
def receive(request: HttpRequest, referral_id: int, body: VersionIn) -> dict[str, Any]:
    user = caller(request)
    referral = _for_receiver(user, referral_id, "api:referral_receive")
    return _step(
        request,
        referral,
        lambda: actions.receive_referral(referral=referral, by=user, expected_version=body.version),
    )


@router.post("/{referral_id}/accept", response={200: ReferralOut, **REFUSALS})
@no_store
def accept(request: HttpRequest, referral_id: int, body: VersionIn) -> dict[str, Any]:
    """Accept: the caller becomes its handler and sees the client while it is open."""
    user = caller(request)
    referral = _for_receiver(user, referral_id, "api:referral_accept")
    return _step(
        request,
        referral,
        lambda: actions.accept_referral(referral=referral, by=user, expected_version=body.version),
    )


@router.post("/{referral_id}/decline", response={200: ReferralOut, **REFUSALS})
@no_store
def decline(request: HttpRequest, referral_id: int, body: ReasonIn) -> dict[str, Any]:
    user = caller(request)
    referral = _for_receiver(user, referral_id, "api:referral_decline")
    return _step(
        request,
        referral,
        lambda: actions.decline_referral(
            referral=referral, by=user, reason=body.reason, expected_version=body.version
        ),
        _labels(ReasonForm),
    )


@router.post("/{referral_id}/return", response={200: ReferralOut, **REFUSALS})
@no_store
def return_(request: HttpRequest, referral_id: int, body: ReturnIn) -> dict[str, Any]:
    """Return as sent to the wrong address, naming the better one (a service or organisation)."""
    user = caller(request)
    referral = _for_receiver(user, referral_id, "api:referral_return")
    return _step(
        request,
        referral,
        lambda: actions.return_referral(
            referral=referral,
            by=user,
            reason=body.reason,
            better_service=_found(Service, body.better_service_id, "better_service"),
            better_organisation=_found(
                Organisation, body.better_organisation_id, "better_organisation"
            ),
            expected_version=body.version,
        ),
        _labels(ReturnForm),
    )


@router.post("/{referral_id}/start", response={200: ReferralOut, **REFUSALS})
@no_store
def start(request: HttpRequest, referral_id: int, body: VersionIn) -> dict[str, Any]:
    user = caller(request)
    referral = _for_receiver(user, referral_id, "api:referral_start")
    return _step(
        request,
        referral,
        lambda: actions.start_referral(referral=referral, by=user, expected_version=body.version),
    )


@router.post("/{referral_id}/complete", response={200: ReferralOut, **REFUSALS})
@no_store
def complete(request: HttpRequest, referral_id: int, body: CompleteIn) -> dict[str, Any]:
    """Complete with the feedback and recommendations for the sender."""
    user = caller(request)
    referral = _for_receiver(user, referral_id, "api:referral_complete")
    return _step(
        request,
        referral,
        lambda: actions.complete_referral(
            referral=referral,
            by=user,
            feedback=body.feedback,
            recommendations=body.recommendations,
            expected_version=body.version,
        ),
        _labels(CompleteForm),
    )
