"""Client pages (/asiakkaat/). Thin: parse, authorise through access.selectors, call the action
or the selector, render. Every page here carries client data, so every response is
``Cache-Control: no-store``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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


@dataclass(frozen=True)
class CaseFormSpec:
    """One action form of the client page. The page shows it closed and loads it on demand
    (``cases:<key>_form``, htmx into a ``<details>``; without JavaScript a link to a page with
    the form); it posts to ``cases:<key>`` as before (decision 0337)."""

    key: str
    form_class: type[CaseForm]
    need: Need
    legend: Any
    button: Any
    intro: Any = ""

    @property
    def what(self) -> str:
        """What the access log calls the read of the form (it shows the case's choices)."""
        return f"case_{self.key}_form"


CASE_FORMS = {
    spec.key: spec
    for spec in (
        CaseFormSpec(
            "phase",
            PhaseForm,
            Need.STEER,
            gettext_lazy("Vaihda vaihetta"),
            gettext_lazy("Vaihda vaihe"),
        ),
        CaseFormSpec(
            "handover",
            HandoverForm,
            Need.STEER,
            gettext_lazy("Pyydä toista ottamaan vastuu"),
            gettext_lazy("Lähetä siirtopyyntö"),
        ),
        CaseFormSpec(
            "network",
            NetworkForm,
            Need.STEER,
            gettext_lazy("Lisää verkostoon"),
            gettext_lazy("Lisää"),
            gettext_lazy(
                "Toisen organisaation tai rekisterin ammattilainen lisätään vain, kun asiakkaan "
                "suostumus kattaa hänen organisaationsa tai yksikkönsä."
            ),
        ),
        CaseFormSpec(
            "checklist",
            ChecklistForm,
            Need.STEER,
            gettext_lazy("Merkitse kohta tehdyksi"),
            gettext_lazy("Merkitse"),
        ),
        CaseFormSpec(
            "journal",
            JournalForm,
            Need.WRITE,
            gettext_lazy("Uusi kirjaus"),
            gettext_lazy("Tallenna kirjaus"),
        ),
    )
}


@dataclass(frozen=True)
class CaseFormSlot:
    """Where the page has an action form: closed with its loading link, or open with a form
    posted and refused (its field errors shown)."""

    spec: CaseFormSpec
    url: str  # the form on demand (GET)
    action: str  # where it posts
    form: Form | None = None


def _slots(case: Case, may: Any, pending: bool, forms: CaseForms) -> dict[str, CaseFormSlot]:
    offered = {
        "phase": may.steer,
        "handover": may.steer and not pending,
        "network": may.steer,
        "checklist": may.steer,
        "journal": may.write,
    }
    return {
        key: CaseFormSlot(
            spec,
            reverse(f"cases:{key}_form", args=[case.pk]),
            reverse(f"cases:{key}", args=[case.pk]),
            forms.get(key),
        )
        for key, spec in CASE_FORMS.items()
        if offered[key]
    }


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
    if case is not None and page.case is not None:
        # The action forms are loaded on demand (decision 0337): only a refused one is here.
        ctx["case_forms"] = _slots(case, may, page.case.pending is not None, forms or {})
        ctx["panels"] = panels.rendered(user, case, purpose)
    return render(request, "cases/client_detail.html", ctx, status=status)


def _case_form(spec: CaseFormSpec) -> View:
    """GET one action form of a case: the fragment for htmx, else a page with only the form
    (the no-JavaScript way). The same check as its POST (``spec.need``), refused and logged
    alike; the read is logged, since the form's choices come from the case."""

    @client_data
    @require_http_methods(["GET"])
    def view(request: HttpRequest, case_id: int) -> HttpResponse:
        user = professional_of(request)
        case = access.get_case_for_change(user, case_id, what=spec.what, need=spec.need)
        access.record_read(user, case.client_id, what=spec.what)
        slot = CaseFormSlot(
            spec,
            request.path,
            reverse(f"cases:{spec.key}", args=[case.pk]),
            spec.form_class(initial={"version": case.version}, case=case, user=user),
        )
        if is_htmx(request):
            response = render(request, "cases/_case_form.html", {"slot": slot})
        else:
            response = render(
                request, "cases/case_form_page.html", {"slot": slot, "client": case.client}
            )
        patch_vary_headers(response, ["HX-Request"])
        return response

    view.__name__ = f"{spec.key}_form"
    return view


phase_form = _case_form(CASE_FORMS["phase"])
handover_form = _case_form(CASE_FORMS["handover"])
network_form = _case_form(CASE_FORMS["network"])
checklist_form = _case_form(CASE_FORMS["checklist"])
journal_form = _case_form(CASE_FORMS["journal"])


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
