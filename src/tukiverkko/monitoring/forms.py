"""The dashboard's filters: region, municipality, team, organisation, the period, the grouping.
Parsing only: what they select is the selectors' (monitoring.selectors)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Municipality, Organisation, Region
from tukiverkko.core.forms import DATE_ERROR, DATE_FORMATS, BoundedModelChoiceField
from tukiverkko.teams.models import Team

# The default period: the last twelve months up to today.
DEFAULT_DAYS = 365


GROUPINGS = [
    ("organisation", _("organisaatio")),
    ("municipality", _("kunta")),
    ("region", _("hyvinvointialue")),
]


@dataclass(frozen=True)
class Filters:
    """What a dashboard read selects; ``describe`` is what the audit event keeps of it."""

    start: dt.date
    end: dt.date
    region: Region | None = None
    municipality: Municipality | None = None
    team: Team | None = None
    organisation: Organisation | None = None
    grouping: str = "organisation"

    def describe(self) -> str:
        parts = [f"{self.start.isoformat()}..{self.end.isoformat()}", f"by={self.grouping}"]
        for key, value in (
            ("region", self.region),
            ("municipality", self.municipality),
            ("team", self.team),
            ("organisation", self.organisation),
        ):
            if value is not None:
                parts.append(f"{key}={value.pk}")
        return ";".join(parts)


class FilterForm(forms.Form):
    region = BoundedModelChoiceField(
        label=_("Hyvinvointialue"),
        queryset=Region.objects.order_by("name_fi"),
        required=False,
        empty_label=_("kaikki"),
    )
    municipality = BoundedModelChoiceField(
        label=_("Kunta"),
        queryset=Municipality.objects.order_by("name_fi"),
        required=False,
        empty_label=_("kaikki"),
    )
    team = BoundedModelChoiceField(
        label=_("Tiimi"),
        queryset=Team.objects.order_by("name"),
        required=False,
        empty_label=_("kaikki"),
    )
    organisation = BoundedModelChoiceField(
        label=_("Organisaatio"),
        queryset=Organisation.objects.order_by("name_fi"),
        required=False,
        empty_label=_("kaikki"),
    )
    start = forms.DateField(
        label=_("Alkaen (p.k.vvvv)"),
        input_formats=DATE_FORMATS,
        required=False,
        error_messages=DATE_ERROR,
    )
    end = forms.DateField(
        label=_("Päättyen (p.k.vvvv)"),
        input_formats=DATE_FORMATS,
        required=False,
        error_messages=DATE_ERROR,
    )
    grouping = forms.ChoiceField(
        label=_("Ryhmittely"), choices=GROUPINGS, required=False, initial="organisation"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("Päättymispäivä ei voi olla ennen alkamispäivää."))
        return data

    def filters(self) -> Filters:
        """The valid form's filters, with the default period where none was given."""
        data = self.cleaned_data
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or end - dt.timedelta(days=DEFAULT_DAYS)
        return Filters(
            start=start,
            end=end,
            region=data.get("region"),
            municipality=data.get("municipality"),
            team=data.get("team"),
            organisation=data.get("organisation"),
            grouping=data.get("grouping") or "organisation",
        )
