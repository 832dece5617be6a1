"""Client pages (/asiakkaat/). Thin: parse, authorise through clients.access, call the action,
render. Every page here carries client data, so every response is ``Cache-Control: no-store``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from tukiverkko.accounts.decorators import professional_required
from tukiverkko.clients import access, actions
from tukiverkko.clients.forms import (
    CaseloadForm,
    ChecklistForm,
    ClientForm,
    HandoverForm,
    JournalForm,
    NetworkForm,
    PhaseForm,
    first_errors,
)
from tukiverkko.clients.models import CHECKLIST_STEPS, Case, Client, Phase
from tukiverkko.consent.models import Purpose

View = Callable[..., HttpResponse]


def client_data(view: View) -> View:
    """Professional, 2FA when required, and never cached (client data)."""
    return never_cache(professional_required(view))


def _errors_of(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def _case_page(
    request: HttpRequest,
    client: Client,
    *,
    errors: list[str] | None = None,
    status: int = 200,
    revealed: str = "",
    forms: dict[str, Any] | None = None,
) -> HttpResponse:
    user = request.user
    case = (
        client.cases.select_related("responsible_worker", "follow_up_by")
        .order_by("-opened_at")
        .first()
    )
    ctx: dict[str, Any] = {
        "client": client,
        "case": case,
        "errors": errors or [],
        "revealed": revealed,
    }
    if case is not None:
        purpose = request.GET.get("tarkoitus", Purpose.INFORMATION_EXCHANGE)
        if purpose not in Purpose.values:
            purpose = Purpose.INFORMATION_EXCHANGE
        journal = access.visible_journal(
            user, client.pk, case.journal.select_related("author", "organisation"), purpose=purpose
        )
        done = {item.step: item for item in case.checklist.select_related("done_by")}
        ctx |= {
            "journal": journal,
            "purpose": purpose,
            "purposes": Purpose.choices,
            "checklist": [(n, label, done.get(n)) for n, label in CHECKLIST_STEPS.items()],
            "network": case.network.filter(removed_at__isnull=True).select_related(
                "organisation", "user"
            ),
            "periods": case.responsibility_periods.select_related("worker"),
            "transitions": case.transitions.select_related("by"),
            "pending": case.handover_requests.filter(status="pending")
            .select_related("to_worker")
            .first(),
            "handoffs": case.handoff_count(),
            "is_open": case.phase != Phase.CLOSED,
            "phases": Phase.choices,
        }
        initial = {"version": case.version}
        forms = forms or {}
        ctx |= {
            "phase_form": forms.get("phase") or PhaseForm(initial=initial),
            "handover_form": forms.get("handover") or HandoverForm(case=case, user=user),
            "journal_form": forms.get("journal") or JournalForm(),
            "checklist_form": forms.get("checklist")
            or ChecklistForm(initial=initial, case=case, user=user),
            "network_form": forms.get("network") or NetworkForm(),
        }
    ctx["consents"] = client.consents.prefetch_related("organisations").select_related(
        "recorded_by"
    )
    return render(request, "clients/client_detail.html", ctx, status=status)


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
        "clients/my_clients.html",
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
                result = actions.create_client(by=request.user, **data)
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
                return redirect("clients:detail", client_id=result.client.pk)
        else:
            status = 400
    return render(
        request,
        "clients/client_form.html",
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
    if request.headers.get("HX-Request"):
        return render(request, "clients/_henkilotunnus.html", {"revealed": code})
    return _case_page(request, client, revealed=code)


def _case_action(
    form_class: type, form_key: str, what: str
) -> Callable[[Callable[..., Any]], View]:
    """POST on a case: authorise, parse, run the action, redirect — or re-render the client
    page with the Finnish error (400, or 409 for a conflicting edit); nothing half-saved."""

    def decorate(run: Callable[..., Any]) -> View:
        @client_data
        @require_POST
        @wraps(run)
        def view(request: HttpRequest, case_id: int) -> HttpResponse:
            case: Case = access.get_case(request.user, case_id, what=what)
            scoped = form_class in (HandoverForm, ChecklistForm)
            extra = {"case": case, "user": request.user} if scoped else {}
            form = form_class(request.POST, **extra)
            if not form.is_valid():
                errors = [m for msgs in first_errors(form).values() for m in msgs]
                return _case_page(
                    request, case.client, errors=errors, status=400, forms={form_key: form}
                )
            try:
                run(request, case, form.cleaned_data)
            except actions.ConflictError as exc:
                return _case_page(request, case.client, errors=_errors_of(exc), status=409)
            except ValidationError as exc:
                return _case_page(
                    request, case.client, errors=_errors_of(exc), status=400, forms={form_key: form}
                )
            messages.success(request, _("Tallennettu."))
            return HttpResponseRedirect(reverse("clients:detail", args=[case.client_id]))

        return view

    return decorate


@_case_action(PhaseForm, "phase", "case_phase_change")
def change_phase(request: HttpRequest, case: Case, data: dict[str, Any]) -> None:
    actions.change_phase(
        case=case,
        to=data["to"],
        by=request.user,
        reason=data["reason"],
        expected_version=data["version"],
        outcome=data["outcome"],
        closed_on=data["closed_on"],
        outcome_note=data["outcome_note"],
    )


@_case_action(HandoverForm, "handover", "handover_request")
def request_handover(request: HttpRequest, case: Case, data: dict[str, Any]) -> None:
    actions.request_handover(
        case=case, to_worker=data["to_worker"], by=request.user, reason=data["reason"]
    )


@_case_action(JournalForm, "journal", "journal_add")
def add_journal_entry(request: HttpRequest, case: Case, data: dict[str, Any]) -> None:
    actions.add_journal_entry(
        case=case, by=request.user, category=data["category"], text=data["text"]
    )


@_case_action(ChecklistForm, "checklist", "case_checklist")
def mark_checklist_step(request: HttpRequest, case: Case, data: dict[str, Any]) -> None:
    actions.mark_checklist_step(
        case=case,
        step=data["step"],
        by=request.user,
        note=data["note"],
        follow_up_by=data["follow_up_by"],
        expected_version=data["version"],
    )


@_case_action(NetworkForm, "network", "network_add")
def add_network_member(request: HttpRequest, case: Case, data: dict[str, Any]) -> None:
    actions.add_network_member(
        case=case,
        by=request.user,
        organisation=data["organisation"],
        user=data["user"],
        role=data["role"],
    )


@client_data
@require_POST
def decide_handover(request: HttpRequest, request_id: int, accept: bool) -> HttpResponse:
    req = access.get_handover_request(request.user, request_id, what="handover_decide")
    try:
        if accept:
            actions.accept_handover(request=req, by=request.user)
            messages.success(request, _("Olet nyt asiakkuuden vastuutyöntekijä."))
        else:
            actions.decline_handover(request=req, by=request.user)
            messages.info(request, _("Vastuun siirtopyyntö hylättiin."))
    except ValidationError as exc:
        messages.error(request, " ".join(_errors_of(exc)))
    return redirect("clients:mine")


@client_data
@require_http_methods(["GET", "POST"])
def hand_over_caseload(request: HttpRequest) -> HttpResponse:
    form = CaseloadForm(
        request.POST or None, initial={"from_worker": request.user}, user=request.user
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            reqs = actions.hand_over_caseload(
                from_worker=form.cleaned_data["from_worker"],
                to_worker=form.cleaned_data["to_worker"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            errors = _errors_of(exc)
        else:
            messages.success(request, _("%(n)d siirtopyyntöä lähetetty.") % {"n": len(reqs)})
            return redirect("clients:mine")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "clients/caseload_form.html", {"form": form, "errors": errors}, status=status
    )
