"""Client pages (/asiakkaat/). Thin: parse, authorise through access.selectors, call the action
or the selector, render. Every page here carries client data, so every response is
``Cache-Control: no-store``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tukiverkko.access import lists, policy
from tukiverkko.access import selectors as access
from tukiverkko.access.selectors import Need
from tukiverkko.accounts.decorators import client_data, professional_of
from tukiverkko.accounts.roles import creates_clients, opens_justified_access
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
from tukiverkko.consent.forms import RevokeForm
from tukiverkko.consent.models import InfoCategory, Purpose
from tukiverkko.core.forms import first_errors
from tukiverkko.core.htmx import is_htmx

View = Callable[..., HttpResponse]
CaseForms = dict[str, Form]


def _errors_of(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def _purpose(request: HttpRequest) -> Purpose:
    return parse_purpose(request.GET.get("tarkoitus")) or Purpose.INFORMATION_EXCHANGE


def _case_page(
    request: HttpRequest,
    page_access: access.Access,
    *,
    errors: list[str] | None = None,
    status: int = 200,
    revealed: str = "",
    forms: CaseForms | None = None,
) -> HttpResponse:
    user = professional_of(request)
    client = page_access.client
    purpose = _purpose(request)
    page = client_page(user, client, purpose=purpose)
    case = page.case.case if page.case else None
    may = access.permissions(user, page_access, case)
    ctx: dict[str, Any] = {
        "page": page,
        "client": client,
        "case": case,
        "view": page.case,
        "may": may,
        "consents": page.consents,
        "errors": errors or [],
        "revealed": revealed,
        "purposes": Purpose.choices,
        "phases": Phase.choices,
        "categories": dict(InfoCategory.choices),
        "revoke_form": RevokeForm(),
        "justified_only": page_access.standing.may_read
        and not page_access.standing.has_relationship,
    }
    if case is not None:
        initial = {"version": case.version}
        forms = forms or {}
        if may.write:
            ctx["journal_form"] = forms.get("journal") or JournalForm()
        if may.steer:
            ctx |= {
                "phase_form": forms.get("phase") or PhaseForm(initial=initial),
                "handover_form": forms.get("handover") or HandoverForm(case=case, user=user),
                "checklist_form": forms.get("checklist")
                or ChecklistForm(initial=initial, case=case, user=user),
                "network_form": forms.get("network") or NetworkForm(case=case, user=user),
            }
        ctx["panels"] = panels.rendered(user, case, purpose)
    return render(request, "cases/client_detail.html", ctx, status=status)


@client_data
@require_http_methods(["GET"])
def my_clients(request: HttpRequest) -> HttpResponse:
    user = request.user
    try:
        page = int(request.GET.get("sivu", "1"))
    except ValueError:
        page = 1
    mine = lists.my_cases(user, page=min(max(page, 1), 10**6))
    return render(
        request,
        "cases/my_clients.html",
        {
            "cases": mine.cases,
            "page": mine,
            "incoming": lists.incoming_handovers(user),
            "justified": lists.my_justified_accesses(user),
            "may_create": creates_clients(user),
            "may_justify": opens_justified_access(user),
        },
    )


@client_data
@require_http_methods(["GET", "POST"])
def client_create(request: HttpRequest) -> HttpResponse:
    user = professional_of(request)
    if not creates_clients(user):
        raise PermissionDenied(_("Asiakkaiden vastaanotto ei kuulu roolisi tehtäviin."))
    form = ClientForm(request.POST or None)
    errors: list[str] = []
    duplicate = registered = False
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = actions.create_client(
                    by=user, duplicates_among=policy.clients_visible_to(user), **form.cleaned_data
                )
            except actions.AlreadyRegistered as exc:
                if policy.can_see_client(user, exc.client_id):
                    messages.info(request, _("Henkilö on jo asiakkaasi."))
                    return redirect("cases:detail", client_id=exc.client_id)
                # Typing a known code attaches nobody and tells nothing more (review C1); the
                # look-up itself is logged in that client's log.
                access.record_lookup(user, exc.client_id)
                errors, registered, status = _errors_of(exc), True, 409
            except actions.LikelyDuplicate as exc:
                errors, duplicate, status = _errors_of(exc), True, 400
            except ValidationError as exc:
                for field, msgs in exc.message_dict.items():
                    form.add_error(None if field == "__all__" else field, msgs)
                status = 400
            else:
                return redirect("cases:detail", client_id=result.client.pk)
        else:
            status = 400
    return render(
        request,
        "cases/client_form.html",
        {
            "form": form,
            "errors": errors,
            "duplicate": duplicate,
            "registered": registered,
            "may_justify": opens_justified_access(user),
        },
        status=status,
    )


@client_data
@require_http_methods(["GET"])
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    page_access = access.read_client(
        request.user, client_id, what="client_page", purpose=_purpose(request)
    )
    return _case_page(request, page_access)


@client_data
@require_POST
def reveal_henkilotunnus(request: HttpRequest, client_id: int) -> HttpResponse:
    client, code = access.reveal_henkilotunnus(request.user, client_id)
    if is_htmx(request):
        return render(request, "cases/_henkilotunnus.html", {"revealed": code})
    page_access = access.Access(client, policy.standing(request.user, client_id))
    return _case_page(request, page_access, revealed=code)


def _case_action(
    form_class: type[CaseForm], form_key: str, what: str, need: Need
) -> Callable[[Callable[[HttpRequest, Case, dict[str, Any]], object]], View]:
    """POST on a case: authorise (what the change needs: ``need``), parse, run the action,
    redirect — or re-render the client page with the Finnish error (400, or 409 for a
    conflicting edit); nothing half-saved.

    A saved change is logged by its action; a refused one re-renders the page, which is a read
    and is logged as one (``what``)."""

    def decorate(run: Callable[[HttpRequest, Case, dict[str, Any]], object]) -> View:
        @client_data
        @require_POST
        @wraps(run)
        def view(request: HttpRequest, case_id: int) -> HttpResponse:
            user = professional_of(request)
            case = access.get_case_for_change(user, case_id, what=what, need=need)
            form = form_class(request.POST, case=case, user=user)

            def refused(errors: list[str], status: int, forms: CaseForms | None) -> HttpResponse:
                page_access = access.read_client(user, case.client_id, what=what)
                return _case_page(request, page_access, errors=errors, status=status, forms=forms)

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


@_case_action(PhaseForm, "phase", "case_phase_change", Need.STEER)
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


@_case_action(HandoverForm, "handover", "handover_request", Need.STEER)
def request_handover(request: HttpRequest, case: Case, data: dict[str, Any]) -> None:
    actions.request_handover(
        case=case, to_worker=data["to_worker"], by=professional_of(request), reason=data["reason"]
    )


@_case_action(JournalForm, "journal", "journal_add", Need.WRITE)
def add_journal_entry(request: HttpRequest, case: Case, data: dict[str, Any]) -> None:
    actions.add_journal_entry(
        case=case, by=professional_of(request), category=data["category"], text=data["text"]
    )


@_case_action(ChecklistForm, "checklist", "case_checklist", Need.STEER)
def mark_checklist_step(request: HttpRequest, case: Case, data: dict[str, Any]) -> None:
    actions.mark_checklist_step(
        case=case,
        step=data["step"],
        by=professional_of(request),
        note=data["note"],
        follow_up_by=data["follow_up_by"],
        expected_version=data["version"],
    )


@_case_action(NetworkForm, "network", "network_add", Need.STEER)
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
def remove_network_member(request: HttpRequest, member_id: int) -> HttpResponse:
    """End a membership (review H1: access handed out could not be taken back)."""
    user = professional_of(request)
    member = access.get_network_member_for_change(user, member_id, what="network_remove")
    try:
        actions.remove_network_member(member=member, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(_errors_of(exc)))
    else:
        messages.success(request, _("Poistettu verkostosta; hänen pääsynsä päättyi."))
    return redirect("cases:detail", client_id=member.case.client_id)


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
    # ?tyontekija=<id>: the follow-up task of a worker who left links here with them chosen.
    chosen = request.GET.get("tyontekija", "")
    initial = {"from_worker": int(chosen) if chosen.isdigit() and len(chosen) < 12 else user}
    form = CaseloadForm(request.POST or None, initial=initial, user=user)
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
