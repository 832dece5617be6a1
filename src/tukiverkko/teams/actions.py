"""Every change of a team, its meetings, agendas and minutes: validate first, then change the
rows and write one audit event in one transaction (nothing half-saved).

A team's decisions about a case do not write the plan, the referrals or the case here: they go
through those apps' own actions (plans.actions.add_actions, referrals.actions.create_draft,
cases.actions.name_responsible_worker), so each app's rules hold for a team as for anyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import Municipality, Organisation, Region, Role, User
from tukiverkko.accounts.roles import manages_teams, works_with_clients
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases import actions as case_actions
from tukiverkko.cases.actions._common import _check_steering, _check_text, _in_path, _source
from tukiverkko.cases.models import Case, Phase
from tukiverkko.catalogue.models import Service
from tukiverkko.consent.models import InfoCategory
from tukiverkko.core import limits
from tukiverkko.plans import actions as plan_actions
from tukiverkko.plans.checks import ActionData
from tukiverkko.plans.enums import Responsible
from tukiverkko.plans.models import Plan
from tukiverkko.referrals import actions as referral_actions
from tukiverkko.teams import calendar
from tukiverkko.teams.admission import admission
from tukiverkko.teams.models import (
    AGENDA_PURPOSES,
    AgendaItem,
    AgendaStatus,
    CaseMinutes,
    Meeting,
    MeetingKind,
    MeetingMode,
    MeetingParticipant,
    MeetingSeries,
    MeetingStatus,
    Membership,
    Team,
    TeamKind,
    TeamMember,
)


def _check_manages(team: Team | None, by: Professional, organisation_id: int | None) -> None:
    """A team is set up by a coordinator (or administrator) of its organisation, or changed by
    its coordinating member."""
    if team is not None and is_coordinating(team, by):
        return
    if manages_teams(by) and by.organisation_id == organisation_id:
        return
    raise ValidationError(
        _(
            "Tiimiä voi muuttaa vain sen koordinoiva jäsen tai tiimin organisaation "
            "työkykykoordinaattori."
        ),
        code="not_team_manager",
    )


def is_coordinating(team: Team, user: User) -> bool:
    return team.members.current().filter(user=user, coordinating=True).exists()


def is_member(team: Team, user: User) -> bool:
    return team.members.current().filter(user=user).exists()


# -- the team and its members ------------------------------------------------------------


@transaction.atomic
def create_team(
    *,
    by: Professional,
    name: str,
    kind: str,
    organisation: Organisation,
    region: Region,
    municipalities: Iterable[Municipality] = (),
    description: str = "",
) -> Team:
    _check_manages(None, by, organisation.pk)
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Anna tiimille nimi.")]
    if kind not in TeamKind.values:
        errors["kind"] = [_("Valitse tiimin tyyppi.")]
    if organisation.region_id != region.pk:
        errors["region"] = [_("Tiimin organisaatio ei ole valitulla alueella.")]
    municipalities = list(municipalities)
    if any(m.region_id != region.pk for m in municipalities):
        errors["municipalities"] = [_("Kunnan on oltava tiimin alueella.")]
    errors |= limits.check_texts(
        {"name": (name, limits.SHORT), "description": (description, limits.REASON)}
    )
    if errors:
        raise ValidationError(errors)
    team = Team.objects.create(
        name=name.strip(),
        kind=kind,
        organisation=organisation,
        region=region,
        description=description.strip(),
    )
    team.municipalities.set(municipalities)
    record_event(by, None, EventType.TEAM_CHANGE, f"{team.pk}:create")
    return team


@transaction.atomic
def add_member(
    *,
    team: Team,
    by: Professional,
    role: str,
    organisation: Organisation,
    user: User | None = None,
    membership: str = Membership.CORE,
    coordinating: bool = False,
) -> TeamMember:
    """A member by role, and by person where one is named. A new coordinating member takes the
    coordination over from the previous one (one coordinates, seed 003)."""
    _check_manages(team, by, team.organisation_id)
    errors: dict[str, list[str]] = {}
    if role not in Role.values:
        errors["role"] = [_("Valitse jäsenen rooli.")]
    if membership not in Membership.values:
        errors["membership"] = [_("Valitse jäsenyys.")]
    if user is not None:
        if not works_with_clients(user):
            errors["user"] = [_("Tiimin jäsenen on oltava asiakastyötä tekevä ammattilainen.")]
        elif user.organisation_id != organisation.pk:
            errors["user"] = [_("Ammattilainen ei kuulu valittuun organisaatioon.")]
        elif is_member(team, user):
            errors["user"] = [_("Hän on jo tiimin jäsen.")]
    if coordinating and user is None:
        errors["coordinating"] = [_("Koordinoivaksi jäseneksi on nimettävä henkilö.")]
    if errors:
        raise ValidationError(errors)
    if coordinating:
        team.members.current().filter(coordinating=True).update(coordinating=False)
    member = TeamMember.objects.create(
        team=team,
        role=role,
        organisation=organisation,
        user=user,
        membership=membership,
        coordinating=coordinating,
    )
    record_event(by, None, EventType.TEAM_CHANGE, f"{team.pk}:member:{member.pk}")
    return member


@transaction.atomic
def remove_member(*, member: TeamMember, by: Professional) -> TeamMember:
    _check_manages(member.team, by, member.team.organisation_id)
    if member.removed_at is not None:
        raise ValidationError(_("Jäsen on jo poistettu tiimistä."))
    member.removed_at = timezone.now()
    member.coordinating = False
    member.save(update_fields=["removed_at", "coordinating"])
    record_event(by, None, EventType.TEAM_CHANGE, f"{member.team_id}:remove:{member.pk}")
    return member


# -- meetings ---------------------------------------------------------------------------


def _meeting_errors(
    starts_at: dt.datetime | None, duration_minutes: int, mode: str, place: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if starts_at is None:
        errors["starts_at"] = [_("Anna kokouksen alkamisaika.")]
    if not 10 <= duration_minutes <= 8 * 60:
        errors["duration_minutes"] = [_("Kokouksen kesto on 10 minuutista 8 tuntiin.")]
    if mode not in MeetingMode.values:
        errors["mode"] = [_("Valitse, pidetäänkö kokous paikan päällä vai etäyhteydellä.")]
    errors |= limits.check_texts({"place": (place, limits.NAME)})
    return errors


@transaction.atomic
def add_series(
    *,
    team: Team,
    by: Professional,
    first_starts_at: dt.datetime,
    duration_minutes: int,
    rrule: str,
    mode: str,
    place: str = "",
) -> MeetingSeries:
    """The team's calendar rule: an RFC 5545 RRULE from the first meeting on (seed 002:
    "säännöllisesti, ennakkoon määritelty"; seed 004: every 2–4 weeks, or 1×/week 30 min)."""
    _check_manages(team, by, team.organisation_id)
    errors = _meeting_errors(first_starts_at, duration_minutes, mode, place)
    if rule_error := calendar.rule_error(rrule):
        errors["rrule"] = [rule_error]
    if errors:
        raise ValidationError(errors)
    series = MeetingSeries.objects.create(
        team=team,
        first_starts_at=first_starts_at,
        duration_minutes=duration_minutes,
        rrule=calendar.normalised(rrule),
        mode=mode,
        place=place.strip(),
        kind=MeetingKind.TEAM if team.takes_cases else MeetingKind.GENERAL,
        created_by=by,
    )
    record_event(by, None, EventType.TEAM_CHANGE, f"{team.pk}:series:{series.pk}")
    return series


def meeting_of(series: MeetingSeries, starts_at: dt.datetime, by: Professional) -> Meeting:
    """The meeting row of one occurrence of ``series``, made the first time something is put on
    it (decision 0311). ``starts_at`` must be an occurrence of the rule."""
    if not calendar.is_occurrence(series, starts_at):
        raise ValidationError(
            {"meeting": [_("Tiimillä ei ole kokousta tuona aikana.")]}, code="no_such_occurrence"
        )
    meeting, _created = Meeting.objects.get_or_create(
        series=series,
        starts_at=starts_at,
        defaults={
            "team": series.team,
            "kind": series.kind,
            "ends_at": starts_at + series.duration,
            "mode": series.mode,
            "place": series.place,
            "created_by": by,
        },
    )
    return meeting


@transaction.atomic
def schedule_meeting(
    *,
    team: Team,
    by: Professional,
    starts_at: dt.datetime,
    duration_minutes: int,
    mode: str,
    place: str = "",
) -> Meeting:
    """A single team meeting outside the rule (e.g. an extra one)."""
    _check_manages(team, by, team.organisation_id)
    if errors := _meeting_errors(starts_at, duration_minutes, mode, place):
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        team=team,
        kind=MeetingKind.TEAM if team.takes_cases else MeetingKind.GENERAL,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=duration_minutes),
        mode=mode,
        place=place.strip(),
        created_by=by,
    )
    record_event(by, None, EventType.TEAM_CHANGE, f"{team.pk}:meeting:{meeting.pk}")
    return meeting


# -- the agenda ----------------------------------------------------------------------------


@transaction.atomic
def add_to_agenda(
    *,
    meeting: Meeting,
    case: Case,
    by: Professional,
    question: str,
    categories: Sequence[str],
    purpose: str,
) -> AgendaItem:
    """Bring a case to a team meeting: by who steers the case (the responsible worker, the case
    organisation's professional), only under a consent that covers every organisation and
    register of the team for the categories and the purpose, and never twice at once ("tiimiin
    ei jäädä asiakkuuteen": a case comes, is decided and leaves; it may come back)."""
    _check_steering(case, by)
    team = meeting.team
    errors: dict[str, list[str]] = {}
    if team is None or not team.takes_cases or meeting.kind != MeetingKind.TEAM:
        raise ValidationError(
            _("Tämä tapaaminen ei käsittele asiakastapauksia."), code="no_cases_here"
        )
    if meeting.status == MeetingStatus.CANCELLED or meeting.ends_at <= timezone.now():
        raise ValidationError(_("Kokous on jo pidetty tai peruttu."), code="meeting_over")
    if case.phase == Phase.CLOSED:
        raise ValidationError(_("Päättynyttä asiakkuutta ei voi tuoda tiimiin."))
    if not question.strip():
        errors["question"] = [_("Kerro, mitä tiimiltä kysytään.")]
    chosen = [c for c in categories if c in InfoCategory.values]
    if not chosen or len(chosen) != len(categories):
        errors["categories"] = [_("Valitse tietoryhmät, joita tiimissä käsitellään.")]
    if purpose not in AGENDA_PURPOSES:
        errors["purpose"] = [_("Valitse käsittelyn käyttötarkoitus.")]
    errors |= limits.check_texts({"question": (question, limits.REASON)})
    if errors:
        raise ValidationError(errors)
    if AgendaItem.objects.filter(
        case=case, meeting__team=team, status=AgendaStatus.ON_AGENDA
    ).exists():
        raise ValidationError(_("Asiakas on jo tiimin esityslistalla."), code="already_on_agenda")
    found = admission(case, team, categories=chosen, purpose=purpose)
    if found.refusals:
        raise ValidationError(
            {"categories": [ValidationError(r, code="not_admitted") for r in found.refusals]}
        )
    returning = AgendaItem.objects.filter(
        case=case, meeting__team=team, status=AgendaStatus.DECIDED
    ).exists()
    try:
        with transaction.atomic():
            item = AgendaItem.objects.create(
                meeting=meeting,
                case=case,
                question=question.strip(),
                categories=chosen,
                purpose=purpose,
                consent_id=found.consent_id,
                brought_by=by,
                returning=returning,
                **_source(by),
            )
    except IntegrityError as exc:  # pragma: no cover - the check above runs first
        raise ValidationError(_("Asiakas on jo tämän kokouksen esityslistalla.")) from exc
    record_event(by, case.client_id, EventType.AGENDA_ADD, item.pk)
    return item


@transaction.atomic
def withdraw_from_agenda(*, item: AgendaItem, by: Professional) -> AgendaItem:
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.status != AgendaStatus.ON_AGENDA:
        raise ValidationError(_("Asia on jo käsitelty tai poistettu."), code="not_on_agenda")
    if by.pk != item.brought_by_id and not (
        item.meeting.team is not None and is_coordinating(item.meeting.team, by)
    ):
        _check_steering(item.case, by)
    item.status, item.closed_at = AgendaStatus.WITHDRAWN, timezone.now()
    item.save(update_fields=["status", "closed_at"])
    record_event(by, item.case.client_id, EventType.AGENDA_WITHDRAW, item.pk)
    return item


@dataclass(frozen=True)
class Decision:
    """What the team decided about one case (the minutes form, the API)."""

    summary: str
    decisions: str
    # Plan actions, one per line; each is the rinnallakulkija's or the responsible worker's.
    actions: Sequence[str] = ()
    companion_user: User | None = None
    companion_name: str = ""
    # A referral the team asks for: a draft the responsible worker checks and sends.
    referral_service: Service | None = None
    referral_question: str = ""
    # A new responsible worker, where the client has nobody (seed 002).
    responsible_worker: User | None = None
    # When the plan is reviewed next: the follow-up the team agrees (seed 003: "seurannan
    # vastuusta pitää sopia"); the reminder job reminds the rinnallakulkija of it.
    next_review_on: dt.date | None = None


def _minutes_errors(item: AgendaItem, by: Professional, d: Decision) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not d.summary.strip():
        errors["summary"] = [_("Kirjaa tiimin arvion yhteenveto.")]
    if not d.decisions.strip():
        errors["decisions"] = [_("Kirjaa tiimin päätökset.")]
    if d.companion_user is not None and d.companion_name.strip():
        errors["companion_name"] = [
            _("Anna rinnallakulkija joko käyttäjänä tai nimenä, ei molempia.")
        ]
    if d.referral_service is not None and not d.referral_question.strip():
        errors["referral_question"] = [_("Kerro, mitä lähetteellä pyydetään.")]
    plan = Plan.objects.filter(case=item.case).first()
    has_companion = plan is not None and (plan.companion_user_id or plan.companion_name)
    names_one = d.companion_user is not None or d.companion_name.strip()
    if not has_companion and not names_one:
        errors["companion_user"] = [
            _("Asiakkaalla ei ole rinnallakulkijaa: tiimin on nimettävä hänelle rinnallakulkija.")
        ]
    errors |= limits.check_texts(
        {
            "summary": (d.summary, limits.JOURNAL_TEXT),
            "decisions": (d.decisions, limits.JOURNAL_TEXT),
            "companion_name": (d.companion_name, limits.NAME),
            "referral_question": (d.referral_question, limits.REASON),
            **{f"actions.{i}": (a, limits.REASON) for i, a in enumerate(d.actions)},
        }
    )
    return errors


@transaction.atomic
def record_minutes(*, item: AgendaItem, by: Professional, decision: Decision) -> CaseMinutes:
    """The team's record of one case, at or after its meeting, by a member of the team. The
    decisions go on through their own apps: plan actions (and the rinnallakulkija) as one new
    plan version, a referral as a draft, a new responsible worker through the case. Then the
    case leaves the team (AgendaStatus.DECIDED)."""
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting__team", "case")
        .get(pk=item.pk)
    )
    team = item.meeting.team
    if team is None or not is_member(team, by):
        raise ValidationError(
            _("Vain tiimin jäsen voi kirjata tiimin käsittelyn."), code="not_member"
        )
    if item.status != AgendaStatus.ON_AGENDA:
        raise ValidationError(_("Asia on jo käsitelty tai poistettu."), code="not_on_agenda")
    if item.meeting.starts_at > timezone.now():
        raise ValidationError(
            _("Kokous ei ole vielä alkanut: käsittelyn voi kirjata kokouksessa."),
            code="meeting_not_started",
        )
    if errors := _minutes_errors(item, by, decision):
        raise ValidationError(errors)
    case = item.case
    plan_version = None
    lines = [a.strip() for a in decision.actions if a.strip()]
    companion_named = decision.companion_user is not None or bool(decision.companion_name.strip())
    if lines or companion_named or decision.next_review_on is not None:
        doer = decision.companion_user or decision.responsible_worker or case.responsible_worker
        plan_version = plan_actions.add_actions(
            case=case,
            by=by,
            actions=[
                ActionData(text=line, responsible=Responsible.PROFESSIONAL, responsible_user=doer)
                for line in lines
            ],
            companion_user=decision.companion_user,
            companion_name=decision.companion_name.strip(),
            next_review_on=decision.next_review_on,
        )
    referral = None
    if decision.referral_service is not None:
        referral = referral_actions.create_draft(
            case=case,
            by=by,
            situation=decision.summary.strip()[: limits.REASON],
            question=decision.referral_question.strip(),
            categories=list(item.categories),
            service=decision.referral_service,
        )
    if decision.responsible_worker is not None:
        case_actions.name_responsible_worker(
            case=case,
            to_worker=decision.responsible_worker,
            by=by,
            reason=_("Työkyvyn tuen tiimin päätös (%(team)s).") % {"team": team.name},
        )
    minutes = CaseMinutes.objects.create(
        item=item,
        summary=decision.summary.strip(),
        decisions=decision.decisions.strip(),
        companion_user=decision.companion_user,
        companion_name=decision.companion_name.strip(),
        plan_version=plan_version,
        referral=referral,
        responsible_worker=decision.responsible_worker,
        recorded_by=by,
        **_source(by),
    )
    item.status, item.closed_at = AgendaStatus.DECIDED, timezone.now()
    item.save(update_fields=["status", "closed_at"])
    record_event(by, case.client_id, EventType.TEAM_MINUTES, minutes.pk)
    return minutes


# -- the client meeting (monialainen neuvonpito) -----------------------------------------


@transaction.atomic
def book_client_meeting(
    *,
    case: Case,
    by: Professional,
    starts_at: dt.datetime | None,
    duration_minutes: int,
    mode: str,
    place: str,
    topics: str,
    topics_shared_on: dt.date | None,
    topics_channel: str,
    participants: Sequence[User] = (),
    others: Sequence[str] = (),
    client_present: bool = True,
) -> Meeting:
    """A network meeting with the client: the topics must have been shared with the client
    before the time is booked (seed 002: "Tapaamisten aihealueet asiakkaan tietoon ennen
    aikavarausta"); the professionals taking part are of the client's path (network members
    are admitted under consent, cases.actions.add_network_member)."""
    _check_steering(case, by)
    if case.phase == Phase.CLOSED:
        raise ValidationError(_("Päättyneelle asiakkuudelle ei voi varata tapaamista."))
    errors = _meeting_errors(starts_at, duration_minutes, mode, place)
    if starts_at is not None and starts_at <= timezone.now():
        errors["starts_at"] = [_("Tapaamisen aika on jo mennyt.")]
    if not topics.strip():
        errors["topics"] = [_("Kirjaa tapaamisen aihealueet.")]
    if topics_shared_on is None:
        errors["topics_shared_on"] = [
            _("Aihealueet on kerrottava asiakkaalle ennen aikavarausta: anna päivä.")
        ]
    elif topics_shared_on > timezone.localdate():
        errors["topics_shared_on"] = [_("Päivä ei voi olla tulevaisuudessa.")]
    if not topics_channel.strip():
        errors["topics_channel"] = [_("Kerro, miten aihealueet kerrottiin asiakkaalle.")]
    outside = [u for u in participants if u.pk != by.pk and not _in_path(case, u)]
    if outside:
        errors["participants"] = [
            _(
                "Osallistujan on oltava asiakkaan verkostossa tai asiakkuuden omistavan "
                "organisaation ammattilainen: %(names)s."
            )
            % {"names": ", ".join(str(u) for u in outside)}
        ]
    errors |= limits.check_texts(
        {
            "topics": (topics, limits.REASON),
            "topics_channel": (topics_channel, limits.SHORT),
            **{f"others.{i}": (o, limits.NAME) for i, o in enumerate(others)},
        }
    )
    if errors or starts_at is None:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        kind=MeetingKind.CLIENT,
        case=case,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=duration_minutes),
        mode=mode,
        place=place.strip(),
        status=MeetingStatus.BOOKED,
        topics=topics.strip(),
        topics_shared_on=topics_shared_on,
        topics_channel=topics_channel.strip(),
        created_by=by,
        **_source(by),
    )
    rows = [MeetingParticipant(meeting=meeting, user=by, role=by.get_role_display())]
    rows += [
        MeetingParticipant(meeting=meeting, user=u, role=u.get_role_display())
        for u in participants
        if u.pk != by.pk
    ]
    rows += [MeetingParticipant(meeting=meeting, name=o.strip()) for o in others if o.strip()]
    if client_present:
        rows.append(MeetingParticipant(meeting=meeting, is_client=True, role=_("asiakas")))
    MeetingParticipant.objects.bulk_create(rows)
    record_event(by, case.client_id, EventType.CLIENT_MEETING_BOOK, meeting.pk)
    return meeting


@transaction.atomic
def record_client_meeting(
    *, meeting: Meeting, by: Professional, record: str, expected_version: int | None = None
) -> Meeting:
    """The record of a held client meeting, in the writer's own register (the content filter
    shows it to others under consent)."""
    if meeting.kind != MeetingKind.CLIENT or meeting.case is None:
        raise ValidationError(_("Tämä ei ole asiakkaan kanssa pidetty tapaaminen."))
    if expected_version is not None and meeting.version != expected_version:
        raise ValidationError(
            _("Toinen käyttäjä on muuttanut tapaamista sillä välin. Lataa sivu uudelleen."),
            code="conflict",
        )
    if not meeting.participants.filter(user=by).exists():
        _check_steering(meeting.case, by)
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("Tapaaminen ei ole vielä alkanut."), code="meeting_not_started")
    if not record.strip():
        raise ValidationError({"record": [_("Muistio on tyhjä.")]})
    _check_text({"record": (record, limits.JOURNAL_TEXT)})
    src = _source(by)
    Meeting.objects.filter(pk=meeting.pk).update(
        record=record.strip(),
        recorded_at=timezone.now(),
        status=MeetingStatus.HELD,
        version=meeting.version + 1,
        **src,
    )
    meeting.refresh_from_db()
    record_event(by, meeting.case.client_id, EventType.CLIENT_MEETING_RECORD, meeting.pk)
    return meeting
