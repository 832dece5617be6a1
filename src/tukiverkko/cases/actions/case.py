"""Taking a client on, the phases of a case and the quick-guide checklist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import (
    register_of,
)
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases.actions._common import (
    _bump,
    _check_steering,
    _check_text,
    _check_version,
    _in_path,
    _source,
)
from tukiverkko.cases.models import (
    TRANSITIONS,
    Case,
    ChecklistItem,
    HandoverRequest,
    HandoverStatus,
    Outcome,
    Phase,
    PhaseTransition,
    ResponsibilityPeriod,
)
from tukiverkko.catalogue.quick_guide import FOLLOW_UP_STEP, QUICK_GUIDE_STEPS
from tukiverkko.clients.actions import (
    ClientDetails,
    register_client,
)
from tukiverkko.clients.models import Client
from tukiverkko.core import limits

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
