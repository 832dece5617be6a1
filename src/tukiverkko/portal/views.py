"""Oma Tukiverkko, the client's own pages (/oma/): log in with a one-time code, see the path at a
glance, the plan and their own tasks, consents (and revoke one), who has read their data, fill
in a self-assessment, give feedback, download everything.

Every page reads through the access shell's ``own`` getters (the client is an actor of its own
kind, every read logged with the purpose "omat tiedot"); every change is one of the actions.
Never cached; the professionals' pages never see this login, nor these pages theirs.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from tukiverkko.access import own
from tukiverkko.access.own_log import access_log, disclosure_log, everything
from tukiverkko.accounts.actors import ClientActor
from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import works_with_clients
from tukiverkko.assessments.actions import SELF_ASSESSMENTS, record_self_assessment
from tukiverkko.assessments.models import InstrumentAssessment
from tukiverkko.core.forms import MAX_ID
from tukiverkko.core.pdf import render_pdf
from tukiverkko.plans.actions import update_own_action
from tukiverkko.plans.enums import Responsible
from tukiverkko.portal import actions, export, selectors, session
from tukiverkko.portal.forms import CodeForm, ConfirmForm, FeedbackForm, TaskForm
from tukiverkko.screening.instruments import INSTRUMENTS, answers_from_form
from tukiverkko.screening.messages import DESCRIPTIONS, NAMES, questions
from tukiverkko.teams.models import Meeting


def _errors_to_form(form: Form, exc: ValidationError) -> list[str]:
    """Put an action's errors on the form's fields; what fits no field is returned."""
    left: list[str] = []
    for name, msgs in exc.message_dict.items():
        if name in form.fields:
            for m in msgs:
                form.add_error(name, m)
        else:
            left += msgs
    return left


def _page(
    request: HttpRequest, actor: ClientActor, template: str, context: dict[str, Any]
) -> HttpResponse:
    return render(request, template, {"portal_actor": actor, **context})


# -- logging in and out -----------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    if session.actor_of(request) is not None:
        return redirect("portal:start")
    form = CodeForm(request.POST or None)
    user = request.user
    helper = user if isinstance(user, User) and works_with_clients(user) else None
    if request.method == "POST" and form.is_valid():
        try:
            actor = actions.log_in_with_code(typed=form.cleaned_data["code"], assisted_by=helper)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            session.log_in(request, actor)
            return redirect("portal:start")
    return render(request, "portal/login.html", {"form": form, "assisting": helper})


@require_http_methods(["POST"])
def logout(request: HttpRequest) -> HttpResponse:
    session.log_out(request)
    messages.info(request, _("Olet kirjautunut ulos omista tiedoistasi."))
    return redirect("portal:login")


# -- the path at a glance ---------------------------------------------------------------------


@never_cache
@session.client_required
@require_http_methods(["GET"])
def start(request: HttpRequest, actor: ClientActor) -> HttpResponse:
    client = own.read_own(actor, what="start")
    case = own.own_case(actor)
    return _page(
        request,
        actor,
        "portal/start.html",
        {"client": client, "view": selectors.overview(case)},
    )


@never_cache
@session.client_required
@require_http_methods(["GET"])
def plan(request: HttpRequest, actor: ClientActor) -> HttpResponse:
    client = own.read_own(actor, what="plan")
    case = own.own_case(actor)
    shown = selectors.own_plan(case) if case else None
    return _page(
        request,
        actor,
        "portal/plan.html",
        {
            "client": client,
            "case": case,
            "plan": shown,
            "open_case": case is not None and case.phase != "closed",
            "client_kind": Responsible.CLIENT,
            "form": TaskForm(),
        },
    )


@never_cache
@session.client_required
@require_http_methods(["POST"])
def task(request: HttpRequest, actor: ClientActor, action_id: int) -> HttpResponse:
    if action_id > MAX_ID:
        raise Http404
    row = own.get_own_task(actor, action_id, what="own_task")
    form = TaskForm(request.POST)
    if form.is_valid():
        try:
            update_own_action(
                action=row,
                by=actor,
                done=form.cleaned_data["done"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Tallennettu. Työntekijäsi näkee sen suunnitelmassa."))
    else:
        for field_errors in form.errors.values():
            for text in field_errors:
                messages.error(request, str(text))
    return redirect("portal:plan")


# -- consents ---------------------------------------------------------------------------------


@never_cache
@session.client_required
@require_http_methods(["GET"])
def consents(request: HttpRequest, actor: ClientActor) -> HttpResponse:
    client = own.read_own(actor, what="consents")
    return _page(
        request,
        actor,
        "portal/consents.html",
        {"client": client, "lines": selectors.consent_lines(client.pk)},
    )


@never_cache
@session.client_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, actor: ClientActor, consent_id: int) -> HttpResponse:
    if consent_id > MAX_ID:
        raise Http404
    consent = own.get_own_consent(actor, consent_id, what="consent_revoke")
    line = next(
        (c for c in selectors.consent_lines(actor.client_id) if c.consent.pk == consent.pk), None
    )
    if request.method == "POST":
        try:
            actions.revoke_own_consent(consent=consent, by=actor)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _(
                    "Suostumus on peruttu heti. Vastuutyöntekijäsi ilmoittaa siitä Kelalle ja "
                    "muille vastaanottajille."
                ),
            )
        return redirect("portal:consents")
    return _page(request, actor, "portal/revoke.html", {"line": line})


@never_cache
@session.client_required
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, actor: ClientActor, consent_id: int) -> HttpResponse:
    if consent_id > MAX_ID:
        raise Http404
    consent = own.get_own_consent(actor, consent_id, what="consent_confirm")
    line = next(
        (c for c in selectors.consent_lines(actor.client_id) if c.consent.pk == consent.pk), None
    )
    if line is None or not line.awaiting:
        raise Http404
    strong = session.is_strong(request)
    form = ConfirmForm(request.POST if request.method == "POST" else None, strong=strong)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            actions.confirm_own_consent(
                consent=consent,
                by=actor,
                henkilotunnus=form.cleaned_data.get("henkilotunnus") or "",
                strong=strong,
            )
        except ValidationError as exc:
            errors = _errors_to_form(form, exc)
        else:
            messages.success(request, _("Suostumus on vahvistettu ja voimassa."))
            return redirect("portal:consents")
    return _page(
        request,
        actor,
        "portal/confirm.html",
        {"line": line, "form": form, "errors": errors, "strong": strong},
    )


# -- who has read my data --------------------------------------------------------------------


@never_cache
@session.client_required
@require_http_methods(["GET"])
def log(request: HttpRequest, actor: ClientActor) -> HttpResponse:
    raw = request.GET.get("ennen", "")
    before = int(raw) if raw.isdigit() and int(raw) <= MAX_ID else None
    client = own.read_own(actor, what="log")
    return _page(
        request,
        actor,
        "portal/log.html",
        {
            "client": client,
            "reads": access_log(client.pk, before=before),
            "disclosures": disclosure_log(client.pk) if before is None else [],
        },
    )


# -- self-assessments -------------------------------------------------------------------------


@never_cache
@session.client_required
@require_http_methods(["GET"])
def assessments(request: HttpRequest, actor: ClientActor) -> HttpResponse:
    own.read_own(actor, what="assessments")
    case = own.own_case(actor)
    done = list(InstrumentAssessment.objects.filter(case=case, by_client=True)[:20]) if case else []
    return _page(
        request,
        actor,
        "portal/assessments.html",
        {
            "instruments": [
                {"id": i, "name": NAMES[i], "description": DESCRIPTIONS[i]}
                for i in SELF_ASSESSMENTS
            ],
            "done": done,
            "case": case,
        },
    )


@never_cache
@session.client_required
@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, actor: ClientActor, instrument_id: str) -> HttpResponse:
    instrument = INSTRUMENTS.get(instrument_id)
    if instrument is None or instrument.id not in SELF_ASSESSMENTS:
        raise Http404
    own.read_own(actor, what=f"self_assessment:{instrument.id}")
    case = own.own_case(actor)
    item_errors: dict[str, list[str]] = {}
    errors: list[str] = []
    if request.method == "POST":
        if case is None:
            errors.append(_("Sinulla ei ole asiakkuutta, johon arvioinnin voisi tallentaa."))
        else:
            try:
                record_self_assessment(
                    case=case,
                    by=actor,
                    instrument=instrument.id,
                    answers=answers_from_form(instrument, request.POST),
                )
            except ValidationError as exc:
                for name, msgs in exc.message_dict.items():
                    if name in ("instrument", "__all__"):
                        errors += msgs
                    else:
                        item_errors[name] = msgs
                        errors += msgs
            else:
                messages.success(
                    request,
                    _("Kiitos! Arviointisi on tallennettu, ja työntekijäsi näkee sen."),
                )
                return redirect("portal:assessments")
    data = request.POST.dict() if request.method == "POST" else {}
    items = questions(instrument, data)
    for q in items:
        q["errors"] = item_errors.get(q["id"], [])
    return _page(
        request,
        actor,
        "portal/assessment.html",
        {
            "name": NAMES[instrument.id],
            "description": DESCRIPTIONS[instrument.id],
            "questions": items,
            "errors": errors,
        },
    )


# -- feedback ---------------------------------------------------------------------------------


def _meeting_choices(actor: ClientActor) -> list[tuple[int, str]]:
    case = own.own_case(actor)
    if case is None:
        return []
    return [
        (m.pk, date_format(timezone.localtime(m.starts_at), "SHORT_DATETIME_FORMAT"))
        for m in selectors.past_meetings(case)
    ]


@never_cache
@session.client_required
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, actor: ClientActor) -> HttpResponse:
    own.read_own(actor, what="feedback")
    case = own.own_case(actor)
    form = FeedbackForm(request.POST or None, meetings=_meeting_choices(actor))
    errors: list[str] = []
    if request.method == "POST" and form.is_valid() and case is not None:
        meeting_id = form.cleaned_data["meeting"]
        meeting: Meeting | None = None
        if meeting_id is not None:
            meeting = own.get_own_meeting(actor, meeting_id, what="feedback_meeting")
        try:
            actions.give_feedback(
                case=case,
                by=actor,
                on=form.cleaned_data["on"],
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["text"],
                meeting=meeting,
            )
        except ValidationError as exc:
            errors = _errors_to_form(form, exc)
        else:
            messages.success(request, _("Kiitos palautteestasi!"))
            return redirect("portal:start")
    return _page(
        request, actor, "portal/feedback.html", {"form": form, "errors": errors, "case": case}
    )


# -- my data ----------------------------------------------------------------------------------


def _my_data(actor: ClientActor, what: str) -> dict[str, Any]:
    client = own.read_own(actor, what=what)
    reads, disclosures = everything(client.pk)
    return export.my_data(client, reads, disclosures)


@never_cache
@session.client_required
@require_http_methods(["GET"])
def download_json(request: HttpRequest, actor: ClientActor) -> HttpResponse:
    data = _my_data(actor, "download_json")
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = content_disposition_header(True, "omat-tiedot.json")
    return response


@never_cache
@session.client_required
@require_http_methods(["GET"])
def download_pdf(request: HttpRequest, actor: ClientActor) -> HttpResponse:
    data = _my_data(actor, "download_pdf")
    return render_pdf(request, "portal/my_data.html", {"data": data}, "omat-tiedot.pdf")
