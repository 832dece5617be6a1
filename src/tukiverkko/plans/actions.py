"""Every change of a plan: validate first, then change, write the new immutable version and one
audit event, in one transaction. No signals.

Only the case's steering professionals change its plan (the cases app's rule: the responsible
worker and the case-owning controller's professionals); a closed case's plan is read-only. A
stale form raises ``PlanConflictError`` (the plan's version number is its optimistic lock).
Nothing is saved when an action raises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import ClientActor, Professional
from tukiverkko.accounts.models import User
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases import actions as case_actions
from tukiverkko.cases.actions._common import _check_steering, _in_path, _source
from tukiverkko.cases.models import Case, Phase
from tukiverkko.core import limits
from tukiverkko.plans.checks import (
    ActionData,
    Collected,
    ExternalPlanData,
    GoalData,
    PlanFields,
    action_data,
    action_errors,
    external_data,
    external_errors,
    fields_of,
    goal_data,
    goal_errors,
    plan_errors,
    review_date_errors,
    strictest_review_rule,
)
from tukiverkko.plans.enums import (
    ActionStatus,
    Attainment,
    PlanningMode,
    Responsible,
    VersionChange,
)
from tukiverkko.plans.models import ExternalPlan, Goal, GoalReview, Plan, PlanAction, PlanVersion
from tukiverkko.plans.snapshot import snapshot

__all__ = [
    "ActionData",
    "ExternalPlanData",
    "GoalData",
    "PlanConflictError",
    "PlanFields",
    "agree_plan",
    "create_plan",
    "review_goal",
    "save_plan",
    "update_own_action",
]


class PlanConflictError(ValidationError):
    """Someone else saved the plan after this form was opened."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Toinen käyttäjä on muuttanut suunnitelmaa sillä välin. Muutoksiasi ei "
                "tallennettu: lataa sivu uudelleen ja tee muutos uudestaan."
            ),
            code="conflict",
        )


def _check_open(case: Case) -> None:
    if case.phase == Phase.CLOSED:
        raise ValidationError(
            _("Asiakkuus on päättynyt: sen suunnitelmaa voi vain lukea."), code="case_closed"
        )


def _check_may_change(plan: Plan, by: Professional, expected_version: int | None) -> None:
    """A stale form is a conflict before anything else is judged; then the case's own rules."""
    if expected_version is not None and plan.version != expected_version:
        raise PlanConflictError()
    _check_open(plan.case)
    _check_steering(plan.case, by)


def _check_may_review(plan: Plan, by: Professional, expected_version: int | None) -> None:
    """A goal's review is by who steers the case, or by the plan's rinnallakulkija, who takes
    the plan on with the client (seed 002: "lähtee asiakkaan kanssa viemään suunnitelmaa
    eteenpäin")."""
    if expected_version is not None and plan.version != expected_version:
        raise PlanConflictError()
    _check_open(plan.case)
    if plan.companion_user_id is None or by.pk != plan.companion_user_id:
        _check_steering(plan.case, by)


def _raise(out: Collected) -> None:
    if out.errors:
        raise ValidationError(out.errors)


def _in_path_or_none(case: Case, user: User | None) -> bool:
    return user is None or _in_path(case, user)


def _new_version(
    plan: Plan, by: Professional | None, expected_version: int | None, change: VersionChange
) -> PlanVersion:
    """Bump the plan's number (only if nobody saved since ``expected_version``) and keep the
    whole plan as it now is."""
    qs = Plan.objects.filter(pk=plan.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if qs.update(version=F("version") + 1) != 1:
        raise PlanConflictError()
    plan.refresh_from_db()
    return PlanVersion.objects.create(
        plan=plan, number=plan.version, author=by, change=change, snapshot=snapshot(plan)
    )


def _plan_values(plan: Plan, fields: PlanFields, by: Professional) -> dict[str, Any]:
    mediated = fields.mode == PlanningMode.MEDIATED
    values: dict[str, Any] = {
        "client_goal": fields.client_goal,
        "mode": fields.mode,
        "mediated_consent_on": fields.mediated_consent_on if mediated else None,
        "mediated_consent_channel": fields.mediated_consent_channel if mediated else "",
        "companion_user": fields.companion_user,
        "companion_name": fields.companion_name,
        "next_review_on": fields.next_review_on,
    }
    if plan.pk is None or plan.client_goal != fields.client_goal:
        values |= _source(by)  # the client's goal, as its writer wrote it down
    return values


@transaction.atomic
def create_plan(*, case: Case, by: Professional, fields: PlanFields | None = None) -> Plan:
    """Start the plan of ``case``: version 1."""
    fields = fields or PlanFields()
    _check_open(case)
    _check_steering(case, by)
    if Plan.objects.filter(case=case).exists():
        raise ValidationError(_("Asiakkuudella on jo suunnitelma."), code="plan_exists")
    out = Collected()
    plan_errors(fields, out, in_path=_in_path_or_none(case, fields.companion_user))
    _raise(out)
    plan = Plan(case=case)
    for name, value in _plan_values(plan, fields, by).items():
        setattr(plan, name, value)
    plan.save()
    version = _new_version(plan, by, 0, VersionChange.CREATE)
    record_event(by, case.client_id, EventType.PLAN_CREATE, f"{plan.pk}:v{version.number}")
    return plan


M = TypeVar("M", bound=models.Model)


def _rows(
    plan: Plan, model: type[M], items: Sequence[Any], prefix: str, out: Collected
) -> dict[int, M]:
    """The plan's own rows that ``items`` name by id; an id of another plan's is refused."""
    rows: dict[int, M] = {row.pk: row for row in model._default_manager.filter(plan=plan)}
    for n, item in enumerate(items):
        if item.id is not None and item.id not in rows:
            out.add(f"{prefix}-{n}-id", _("Riviä ei löydy tästä suunnitelmasta."))
    return rows


def _differs(row: models.Model, name: str, value: Any) -> bool:
    field = row._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        return bool(getattr(row, field.attname) != (value.pk if value is not None else None))
    return bool(getattr(row, name) != value)


def _sync(
    plan: Plan,
    model: type[M],
    rows: dict[int, M],
    items: Sequence[Any],
    by: Professional,
    text_fields: tuple[str, ...],
) -> bool:
    """Make the plan's rows of one kind what ``items`` say: update, add, delete the rest. A row
    whose text changes becomes its new writer's content. True when anything changed."""
    changed = False
    kept: set[int] = set()
    positioned = any(f.name == "position" for f in model._meta.fields)
    for position, item in enumerate(items):
        values = {k: v for k, v in vars(item).items() if k != "id"}
        if positioned:
            values["position"] = position
        row = rows.get(item.id) if item.id is not None else None
        if row is None:
            model._default_manager.create(plan=plan, **values, **_source(by))
            changed = True
            continue
        kept.add(row.pk)
        differs = {k for k, v in values.items() if _differs(row, k, v)}
        if not differs:
            continue
        if differs & set(text_fields):
            values |= _source(by)
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
        changed = True
    for pk, row in rows.items():
        if pk not in kept:
            row.delete()
            changed = True
    return changed


@transaction.atomic
def save_plan(
    *,
    plan: Plan,
    by: Professional,
    expected_version: int | None,
    fields: PlanFields,
    goals: Sequence[GoalData] = (),
    actions: Sequence[ActionData] = (),
    external_plans: Sequence[ExternalPlanData] = (),
) -> PlanVersion:
    """Save the whole plan as the form shows it — its fields, goals, actions and other plans —
    as one new version with one event. A row left out is removed (the versions keep it)."""
    _check_may_change(plan, by, expected_version)
    case = plan.case
    out = Collected()
    # The service of an action whose own rule reviews the plan sooner than six months.
    rule = strictest_review_rule(
        a.service_type or (a.service.service_type if a.service else None) for a in actions
    )
    plan_errors(fields, out, in_path=_in_path_or_none(case, fields.companion_user), rule=rule)
    for n, goal in enumerate(goals):
        goal_errors(n, goal, out)
    for n, action in enumerate(actions):
        action_errors(n, action, out, in_path=_in_path_or_none(case, action.responsible_user))
    for n, row in enumerate(external_plans):
        external_errors(n, row, out)
    goal_rows = _rows(plan, Goal, goals, "goals", out)
    action_rows = _rows(plan, PlanAction, actions, "actions", out)
    external_rows = _rows(plan, ExternalPlan, external_plans, "external_plans", out)
    _raise(out)
    values = _plan_values(plan, fields, by)
    changed = any(_differs(plan, k, v) for k, v in values.items() if not k.startswith("source_"))
    for name, value in values.items():
        setattr(plan, name, value)
    plan.save(update_fields=list(values))  # never ``version``: only _new_version moves it
    changed = _sync(plan, Goal, goal_rows, goals, by, ("text", "indicator")) | changed
    changed = _sync(plan, PlanAction, action_rows, actions, by, ("text",)) | changed
    changed = (
        _sync(plan, ExternalPlan, external_rows, external_plans, by, ("owner_name",)) | changed
    )
    if not changed:
        raise ValidationError(
            _("Et muuttanut suunnitelmaa: uutta versiota ei tallennettu."), code="unchanged"
        )
    version = _new_version(plan, by, expected_version, VersionChange.SAVE)
    record_event(by, case.client_id, EventType.PLAN_SAVE, f"{plan.pk}:v{version.number}")
    return version


@transaction.atomic
def review_goal(
    *,
    goal: Goal,
    by: Professional,
    expected_version: int | None,
    reviewed_on: dt.date | None,
    attainment: int | None,
    note: str = "",
    next_review_on: dt.date | None = None,
) -> GoalReview:
    """Record how far ``goal`` was reached (GAS −2…+2) on a day: a new version of the plan.
    With ``next_review_on`` the review also sets when the plan is reviewed next (which closes the
    review's follow-up task)."""
    plan = goal.plan
    _check_may_review(plan, by, expected_version)
    out = Collected()
    if reviewed_on is None:
        out.add("reviewed_on", _("Anna arviointipäivä muodossa p.k.vvvv."))
    elif reviewed_on > timezone.localdate():
        out.add("reviewed_on", _("Arviointipäivä ei voi olla tulevaisuudessa."))
    if attainment not in Attainment.values:
        out.add("attainment", _("Valitse toteutuminen asteikolla −2…+2."))
    out.texts("", {"note": (note, limits.REASON)})
    if next_review_on is not None:
        review_date_errors(next_review_on, out, rule=_review_rule(plan))
    _raise(out)
    if next_review_on is not None:
        Plan.objects.filter(pk=plan.pk).update(next_review_on=next_review_on)
    review = GoalReview.objects.create(
        goal=goal,
        reviewed_on=reviewed_on or timezone.localdate(),  # checked above: given
        attainment=int(attainment or 0),  # checked above: one of −2…+2
        note=note,
        by=by,
        **_source(by),
    )
    version = _new_version(plan, by, expected_version, VersionChange.REVIEW)
    record_event(
        by, plan.case.client_id, EventType.PLAN_GOAL_REVIEW, f"{plan.pk}:v{version.number}"
    )
    return review


def _review_rule(plan: Plan) -> Any:
    """The strictest review rule of the services in the plan (None: the six months)."""
    return strictest_review_rule(
        a.service_type or (a.service.service_type if a.service else None)
        for a in plan.actions.select_related("service_type", "service__service_type")
    )


@transaction.atomic
def agree_plan(*, plan: Plan, by: Professional, expected_version: int | None) -> Plan:
    """The plan is agreed with the client: who agreed and when, and the case moves to toteutus
    through the cases app's own action (its rules hold: e.g. follow-up agreed first)."""
    _check_may_change(plan, by, expected_version)
    out = Collected()
    if not plan.goals.exists():
        out.add(
            "goals",
            _(
                "Suunnitelmassa ei ole yhtään tavoitetta: kirjaa asiakkaan tavoitteet ennen "
                "kuin suunnitelma sovitaan."
            ),
        )
    if plan.next_review_on is None:
        out.add(
            "next_review_on",
            _("Sovi seuraavan arvioinnin päivä ennen kuin suunnitelma sovitaan."),
        )
    review_date_errors(plan.next_review_on, out, rule=_review_rule(plan))
    _raise(out)
    case = plan.case
    if case.phase != Phase.IMPLEMENTATION:
        case_actions.change_phase(
            case=case,
            to=Phase.IMPLEMENTATION,
            by=by,
            reason=_("Työkyvyn tuen suunnitelma sovittu."),
            expected_version=case.version,
        )
    Plan.objects.filter(pk=plan.pk).update(agreed_at=timezone.now(), agreed_by=by)
    plan.refresh_from_db()
    _new_version(plan, by, expected_version, VersionChange.AGREE)
    record_event(by, case.client_id, EventType.PLAN_AGREE, f"{plan.pk}:v{plan.version}")
    return plan


@transaction.atomic
def add_actions(
    *,
    case: Case,
    by: Professional,
    actions: Sequence[ActionData],
    companion_user: User | None = None,
    companion_name: str = "",
    next_review_on: dt.date | None = None,
) -> PlanVersion:
    """Add ``actions`` to the case's plan — starting the plan when it has none — as one new
    version, every existing row kept as it is (e.g. what a doctor's check leads to,
    assessments.actions). A rinnallakulkija or a next review given (a team's decision,
    teams.actions) replaces the plan's."""
    plan = Plan.objects.filter(case=case).first() or create_plan(case=case, by=by)
    fields = fields_of(plan)
    if companion_user is not None or companion_name.strip():
        fields = replace(fields, companion_user=companion_user, companion_name=companion_name)
    if next_review_on is not None:
        fields = replace(fields, next_review_on=next_review_on)
    return save_plan(
        plan=plan,
        by=by,
        expected_version=plan.version,
        fields=fields,
        goals=[goal_data(g) for g in plan.goals.all()],
        actions=[action_data(a) for a in plan.actions.all()] + list(actions),
        external_plans=[external_data(e) for e in plan.external_plans.all()],
    )


@transaction.atomic
def update_own_action(
    *, action: PlanAction, by: ClientActor, done: bool, comment: str
) -> PlanVersion:
    """The client marks their own task of the plan done (or not yet) and says a word on it, in
    the portal: only a task that is theirs (``Responsible.CLIENT``) and shown to them, of an
    open case. One new version of the plan, authored by nobody but the client."""
    locked = (
        PlanAction.objects.select_for_update(of=("self",))
        .select_related("plan__case")
        .get(pk=action.pk)
    )
    plan = locked.plan
    if (
        plan.case.client_id != by.client_id
        or locked.responsible != Responsible.CLIENT
        or not locked.visible_to_client
    ):
        raise ValidationError(_("Voit päivittää vain omia tehtäviäsi."), code="not_own")
    _check_open(plan.case)
    comment = comment.strip()
    errors = limits.check_texts({"comment": (comment, limits.REASON)})
    if locked.status == ActionStatus.CANCELLED:
        errors.setdefault("done", []).append(_("Tehtävä on peruttu: sitä ei voi merkitä."))
    if errors:
        raise ValidationError(errors)
    new_status = ActionStatus.DONE if done else ActionStatus.IN_PROGRESS
    if locked.status == ActionStatus.PLANNED and not done:
        new_status = ActionStatus.PLANNED
    locked.status = new_status
    if comment:
        locked.client_comment = comment
    locked.client_updated_at = timezone.now()
    locked.save(update_fields=["status", "client_comment", "client_updated_at"])
    version = _new_version(plan, None, None, VersionChange.CLIENT)
    record_event(by, plan.case.client_id, EventType.CLIENT_ACTION_UPDATE, f"{locked.pk}")
    return version
