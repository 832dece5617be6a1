from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Organisation
from tukiverkko.consent.models import ConsentForm, InfoCategory, Purpose
from tukiverkko.core.forms import DATE_ERROR, DATE_FORMATS


class ConsentRecordForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisaatiot, joita suostumus koskee"),
        queryset=Organisation.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    categories = forms.MultipleChoiceField(
        label=_("Tietoryhmät"),
        choices=InfoCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    purposes = forms.MultipleChoiceField(
        label=_("Käyttötarkoitukset"),
        choices=Purpose.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    form = forms.ChoiceField(label=_("Suostumuksen muoto"), choices=ConsentForm.choices)
    valid_from = forms.DateField(
        label=_("Voimassa alkaen (p.k.vvvv)"),
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERROR | {"required": _("Anna alkamispäivä.")},
    )
    valid_until = forms.DateField(
        label=_("Voimassa asti (p.k.vvvv, valinnainen)"),
        input_formats=DATE_FORMATS,
        required=False,
        error_messages=DATE_ERROR,
    )
    note = forms.CharField(
        label=_("Lisätieto"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
