"""The plan's pages under the case (/asiakkaat/asiakkuus/<case>/suunnitelma/). Thin: authorise
through access.selectors (a read logged with its purpose; a change needs the case's steering),
parse, call the action or the selector, render. Every response is ``Cache-Control: no-store``."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tukiverkko.access import policy
from tukiverkko.access import selectors as access
from tukiverkko.access.selectors import Need
from tukiverkko.accounts.decorators import client_data, professional_of
from tukiverkko.cases.models import Case
from tukiverkko.cases.selectors import parse_purpose
from tukiverkko.consent.models import Purpose
from tukiverkko.core.pdf import render_pdf
from tukiverkko.plans import actions
from tukiverkko.plans.checks import action_data, external_data, goal_data
from tukiverkko.plans.forms import (
    ActionFormSet,
    CompareForm,
    ExternalPlanFormSet,
    GoalFormSet,
    PlanForm,
    ReviewForm,
    VersionForm,
)
from tukiverkko.plans.models import ExternalPlan, Goal, Plan, PlanAction
from tukiverkko.plans.selectors import PlanView, plan_diff, plan_of, plan_view, versions_of

ROW = re.compile(r"^(goals|actions|external_plans)-(\d+)-(\w+)$")


def _purpose(request: HttpRequest) -> Purpose:
    return parse_purpose(request.GET.get("tarkoitus")) or Purpose.INFORMATION_EXCHANGE


def _read(request: HttpRequest, case_id: int, what: str) -> Case:
    return access.get_case(request.user, case_id, what=what, purpose=_purpose(request))


def _may_steer(request: HttpRequest, case: Case) -> bool:
    user = professional_of(request)
    page_access = access.Access(case.client, policy.standing(user, case.client_id))
    return access.permissions(user, page_access, case).steer


def _plan_or_404(case: Case) -> Plan:
    plan = plan_of(case)
    if plan is None:
        raise Http404
    return plan


@client_data
@require_http_methods(["GET"])
def plan_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _read(request, case_id, "plan_page")
    view = plan_view(professional_of(request), case, purpose=_purpose(request), what="plan_page")
    steer = _may_steer(request, case) and not view.read_only
    return render(
        request,
        "plans/plan_detail.html",
        {
            "case": case,
            "client": case.client,
            "view": view,
            "may_steer": steer,
            # the rinnallakulkija reviews the goals with the client (actions.review_goal)
            "may_review": steer
            or (
                view.plan is not None
                and not view.read_only
                and view.plan.companion_user_id == professional_of(request).pk
            ),
            "agree_form": VersionForm(initial={"version": view.plan.version})
            if view.plan
            else None,
        },
    )


@client_data
@require_POST
def plan_create(request: HttpRequest, case_id: int) -> HttpResponse:
    user = professional_of(request)
    case = access.get_case_for_change(user, case_id, what="plan_create", need=Need.STEER)
    try:
        actions.create_plan(case=case, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("plans:detail", case_id=case.pk)
    messages.success(request, _("Suunnitelma aloitettu."))
    return redirect("plans:edit", case_id=case.pk)


# -- the edit form -------------------------------------------------------------------------


def _hidden_rows(view: PlanView, plan: Plan) -> tuple[list[Any], list[Any], list[Any]]:
    """The rows the editor may not see (another register's, no consent): kept as they are, not
    shown on the form."""
    seen_goals = {g.goal.pk for g in view.goals.shown}
    seen_actions = {a.pk for a in view.actions.shown}
    seen_external = {e.pk for e in view.external_plans.shown}
    goals = [goal_data(g) for g in Goal.objects.filter(plan=plan).exclude(pk__in=seen_goals)]
    plan_actions = [
        action_data(a) for a in PlanAction.objects.filter(plan=plan).exclude(pk__in=seen_actions)
    ]
    external = [
        external_data(e)
        for e in ExternalPlan.objects.filter(plan=plan).exclude(pk__in=seen_external)
    ]
    return goals, plan_actions, external


def _initial(view: PlanView) -> dict[str, list[dict[str, Any]]]:
    return {
        "goals": [
            {
                "id": g.goal.pk,
                "text": g.goal.text,
                "indicator": g.goal.indicator,
                "target_on": g.goal.target_on,
                "status": g.goal.status,
                "visible_to_client": g.goal.visible_to_client,
            }
            for g in view.goals.shown
        ],
        "actions": [
            {
                "id": a.pk,
                "text": a.text,
                "service_type": a.service_type_id,
                "service": a.service_id,
                "responsible": a.responsible,
                "responsible_user": a.responsible_user_id,
                "responsible_organisation": a.responsible_organisation_id,
                "starts_on": a.starts_on,
                "ends_on": a.ends_on,
                "status": a.status,
                "visible_to_client": a.visible_to_client,
            }
            for a in view.actions.shown
        ],
        "external_plans": [
            {
                "id": e.pk,
                "kind": e.kind,
                "owner_organisation": e.owner_organisation_id,
                "owner_name": e.owner_name,
                "dated_on": e.dated_on,
            }
            for e in view.external_plans.shown
        ],
    }


def _filled(formset: BaseFormSet[Any]) -> list[Any]:
    """The rows of a valid formset to save: not removed, and not the empty row left empty."""
    return [
        form
        for form in formset.forms
        if form not in formset.deleted_forms and (form.has_changed() or form.cleaned_data.get("id"))
    ]


def _place_errors(
    exc: ValidationError, plan_form: PlanForm, rows: dict[str, list[Form]]
) -> list[str]:
    """An action's errors beside their fields; what belongs to no field is listed on top."""
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    general: list[str] = []
    for key, msgs in exc.message_dict.items():
        match = ROW.match(key)
        if match and int(match[2]) < len(rows[match[1]]):
            form = rows[match[1]][int(match[2])]
            form.add_error(match[3] if match[3] in form.fields else None, msgs)
        elif key in plan_form.fields:
            plan_form.add_error(key, msgs)
        else:
            general += msgs
    return general


@client_data
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    user = professional_of(request)
    case = access.get_case_for_change(user, case_id, what="plan_edit", need=Need.STEER)
    plan = _plan_or_404(case)
    view = plan_view(user, case, what="plan_edit")
    access.record_read(user, case.client_id, what="plan_edit")
    kw: dict[str, Any] = {"form_kwargs": {"case": case}}
    initial = _initial(view)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        plan_form = PlanForm(request.POST, case=case)
        goals = GoalFormSet(request.POST, prefix="goals", **kw)
        plan_actions = ActionFormSet(request.POST, prefix="actions", **kw)
        external = ExternalPlanFormSet(request.POST, prefix="external_plans", **kw)
        status = 400
        if all(f.is_valid() for f in (plan_form, goals, plan_actions, external)):
            rows = {
                "goals": _filled(goals),
                "actions": _filled(plan_actions),
                "external_plans": _filled(external),
            }
            hidden_goals, hidden_actions, hidden_external = _hidden_rows(view, plan)
            try:
                actions.save_plan(
                    plan=plan,
                    by=user,
                    expected_version=plan_form.cleaned_data["version"],
                    fields=plan_form.fields_data(),
                    goals=[f.data_of() for f in rows["goals"]] + hidden_goals,
                    actions=[f.data_of() for f in rows["actions"]] + hidden_actions,
                    external_plans=[f.data_of() for f in rows["external_plans"]] + hidden_external,
                )
            except actions.PlanConflictError as exc:
                errors, status = list(exc.messages), 409
            except ValidationError as exc:
                errors = _place_errors(exc, plan_form, rows)
            else:
                messages.success(request, _("Suunnitelma tallennettu uutena versiona."))
                return redirect("plans:detail", case_id=case.pk)
        else:
            errors = [_("Tarkista merkityt kentät.")]
    else:
        plan_form = PlanForm(initial=PlanForm.initial_of(plan), case=case)
        goals = GoalFormSet(initial=initial["goals"], prefix="goals", **kw)
        plan_actions = ActionFormSet(initial=initial["actions"], prefix="actions", **kw)
        external = ExternalPlanFormSet(
            initial=initial["external_plans"], prefix="external_plans", **kw
        )
    return render(
        request,
        "plans/plan_edit.html",
        {
            "case": case,
            "client": case.client,
            "view": view,
            "plan": plan,
            "form": plan_form,
            "goals": goals,
            "actions": plan_actions,
            "external": external,
            "errors": errors,
        },
        status=status,
    )


# -- review and agree ------------------------------------------------------------------------


@client_data
@require_http_methods(["GET", "POST"])
def goal_review(request: HttpRequest, case_id: int, goal_id: int) -> HttpResponse:
    user = professional_of(request)
    # The plan's rinnallakulkija reviews with a relationship; anyone else must steer the case.
    case = access.get_case_for_change(user, case_id, what="plan_goal_review", need=Need.WRITE)
    plan = _plan_or_404(case)
    if plan.companion_user_id != user.pk:
        case = access.get_case_for_change(user, case_id, what="plan_goal_review", need=Need.STEER)
    view = plan_view(user, case, what="plan_goal_review")
    goal = Goal.objects.filter(plan=plan, pk=goal_id).first()
    if goal is None:
        raise Http404
    # A goal of another register the reviewer may not read is reviewed without its text shown:
    # the attainment and the note are the reviewer's own entry.
    shown = {g.goal.pk: g for g in view.goals.shown}.get(goal_id)
    access.record_read(user, case.client_id, what="plan_goal_review")
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        form = ReviewForm(request.POST)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.review_goal(
                    goal=goal,
                    by=user,
                    expected_version=data["version"],
                    reviewed_on=data["reviewed_on"],
                    attainment=data["attainment"],
                    note=data["note"],
                    next_review_on=data["next_review_on"],
                )
            except actions.PlanConflictError as exc:
                errors, status = list(exc.messages), 409
            except ValidationError as exc:
                for key, msgs in exc.message_dict.items():
                    form.add_error(key if key in form.fields else None, msgs)
            else:
                messages.success(request, _("Arviointi tallennettu."))
                return redirect("plans:detail", case_id=case.pk)
    else:
        form = ReviewForm(initial={"version": plan.version, "reviewed_on": timezone.localdate()})
    return render(
        request,
        "plans/goal_review.html",
        {
            "case": case,
            "client": case.client,
            "goal": shown,
            "form": form,
            "errors": errors,
        },
        status=status,
    )


@client_data
@require_POST
def plan_agree(request: HttpRequest, case_id: int) -> HttpResponse:
    user = professional_of(request)
    case = access.get_case_for_change(user, case_id, what="plan_agree", need=Need.STEER)
    plan = _plan_or_404(case)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Lataa sivu uudelleen ja yritä uudestaan."))
        return redirect("plans:detail", case_id=case.pk)
    try:
        actions.agree_plan(plan=plan, by=user, expected_version=form.cleaned_data["version"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Suunnitelma sovittu; asiakkuus siirtyi toteutukseen."))
    return redirect("plans:detail", case_id=case.pk)


# -- versions and the diff ---------------------------------------------------------------------


@client_data
@require_http_methods(["GET"])
def plan_versions(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _read(request, case_id, "plan_versions")
    plan = _plan_or_404(case)
    rows = versions_of(plan)
    numbers = [v.number for v in rows]
    initial = {"a": numbers[1] if len(numbers) > 1 else numbers[0], "b": numbers[0]}
    return render(
        request,
        "plans/plan_versions.html",
        {
            "case": case,
            "client": case.client,
            "plan": plan,
            "versions": rows,
            "form": CompareForm(initial=initial, numbers=numbers),
        },
    )


@client_data
@require_http_methods(["GET"])
def plan_compare(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _read(request, case_id, "plan_diff")
    plan = _plan_or_404(case)
    numbers = [v.number for v in versions_of(plan)]
    latest = {"a": str(numbers[1] if len(numbers) > 1 else numbers[0]), "b": str(numbers[0])}
    chosen = "a" in request.GET or "b" in request.GET
    form = CompareForm(request.GET if chosen else latest, numbers=numbers)
    diff = None
    if form.is_valid():
        diff = plan_diff(
            professional_of(request),
            plan,
            form.cleaned_data["a"],
            form.cleaned_data["b"],
            purpose=_purpose(request),
        )
    return render(
        request,
        "plans/plan_diff.html",
        {"case": case, "client": case.client, "plan": plan, "form": form, "diff": diff},
        status=200 if diff is not None else 400,
    )


# -- the printout ---------------------------------------------------------------------------


def _printable(request: HttpRequest, case_id: int, what: str) -> dict[str, Any]:
    case = _read(request, case_id, what)
    plan = _plan_or_404(case)
    view = plan_view(professional_of(request), case, purpose=_purpose(request), what=what)
    return {
        "case": case,
        "client": case.client,
        "plan": plan,
        "view": view,
        # What a professional hands to the client: the items flagged for the client, of those
        # the professional may see.
        "goals": [g for g in view.goals.shown if g.goal.visible_to_client],
        "plan_actions": [a for a in view.actions.shown if a.visible_to_client],
        "today": timezone.localdate(),
        "pdf_url": reverse("plans:pdf", args=[case.pk]),
    }


@client_data
@require_http_methods(["GET"])
def plan_print(request: HttpRequest, case_id: int) -> HttpResponse:
    return render(request, "plans/plan_print.html", _printable(request, case_id, "plan_print"))


@client_data
@require_http_methods(["GET"])
def plan_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    context = _printable(request, case_id, "plan_pdf")
    filename = f"tyokyvyn-tuen-suunnitelma-{context['today']:%Y-%m-%d}.pdf"
    return render_pdf(request, "plans/plan_print.html", context, filename)
