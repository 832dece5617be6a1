"""The agenda and the minutes: a case admitted under the client's consent, withdrawn, or
decided — the decisions go through the plans', referrals' and cases' own actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import User
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases import actions as case_actions
from tukiverkko.cases.actions._common import _check_steering, _source
from tukiverkko.cases.models import Case, Phase
from tukiverkko.catalogue.models import Service
from tukiverkko.consent.models import InfoCategory
from tukiverkko.core import limits
from tukiverkko.plans import actions as plan_actions
from tukiverkko.plans.checks import ActionData
from tukiverkko.plans.enums import Responsible
from tukiverkko.plans.models import Plan
from tukiverkko.referrals import actions as referral_actions
from tukiverkko.teams.actions._common import is_coordinating, is_member
from tukiverkko.teams.admission import admission
from tukiverkko.teams.models import (
    AGENDA_PURPOSES,
    AgendaItem,
    AgendaStatus,
    CaseMinutes,
    Meeting,
    MeetingKind,
    MeetingStatus,
)

# -- the agenda ----------------------------------------------------------------------------


@transaction.atomic
def add_to_agenda(
    *,
    meeting: Meeting,
    case: Case,
    by: Professional,
    question: str,
    categories: Sequence[str],
    purpose: str,
) -> AgendaItem:
    """Bring a case to a team meeting: by who steers the case (the responsible worker, the case
    organisation's professional), only under a consent that covers every organisation and
    register of the team for the categories and the purpose, and never twice at once ("tiimiin
    ei jäädä asiakkuuteen": a case comes, is decided and leaves; it may come back)."""
    _check_steering(case, by)
    team = meeting.team
    errors: dict[str, list[str]] = {}
    if team is None or not team.takes_cases or meeting.kind != MeetingKind.TEAM:
        raise ValidationError(
            _("Tämä tapaaminen ei käsittele asiakastapauksia."), code="no_cases_here"
        )
    if meeting.status == MeetingStatus.CANCELLED or meeting.ends_at <= timezone.now():
        raise ValidationError(_("Kokous on jo pidetty tai peruttu."), code="meeting_over")
    if case.phase == Phase.CLOSED:
        raise ValidationError(_("Päättynyttä asiakkuutta ei voi tuoda tiimiin."))
    if not question.strip():
        errors["question"] = [_("Kerro, mitä tiimiltä kysytään.")]
    chosen = [c for c in categories if c in InfoCategory.values]
    if not chosen or len(chosen) != len(categories):
        errors["categories"] = [_("Valitse tietoryhmät, joita tiimissä käsitellään.")]
    if purpose not in AGENDA_PURPOSES:
        errors["purpose"] = [_("Valitse käsittelyn käyttötarkoitus.")]
    errors |= limits.check_texts({"question": (question, limits.REASON)})
    if errors:
        raise ValidationError(errors)
    if AgendaItem.objects.filter(
        case=case, meeting__team=team, status=AgendaStatus.ON_AGENDA
    ).exists():
        raise ValidationError(_("Asiakas on jo tiimin esityslistalla."), code="already_on_agenda")
    found = admission(case, team, categories=chosen, purpose=purpose)
    if found.refusals:
        raise ValidationError(
            {"categories": [ValidationError(r, code="not_admitted") for r in found.refusals]}
        )
    returning = AgendaItem.objects.filter(
        case=case, meeting__team=team, status=AgendaStatus.DECIDED
    ).exists()
    try:
        with transaction.atomic():
            item = AgendaItem.objects.create(
                meeting=meeting,
                case=case,
                question=question.strip(),
                categories=chosen,
                purpose=purpose,
                consent_id=found.consent_id,
                brought_by=by,
                returning=returning,
                **_source(by),
            )
    except IntegrityError as exc:  # pragma: no cover - the check above runs first
        raise ValidationError(_("Asiakas on jo tämän kokouksen esityslistalla.")) from exc
    record_event(by, case.client_id, EventType.AGENDA_ADD, item.pk)
    return item


@transaction.atomic
def withdraw_from_agenda(*, item: AgendaItem, by: Professional) -> AgendaItem:
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.status != AgendaStatus.ON_AGENDA:
        raise ValidationError(_("Asia on jo käsitelty tai poistettu."), code="not_on_agenda")
    if by.pk != item.brought_by_id and not (
        item.meeting.team is not None and is_coordinating(item.meeting.team, by)
    ):
        _check_steering(item.case, by)
    item.status, item.closed_at = AgendaStatus.WITHDRAWN, timezone.now()
    item.save(update_fields=["status", "closed_at"])
    record_event(by, item.case.client_id, EventType.AGENDA_WITHDRAW, item.pk)
    return item


@dataclass(frozen=True)
class Decision:
    """What the team decided about one case (the minutes form, the API)."""

    summary: str
    decisions: str
    # Plan actions, one per line; each is the rinnallakulkija's or the responsible worker's.
    actions: Sequence[str] = ()
    companion_user: User | None = None
    companion_name: str = ""
    # A referral the team asks for: a draft the responsible worker checks and sends.
    referral_service: Service | None = None
    referral_question: str = ""
    # A new responsible worker, where the client has nobody (seed 002).
    responsible_worker: User | None = None
    # When the plan is reviewed next: the follow-up the team agrees (seed 003: "seurannan
    # vastuusta pitää sopia"); the reminder job reminds the rinnallakulkija of it.
    next_review_on: dt.date | None = None


def _minutes_errors(item: AgendaItem, by: Professional, d: Decision) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not d.summary.strip():
        errors["summary"] = [_("Kirjaa tiimin arvion yhteenveto.")]
    if not d.decisions.strip():
        errors["decisions"] = [_("Kirjaa tiimin päätökset.")]
    if d.companion_user is not None and d.companion_name.strip():
        errors["companion_name"] = [
            _("Anna rinnallakulkija joko käyttäjänä tai nimenä, ei molempia.")
        ]
    if d.referral_service is not None and not d.referral_question.strip():
        errors["referral_question"] = [_("Kerro, mitä lähetteellä pyydetään.")]
    plan = Plan.objects.filter(case=item.case).first()
    has_companion = plan is not None and (plan.companion_user_id or plan.companion_name)
    names_one = d.companion_user is not None or d.companion_name.strip()
    if not has_companion and not names_one:
        errors["companion_user"] = [
            _("Asiakkaalla ei ole rinnallakulkijaa: tiimin on nimettävä hänelle rinnallakulkija.")
        ]
    errors |= limits.check_texts(
        {
            "summary": (d.summary, limits.JOURNAL_TEXT),
            "decisions": (d.decisions, limits.JOURNAL_TEXT),
            "companion_name": (d.companion_name, limits.NAME),
            "referral_question": (d.referral_question, limits.REASON),
            **{f"actions.{i}": (a, limits.REASON) for i, a in enumerate(d.actions)},
        }
    )
    return errors


@transaction.atomic
def record_minutes(*, item: AgendaItem, by: Professional, decision: Decision) -> CaseMinutes:
    """The team's record of one case, at or after its meeting, by a member of the team. The
    decisions go on through their own apps: plan actions (and the rinnallakulkija) as one new
    plan version, a referral as a draft, a new responsible worker through the case. Then the
    case leaves the team (AgendaStatus.DECIDED)."""
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting__team", "case")
        .get(pk=item.pk)
    )
    team = item.meeting.team
    if team is None or not is_member(team, by):
        raise ValidationError(
            _("Vain tiimin jäsen voi kirjata tiimin käsittelyn."), code="not_member"
        )
    if item.status != AgendaStatus.ON_AGENDA:
        raise ValidationError(_("Asia on jo käsitelty tai poistettu."), code="not_on_agenda")
    if item.meeting.starts_at > timezone.now():
        raise ValidationError(
            _("Kokous ei ole vielä alkanut: käsittelyn voi kirjata kokouksessa."),
            code="meeting_not_started",
        )
    if errors := _minutes_errors(item, by, decision):
        raise ValidationError(errors)
    case = item.case
    plan_version = None
    lines = [a.strip() for a in decision.actions if a.strip()]
    companion_named = decision.companion_user is not None or bool(decision.companion_name.strip())
    if lines or companion_named or decision.next_review_on is not None:
        doer = decision.companion_user or decision.responsible_worker or case.responsible_worker
        plan_version = plan_actions.add_actions(
            case=case,
            by=by,
            actions=[
                ActionData(text=line, responsible=Responsible.PROFESSIONAL, responsible_user=doer)
                for line in lines
            ],
            companion_user=decision.companion_user,
            companion_name=decision.companion_name.strip(),
            next_review_on=decision.next_review_on,
        )
    referral = None
    if decision.referral_service is not None:
        referral = referral_actions.create_draft(
            case=case,
            by=by,
            situation=decision.summary.strip()[: limits.REASON],
            question=decision.referral_question.strip(),
            categories=list(item.categories),
            service=decision.referral_service,
        )
    if decision.responsible_worker is not None:
        case_actions.name_responsible_worker(
            case=case,
            to_worker=decision.responsible_worker,
            by=by,
            reason=_("Työkyvyn tuen tiimin päätös (%(team)s).") % {"team": team.name},
        )
    minutes = CaseMinutes.objects.create(
        item=item,
        summary=decision.summary.strip(),
        decisions=decision.decisions.strip(),
        companion_user=decision.companion_user,
        companion_name=decision.companion_name.strip(),
        plan_version=plan_version,
        referral=referral,
        responsible_worker=decision.responsible_worker,
        recorded_by=by,
        **_source(by),
    )
    item.status, item.closed_at = AgendaStatus.DECIDED, timezone.now()
    item.save(update_fields=["status", "closed_at"])
    record_event(by, case.client_id, EventType.TEAM_MINUTES, minutes.pk)
    return minutes
