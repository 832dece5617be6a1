from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tukiverkko.access.actions import DEFAULT_HOURS, MAX_HOURS
from tukiverkko.core import limits


class JustifiedAccessForm(forms.Form):
    henkilotunnus = forms.CharField(
        label=_("Asiakkaan henkilötunnus"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    reason = forms.CharField(
        label=_("Perustelu: miksi tarvitset tiedot nyt"),
        max_length=limits.REASON,
        help_text=limits.limit_help(limits.REASON),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hours = forms.TypedChoiceField(
        label=_("Kesto"),
        coerce=int,
        choices=[(h, _("%(h)s h") % {"h": h}) for h in (1, 2, 4, 8, MAX_HOURS)],
        initial=DEFAULT_HOURS,
    )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Tarkastuksen huomio (valinnainen)"),
        required=False,
        max_length=limits.REASON,
        help_text=limits.limit_help(limits.REASON),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
