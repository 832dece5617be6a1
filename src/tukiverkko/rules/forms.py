"""The Työkykymittari form: every ClientSituation field, all optional, grouped in fieldsets.

The form only turns HTML inputs into a ClientSituation dict; the contract check and the
age/birth-date rule are :func:`tukiverkko.rules.situation.validate`'s, reported back on the
field they concern. A yes/no question has a third answer, "ei tiedossa" (unknown).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tukiverkko.rules import labels
from tukiverkko.rules.situation import PROPERTIES, FieldError

FIELDSETS: list[tuple[Any, list[str]]] = [
    (
        _("Perustiedot"),
        ["reference_date", "age", "birth_date", "municipality", "mother_tongue", "finnish_citizen"],
    ),
    (
        _("Työkyky"),
        [
            "work_ability_score",
            "triggers_asked",
            "triggers",
            "has_occupational_health_care",
            "has_student_health_care",
            "is_student",
            "study_difficulties",
            "needs_multiprofessional_support",
            "work_disability_threat",
            "work_capacity_reduction_percent",
            "work_capacity_reduced_months",
            "rehabilitation_cause",
        ],
    ),
    (
        _("Työ ja toimeentulo"),
        [
            "employment_status",
            "unemployment_months_continuous",
            "labour_market_subsidy_days",
            "unemployment_benefit",
            "receives_social_assistance",
            "employment_prospect_within_2_years",
            "years_in_profession",
            "years_since_work_ended",
            "earnings_last_5_years_eur",
        ],
    ),
    (
        _("Palvelut ja päätökset"),
        [
            "in_multisectoral_service",
            "disability",
            "in_disability_day_activity",
            "child_protection_aftercare",
            "nurse_or_coordinator_assessment_done",
            "doctor_referral",
            "social_care_decision",
        ],
    ),
]

YES_NO = [("", _("ei tiedossa")), ("true", _("kyllä")), ("false", _("ei"))]

MESSAGES = {
    "maximum": _("Arvo on liian suuri."),
    "minimum": _("Arvo on liian pieni."),
    "type": _("Arvo on väärää tyyppiä."),
    "enum": _("Valitse jokin annetuista vaihtoehdoista."),
    "format": _("Anna päivämäärä muodossa p.k.vvvv."),
    "after_reference_date": _("Syntymäaika on tarkastelupäivän jälkeen."),
    "birth_date_mismatch": _("Ikä ei vastaa syntymäaikaa."),
}


def _field(name: str, spec: dict[str, Any]) -> forms.Field:
    label = gettext(labels.FIELDS[name])
    kind = spec.get("type")
    if name == "triggers":
        choices = [(v, gettext(t)) for v, t in labels.VALUES["triggers"].items()]
        return forms.MultipleChoiceField(
            label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
        )
    if "enum" in spec:
        names = labels.VALUES[name]
        choices = [("", gettext("ei tiedossa")), *((v, gettext(names[v])) for v in spec["enum"])]
        return forms.ChoiceField(label=label, choices=choices, required=False)
    if kind == "boolean":
        return forms.TypedChoiceField(
            label=label,
            choices=YES_NO,
            required=False,
            coerce=lambda v: v == "true",
            empty_value=None,
            widget=forms.RadioSelect,
        )
    if kind == "integer":
        return forms.IntegerField(label=label, required=False)
    if kind == "number":
        return forms.FloatField(label=label, required=False, localize=True)
    if spec.get("format") == "date":
        return forms.DateField(
            label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
    return forms.CharField(label=label, required=False, max_length=100)


class SituationForm(forms.Form):
    def __init__(self, *args: Any, municipalities: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, spec in PROPERTIES.items():
            self.fields[name] = _field(name, spec)
        self.fields["triggers_asked"] = forms.TypedChoiceField(
            label=gettext("Herätteet käyty läpi"),
            choices=YES_NO,
            required=False,
            coerce=lambda v: v == "true",
            empty_value=None,
            widget=forms.RadioSelect,
            help_text=gettext("Jos kyllä, merkitsemättömät herätteet tulkitaan puuttuviksi."),
        )
        if municipalities:
            self.fields["municipality"].widget.attrs["list"] = "municipalities"
        self.fields["reference_date"].help_text = gettext("Oletus: tänään.")

    def fieldsets(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in FIELDSETS]

    def situation(self) -> dict[str, Any]:
        """The cleaned inputs as a ClientSituation dict (unknowns left out)."""
        data = self.cleaned_data
        out: dict[str, Any] = {}
        for name in PROPERTIES:
            value = data.get(name)
            if name == "triggers":
                if value or data.get("triggers_asked"):
                    out[name] = list(value or [])
            elif value is not None and value != "":
                out[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return out

    def add_situation_errors(self, errors: list[FieldError]) -> None:
        for error in errors:
            field = error.field if error.field in self.fields else None
            self.add_error(field, str(MESSAGES.get(error.code, error.reason)))
