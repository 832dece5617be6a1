"""The two forms of the rules pages.

:class:`MittariForm` is the seed's Työkykymittari (seed [000]): the 0–10 question, then what
the challenge is and whether there is a need, then occupational health care and unemployment —
the professional's municipality decides which local services are shown.

:class:`SituationForm` is the coordinator's full checker: every ClientSituation field, all
optional, grouped in fieldsets. It only turns HTML inputs into a ClientSituation dict; the
contract check and the age/birth-date rule are :func:`tukiverkko.rules.situation.validate`'s,
reported back on the field they concern. A yes/no question has a third answer, "ei tiedossa"
(unknown); a list (triggers, needs, barriers, units) has a companion "käyty läpi" question, so
that nothing ticked can mean "none" rather than "not asked".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tukiverkko.rules import labels
from tukiverkko.rules.situation import PROPERTIES, FieldError
from tukiverkko.screening.instruments.tyokykymittari import MittariAnswers

ARRAYS = [name for name, spec in PROPERTIES.items() if spec.get("type") == "array"]

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
            "work_ability_needs_asked",
            "work_ability_needs",
            "challenge_treated",
            "known_work_limitations",
            "mental_health_concern",
            "has_occupational_health_care",
            "has_student_health_care",
            "is_student",
            "study_difficulties",
            "needs_multiprofessional_support",
            "needs_service_coordination",
            "single_services_not_helped",
            "employment_barrier_causes_unclear",
            "work_disability_threat",
            "work_capacity_reduction_percent",
            "work_capacity_reduced_months",
            "rehabilitation_cause",
        ],
    ),
    (
        _("Elämäntilanne"),
        [
            "life_management_barriers_asked",
            "life_management_barriers",
            "capacity_prevents_employment_services",
            "goal_open_labour_market",
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
            "earnings_related_rehabilitee",
        ],
    ),
    (
        _("Palvelut ja päätökset"),
        [
            "in_multisectoral_service",
            "client_of_asked",
            "client_of",
            "activation_plan_in_place",
            "multisectoral_plan_in_place",
            "disability",
            "in_disability_day_activity",
            "child_protection_aftercare",
            "nurse_or_coordinator_assessment_done",
            "doctor_referral",
            "social_care_decision",
            "occupational_health_wants_investigation",
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


def _yes_no(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        required=False,
        coerce=lambda v: v == "true",
        empty_value=None,
        widget=forms.RadioSelect,
    )


def _field(name: str, spec: dict[str, Any]) -> forms.Field:
    label = gettext(labels.FIELDS[name])
    kind = spec.get("type")
    if kind == "array":
        choices = [(v, gettext(t)) for v, t in labels.VALUES[name].items()]
        return forms.MultipleChoiceField(
            label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
        )
    if "enum" in spec:
        names = labels.VALUES[name]
        choices = [("", gettext("ei tiedossa")), *((v, gettext(names[v])) for v in spec["enum"])]
        return forms.ChoiceField(label=label, choices=choices, required=False)
    if kind == "boolean":
        return _yes_no(label)
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
        for name in ARRAYS:
            asked = _yes_no(
                gettext("%(list)s: käyty läpi") % {"list": gettext(labels.FIELDS[name])}
            )
            asked.help_text = gettext("Jos kyllä, merkitsemättömät tulkitaan puuttuviksi.")
            self.fields[f"{name}_asked"] = asked
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
            if name in ARRAYS:
                if value or data.get(f"{name}_asked"):
                    out[name] = list(value or [])
            elif value is not None and value != "":
                out[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return out

    def add_situation_errors(self, errors: list[FieldError]) -> None:
        for error in errors:
            field = error.field if error.field in self.fields else None
            self.add_error(field, str(MESSAGES.get(error.code, error.reason)))


NEED_CHOICES = [
    ("sick_leave", _("Sairauslomalle")),
    ("rehabilitation", _("Kuntoutukselle")),
    ("further_investigation", _("Tarkemmille selvittelyille")),
    ("none", _("Ei tarvetta selvittelyille")),
]


class MittariForm(forms.Form):
    """The Työkykymittari in the seed's words; every answer is optional (asked in turn)."""

    municipality = forms.ChoiceField(
        label=_("Kunta, jossa työskentelet"),
        required=False,
        help_text=_("Paikalliset palvelut ja niiden yhteystiedot näytetään tämän kunnan mukaan."),
    )
    score = forms.TypedChoiceField(
        label=_(
            "Millä numerolla asiakas arvioi tämänhetkistä työkykyään verrattuna siihen työhön, "
            "jota tekee tai on etsimässä? (0 = täysin työkyvytön, 10 = työkyky parhaimmillaan)"
        ),
        choices=[(str(i), str(i)) for i in range(11)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    treated = _yes_no(_("Onko asiakas saanut haasteeseen hoitoa tai kuntoutusta?"))
    needs = forms.MultipleChoiceField(
        label=_("Onko tarvetta sairauslomalle, kuntoutukselle tai tarkemmille selvittelyille?"),
        choices=NEED_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    has_occupational_health_care = _yes_no(_("Onko asiakkaalla työterveyshuolto?"))
    unemployed = _yes_no(_("Onko asiakas työtön?"))

    def __init__(self, *args: Any, municipalities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 — for mypy
        field.choices = [("", gettext("valitse kunta")), *municipalities]

    def clean_needs(self) -> list[str]:
        needs: list[str] = self.cleaned_data.get("needs") or []
        if "none" in needs and len(needs) > 1:
            raise forms.ValidationError(
                gettext("Valitse joko ”Ei tarvetta selvittelyille” tai tarpeet, ei molempia.")
            )
        return needs

    def answers(self) -> MittariAnswers | None:
        """The answers so far (None until the 0–10 question is answered)."""
        data = self.cleaned_data
        if data.get("score") is None:
            return None
        needs = data.get("needs") or []
        return MittariAnswers(
            score=data["score"],
            needs=None if not needs else frozenset(n for n in needs if n != "none"),
            treated=data.get("treated"),
            has_occupational_health_care=data.get("has_occupational_health_care"),
            unemployed=data.get("unemployed"),
        )
