"""Team pages (/tiimit/). Thin: parse, authorise, call the action or the selector, render.

A team and its meetings are seen by its members and by who sets teams up in its organisation
(anyone else: 404). A client on an agenda, the minutes and a client meeting are client data:
reached through access.selectors (404-scoped, logged) — a team member sees the client while the
meeting lasts, by the agenda's grant.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tukiverkko.access import policy
from tukiverkko.access import selectors as access
from tukiverkko.access.selectors import Need
from tukiverkko.accounts.decorators import client_data, professional_of
from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import manages_teams
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.purposes import AccessPurpose
from tukiverkko.teams import actions, calendar, selectors
from tukiverkko.teams.forms import (
    BringForm,
    ClientMeetingForm,
    MemberForm,
    MinutesForm,
    RecordForm,
    SeriesForm,
    TeamForm,
    occurrence_start,
)
from tukiverkko.teams.models import (
    CASE_KINDS,
    Meeting,
    MeetingKind,
    MeetingSeries,
    Team,
    TeamMember,
)


def _errors_to(form: Form, exc: ValidationError) -> list[str]:
    """Put an action's field errors on the form; return the rest for the page."""
    if hasattr(exc, "error_dict"):
        rest: list[str] = []
        for name, errs in exc.message_dict.items():
            key = name.split(".")[0]
            if key in form.fields:
                form.add_error(key, errs)
            else:
                rest.extend(errs)
        return rest
    return list(exc.messages)


def _refuse(user: User, target: str) -> Http404:
    """A team page of a team the user is not in: 404, and the attempt logged (no client)."""
    record_access(
        user=user, client_id=None, what=target, purpose=AccessPurpose.CLIENT_WORK, allowed=False
    )
    return Http404()


def _team(user: User, team_id: int) -> Team:
    team = Team.objects.filter(pk=team_id).select_related("region", "organisation").first()
    if team is None or not selectors.may_see_team(user, team):
        raise _refuse(user, f"team:{team_id}")
    return team


def _meeting(user: User, meeting_id: int) -> Meeting:
    meeting = (
        Meeting.objects.filter(pk=meeting_id, team__isnull=False).select_related("team").first()
    )
    if meeting is None or meeting.team is None or not selectors.may_see_team(user, meeting.team):
        raise _refuse(user, f"team_meeting:{meeting_id}")
    return meeting


@client_data
@require_http_methods(["GET", "POST"])
def team_list(request: HttpRequest) -> HttpResponse:
    user = professional_of(request)
    form = TeamForm(request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid() and user.organisation is not None:
            try:
                team = actions.create_team(
                    by=user,
                    organisation=user.organisation,
                    region=user.organisation.region,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                errors = _errors_to(form, exc)
            else:
                messages.success(request, _("Tiimi perustettu."))
                return redirect("teams:detail", team_id=team.pk)
        status = 400
    return render(
        request,
        "teams/team_list.html",
        {
            "teams": selectors.teams_for(user),
            "form": form if manages_teams(user) else None,
            "errors": errors,
        },
        status=status,
    )


def _detail(
    request: HttpRequest, team: Team, forms: dict[str, Form] | None = None, status: int = 200
) -> HttpResponse:
    user = professional_of(request)
    forms = forms or {}
    ctx: dict[str, Any] = selectors.team_detail(team)
    ctx["may_manage"] = actions.is_coordinating(team, user) or (
        manages_teams(user) and user.organisation_id == team.organisation_id
    )
    if ctx["may_manage"]:
        ctx["member_form"] = forms.get("member") or MemberForm(team=team, prefix="member")
        ctx["series_form"] = forms.get("series") or SeriesForm(prefix="series")
    ctx["errors"] = forms.get("errors", [])
    return render(request, "teams/team_detail.html", ctx, status=status)


@client_data
@require_http_methods(["GET"])
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    return _detail(request, _team(professional_of(request), team_id))


@client_data
@require_POST
def member_add(request: HttpRequest, team_id: int) -> HttpResponse:
    user = professional_of(request)
    team = _team(user, team_id)
    form = MemberForm(request.POST, team=team, prefix="member")
    if form.is_valid():
        try:
            actions.add_member(team=team, by=user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to(form, exc)
        else:
            messages.success(request, _("Jäsen lisätty."))
            return redirect("teams:detail", team_id=team.pk)
    return _detail(request, team, {"member": form}, status=400)


@client_data
@require_POST
def member_remove(request: HttpRequest, team_id: int, member_id: int) -> HttpResponse:
    user = professional_of(request)
    team = _team(user, team_id)
    member = TeamMember.objects.filter(pk=member_id, team=team).first()
    if member is None:
        raise _refuse(user, f"team_member:{member_id}")
    try:
        actions.remove_member(member=member, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Jäsen poistettu tiimistä."))
    return redirect("teams:detail", team_id=team.pk)


@client_data
@require_POST
def series_add(request: HttpRequest, team_id: int) -> HttpResponse:
    user = professional_of(request)
    team = _team(user, team_id)
    form = SeriesForm(request.POST, prefix="series")
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_series(
                team=team,
                by=user,
                first_starts_at=data["first_starts_at"],
                duration_minutes=data["duration_minutes"],
                rrule=form.rule(),
                mode=data["mode"],
                place=data["place"],
            )
        except ValidationError as exc:
            _errors_to(form, exc)
        else:
            messages.success(request, _("Kokousrytmi tallennettu."))
            return redirect("teams:detail", team_id=team.pk)
    return _detail(request, team, {"series": form}, status=400)


@client_data
@require_http_methods(["GET"])
def occurrence(request: HttpRequest, team_id: int, series_id: int, start: int) -> HttpResponse:
    """A meeting of the rule with nothing on it yet (no row): its time and an empty agenda."""
    user = professional_of(request)
    team = _team(user, team_id)
    parsed = occurrence_start(series_id, start)
    series = MeetingSeries.objects.filter(pk=series_id, team=team).first()
    if parsed is None or series is None or not calendar.is_occurrence(series, parsed[1]):
        raise _refuse(user, f"team_occurrence:{team_id}")
    row = Meeting.objects.filter(series=series, starts_at=parsed[1]).first()
    if row is not None:
        return redirect("teams:meeting", meeting_id=row.pk)
    return render(
        request,
        "teams/occurrence.html",
        {
            "team": team,
            "series": series,
            "starts_at": parsed[1],
            "ends_at": parsed[1] + series.duration,
        },
    )


@client_data
@require_http_methods(["GET"])
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user = professional_of(request)
    meeting = _meeting(user, meeting_id)
    view = selectors.meeting_view(user, meeting, policy.can_see_client)
    return render(request, "teams/meeting_detail.html", {"view": view})


def _meeting_choices(region_id: int) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    choices: list[tuple[str, str]] = []
    targets: dict[str, Any] = {}
    teams = Team.objects.filter(region_id=region_id, active=True, kind__in=CASE_KINDS)
    for team in teams:
        for occ in selectors.upcoming(team, count=4):
            if occ.ends_at <= timezone.now():
                continue
            when = formats.date_format(timezone.localtime(occ.starts_at), "j.n.Y H.i")
            value = f"m{occ.meeting.pk}" if occ.meeting is not None else occ.key
            choices.append((value, f"{team.name} {when}"))
            targets[value] = occ
    return choices, targets


@client_data
@require_http_methods(["GET", "POST"])
def bring_to_team(request: HttpRequest, case_id: int) -> HttpResponse:
    """Bring the case to a work-ability team's meeting (the responsible worker, or the case
    organisation's professional)."""
    user = professional_of(request)
    what = "team_bring_form"
    case = access.get_case_for_change(user, case_id, what=what, need=Need.STEER)
    choices, targets = _meeting_choices(case.organisation.region_id)
    form = BringForm(request.POST or None, occurrences=choices)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            occ = targets[data["occurrence"]]
            try:
                meeting = occ.meeting or actions.meeting_of(occ.series, occ.starts_at, user)
                actions.add_to_agenda(
                    meeting=meeting,
                    case=case,
                    by=user,
                    question=data["question"],
                    categories=data["categories"],
                    purpose=data["purpose"],
                )
            except ValidationError as exc:
                errors = _errors_to(form, exc)
            else:
                messages.success(request, _("Asiakas tuotu tiimin esityslistalle."))
                return redirect("cases:detail", client_id=case.client_id)
        status = 400
    access.record_read(user, case.client_id, what=what)
    return render(
        request,
        "teams/bring_form.html",
        {"case": case, "form": form, "errors": errors, "no_meetings": not choices},
        status=status,
    )


@client_data
@require_POST
def agenda_withdraw(request: HttpRequest, item_id: int) -> HttpResponse:
    user = professional_of(request)
    item = access.get_agenda_item_for_change(user, item_id, what="team_agenda_withdraw")
    try:
        actions.withdraw_from_agenda(item=item, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Asiakas poistettu esityslistalta."))
    return redirect("cases:detail", client_id=item.case.client_id)


@client_data
@require_http_methods(["GET", "POST"])
def agenda_item(request: HttpRequest, item_id: int) -> HttpResponse:
    """One case at the meeting: the question, and the minutes — written by a team member
    during the meeting, read afterwards through the content filter."""
    user = professional_of(request)
    what = "team_agenda_item"
    if request.method == "POST":
        item = access.get_agenda_item_for_change(user, item_id, what=what)
    else:
        item = access.get_agenda_item(user, item_id, what=what)
    minutes = getattr(item, "minutes", None)
    form = None
    errors: list[str] = []
    status = 200
    may_record = (
        minutes is None
        and item.meeting.team is not None
        and actions.is_member(item.meeting.team, user)
        and item.status == "on_agenda"
        and item.meeting.starts_at <= timezone.now()
    )
    if may_record:
        form = MinutesForm(request.POST or None, case=item.case)
        if request.method == "POST":
            if form.is_valid():
                data = form.cleaned_data
                decision = actions.Decision(
                    summary=data["summary"],
                    decisions=data["decisions"],
                    actions=form.action_lines(),
                    companion_user=data["companion_user"],
                    companion_name=data["companion_name"],
                    referral_service=data["referral_service"],
                    referral_question=data["referral_question"],
                    responsible_worker=data["responsible_worker"],
                    next_review_on=data["next_review_on"],
                )
                try:
                    actions.record_minutes(item=item, by=user, decision=decision)
                except ValidationError as exc:
                    errors = _errors_to(form, exc)
                else:
                    messages.success(
                        request, _("Tiimin käsittely kirjattu: asiakas on käsitelty tiimissä.")
                    )
                    return redirect("teams:agenda_item", item_id=item.pk)
            status = 400
    elif request.method == "POST":
        raise access.Refused(_("Käsittelyä ei voi enää kirjata."))
    return render(
        request,
        "teams/agenda_item.html",
        {
            "item": item,
            "minutes": selectors.minutes_view(user, minutes) if minutes is not None else None,
            "form": form,
            "errors": errors,
        },
        status=status,
    )


@client_data
@require_http_methods(["GET", "POST"])
def client_meeting_create(request: HttpRequest, case_id: int) -> HttpResponse:
    """Book a monialainen neuvonpito: the topics shared with the client first (seed 002)."""
    user = professional_of(request)
    what = "client_meeting_form"
    case = access.get_case_for_change(user, case_id, what=what, need=Need.STEER)
    form = ClientMeetingForm(request.POST or None, case=case)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting = actions.book_client_meeting(
                    case=case,
                    by=user,
                    starts_at=data["starts_at"],
                    duration_minutes=data["duration_minutes"],
                    mode=data["mode"],
                    place=data["place"],
                    topics=data["topics"],
                    topics_shared_on=data["topics_shared_on"],
                    topics_channel=data["topics_channel"],
                    participants=list(data["participants"]),
                    others=[o for o in data["others"].splitlines() if o.strip()],
                    client_present=data["client_present"],
                )
            except ValidationError as exc:
                errors = _errors_to(form, exc)
            else:
                messages.success(request, _("Monialainen neuvonpito varattu."))
                return redirect("teams:client_meeting", meeting_id=meeting.pk)
        status = 400
    access.record_read(user, case.client_id, what=what)
    return render(
        request,
        "teams/client_meeting_form.html",
        {"case": case, "form": form, "errors": errors},
        status=status,
    )


@client_data
@require_http_methods(["GET", "POST"])
def client_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user = professional_of(request)
    what = "client_meeting"
    if request.method == "POST":
        meeting = access.get_client_meeting_for_change(user, meeting_id, what=what)
    else:
        meeting = access.get_client_meeting(user, meeting_id, what=what)
    form = RecordForm(request.POST or None) if meeting.starts_at <= timezone.now() else None
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form is not None and form.is_valid():
            try:
                actions.record_client_meeting(
                    meeting=meeting, by=user, record=form.cleaned_data["record"]
                )
            except ValidationError as exc:
                errors = _errors_to(form, exc)
            else:
                messages.success(request, _("Muistio tallennettu."))
                return redirect("teams:client_meeting", meeting_id=meeting.pk)
        elif form is None:
            errors = [_("Tapaaminen ei ole vielä alkanut.")]
        status = 400
    return render(
        request,
        "teams/client_meeting.html",
        {
            "meeting": meeting,
            "record": selectors.client_meeting_record(user, meeting),
            "participants": list(meeting.participants.select_related("user")),
            "form": form,
            "errors": errors,
            "kind": MeetingKind.CLIENT.label,
        },
        status=status,
    )
