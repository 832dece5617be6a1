"""Referral pages (/lahetteet/). Thin: parse, authorise, call the action or the selector, render.

Who reaches a referral: on the sender's side whoever may see the client (access.selectors); on
the receiver's side the professionals it is addressed to (by name, unit or organisation), who
need no relationship with the client to read and answer it — accepting makes the handler one
(decision 0263). Anyone else gets 404, logged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tukiverkko.access import selectors as access
from tukiverkko.access.selectors import Need
from tukiverkko.accounts.decorators import client_data, professional_of
from tukiverkko.accounts.models import User
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.purposes import AccessPurpose
from tukiverkko.referrals import actions, selectors
from tukiverkko.referrals.forms import (
    CloseForm,
    CompleteForm,
    ReasonForm,
    ReferralForm,
    ReturnForm,
)
from tukiverkko.referrals.models import Referral


def _deny(user: User, referral: Referral | None, what: str, referral_id: int) -> Http404:
    record_access(
        user=user,
        client_id=referral.case.client_id if referral is not None else None,
        what=f"{what}:referral:{referral_id}" if referral is None else what,
        purpose=AccessPurpose.CLIENT_WORK,
        allowed=False,
    )
    return Http404()


def _readable(user: User, referral_id: int, what: str) -> Referral:
    referral = selectors.referral_by_id(referral_id)
    if referral is None:
        raise _deny(user, None, what, referral_id)
    if selectors.is_addressee(user, referral):
        selectors.log_addressee_read(user, referral, what)
    else:
        access.get_case(user, referral.case_id, what=what)
    return referral


def _page(
    request: HttpRequest,
    referral: Referral,
    *,
    errors: list[str] | None = None,
    forms: dict[str, Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = professional_of(request)
    view = selectors.referral_view(user, referral)
    forms = forms or {}
    ctx: dict[str, Any] = {"view": view, "referral": referral, "errors": errors or []}
    if "decline" in view.steps:
        ctx["decline_form"] = forms.get("decline") or ReasonForm(prefix="decline")
        ctx["return_form"] = forms.get("return") or ReturnForm(prefix="return", case=referral.case)
    if "complete" in view.steps:
        ctx["complete_form"] = forms.get("complete") or CompleteForm()
    if "close" in view.steps:
        ctx["close_form"] = forms.get("close") or CloseForm()
    return render(request, "referrals/referral_detail.html", ctx, status=status)


@client_data
@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest, case_id: int) -> HttpResponse:
    """The referral form on a case: a service of the catalogue or a named professional."""
    user = professional_of(request)
    what = "referral_form"
    case = access.get_case_for_change(user, case_id, what=what, need=Need.WRITE)
    form = ReferralForm(request.POST or None, case=case, user=user)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                referral = actions.create_draft(case=case, by=user, **data)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for name, errs in exc.message_dict.items():
                        form.add_error(name if name in form.fields else None, errs)
                else:
                    errors = list(exc.messages)
            else:
                if "send" in request.POST:
                    try:
                        actions.send_referral(referral=referral, by=user)
                    except ValidationError as exc:
                        messages.error(request, " ".join(exc.messages))
                    else:
                        messages.success(request, _("Lähete lähetetty."))
                else:
                    messages.success(request, _("Luonnos tallennettu."))
                return redirect("referrals:detail", referral_id=referral.pk)
        status = 400
    else:
        access.record_read(user, case.client_id, what=what)
    return render(
        request,
        "referrals/referral_form.html",
        {"form": form, "case": case, "client": case.client, "errors": errors},
        status=status,
    )


@client_data
@require_http_methods(["GET"])
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = professional_of(request)
    return _page(request, _readable(user, referral_id, "referral"))


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


Run = Callable[[Referral, User, HttpRequest], tuple[Referral, str] | Form]


def _send(referral: Referral, user: User, request: HttpRequest) -> tuple[Referral, str] | Form:
    done = actions.send_referral(referral=referral, by=user, expected_version=_version(request))
    return done, _("Lähete lähetetty.")


def _close(referral: Referral, user: User, request: HttpRequest) -> tuple[Referral, str] | Form:
    form = CloseForm(request.POST)
    if not form.is_valid():
        return form
    done = actions.close_referral(
        referral=referral, by=user, expected_version=_version(request), **form.cleaned_data
    )
    return done, _("Lähete suljettu.")


def _simple(act: Callable[..., Referral], message: Callable[[], str]) -> Run:
    def run(referral: Referral, user: User, request: HttpRequest) -> tuple[Referral, str] | Form:
        return act(referral=referral, by=user, expected_version=_version(request)), message()

    return run


def _decline(referral: Referral, user: User, request: HttpRequest) -> tuple[Referral, str] | Form:
    form = ReasonForm(request.POST, prefix="decline")
    if not form.is_valid():
        return form
    done = actions.decline_referral(
        referral=referral, by=user, expected_version=_version(request), **form.cleaned_data
    )
    return done, _("Lähete hylätty.")


def _return(referral: Referral, user: User, request: HttpRequest) -> tuple[Referral, str] | Form:
    form = ReturnForm(request.POST, prefix="return", case=referral.case)
    if not form.is_valid():
        return form
    done = actions.return_referral(
        referral=referral, by=user, expected_version=_version(request), **form.cleaned_data
    )
    return done, _("Lähete palautettu paremman osoitteen kera.")


def _complete(referral: Referral, user: User, request: HttpRequest) -> tuple[Referral, str] | Form:
    form = CompleteForm(request.POST)
    if not form.is_valid():
        return form
    done = actions.complete_referral(
        referral=referral, by=user, expected_version=_version(request), **form.cleaned_data
    )
    return done, _("Palaute annettu; lähete on valmis.")


SENDER_STEPS: dict[str, Run] = {"send": _send, "close": _close}
RECEIVER_STEPS: dict[str, Run] = {
    "receive": _simple(actions.receive_referral, lambda: _("Lähete vastaanotettu.")),
    "accept": _simple(
        actions.accept_referral,
        lambda: _("Lähete hyväksytty; näet asiakkaan tiedot, kunnes lähete on valmis."),
    ),
    "decline": _decline,
    "return": _return,
    "start": _simple(actions.start_referral, lambda: _("Työ aloitettu.")),
    "complete": _complete,
}
FORM_KEYS = {"decline": "decline", "return": "return", "complete": "complete", "close": "close"}


@client_data
@require_POST
def referral_step(request: HttpRequest, referral_id: int, step: str) -> HttpResponse:
    """One transition: the sender's (send, close) or the receiver's (the rest)."""
    user = professional_of(request)
    what = f"referral_{step}"
    referral = selectors.referral_by_id(referral_id)
    if referral is None:
        raise _deny(user, None, what, referral_id)
    if step in SENDER_STEPS:
        access.get_case_for_change(user, referral.case_id, what=what, need=Need.WRITE)
        run = SENDER_STEPS[step]
    elif not selectors.is_addressee(user, referral):
        raise _deny(user, referral, what, referral_id)
    else:
        run = RECEIVER_STEPS[step]
    try:
        result = run(referral, user, request)
    except ValidationError as exc:
        referral.refresh_from_db()
        return _page(request, referral, errors=list(exc.messages), status=400)
    if isinstance(result, Form):
        return _page(request, referral, forms={FORM_KEYS[step]: result}, status=400)
    done, message = result
    messages.success(request, message)
    return redirect("referrals:detail", referral_id=done.pk)


@client_data
@require_http_methods(["GET"])
def inbox(request: HttpRequest) -> HttpResponse:
    """The referrals addressed to the professional, their unit or their organisation."""
    try:
        page = int(request.GET.get("sivu", "1"))
    except ValueError:
        page = 1
    found = selectors.inbox(request.user, page=min(max(page, 1), 10**6))
    return render(request, "referrals/inbox.html", {"page": found})
