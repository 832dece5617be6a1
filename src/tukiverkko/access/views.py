"""Justified access ("perusteltu pääsy", /paasy/perusteltu/) and its review by the
data-protection officer (/paasy/valvonta/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from tukiverkko.access import actions
from tukiverkko.access import selectors as access
from tukiverkko.access.forms import JustifiedAccessForm, ReviewForm
from tukiverkko.access.models import JustifiedAccess
from tukiverkko.accounts.decorators import client_data, professional_of, professional_required
from tukiverkko.accounts.roles import opens_justified_access, reads_audit_log
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.purposes import AccessPurpose

PER_PAGE = 50


@client_data
@require_http_methods(["GET", "POST"])
def justified_access(request: HttpRequest) -> HttpResponse:
    """State why, for how long — then the client page opens, read only, logged as such."""
    user = professional_of(request)
    if not opens_justified_access(user):
        raise PermissionDenied(_("Perusteltu pääsy ei kuulu roolisi tehtäviin."))
    form = JustifiedAccessForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                row = actions.open_justified_access(by=user, **form.cleaned_data)
            except actions.NoSuchClient as exc:
                # The look-up is logged (no client to log it for: the DPO's list of refusals).
                record_access(
                    user=user,
                    client_id=None,
                    what="justified_access:no_client",
                    purpose=AccessPurpose.JUSTIFIED_ACCESS,
                    allowed=False,
                )
                form.add_error("henkilotunnus", exc.message_dict["henkilotunnus"])
            except ValidationError as exc:
                for field, msgs in exc.message_dict.items():
                    form.add_error(None if field not in form.fields else field, msgs)
            else:
                messages.warning(
                    request,
                    _(
                        "Perusteltu pääsy on auki %(until)s asti. Jokainen luku kirjataan "
                        "perustellun pääsyn lukuna, tietosuojavastaava tarkastaa sen ja se "
                        "näytetään asiakkaalle."
                    )
                    % {"until": row.ends_at.astimezone().strftime("%H.%M")},
                )
                return redirect("cases:detail", client_id=row.client_id)
    return render(request, "access/justified_access.html", {"form": form}, status=status)


@client_data
@require_POST
def end_justified_access(request: HttpRequest, access_id: int) -> HttpResponse:
    user = professional_of(request)
    row = access.get_justified_access_for_change(user, access_id, what="justified_access_end")
    try:
        actions.end_justified_access(access=row, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Perusteltu pääsy päätetty."))
    return redirect("cases:mine")


def _dpo(request: HttpRequest, what: str, client_id: int | None = None) -> None:
    """The data-protection officer only; the refusal is logged (the review lists reasons)."""
    if not reads_audit_log(request.user):
        record_access(
            user=request.user,
            client_id=client_id,
            what=what,
            purpose=AccessPurpose.DATA_PROTECTION,
            allowed=False,
        )
        raise PermissionDenied(_("Vain tietosuojavastaava tarkastaa perustellut pääsyt."))


@professional_required
@never_cache
@require_http_methods(["GET"])
def review_list(request: HttpRequest) -> HttpResponse:
    """Every justified access, those not yet reviewed first; each shown is logged as the
    data-protection officer's read of that client's data."""
    _dpo(request, "justified_access_review")
    rows = JustifiedAccess.objects.select_related("user", "organisation", "reviewed_by").order_by(
        "reviewed_at", "-started_at", "-pk"
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("sivu"))
    for row in page:
        record_access(
            user=request.user,
            client_id=row.client_id,
            what="justified_access_review",
            purpose=AccessPurpose.DATA_PROTECTION,
            allowed=True,
            basis="audit_log_reading",
        )
    return render(request, "access/review_list.html", {"page": page, "review_form": ReviewForm()})


@professional_required
@never_cache
@require_POST
def review(request: HttpRequest, access_id: int) -> HttpResponse:
    row = JustifiedAccess.objects.filter(pk=access_id).first()
    _dpo(request, "justified_access_reviewed", row.client_id if row else None)
    form = ReviewForm(request.POST)
    if row is None:
        raise Http404
    try:
        if not form.is_valid():
            raise ValidationError(" ".join(str(m) for ms in form.errors.values() for m in ms))
        actions.review_justified_access(
            access=row, by=professional_of(request), note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Merkitty tarkastetuksi."))
    return redirect("access:review_list")
