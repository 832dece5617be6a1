"""Assessment pages under /asiakkaat/. Thin: authorise the case through access.selectors, parse
the form, call the action, redirect to the client page — or show the form again with each
field's Finnish error (400), nothing saved. Every page carries client data (no-store)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tukiverkko.access import selectors as access
from tukiverkko.access.selectors import Need
from tukiverkko.accounts.decorators import client_data, professional_of
from tukiverkko.assessments import actions
from tukiverkko.assessments.coordinator import CoordinatorFacts, suggest
from tukiverkko.assessments.forms import (
    CoordinatorForm,
    DoctorCheckForm,
    FeedbackForm,
    InstrumentDateForm,
    NeedsAssessmentForm,
    NurseCheckForm,
    OpenHealthCheckForm,
)
from tukiverkko.assessments.models import DoctorOutcome, HealthCheck, HealthCheckStep
from tukiverkko.assessments.panels import COORDINATORS, RULES
from tukiverkko.assessments.selectors import health_check_of
from tukiverkko.cases.models import Case
from tukiverkko.consent.models import Purpose
from tukiverkko.screening.instruments import INSTRUMENTS, answers_from_form
from tukiverkko.screening.messages import NAMES, SEXES
from tukiverkko.screening.messages import questions as questions_of


def _back(case: Case) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("cases:detail", args=[case.client_id]) + "#assessments")


def _apply(form: Form, exc: ValidationError) -> list[str]:
    """Put the action's field errors on the form's fields; return the rest for the page."""
    general: list[str] = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                message = " ".join(error.messages)
                if field in form.fields:
                    form.add_error(field, message)
                else:
                    general.append(message)
    else:
        general.extend(exc.messages)
    return general


def _page(
    request: HttpRequest, template: str, ctx: dict[str, Any], errors: list[str], form: Form
) -> HttpResponse:
    status = 400 if errors or form.errors else 200
    all_errors = errors + [m for msgs in form.errors.values() for m in msgs]
    return render(request, template, {**ctx, "form": form, "errors": all_errors}, status=status)


# -- instruments ----------------------------------------------------------------------------


@client_data
@require_http_methods(["GET", "POST"])
def record_instrument(request: HttpRequest, case_id: int) -> HttpResponse:
    instrument = INSTRUMENTS.get(request.GET.get("mittari", ""))
    if instrument is None:
        raise Http404
    user = professional_of(request)
    case = access.get_case_for_change(user, case_id, what="instrument_result", need=Need.WRITE)
    form = InstrumentDateForm(request.POST or None)
    item_errors: dict[str, list[str]] = {}
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_instrument_result(
                case=case,
                by=user,
                instrument=instrument.id,
                answers=answers_from_form(instrument, request.POST),
                assessed_on=form.cleaned_data["assessed_on"],
            )
        except ValidationError as exc:
            for field, msgs in exc.message_dict.items():
                if field in form.fields:
                    for m in msgs:
                        form.add_error(field, m)
                elif field == "__all__":
                    errors.extend(msgs)
                else:
                    item_errors[field] = msgs
                    errors.extend(msgs)
        else:
            messages.success(request, _("Mittarin tulos tallennettu."))
            return _back(case)
    data = request.POST.dict() if request.method == "POST" else {}
    questions = questions_of(instrument, data)
    for q in questions:
        q["errors"] = item_errors.get(q["id"], [])
    ctx = {
        "case": case,
        "instrument": instrument,
        "name": NAMES[instrument.id],
        "questions": questions,
        "sex_needed": "sex" in instrument.extras,
        "sexes": list(SEXES.items()),
        "sex": data.get("sex", ""),
    }
    return _page(request, "assessments/instrument_form.html", ctx, errors, form)


# -- the health-check path ------------------------------------------------------------------


@client_data
@require_http_methods(["GET", "POST"])
def open_health_check(request: HttpRequest, case_id: int) -> HttpResponse:
    user = professional_of(request)
    case = access.get_case_for_change(user, case_id, what="health_check_open", need=Need.WRITE)
    form = OpenHealthCheckForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            check = actions.open_health_check(case=case, by=user, **form.cleaned_data)
        except ValidationError as exc:
            errors = _apply(form, exc)
        else:
            messages.success(request, _("Terveystarkastuksen tarve kirjattu."))
            return HttpResponseRedirect(reverse("assessments:health_check", args=[check.pk]))
    return _page(request, "assessments/health_check_open.html", {"case": case}, errors, form)


def _check_for(request: HttpRequest, check_id: int, *, what: str, change: bool) -> HealthCheck:
    user = professional_of(request)
    if change:
        return access.get_health_check_for_change(user, check_id, what=what)
    return access.get_health_check(user, check_id, what=what, purpose=Purpose.INFORMATION_EXCHANGE)


def _step_form(check: HealthCheck, data: Any = None) -> tuple[str, Form] | None:
    initial = {"version": check.version}
    if check.step == HealthCheckStep.IDENTIFIED:
        return "nurse", NurseCheckForm(data, initial=initial)
    if check.step == HealthCheckStep.NURSE_CHECKED:
        if check.further_assessment_needed:
            return "doctor", DoctorCheckForm(data, initial=initial)
        return "feedback", FeedbackForm(data, initial=initial)
    return None


STEPS: dict[str, Callable[..., HealthCheck]] = {
    "nurse": actions.record_nurse_check,
    "feedback": actions.give_feedback,
    "doctor": actions.record_doctor_check,
}


def _run_step(request: HttpRequest, check: HealthCheck, name: str, form: Form) -> list[str]:
    """Run the step's action on a valid form. A refusal puts each field's error on the form
    and returns the others for the page."""
    if not form.is_valid():
        return []
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        STEPS[name](check=check, by=professional_of(request), expected_version=version, **data)
    except ValidationError as exc:
        return _apply(form, exc)
    return []


@client_data
@require_http_methods(["GET", "POST"])
def health_check(request: HttpRequest, check_id: int) -> HttpResponse:
    post = request.method == "POST"
    check = _check_for(request, check_id, what="health_check", change=post)
    if not post and not health_check_of(
        professional_of(request), check, purpose=Purpose.INFORMATION_EXCHANGE
    ):
        # Another register's health data without a consent or a legal basis: the page says
        # so and shows none of it. (A step is written only into one's own organisation's
        # record, which is one's own to read: assessments.actions.)
        return render(
            request, "assessments/health_check.html", {"case": check.case, "hidden": True}
        )
    step = _step_form(check, request.POST if post else None)
    ctx: dict[str, Any] = {
        "check": check,
        "case": check.case,
        "outcome_labels": [str(label) for v, label in DoctorOutcome.choices if v in check.outcomes],
        "followup_referrals": [
            (DoctorOutcome(o).label, pk) for o, pk in check.followups.get("referrals", {}).items()
        ],
    }
    if step is None:
        errors = [_("Terveystarkastus on jo valmis.")] if post else []
        return render(
            request,
            "assessments/health_check.html",
            {**ctx, "errors": errors},
            status=400 if errors else 200,
        )
    name, form = step
    errors = []
    if post:
        errors = _run_step(request, check, name, form)
        if not errors and not form.errors:
            messages.success(request, _("Tallennettu."))
            return HttpResponseRedirect(reverse("assessments:health_check", args=[check.pk]))
    ctx["step_name"] = name
    ctx["referrer_blocked"] = actions.referrer_feedback_blocked(check) if name == "feedback" else ""
    return _page(request, "assessments/health_check.html", ctx, errors, form)


# -- the needs assessment and the coordinator -----------------------------------------------


@client_data
@require_http_methods(["GET", "POST"])
def needs_assessment(request: HttpRequest, case_id: int) -> HttpResponse:
    user = professional_of(request)
    case = access.get_case_for_change(user, case_id, what="needs_assessment", need=Need.WRITE)
    form = NeedsAssessmentForm(request.POST or None, user=user)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_needs_assessment(case=case, by=user, **form.cleaned_data)
        except ValidationError as exc:
            errors = _apply(form, exc)
        else:
            messages.success(request, _("Palvelutarpeen arviointi tallennettu."))
            return _back(case)
    return _page(request, "assessments/needs_form.html", {"case": case}, errors, form)


@client_data
@require_http_methods(["GET"])
def coordinator(request: HttpRequest, case_id: int) -> HttpResponse:
    user = professional_of(request)
    case = access.get_case(user, case_id, what="coordinator_suggestion")
    form = CoordinatorForm(request.GET or None)
    suggestion = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        result = suggest(
            CoordinatorFacts(
                tym_client=data["tym_client"],
                needs_health_services=data["needs_health_services"],
                complex_situation=data["complex_situation"],
                special_need=data["special_need"] or None,
            )
        )
        suggestion = {"who": COORDINATORS[result.coordinator], "why": RULES[result.rule]}
    return _page(
        request, "assessments/coordinator.html", {"case": case, "suggestion": suggestion}, [], form
    )
