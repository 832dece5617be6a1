"""The IPS forms: the decision, the start, a phase change, the profile, an employer contact,
the IPS-25 review and the reference search. Dates d.m.yyyy; the actions validate the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Role, User
from tukiverkko.catalogue.models import Service
from tukiverkko.core.forms import DATE_ERROR, DATE_FORMATS, BoundedModelChoiceField
from tukiverkko.ips import fidelity
from tukiverkko.ips.models import IPS_SERVICE_TYPE, ContactKind, ContactOutcome, EndReason


def _date(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERROR,
        help_text=help_text or _("p.k.vvvv"),
    )


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class DecisionForm(forms.Form):
    reference = forms.CharField(label=_("Päätöksen numero"), max_length=100)
    decided_on = _date(_("Päätöspäivä"))
    valid_until = _date(_("Voimassa asti"), required=False, help_text=_("p.k.vvvv, valinnainen"))


class StartForm(forms.Form):
    coach = BoundedModelChoiceField(
        label=_("Työhönvalmentaja"), queryset=User.objects.none(), empty_label=None
    )
    service = BoundedModelChoiceField(
        label=_("Palvelu"), queryset=Service.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            role=Role.JOB_COACH, is_active=True
        ).order_by("last_name", "first_name")
        self.fields["service"].queryset = Service.objects.filter(  # type: ignore[attr-defined]
            service_type__slug=IPS_SERVICE_TYPE
        ).order_by("name_fi")


class PhaseForm(forms.Form):
    to = forms.CharField(max_length=20)
    version = forms.IntegerField(min_value=0, max_value=2**31)
    note = forms.CharField(label=_("Muistiinpano"), required=False, widget=forms.Textarea)
    end_reason = forms.ChoiceField(
        label=_("Päättymisen syy"),
        choices=[("", "–"), *EndReason.choices],
        required=False,
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=0, max_value=2**31)


class ProfileForm(forms.Form):
    skills = forms.CharField(
        label=_("Osaaminen ja vahvuudet"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Yksi asia riville."),
    )
    wishes = forms.CharField(
        label=_("Asiakkaan toiveet työstä"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Yksi asia riville."),
    )
    restrictions = forms.CharField(
        label=_("Rajoitteet, jotka työssä on huomioitava"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Yksi asia riville."),
    )


class ContactForm(forms.Form):
    employer_name = forms.CharField(label=_("Työnantaja"), max_length=300)
    business_id = forms.CharField(
        label=_("Y-tunnus"), max_length=20, help_text=_("muoto 1234567-8")
    )
    contacted_on = _date(_("Päivä"))
    kind = forms.ChoiceField(label=_("Yhteydenoton tapa"), choices=ContactKind.choices)
    outcome = forms.ChoiceField(label=_("Tulos"), choices=ContactOutcome.choices)
    note = forms.CharField(label=_("Muistiinpano"), required=False, widget=forms.Textarea)


SCORE_CHOICES = [("", "–"), *((str(n), str(n)) for n in range(1, 6))]


class FidelityForm(forms.Form):
    """The 25 items, each a score 1–5 and a note, in the scale's sections."""

    reviewed_on = _date(_("Arviointipäivä"))
    reviewers = forms.CharField(label=_("Arvioijat"), max_length=300)
    summary = forms.CharField(label=_("Yhteenveto"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in fidelity.scale().items:
            self.fields[f"score_{item.code}"] = forms.TypedChoiceField(
                label=_("Pisteet"),
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"note_{item.code}"] = forms.CharField(
                label=_("Arvioijan huomio"), required=False, max_length=2000
            )

    def sections(self) -> list[tuple[fidelity.Section, list[tuple[fidelity.Item, Any, Any]]]]:
        return [
            (
                section,
                [(i, self[f"score_{i.code}"], self[f"note_{i.code}"]) for i in section.items],
            )
            for section in fidelity.scale().sections
        ]


class ReferenceSearchForm(forms.Form):
    q = forms.CharField(label=_("Sairaus, tila tai työn vaatimus"), required=False, max_length=100)
