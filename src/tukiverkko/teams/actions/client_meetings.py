"""The monialainen neuvonpito or a network meeting with the client: booked with the topics
sent to the client beforehand (seed 002), then recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import User
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases.actions._common import _check_steering, _check_text, _in_path, _source
from tukiverkko.cases.models import Case, Phase
from tukiverkko.core import limits
from tukiverkko.teams.actions.meetings import _meeting_errors
from tukiverkko.teams.models import (
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingStatus,
)

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
