"""Form pieces every app uses: Finnish dates (d.m.yyyy), the first errors of a form, and choices
by id that refuse ids no database key can hold."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
DATE_ERROR = {"invalid": _("Anna päivämäärä muodossa p.k.vvvv (esim. 31.12.2025).")}


def first_errors(form: forms.Form) -> dict[str, list[str]]:
    return {field: [str(m) for m in msgs] for field, msgs in form.errors.items()}


# The largest id a database key holds (PostgreSQL bigint, SQLite INTEGER): a bigger number in a
# form is an invalid choice, not a database overflow (review L1).
MAX_ID = 2**63 - 1


def _in_range(value: object) -> bool:
    text = str(value).strip()
    return text.isdigit() and int(text) <= MAX_ID


class BoundedModelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A choice of one row by id that answers "invalid choice" for any id no key can hold."""

    def to_python(self, value: object) -> object:
        if value not in self.empty_values and not _in_range(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def _check_values(self, value: object) -> object:
        for pk in value or ():  # type: ignore[attr-defined]
            if not _in_range(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(pk)[:20]},
                )
        return super()._check_values(value)  # type: ignore[misc]
