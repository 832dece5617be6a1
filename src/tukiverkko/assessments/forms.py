"""The assessment forms. Parsing only: every rule is the action's (assessments.actions)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Organisation, Role, User
from tukiverkko.assessments.coordinator import SPECIAL_NEEDS
from tukiverkko.assessments.models import DoctorOutcome, IdentifiedBy
from tukiverkko.core import limits
from tukiverkko.core.forms import DATE_ERROR, DATE_FORMATS, BoundedModelChoiceField


def _text(label: Any, *, required: bool = False, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limits.JOURNAL_TEXT,
        required=required,
        help_text=limits.limit_help(limits.JOURNAL_TEXT),
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _date(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label, input_formats=DATE_FORMATS, required=False, error_messages=DATE_ERROR
    )


class InstrumentDateForm(forms.Form):
    assessed_on = _date(_("Arviointipäivä (p.k.vvvv)"))


class OpenHealthCheckForm(forms.Form):
    identified_by = forms.ChoiceField(
        label=_("Kuka tunnisti terveystarkastuksen tarpeen?"),
        choices=IdentifiedBy.choices,
        widget=forms.RadioSelect,
    )
    referrer_organisation = BoundedModelChoiceField(
        label=_("Lähettävä organisaatio (palautetta varten)"),
        queryset=Organisation.objects.order_by("name_fi"),
        required=False,
    )
    pre_information = _text(_("Esitiedot (esitietolomakkeelta)"))


class NurseCheckForm(forms.Form):
    checked_on = _date(_("Tarkastuspäivä (p.k.vvvv)"))
    summary = _text(
        _(
            "Yhteenveto: terveys, sairaudet, oireet, sosiaalinen tilanne, koulutus- ja "
            "työhistoria, elintavat"
        )
    )
    mental_health_and_substance_assessed = forms.BooleanField(
        label=_("Systemaattinen mielenterveys- ja päihdearvio tehty"), required=False
    )
    further_assessment_needed = forms.NullBooleanField(
        label=_("Tarve tarkemmalle arviolle?"),
        required=False,
        widget=forms.RadioSelect(
            choices=[("true", _("Kyllä: lääkärin tarkastukseen")), ("false", _("Ei: palaute"))]
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)


class FeedbackForm(forms.Form):
    to_client = _text(_("Palaute asiakkaalle"))
    to_referrer = _text(_("Palaute lähettävälle taholle (vain asiakkaan suostumuksella)"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)


class DoctorCheckForm(forms.Form):
    checked_on = _date(_("Tarkastuspäivä (p.k.vvvv)"))
    summary = _text(_("Terveyden kartoitus ja arvio työ- ja toimintakyvystä"))
    remaining_work_ability = _text(_("Arvio jäljellä olevasta työkyvystä"))
    outcomes = forms.MultipleChoiceField(
        label=_("Tarkastuksen tulos"),
        choices=DoctorOutcome.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)


class NeedsAssessmentForm(forms.Form):
    assessed_on = _date(_("Arviointipäivä (p.k.vvvv)"))
    summary = _text(_("Yhteenveto asiakkaan tilanteesta sekä sosiaalipalvelujen ja tuen tarpeesta"))
    conclusions = _text(
        _("Sosiaalihuollon ammattihenkilön johtopäätökset asiakkuuden edellytyksistä")
    )
    client_view = _text(_("Asiakkaan mielipide ja näkemys palveluntarpeestaan"))
    client_view_on_named_worker = _text(_("Asiakkaan arvio omatyöntekijän tarpeesta"), rows=2)
    worker_view_on_named_worker = _text(_("Työntekijän arvio omatyöntekijän tarpeesta"), rows=2)
    named_worker = BoundedModelChoiceField(
        label=_("Omatyöntekijä"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Choices scoped to the assessor's own organisation's social-care professionals.
        field = cast(BoundedModelChoiceField, self.fields["named_worker"])
        field.queryset = User.objects.filter(
            organisation_id=user.organisation_id or -1,
            role__in=[Role.SOCIAL_WORKER, Role.SOCIAL_INSTRUCTOR],
            is_active=True,
        ).order_by("last_name", "first_name")


class CoordinatorForm(forms.Form):
    tym_client = forms.BooleanField(label=_("Asiakas on TYM-asiakas"), required=False)
    needs_health_services = forms.BooleanField(
        label=_("Asiakas tarvitsee terveydenhuollon palveluita"), required=False
    )
    complex_situation = forms.BooleanField(
        label=_("Tilanne vaatii vahvaa työkyvyn tuen palvelukokonaisuuden tuntemista"),
        required=False,
    )
    special_need = forms.ChoiceField(
        label=_("Erityistarve, joka voi määrittää koordinoivan tahon"),
        choices=[
            ("", _("ei erityistarvetta")),
            *zip(
                SPECIAL_NEEDS,
                (
                    _("sosiaalipalvelut"),
                    _("vammaispalvelut"),
                    _("mielenterveys- ja päihdepalvelut"),
                    _("järjestötoimija"),
                ),
                strict=True,
            ),
        ],
        required=False,
    )
