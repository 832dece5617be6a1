"""Forms of the team pages. They only parse input; the actions validate the domain rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Organisation, Role, User
from tukiverkko.accounts.roles import CLIENT_WORK_ROLES
from tukiverkko.cases.forms import client_workers
from tukiverkko.cases.models import Case
from tukiverkko.catalogue.models import Service
from tukiverkko.consent.models import JOURNAL_CATEGORIES, Purpose
from tukiverkko.core import limits
from tukiverkko.core.forms import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from tukiverkko.referrals.forms import ServiceChoiceField, WorkerChoiceField, offered_services
from tukiverkko.teams import calendar
from tukiverkko.teams.models import (
    AGENDA_PURPOSES,
    MeetingMode,
    Membership,
    Team,
    TeamKind,
)


def _text(label: Any, limit: int, *, required: bool = False, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        help_text=limits.limit_help(limit),
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed as d.m.yyyy hh.mm (or the browser's datetime-local), in Helsinki."""

    input_formats = ["%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M", "%Y-%m-%dT%H:%M"]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("Muoto p.k.vvvv t.mm, esim. 17.3.2027 13.00"))
        super().__init__(**kwargs)


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Nimi"), max_length=limits.SHORT)
    kind = forms.ChoiceField(label=_("Tyyppi"), choices=TeamKind.choices)
    description = _text(_("Kuvaus"), limits.REASON)


class MemberForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Rooli"), choices=[(r, Role(r).label) for r in Role if r in CLIENT_WORK_ROLES]
    )
    organisation = BoundedModelChoiceField(
        label=_("Organisaatio"), queryset=Organisation.objects.none()
    )
    user = WorkerChoiceField(
        label=_("Henkilö (valinnainen)"), queryset=User.objects.none(), required=False
    )
    membership = forms.ChoiceField(label=_("Jäsenyys"), choices=Membership.choices)
    coordinating = forms.BooleanField(label=_("Koordinoi tapaamisia"), required=False)

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            region_id=team.region_id
        ).order_by("name_fi")
        self.fields["user"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(
                is_active=True,
                role__in=CLIENT_WORK_ROLES,
                organisation__region_id=team.region_id,
            )
            .select_related("organisation")
            .order_by("last_name", "first_name")
        )


class SeriesForm(forms.Form):
    first_starts_at = LocalDateTimeField(label=_("Ensimmäinen kokous"))
    duration_minutes = forms.IntegerField(
        label=_("Kesto (minuuttia)"), min_value=10, max_value=480, initial=60
    )
    rhythm = forms.ChoiceField(
        label=_("Toistuvuus"),
        choices=[*calendar.PRESETS.items(), ("custom", _("muu (RRULE)"))],
        initial="FREQ=WEEKLY;INTERVAL=2",
    )
    rrule = forms.CharField(
        label=_("Muu toistosääntö (RFC 5545 RRULE)"),
        required=False,
        max_length=200,
        help_text=_("Esim. FREQ=WEEKLY;INTERVAL=3;BYDAY=TU"),
    )
    mode = forms.ChoiceField(label=_("Tapa"), choices=MeetingMode.choices)
    place = forms.CharField(label=_("Paikka tai yhteys"), required=False, max_length=limits.NAME)

    def rule(self) -> str:
        data = self.cleaned_data
        return str(data["rrule"] if data["rhythm"] == "custom" else data["rhythm"])


class BringForm(forms.Form):
    """Bring a case to a team meeting (the case panel)."""

    occurrence = forms.ChoiceField(label=_("Kokous"))
    question = _text(_("Mitä tiimiltä kysytään"), limits.REASON, required=True)
    categories = forms.MultipleChoiceField(
        label=_("Käsiteltävät tietoryhmät"),
        choices=JOURNAL_CATEGORIES,
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.ChoiceField(
        label=_("Käyttötarkoitus"),
        choices=[(p.value, p.label) for p in AGENDA_PURPOSES],
        initial=Purpose.PLANNING_WITHOUT_CLIENT,
    )

    def __init__(self, *args: Any, occurrences: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurrence"].choices = occurrences  # type: ignore[attr-defined]


class MinutesForm(forms.Form):
    summary = _text(_("Arvion yhteenveto"), limits.JOURNAL_TEXT, required=True, rows=5)
    decisions = _text(_("Päätökset"), limits.JOURNAL_TEXT, required=True, rows=4)
    actions = _text(
        _("Suunnitelmaan lisättävät toimenpiteet (yksi riville)"), limits.JOURNAL_TEXT, rows=4
    )
    companion_user = WorkerChoiceField(
        label=_("Rinnallakulkija (ammattilainen)"), queryset=User.objects.none(), required=False
    )
    companion_name = forms.CharField(
        label=_("tai rinnallakulkijan nimi"), required=False, max_length=limits.NAME
    )
    responsible_worker = WorkerChoiceField(
        label=_("Uusi vastuutyöntekijä (valinnainen)"), queryset=User.objects.none(), required=False
    )
    next_review_on = forms.DateField(
        label=_("Suunnitelman seuraava arviointi"),
        required=False,
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        help_text=_("Muoto p.k.vvvv. Rinnallakulkija saa arvioinnista tehtävän."),
    )
    referral_service = ServiceChoiceField(
        label=_("Lähete palveluun (valinnainen)"), queryset=Service.objects.none(), required=False
    )
    referral_question = _text(_("Mitä lähetteellä pyydetään"), limits.REASON)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        workers: QuerySet[User] = client_workers(case)
        self.fields["companion_user"].queryset = workers  # type: ignore[attr-defined]
        self.fields["responsible_worker"].queryset = workers  # type: ignore[attr-defined]
        self.fields["referral_service"].queryset = offered_services(case)  # type: ignore[attr-defined]

    def action_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["actions"].splitlines() if line.strip()]


class ClientMeetingForm(forms.Form):
    topics = _text(_("Tapaamisen aihealueet"), limits.REASON, required=True)
    topics_shared_on = forms.DateField(
        label=_("Aihealueet kerrottu asiakkaalle (päivä)"),
        required=False,
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        help_text=_("Muoto p.k.vvvv"),
    )
    topics_channel = forms.CharField(
        label=_("Miten aihealueet kerrottiin"), required=False, max_length=limits.SHORT
    )
    starts_at = LocalDateTimeField(label=_("Tapaamisen aika"), required=False)
    duration_minutes = forms.IntegerField(
        label=_("Kesto (minuuttia)"),
        min_value=10,
        max_value=480,
        initial=90,
        help_text=_("Asiakastapaamisiin varataan riittävän pitkä aika."),
    )
    mode = forms.ChoiceField(label=_("Tapa"), choices=MeetingMode.choices)
    place = forms.CharField(label=_("Paikka tai yhteys"), required=False, max_length=limits.NAME)
    participants = BoundedModelMultipleChoiceField(
        label=_("Ammattilaiset"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    others = _text(_("Muut osallistujat (yksi riville)"), limits.REASON, rows=2)
    client_present = forms.BooleanField(label=_("Asiakas osallistuu"), required=False, initial=True)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = client_workers(case)  # type: ignore[attr-defined]


class RecordForm(forms.Form):
    record = _text(_("Muistio"), limits.JOURNAL_TEXT, required=True, rows=6)


def occurrence_start(series_id: int, stamp: int) -> tuple[int, dt.datetime] | None:
    """An occurrence in a URL (the series and its start as a Unix time) → (series id, start);
    None when the time is out of range."""
    if not 0 < stamp < 2**33:
        return None
    return series_id, dt.datetime.fromtimestamp(stamp, tz=timezone.get_current_timezone())
