"""Consent pages (/suostumukset/): record and revoke. Authorised by access.selectors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tukiverkko.access import selectors as access
from tukiverkko.accounts.decorators import client_data, professional_of
from tukiverkko.consent import actions
from tukiverkko.consent.forms import ConsentRecordForm


@client_data
@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, client_id: int) -> HttpResponse:
    user = professional_of(request)
    if request.method == "POST":
        # A saved consent is logged by its action; only a refused form, shown again, is a read.
        client = access.get_client_for_change(user, client_id, what="consent_form")
    else:
        client = access.get_client(user, client_id, what="consent_form")
    form = ConsentRecordForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                actions.record_consent(client=client, by=user, **form.cleaned_data)
            except ValidationError as exc:
                for field, msgs in exc.message_dict.items():
                    form.add_error(None if field == "__all__" else field, msgs)
            else:
                messages.success(request, _("Suostumus kirjattu."))
                return redirect("cases:detail", client_id=client.pk)
        access.record_read(user, client.pk, what="consent_form")
    return render(
        request, "consent/consent_form.html", {"form": form, "client": client}, status=status
    )


@client_data
@require_POST
def consent_revoke(request: HttpRequest, consent_id: int) -> HttpResponse:
    user = professional_of(request)
    consent = access.get_consent_for_change(user, consent_id, what="consent_revoke")
    try:
        actions.revoke_consent(consent=consent, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Suostumus peruttu. Ilmoita perumisesta kaikille, joille tietoja on luovutettu."),
        )
    return redirect("cases:detail", client_id=consent.client_id)
