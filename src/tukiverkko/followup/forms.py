from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tukiverkko.core import limits


class DoneForm(forms.Form):
    note = forms.CharField(
        label=_("Huomio: miten asia hoidettiin tai miksi sitä ei tarvita"),
        max_length=limits.REASON,
        help_text=limits.limit_help(limits.REASON),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _(
                "Huomio: kerro lyhyesti, miten asia hoidettiin tai miksi sitä ei tarvita."
            )
        },
    )
