"""Form pieces every app uses: Finnish dates (d.m.yyyy) and the first errors of a form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
DATE_ERROR = {"invalid": _("Anna päivämäärä muodossa p.k.vvvv (esim. 31.12.2025).")}


def first_errors(form: forms.Form) -> dict[str, list[str]]:
    return {field: [str(m) for m in msgs] for field, msgs in form.errors.items()}
