"""The search form: parses GET parameters into a ``ServiceFilter`` with Finnish error messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Municipality, Region
from tukiverkko.catalogue.models import AccessRouteSlug, NeedAreaSlug, localised
from tukiverkko.catalogue.search import ServiceFilter, parse_filter

# Our own labels (the accounts app's "julkinen" reads badly as a filter option).
SECTOR_CHOICES = [
    ("public", _("Julkinen sektori")),
    ("third_sector", _("Kolmas sektori")),
    ("private", _("Yksityinen sektori")),
]
AGE_MAX = 120
Q_MAX = 200


def _any(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Hakusana"), required=False)
    need_area = forms.ChoiceField(label=_("Tarvealue"), required=False)
    region = forms.ChoiceField(label=_("Hyvinvointialue"), required=False)
    municipality = forms.ChoiceField(label=_("Kunta"), required=False)
    age = forms.CharField(label=_("Asiakkaan ikä"), required=False)
    access_route = forms.ChoiceField(label=_("Miten palveluun pääsee"), required=False)
    sector = forms.ChoiceField(label=_("Sektori"), required=False)
    include_ended = forms.BooleanField(label=_("Näytä myös päättyneet palvelut"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["need_area"].choices = _any(_("Kaikki tarvealueet")) + list(NeedAreaSlug.choices)
        fields["region"].choices = _any(_("Kaikki alueet")) + [
            (r.slug, localised(r, "name")) for r in Region.objects.all()
        ]
        fields["municipality"].choices = _any(_("Kaikki kunnat")) + [
            (m.name_fi, m.name_fi) for m in Municipality.objects.all()
        ]
        fields["access_route"].choices = _any(_("Kaikki tavat")) + list(AccessRouteSlug.choices)
        fields["sector"].choices = _any(_("Kaikki sektorit")) + SECTOR_CHOICES
        for name in ("need_area", "region", "municipality", "access_route", "sector"):
            fields[name].error_messages["invalid_choice"] = _(
                "%(field)s: valitse vaihtoehto luettelosta."
            ) % {"field": fields[name].label}

    def clean_q(self) -> str:
        value = (self.cleaned_data.get("q") or "").strip()
        if len(value) > Q_MAX:
            raise forms.ValidationError(
                _("Hakusana: enintään %(max)s merkkiä.") % {"max": Q_MAX}, code="max_length"
            )
        return value

    def clean_age(self) -> int | None:
        raw = (self.cleaned_data.get("age") or "").strip()
        if not raw:
            return None
        if not (raw.isascii() and raw.isdigit()):
            raise forms.ValidationError(
                _("Asiakkaan ikä: anna ikä kokonaislukuna vuosina, esimerkiksi 35."),
                code="invalid",
            )
        value = int(raw)
        if value > AGE_MAX:
            raise forms.ValidationError(
                _("Asiakkaan ikä: anna ikä väliltä 0–%(max)s vuotta.") % {"max": AGE_MAX},
                code="out_of_range",
            )
        return value

    def to_filter(self) -> ServiceFilter:
        """The filter of the valid fields; an invalid field is left out (and shown as an error)."""
        return parse_filter(getattr(self, "cleaned_data", {}))

    def active_filters(self) -> list[tuple[str, str]]:
        """(label, shown value) of every filter in use, for the results summary."""
        out: list[tuple[str, str]] = []
        data = getattr(self, "cleaned_data", {})
        for name, field in self.fields.items():
            value = data.get(name)
            if name in {"q", "include_ended"} or value in (None, ""):
                continue
            shown = str(value)
            if isinstance(field, forms.ChoiceField):
                shown = str(dict(list(field.choices)).get(value, value))  # type: ignore[arg-type]
            out.append((str(field.label), shown))
        return out
