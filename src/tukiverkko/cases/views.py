"""Client pages (/asiakkaat/). Thin: parse, authorise through access.selectors, call the action
or the selector, render. Every page here carries client data, so every response is
``Cache-Control: no-store``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tukiverkko.access import selectors as access
from tukiverkko.accounts.decorators import client_data, professional_of
from tukiverkko.cases import actions, panels
from tukiverkko.cases.forms import (
    CaseForm,
    CaseloadForm,
    ChecklistForm,
    ClientForm,
    HandoverForm,
    JournalForm,
    NetworkForm,
    PhaseForm,
)
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.selectors import client_page, parse_purpose
from tukiverkko.clients.models import Client
from tukiverkko.consent.models import Purpose
from tukiverkko.core.forms import first_errors
from tukiverkko.core.htmx import is_htmx

View = Callable[..., HttpResponse]
CaseForms = dict[str, Form]


def _errors_of(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def _case_page(
    request: HttpRequest,
    client: Client,
    *,
    errors: list[str] | None = None,
    status: int = 200,
    revealed: str = "",
    forms: CaseForms | None = None,
) -> HttpResponse:
    user = professional_of(request)
    purpose = parse_purpose(request.GET.get("tarkoitus")) or Purpose.INFORMATION_EXCHANGE
    page = client_page(user, client, purpose=purpose)
    ctx: dict[str, Any] = {
        "page": page,
        "client": client,
        "case": page.case.case if page.case else None,
        "view": page.case,
        "consents": page.consents,
        "errors": errors or [],
        "revealed": revealed,
        "purposes": Purpose.choices,
        "phases": Phase.choices,
    }
    if page.case is not None:
        case = page.case.case
        initial = {"version": case.version}
        forms = forms or {}
        ctx |= {
            "phase_form": forms.get("phase") or PhaseForm(initial=initial),
            "handover_form": forms.get("handover") or HandoverForm(case=case, user=user),
            "journal_form": forms.get("journal") or JournalForm(),
            "checklist_form": forms.get("checklist")
            or ChecklistForm(initial=initial, case=case, user=user),
            "network_form": forms.get("network") or NetworkForm(),
            "panels": panels.rendered(user, case, purpose),
        }
    return render(request, "cases/client_detail.html", ctx, status=status)


@client_data
@require_http_methods(["GET"])
def my_clients(request: HttpRequest) -> HttpResponse:
    user = request.user
    try:
        page = int(request.GET.get("sivu", "1"))
    except ValueError:
        page = 1
    mine = access.my_cases(user, page=page)
    return render(
        request,
        "cases/my_clients.html",
        {"cases": mine.cases, "page": mine, "incoming": access.incoming_handovers(user)},
    )


@client_data
@require_http_methods(["GET", "POST"])
def client_create(request: HttpRequest) -> HttpResponse:
    form = ClientForm(request.POST or None)
    errors: list[str] = []
    duplicate = False
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = actions.create_client(by=professional_of(request), **data)
            except actions.LikelyDuplicate as exc:
                errors, duplicate, status = _errors_of(exc), True, 400
            except ValidationError as exc:
                for field, msgs in exc.message_dict.items():
                    form.add_error(None if field == "__all__" else field, msgs)
                status = 400
            else:
                if not result.created:
                    messages.info(
                        request,
                        _("Asiakas oli jo rekisterissä; hänet liitettiin organisaatiollesi."),
                    )
                return redirect("cases:detail", client_id=result.client.pk)
        else:
            status = 400
    return render(
        request,
        "cases/client_form.html",
        {"form": form, "errors": errors, "duplicate": duplicate},
        status=status,
    )


@client_data
@require_http_methods(["GET"])
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access.get_client(request.user, client_id, what="client_page")
    return _case_page(request, client)


@client_data
@require_POST
def reveal_henkilotunnus(request: HttpRequest, client_id: int) -> HttpResponse:
    client, code = access.reveal_henkilotunnus(request.user, client_id)
    if is_htmx(request):
        return render(request, "cases/_henkilotunnus.html", {"revealed": code})
    return _case_page(request, client, revealed=code)


def _case_action(
    form_class: type[CaseForm], form_key: str, what: str
) -> Callable[[Callable[[HttpRequest, Case, dict[str, Any]], object]], View]:
    """POST on a case: authorise, parse, run the action, redirect — or re-render the client
    page with the Finnish error (400, or 409 for a conflicting edit); nothing half-saved.

    A saved change is logged by its action; a refused one re-renders the page, which is a read
    and is logged as one (``what``)."""

    def decorate(run: Callable[[HttpRequest, Case, dict[str, Any]], object]) -> View:
        @client_data
        @require_POST
        @wraps(run)
        def view(request: HttpRequest, case_id: int) -> HttpResponse:
            user = professional_of(request)
            case = access.get_case_for_change(user, case_id, what=what)
            form = form_class(request.POST, case=case, user=user)

            def refused(errors: list[str], status: int, forms: CaseForms | None) -> HttpResponse:
                access.record_read(user, case.client_id, what=what)
                return _case_page(request, case.client, errors=errors, status=status, forms=forms)

            if not form.is_valid():
                errors = [m for msgs in first_errors(form).values() for m in msgs]
                return refused(errors, 400, {form_key: form})
            try:
                run(request, case, form.cleaned_data)
            except actions.ConflictError as exc:
                return refused(_errors_of(exc), 409, None)
            except ValidationError as exc:
                return refused(_errors_of(exc), 400, {form_key: form})
            messages.success(request, _("Tallennettu."))
            return HttpResponseRedirect(reverse("cases:detail", args=[case.client_id]))

        return view

    return decorate


@_case_action(PhaseForm, "phase", "case_phase_change")
def change_phase(request: HttpRequest, case: Case, data: dict[str, Any]) -> None:
    actions.change_phase(
        case=case,
        to=data["to"],
        by=professional_of(request),
        reason=data["reason"],
        expected_version=data["version"],
        outcome=data["outcome"],
        closed_on=data["closed_on"],
        outcome_note=data["outcome_note"],
    )


@_case_action(HandoverForm, "handover", "handover_request")
def request_handover(request: HttpRequest, case: Case, data: dict[str, Any]) -> None:
    actions.request_handover(
        case=case, to_worker=data["to_worker"], by=professional_of(request), reason=data["reason"]
    )


@_case_action(JournalForm, "journal", "journal_add")
def add_journal_entry(request: HttpRequest, case: Case, data: dict[str, Any]) -> None:
    actions.add_journal_entry(
        case=case, by=professional_of(request), category=data["category"], text=data["text"]
    )


@_case_action(ChecklistForm, "checklist", "case_checklist")
def mark_checklist_step(request: HttpRequest, case: Case, data: dict[str, Any]) -> None:
    actions.mark_checklist_step(
        case=case,
        step=data["step"],
        by=professional_of(request),
        note=data["note"],
        follow_up_by=data["follow_up_by"],
        expected_version=data["version"],
    )


@_case_action(NetworkForm, "network", "network_add")
def add_network_member(request: HttpRequest, case: Case, data: dict[str, Any]) -> None:
    actions.add_network_member(
        case=case,
        by=professional_of(request),
        organisation=data["organisation"],
        user=data["user"],
        role=data["role"],
    )


@client_data
@require_POST
def decide_handover(request: HttpRequest, request_id: int, accept: bool) -> HttpResponse:
    user = professional_of(request)
    req = access.get_handover_request_for_change(user, request_id, what="handover_decide")
    try:
        if accept:
            actions.accept_handover(request=req, by=user)
            messages.success(request, _("Olet nyt asiakkuuden vastuutyöntekijä."))
        else:
            actions.decline_handover(request=req, by=user)
            messages.info(request, _("Vastuun siirtopyyntö hylättiin."))
    except ValidationError as exc:
        messages.error(request, " ".join(_errors_of(exc)))
    return redirect("cases:mine")


@client_data
@require_http_methods(["GET", "POST"])
def hand_over_caseload(request: HttpRequest) -> HttpResponse:
    user = professional_of(request)
    form = CaseloadForm(request.POST or None, initial={"from_worker": user}, user=user)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            reqs = actions.hand_over_caseload(
                from_worker=form.cleaned_data["from_worker"],
                to_worker=form.cleaned_data["to_worker"],
                by=user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            errors = _errors_of(exc)
        else:
            messages.success(request, _("%(n)d siirtopyyntöä lähetetty.") % {"n": len(reqs)})
            return redirect("cases:mine")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "cases/caseload_form.html", {"form": form, "errors": errors}, status=status
    )
