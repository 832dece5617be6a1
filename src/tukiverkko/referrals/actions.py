"""Every change of a referral: one action per arrow of the state machine (models.TRANSITIONS),
each validating first, then changing the referral, its transition log row and one audit event
in one transaction (nothing half-saved). The view has authorised the client; these check the
rest — who may act on which side, the consent for the disclosure and the rules' prerequisites.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import Organisation, Unit, User
from tukiverkko.accounts.roles import note_category, register_of, works_with_clients
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases.models import Case, Phase
from tukiverkko.catalogue.models import Service
from tukiverkko.consent.models import InfoCategory, Purpose
from tukiverkko.core import limits
from tukiverkko.referrals import sending
from tukiverkko.referrals.models import (
    TRANSITIONS,
    Kind,
    Referral,
    ReferralTransition,
    Status,
    Urgency,
)


class ConflictError(ValidationError):
    """Someone else changed the referral after this form was opened."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Toinen käyttäjä on muuttanut lähetettä sillä välin. Muutoksiasi ei "
                "tallennettu: lataa sivu uudelleen ja tee muutos uudestaan."
            ),
            code="conflict",
        )


def _check_text(fields: dict[str, tuple[str, int]]) -> None:
    errors = limits.check_texts(fields)
    if errors:
        raise ValidationError(errors)


def _source(by: Professional) -> dict[str, Any]:
    return {
        "source_organisation_id": by.organisation_id,
        "source_register": register_of(by) or "",
        "source_category": note_category(by),
    }


def _move(
    referral: Referral,
    to: Status,
    by: Professional,
    expected_version: int | None,
    *,
    text: str = "",
    event: EventType,
    **changes: Any,
) -> Referral:
    """Move ``referral`` to ``to`` if the table allows it and nobody changed it since
    ``expected_version``; log the transition and the event."""
    if expected_version is not None and referral.version != expected_version:
        raise ConflictError()
    came_from = Status(referral.status)
    if to not in TRANSITIONS[came_from]:
        raise ValidationError(
            _("Lähetettä ei voi siirtää tilasta %(from)s tilaan %(to)s.")
            % {"from": came_from.label, "to": to.label},
            code="transition",
        )
    qs = Referral.objects.filter(pk=referral.pk, status=came_from)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if qs.update(status=to, version=F("version") + 1, **changes) != 1:
        raise ConflictError()
    referral.refresh_from_db()
    ReferralTransition.objects.create(
        referral=referral, from_status=came_from, to_status=to, by=by, text=text, **_source(by)
    )
    record_event(by, referral.case.client_id, event, f"{referral.pk}:{to}")
    return referral


def _check_sender_side(referral: Referral, by: Professional) -> None:
    if not works_with_clients(by) or by.organisation_id != referral.source_organisation_id:
        raise ValidationError(
            _("Vain lähettävän organisaation ammattilainen voi lähettää tai sulkea lähetteen."),
            code="not_sender",
        )


def _check_receiver_side(referral: Referral, by: Professional) -> None:
    if not isinstance(by, User) or not (
        works_with_clients(by) and Referral.objects.filter(pk=referral.pk).addressed_to(by).exists()
    ):
        raise ValidationError(
            _(
                "Vain vastaanottavan organisaation tai yksikön ammattilainen (tai lähetteen "
                "nimetty vastaanottaja) voi käsitellä lähetettä."
            ),
            code="not_receiver",
        )


# -- the draft ----------------------------------------------------------------------------


def _address(
    service: Service | None, to_professional: User | None, to_unit: Unit | None
) -> tuple[Organisation, Unit | None]:
    if service is not None and to_professional is not None:
        raise ValidationError(
            {
                "service": ValidationError(
                    _("Valitse joko palvelu tai ammattilainen, ei molempia."), code="both"
                )
            }
        )
    if to_professional is not None:
        if not works_with_clients(to_professional) or to_professional.organisation is None:
            raise ValidationError(
                {
                    "to_professional": ValidationError(
                        _("Vastaanottaja ei ole asiakastyötä tekevä ammattilainen."),
                        code="not_professional",
                    )
                }
            )
        return to_professional.organisation, to_professional.unit
    if service is None:
        raise ValidationError(
            {"service": ValidationError(_("Valitse palvelu tai ammattilainen."), code="required")}
        )
    if not service.is_valid_on(timezone.localdate()):
        raise ValidationError(
            {"service": ValidationError(_("Palvelu ei ole enää voimassa."), code="not_valid")}
        )
    if to_unit is not None and to_unit.organisation_id != service.organisation_id:
        raise ValidationError(
            {
                "to_unit": ValidationError(
                    _("Yksikön on kuuluttava palvelun järjestävään organisaatioon."),
                    code="unit_of_other_organisation",
                )
            }
        )
    return service.organisation, to_unit


@transaction.atomic
def create_draft(
    *,
    case: Case,
    by: Professional,
    situation: str,
    question: str,
    categories: list[str],
    kind: str = Kind.REFERRAL,
    service: Service | None = None,
    to_professional: User | None = None,
    to_unit: Unit | None = None,
    urgency: str = Urgency.ROUTINE,
    attachments: str = "",
    purpose: str = Purpose.INFORMATION_EXCHANGE,
) -> Referral:
    """A referral or consultation from ``case``, not yet sent."""
    if by.organisation_id is None or register_of(by) is None:
        raise ValidationError(
            _("Lähetteen voi tehdä vain ammattilainen, jolla on organisaatio ja yksikkö."),
            code="no_register",
        )
    if case.phase == Phase.CLOSED:
        raise ValidationError(
            _("Päättyneestä asiakkuudesta ei voi tehdä lähetettä."), code="case_closed"
        )
    if to_professional is not None and to_professional.pk == by.pk:
        raise ValidationError(
            {
                "to_professional": ValidationError(
                    _("Lähetettä ei voi osoittaa itselleen."), code="self"
                )
            }
        )
    organisation, unit = _address(service, to_professional, to_unit)
    errors: dict[str, list[ValidationError]] = {}
    if not situation.strip():
        errors["situation"] = [
            ValidationError(_("Kerro asiakkaan tilanne lyhyesti."), code="required")
        ]
    if not question.strip():
        errors["question"] = [
            ValidationError(_("Kerro, mitä halutaan selvitettävän."), code="required")
        ]
    if not categories:
        errors["categories"] = [
            ValidationError(_("Valitse ainakin yksi luovutettava tietoryhmä."), code="required")
        ]
    elif not set(categories) <= set(InfoCategory.values):
        errors["categories"] = [ValidationError(_("Tuntematon tietoryhmä."), code="invalid")]
    if kind not in Kind.values:
        errors["kind"] = [ValidationError(_("Valitse lähete tai konsultaatio."), code="invalid")]
    if urgency not in Urgency.values:
        errors["urgency"] = [ValidationError(_("Valitse kiireellisyys."), code="invalid")]
    if purpose not in Purpose.values:
        errors["purpose"] = [ValidationError(_("Valitse käyttötarkoitus."), code="invalid")]
    if errors:
        raise ValidationError(errors)
    _check_text(
        {
            "situation": (situation, limits.JOURNAL_TEXT),
            "question": (question, limits.REASON),
            "attachments": (attachments, limits.JOURNAL_TEXT),
        }
    )
    referral = Referral.objects.create(
        case=case,
        kind=kind,
        service=service,
        to_organisation=organisation,
        to_unit=unit,
        to_professional=to_professional,
        situation=situation,
        question=question,
        urgency=urgency,
        attachments=attachments,
        categories=sorted(set(categories)),
        purpose=purpose,
        sender=by,
        **_source(by),
    )
    ReferralTransition.objects.create(
        referral=referral, from_status="", to_status=Status.DRAFT, by=by, **_source(by)
    )
    record_event(by, case.client_id, EventType.REFERRAL_DRAFT, referral.pk)
    return referral


# -- sending ------------------------------------------------------------------------------


@transaction.atomic
def send_referral(*, referral: Referral, by: User, expected_version: int | None = None) -> Referral:
    """Send a draft: refused without the consent its disclosure needs, or when a prerequisite
    the rules name for the service is missing."""
    _check_sender_side(referral, by)
    if referral.status == Status.DRAFT and referral.case.phase == Phase.CLOSED:
        raise ValidationError(
            _("Päättyneestä asiakkuudesta ei voi lähettää lähetettä."), code="case_closed"
        )
    if referral.status == Status.DRAFT:
        sending.check_consent(referral)
        sending.check_prerequisites(referral, by)
    now = timezone.now()
    return _move(
        referral,
        Status.SENT,
        by,
        expected_version,
        event=EventType.REFERRAL_SEND,
        sent_at=now,
        due_on=sending.due_on(referral, now),
    )


# -- the receiver's answer ----------------------------------------------------------------


@transaction.atomic
def receive_referral(
    *, referral: Referral, by: User, expected_version: int | None = None
) -> Referral:
    _check_receiver_side(referral, by)
    return _move(
        referral,
        Status.RECEIVED,
        by,
        expected_version,
        event=EventType.REFERRAL_RECEIVE,
        received_at=timezone.now(),
    )


@transaction.atomic
def accept_referral(
    *, referral: Referral, by: User, expected_version: int | None = None
) -> Referral:
    """Accepted by a receiving professional, who becomes its handler: they see the client
    while the referral is open (querysets.clients_of_referral_handler)."""
    _check_receiver_side(referral, by)
    return _move(
        referral,
        Status.ACCEPTED,
        by,
        expected_version,
        event=EventType.REFERRAL_ACCEPT,
        answered_at=timezone.now(),
        handler=by,
    )


def _reason(reason: str, message: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": ValidationError(message, code="required")})
    _check_text({"reason": (reason, limits.REASON)})


@transaction.atomic
def decline_referral(
    *, referral: Referral, by: User, reason: str, expected_version: int | None = None
) -> Referral:
    _check_receiver_side(referral, by)
    _reason(reason, _("Kerro, miksi lähete hylätään."))
    return _move(
        referral,
        Status.DECLINED,
        by,
        expected_version,
        text=reason,
        event=EventType.REFERRAL_DECLINE,
        answered_at=timezone.now(),
    )


@transaction.atomic
def return_referral(
    *,
    referral: Referral,
    by: User,
    reason: str,
    better_service: Service | None = None,
    better_organisation: Organisation | None = None,
    expected_version: int | None = None,
) -> Referral:
    """Sent to the wrong address: returned with the better one (a service or an organisation)."""
    _check_receiver_side(referral, by)
    if better_service is None and better_organisation is None:
        raise ValidationError(
            {
                "better_service": ValidationError(
                    _("Kerro parempi osoite: palvelu tai organisaatio."), code="required"
                )
            }
        )
    _reason(reason, _("Kerro, miksi lähete palautetaan."))
    return _move(
        referral,
        Status.RETURNED,
        by,
        expected_version,
        text=reason,
        event=EventType.REFERRAL_RETURN,
        answered_at=timezone.now(),
        better_service=better_service,
        better_organisation=better_organisation
        or (better_service.organisation if better_service is not None else None),
    )


@transaction.atomic
def start_referral(
    *, referral: Referral, by: User, expected_version: int | None = None
) -> Referral:
    _check_receiver_side(referral, by)
    return _move(referral, Status.IN_PROGRESS, by, expected_version, event=EventType.REFERRAL_START)


@transaction.atomic
def complete_referral(
    *,
    referral: Referral,
    by: User,
    feedback: str,
    recommendations: str = "",
    expected_version: int | None = None,
) -> Referral:
    """Done: the feedback and recommendations, content of the receiver's register, go back to
    the sender (shown to another register only under a consent for feedback to the referrer)."""
    _check_receiver_side(referral, by)
    if not feedback.strip():
        raise ValidationError(
            {"feedback": ValidationError(_("Kirjoita palaute lähettäjälle."), code="required")}
        )
    _check_text(
        {
            "feedback": (feedback, limits.JOURNAL_TEXT),
            "recommendations": (recommendations, limits.JOURNAL_TEXT),
        }
    )
    return _move(
        referral,
        Status.COMPLETED,
        by,
        expected_version,
        event=EventType.REFERRAL_COMPLETE,
        completed_at=timezone.now(),
        feedback=feedback,
        recommendations=recommendations,
        feedback_organisation_id=by.organisation_id,
        feedback_register=register_of(by) or "",
        feedback_category=note_category(by),
    )


@transaction.atomic
def close_referral(
    *, referral: Referral, by: User, text: str = "", expected_version: int | None = None
) -> Referral:
    """The sender closes the loop: the feedback, the decline or the return has been read."""
    _check_sender_side(referral, by)
    _check_text({"text": (text, limits.REASON)})
    return _move(
        referral,
        Status.CLOSED,
        by,
        expected_version,
        text=text,
        event=EventType.REFERRAL_CLOSE,
        closed_at=timezone.now(),
    )
