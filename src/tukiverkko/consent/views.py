"""Consent pages (/suostumukset/): record and revoke consents, tell recipients of a revocation,
record and lift disclosure prohibitions, record and end legal bases. Authorised by
access.selectors: recording needs a relationship with the client and the role's capability;
what is recorded is always of the recorder's own organisation and register."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tukiverkko.access import selectors as access
from tukiverkko.access.selectors import Need
from tukiverkko.accounts.decorators import client_data, professional_of
from tukiverkko.accounts.models import Register
from tukiverkko.accounts.roles import register_of
from tukiverkko.consent import actions
from tukiverkko.consent.forms import ConsentRecordForm, LegalBasisForm, ProhibitionForm, RevokeForm

Record = Callable[[Any, Any, dict[str, Any]], object]


def _recording_page(
    request: HttpRequest,
    client_id: int,
    *,
    form_class: type[Form],
    what: str,
    template: str,
    record: Record,
    saved: str,
) -> HttpResponse:
    """GET: the form (a read of the client); POST: record through ``record``, or the form again
    with each field's error (400, nothing saved)."""
    user = professional_of(request)
    client = access.get_client_for_change(user, client_id, what=what, need=Need.RECORD)
    if request.method != "POST":
        # A saved record is logged by its action; the form shown (again) is a read.
        access.record_read(user, client.pk, what=what)
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                record(client, user, form.cleaned_data)
            except ValidationError as exc:
                for field, msgs in exc.message_dict.items():
                    form.add_error(None if field not in form.fields else field, msgs)
            else:
                messages.success(request, saved)
                return redirect("cases:detail", client_id=client.pk)
        access.record_read(user, client.pk, what=what)
    register = register_of(user) or ""
    return render(
        request,
        template,
        {
            "form": form,
            "client": client,
            "discloser": user.organisation,
            "register": dict(Register.choices).get(register, register),
        },
        status=status,
    )


def _consent(client: Any, user: Any, data: dict[str, Any]) -> object:
    employers = (
        [actions.Employer(data["employer_name"], data["employer_business_id"])]
        if data.get("employer_name")
        else []
    )
    return actions.record_consent(
        client=client,
        by=user,
        organisations=data["organisations"],
        units=data["units"],
        employers=employers,
        categories=data["categories"],
        purposes=data["purposes"],
        form=data["form"],
        signature_method=data["signature_method"],
        evidence_reference=data["evidence_reference"],
        valid_from=data["valid_from"],
        valid_until=data["valid_until"],
        note=data["note"],
    )


@client_data
@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, client_id: int) -> HttpResponse:
    return _recording_page(
        request,
        client_id,
        form_class=ConsentRecordForm,
        what="consent_form",
        template="consent/consent_form.html",
        record=_consent,
        saved=_("Suostumus kirjattu."),
    )


@client_data
@require_http_methods(["GET", "POST"])
def prohibition_create(request: HttpRequest, client_id: int) -> HttpResponse:
    return _recording_page(
        request,
        client_id,
        form_class=ProhibitionForm,
        what="prohibition_form",
        template="consent/prohibition_form.html",
        record=lambda client, user, data: actions.record_prohibition(
            client=client, by=user, **data
        ),
        saved=_("Luovutuskielto kirjattu: tietoja ei luovuteta suostumuksella."),
    )


@client_data
@require_http_methods(["GET", "POST"])
def legal_basis_create(request: HttpRequest, client_id: int) -> HttpResponse:
    return _recording_page(
        request,
        client_id,
        form_class=LegalBasisForm,
        what="legal_basis_form",
        template="consent/legal_basis_form.html",
        record=lambda client, user, data: actions.record_legal_basis(
            client=client, by=user, **data
        ),
        saved=_("Lakiperusteinen luovutus kirjattu."),
    )


@client_data
@require_POST
def consent_revoke(request: HttpRequest, consent_id: int) -> HttpResponse:
    """The client's revocation, recorded at their request by a professional with a
    relationship: at once, and every recipient is to be told (the notices on the client page)."""
    user = professional_of(request)
    consent = access.get_consent_for_change(user, consent_id, what="consent_revoke")
    form = RevokeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Kerro, miten asiakas pyysi perumista."))
        actions.revoke_consent(consent=consent, by=user, channel=form.cleaned_data["channel"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                "Suostumus peruttu heti. Ilmoita perumisesta jokaiselle vastaanottajalle: "
                "ilmoitukset näkyvät asiakkaan sivulla, kunnes ne on merkitty tehdyiksi."
            ),
        )
    return redirect("cases:detail", client_id=consent.client_id)


@client_data
@require_POST
def notice_done(request: HttpRequest, notice_id: int) -> HttpResponse:
    user = professional_of(request)
    notice = access.get_notice_for_change(user, notice_id, what="revocation_notice")
    try:
        actions.mark_notice_done(notice=notice, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Ilmoitus merkitty tehdyksi."))
    return redirect("cases:detail", client_id=notice.consent.client_id)


@client_data
@require_POST
def prohibition_lift(request: HttpRequest, prohibition_id: int) -> HttpResponse:
    user = professional_of(request)
    row = access.get_prohibition_for_change(user, prohibition_id, what="prohibition_lift")
    try:
        actions.lift_prohibition(prohibition=row, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Luovutuskielto poistettu asiakkaan pyynnöstä."))
    return redirect("cases:detail", client_id=row.client_id)


@client_data
@require_POST
def legal_basis_end(request: HttpRequest, basis_id: int) -> HttpResponse:
    user = professional_of(request)
    row = access.get_legal_basis_for_change(user, basis_id, what="legal_basis_end")
    try:
        actions.end_legal_basis(basis=row, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Lakiperusteinen luovutus päätetty."))
    return redirect("cases:detail", client_id=row.client_id)
