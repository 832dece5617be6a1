"""The IPS pages: under the case (/ips/asiakkuus/<case>/…, client data, through
access.selectors), and the non-client pages — the IPS-25 reviews of a service (/ips/laatu/…),
the work-demand reference (/ips/tyovaatimukset/) and the outcomes (/ips/tulokset/). Thin:
authorise, parse, call the action or the selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tukiverkko.access import selectors as access
from tukiverkko.access.selectors import Need
from tukiverkko.accounts.decorators import client_data, professional_of
from tukiverkko.accounts.roles import coaches_ips, reviews_fidelity
from tukiverkko.catalogue.models import Service
from tukiverkko.ips import actions, reference, selectors
from tukiverkko.ips.fidelity import scale
from tukiverkko.ips.forms import (
    ContactForm,
    DecisionForm,
    FidelityForm,
    PhaseForm,
    ProfileForm,
    ReferenceSearchForm,
    StartForm,
    VersionForm,
    lines,
)
from tukiverkko.ips.models import IPS_SERVICE_TYPE, IpsPhase


def _apply(form: Form, exc: ValidationError) -> list[str]:
    """The action's refusal on the form: field errors at their fields, the rest above it."""
    if hasattr(exc, "error_dict"):
        rest: list[str] = []
        for name, errs in exc.message_dict.items():
            if name in form.fields:
                form.add_error(name, errs)
            else:
                rest += errs
        return rest
    return list(exc.messages)


def _form_page(
    request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    return render(request, f"ips/{template}", context, status=status)


# -- the case's IPS page ------------------------------------------------------------------


@client_data
@require_http_methods(["GET"])
def period_page(request: HttpRequest, case_id: int) -> HttpResponse:
    user = professional_of(request)
    case = access.get_case(user, case_id, what="ips_page")
    periods = selectors.periods_of(case)
    views = [selectors.period_view(user, p, what="ips_page") for p in periods]
    current = next((v for v in views if v.period.is_open), None)
    return render(
        request,
        "ips/period.html",
        {
            "case": case,
            "client": case.client,
            "views": views,
            "current": current,
            "decision": actions.current_decision(case),
            "is_coach": current is not None and current.period.coach_id == user.pk,
            "employers": selectors.consented_employers(case, user) if coaches_ips(user) else [],
            "phase_form": PhaseForm(initial={"version": current.period.version})
            if current
            else None,
            "end_reasons": PhaseForm().fields["end_reason"],
        },
    )


@client_data
@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest, case_id: int) -> HttpResponse:
    user = professional_of(request)
    what = "ips_decision"
    case = access.get_case_for_change(user, case_id, what=what, need=Need.WRITE)
    form = DecisionForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.record_decision(case=case, by=user, **form.cleaned_data)
            except ValidationError as exc:
                errors = _apply(form, exc)
            else:
                messages.success(request, _("Sosiaalihuollon palvelupäätös kirjattu."))
                return redirect("ips:period", case_id=case.pk)
        return _form_page(
            request,
            "decision_form.html",
            {"form": form, "case": case, "errors": errors},
            status=400,
        )
    access.record_read(user, case.client_id, what=what)
    return _form_page(request, "decision_form.html", {"form": form, "case": case, "errors": []})


@client_data
@require_http_methods(["GET", "POST"])
def period_start(request: HttpRequest, case_id: int) -> HttpResponse:
    user = professional_of(request)
    what = "ips_start"
    case = access.get_case_for_change(user, case_id, what=what, need=Need.WRITE)
    form = StartForm(
        request.POST or None, initial={"coach": user.pk if coaches_ips(user) else None}
    )
    errors: list[str] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.start_period(case=case, by=user, **form.cleaned_data)
            except ValidationError as exc:
                errors = _apply(form, exc)
            else:
                messages.success(request, _("Työhönvalmennusjakso alkoi."))
                return redirect("ips:period", case_id=case.pk)
        return _form_page(
            request, "start_form.html", {"form": form, "case": case, "errors": errors}, status=400
        )
    access.record_read(user, case.client_id, what=what)
    return _form_page(request, "start_form.html", {"form": form, "case": case, "errors": []})


@client_data
@require_POST
def period_phase(request: HttpRequest, case_id: int) -> HttpResponse:
    user = professional_of(request)
    period = access.get_ips_period_for_change(user, case_id, what="ips_phase")
    form = PhaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Valitse vaihe, johon jakso siirtyy."))
        return redirect("ips:period", case_id=case_id)
    try:
        actions.move_period(
            period=period,
            to=form.cleaned_data["to"],
            by=user,
            expected_version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
            end_reason=form.cleaned_data["end_reason"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Jakson vaihe vaihtui."))
    return redirect("ips:period", case_id=case_id)


@client_data
@require_POST
def period_review(request: HttpRequest, case_id: int) -> HttpResponse:
    user = professional_of(request)
    period = access.get_ips_period_for_change(user, case_id, what="ips_review")
    form = VersionForm(request.POST)
    try:
        actions.review_period(
            period=period,
            by=user,
            expected_version=form.cleaned_data["version"] if form.is_valid() else None,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Jakso arvioitu: seuraava arviointi kolmen kuukauden päästä."))
    return redirect("ips:period", case_id=case_id)


@client_data
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    user = professional_of(request)
    what = "ips_profile"
    period = access.get_ips_period_for_change(user, case_id, what=what)
    profile = getattr(period, "profile", None)
    initial = (
        {
            "skills": "\n".join(profile.skills),
            "wishes": "\n".join(profile.wishes),
            "restrictions": "\n".join(profile.restrictions),
        }
        if profile is not None and period.coach_id == user.pk
        else {}
    )
    form = ProfileForm(request.POST or None, initial=initial)
    context = {"form": form, "case": period.case, "period": period, "errors": []}
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.save_profile(
                    period=period,
                    by=user,
                    skills=lines(form.cleaned_data["skills"]),
                    wishes=lines(form.cleaned_data["wishes"]),
                    restrictions=lines(form.cleaned_data["restrictions"]),
                )
            except ValidationError as exc:
                context["errors"] = _apply(form, exc)
            else:
                messages.success(request, _("Ammatillinen profiili tallennettu."))
                return redirect("ips:period", case_id=case_id)
        return _form_page(request, "profile_form.html", context, status=400)
    access.record_read(user, period.case.client_id, what=what)
    return _form_page(request, "profile_form.html", context)


@client_data
@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, case_id: int) -> HttpResponse:
    user = professional_of(request)
    what = "ips_contact"
    period = access.get_ips_period_for_change(user, case_id, what=what)
    form = ContactForm(request.POST or None)
    context = {
        "form": form,
        "case": period.case,
        "period": period,
        "errors": [],
        "employers": selectors.consented_employers(period.case, user),
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.record_contact(
                    period=period, by=user, data=actions.ContactData(**form.cleaned_data)
                )
            except ValidationError as exc:
                context["errors"] = _apply(form, exc)
            else:
                messages.success(
                    request, _("Yhteydenotto kirjattu ja luovutus työnantajalle lokitettu.")
                )
                return redirect("ips:period", case_id=case_id)
        return _form_page(request, "contact_form.html", context, status=400)
    access.record_read(user, period.case.client_id, what=what)
    return _form_page(request, "contact_form.html", context)


# -- IPS-25 reviews (a service's, not client data) ----------------------------------------


def _ips_service(service_id: int) -> Service:
    return get_object_or_404(
        Service.objects.select_related("organisation", "service_type"),
        pk=service_id,
        service_type__slug=IPS_SERVICE_TYPE,
    )


@client_data
@require_http_methods(["GET"])
def fidelity_services(request: HttpRequest) -> HttpResponse:
    rows = [(s, selectors.latest_review(s)) for s in selectors.ips_services()]
    return render(
        request,
        "ips/fidelity_services.html",
        {"rows": rows, "scale": scale(), "may_review": reviews_fidelity(request.user)},
    )


@client_data
@require_http_methods(["GET"])
def fidelity_service(request: HttpRequest, service_id: int) -> HttpResponse:
    service = _ips_service(service_id)
    return render(
        request,
        "ips/fidelity_service.html",
        {
            "service": service,
            "reviews": selectors.reviews_of(service),
            "may_review": reviews_fidelity(request.user),
        },
    )


@client_data
@require_http_methods(["GET", "POST"])
def fidelity_create(request: HttpRequest, service_id: int) -> HttpResponse:
    if not reviews_fidelity(request.user):
        # answered (not raised) so that the refusal too is never cached
        return render(request, "403.html", status=403)
    user = professional_of(request)
    service = _ips_service(service_id)
    form = FidelityForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "service": service, "scale": scale(), "errors": []}
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            scores = {
                i.code: actions.ItemScore(data[f"score_{i.code}"], data[f"note_{i.code}"])
                for i in scale().items
            }
            try:
                review = actions.record_fidelity_review(
                    service=service,
                    by=user,
                    reviewed_on=data["reviewed_on"],
                    reviewers=data["reviewers"],
                    summary=data["summary"],
                    scores=scores,
                )
            except ValidationError as exc:
                context["errors"] = _apply(form, exc)
            else:
                messages.success(
                    request,
                    _("Laatuarviointi kirjattu: %(total)s pistettä, %(band)s.")
                    % {"total": review.total, "band": review.get_band_display()},
                )
                return redirect("ips:fidelity_review", review_id=review.pk)
        return render(request, "ips/fidelity_form.html", context, status=400)
    return render(request, "ips/fidelity_form.html", context)


@client_data
@require_http_methods(["GET"])
def fidelity_review(request: HttpRequest, review_id: int) -> HttpResponse:
    review = selectors.review_of(review_id)
    if review is None:
        raise Http404
    return render(
        request,
        "ips/fidelity_review.html",
        {"view": selectors.review_view(review), "scale": scale()},
    )


# -- the work-demand reference and the outcomes (not client data) -------------------------


@client_data
@require_http_methods(["GET"])
def reference_search(request: HttpRequest) -> HttpResponse:
    form = ReferenceSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return render(
        request,
        "ips/reference.html",
        {
            "form": form,
            "query": query,
            "entries": reference.search(query),
            "source": reference.reference().source,
        },
    )


@client_data
@require_http_methods(["GET"])
def outcomes_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "ips/outcomes.html",
        {"rows": selectors.outcomes(), "small_cell": selectors.SMALL_CELL},
    )


__all__ = ["IpsPhase"]
