"""The portal's forms: plain words, one thing per form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tukiverkko.core import limits
from tukiverkko.portal.models import FeedbackOn


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kirjautumiskoodi"),
        max_length=40,
        help_text=_("Saat koodin työntekijältäsi. Esimerkiksi ABCDE-FGHJK."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
    )


class TaskForm(forms.Form):
    done = forms.BooleanField(label=_("Olen tehnyt tämän"), required=False)
    comment = forms.CharField(
        label=_("Kommenttisi työntekijälle (vapaaehtoinen)"),
        required=False,
        max_length=limits.REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


RATINGS = [
    (5, _("5 – erittäin hyvä")),
    (4, _("4 – hyvä")),
    (3, _("3 – kohtalainen")),
    (2, _("2 – huono")),
    (1, _("1 – erittäin huono")),
]


class FeedbackForm(forms.Form):
    on = forms.ChoiceField(
        label=_("Mistä annat palautetta?"), choices=FeedbackOn.choices, widget=forms.RadioSelect
    )
    meeting = forms.TypedChoiceField(
        label=_("Tapaaminen"), coerce=int, required=False, empty_value=None, choices=[]
    )
    rating = forms.TypedChoiceField(
        label=_("Millainen kokemus oli?"), coerce=int, choices=RATINGS, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Kerro omin sanoin (vapaaehtoinen)"),
        required=False,
        max_length=limits.REASON,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: object, meetings: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["meeting"].choices = [("", _("– valitse –")), *meetings]  # type: ignore[attr-defined]


class ConfirmForm(forms.Form):
    """The second factor of a consent's confirmation: the henkilötunnus typed again (not asked
    after a Suomi.fi login, which is strong identification itself)."""

    henkilotunnus = forms.CharField(
        label=_("Henkilötunnuksesi"),
        max_length=20,
        required=False,
        help_text=_(
            "Vahvistat suostumuksen kahdella tekijällä: kirjautumiskoodilla ja henkilötunnuksellasi."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: object, strong: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if strong:
            del self.fields["henkilotunnus"]
