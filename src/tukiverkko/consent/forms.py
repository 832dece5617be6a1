"""Forms of the consent pages. They only parse input; the actions hold the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Organisation, Unit
from tukiverkko.consent.models import (
    ConsentForm,
    InfoCategory,
    Purpose,
    RequestChannel,
    SignatureMethod,
)
from tukiverkko.core import limits
from tukiverkko.core.forms import (
    DATE_ERROR,
    DATE_FORMATS,
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
)


def _dates() -> tuple[forms.DateField, forms.DateField]:
    return (
        forms.DateField(
            label=_("Voimassa alkaen (p.k.vvvv)"),
            input_formats=DATE_FORMATS,
            error_messages=DATE_ERROR | {"required": _("Anna alkamispäivä.")},
        ),
        forms.DateField(
            label=_("Voimassa asti (p.k.vvvv, valinnainen)"),
            input_formats=DATE_FORMATS,
            required=False,
            error_messages=DATE_ERROR,
        ),
    )


def _note() -> forms.CharField:
    return forms.CharField(
        label=_("Lisätieto"),
        required=False,
        max_length=limits.REASON,
        help_text=limits.limit_help(limits.REASON),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConsentRecordForm(forms.Form):
    """The client's consent to disclose the recorder's own organisation's and register's
    information (the disclosing party is not chosen: it is the recorder's)."""

    organisations = BoundedModelMultipleChoiceField(
        label=_("Vastaanottajat: organisaatiot"),
        queryset=Organisation.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    units = BoundedModelMultipleChoiceField(
        label=_("Vastaanottajat: yksiköt (esim. työttömien terveystarkastus)"),
        queryset=Unit.objects.select_related("organisation"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    employer_name = forms.CharField(
        label=_("Vastaanottaja: työnantaja (nimi, valinnainen)"),
        required=False,
        max_length=limits.NAME,
    )
    employer_business_id = forms.CharField(
        label=_("Työnantajan Y-tunnus"), required=False, max_length=9
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
    signature_method = forms.ChoiceField(
        label=_("Miten asiakas vahvisti"),
        # the first method stays the default; the empty choice is for a consent the client
        # confirms in Oma Tukiverkko (form PORTAL: the action sets no method)
        choices=[*SignatureMethod.choices, ("", _("– asiakas vahvistaa Oma Tukiverkossa –"))],
        initial=SignatureMethod.HANDWRITTEN,
        required=False,
    )
    evidence_reference = forms.CharField(
        label=_("Asiakirjan tunniste (lomakkeen numero tai skannatun asiakirjan viite)"),
        required=False,
        max_length=limits.SHORT,
        help_text=limits.limit_help(limits.SHORT),
    )
    valid_from, valid_until = _dates()
    note = _note()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = (data.get("employer_name") or "").strip()
        business_id = (data.get("employer_business_id") or "").strip()
        if bool(name) != bool(business_id):
            self.add_error(
                "employer_business_id" if name else "employer_name",
                _("Anna työnantajasta sekä nimi että Y-tunnus."),
            )
        return data


class RevokeForm(forms.Form):
    channel = forms.ChoiceField(label=_("Asiakas pyysi perumista"), choices=RequestChannel.choices)


class ProhibitionForm(forms.Form):
    """The client forbids disclosing the recorder's register's information."""

    categories = forms.MultipleChoiceField(
        label=_("Tietoryhmät (tyhjä: kaikki)"),
        choices=InfoCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    channel = forms.ChoiceField(
        label=_("Asiakas ilmoitti kiellosta"), choices=RequestChannel.choices
    )
    note = _note()


class LegalBasisForm(forms.Form):
    """A disclosure of the recorder's register's information that the law allows."""

    recipient = BoundedModelChoiceField(
        label=_("Vastaanottaja, jolla on tiedonsaantioikeus"), queryset=Organisation.objects.all()
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
    statute = forms.CharField(
        label=_("Säännös (laki ja pykälä)"),
        max_length=limits.SHORT,
        help_text=limits.limit_help(limits.SHORT),
    )
    valid_from, valid_until = _dates()
    note = _note()
