"""Forms of the plan pages. They only parse input; the actions validate the plan's rules. The
goals, actions and other plans are formsets (no JavaScript): one empty row each to add, a
"remove" box on each row."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Organisation, User
from tukiverkko.cases.forms import WorkerChoiceField, client_workers
from tukiverkko.cases.models import Case
from tukiverkko.catalogue.models import Service, ServiceType
from tukiverkko.consent.models import RequestChannel
from tukiverkko.core import limits
from tukiverkko.core.forms import DATE_ERROR, DATE_FORMATS, BoundedModelChoiceField
from tukiverkko.plans.actions import ActionData, ExternalPlanData, GoalData, PlanFields
from tukiverkko.plans.enums import (
    ActionStatus,
    Attainment,
    ExternalPlanKind,
    GoalStatus,
    PlanningMode,
    Responsible,
)
from tukiverkko.plans.models import Plan


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)


def _text(label: Any, limit: int, *, required: bool = False, rows: int = 2) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        help_text=limits.limit_help(limit),
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _date(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label, input_formats=DATE_FORMATS, required=False, error_messages=DATE_ERROR
    )


class PlanForm(forms.Form):
    client_goal = _text(_("Asiakkaan oma tavoite, asiakkaan omin sanoin"), limits.REASON, rows=3)
    mode = forms.ChoiceField(label=_("Suunnittelutapa"), choices=PlanningMode.choices)
    mediated_consent_on = _date(_("Asiakkaan lupa suunnitteluun ilman häntä annettu (p.k.vvvv)"))
    mediated_consent_channel = forms.ChoiceField(
        label=_("Miten asiakas antoi luvan"),
        choices=[("", "—"), *RequestChannel.choices],
        required=False,
    )
    companion_user = WorkerChoiceField(
        label=_("Rinnallakulkija (ammattilainen)"), queryset=User.objects.none(), required=False
    )
    companion_name = forms.CharField(
        label=_("tai rinnallakulkijan nimi"),
        max_length=limits.NAME,
        required=False,
        help_text=limits.limit_help(limits.NAME),
    )
    next_review_on = _date(_("Seuraava arviointi (p.k.vvvv), enintään puolen vuoden päästä"))
    version = _version()

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["companion_user"].queryset = client_workers(case)  # type: ignore[attr-defined]

    def fields_data(self) -> PlanFields:
        data = self.cleaned_data
        return PlanFields(
            client_goal=data["client_goal"],
            mode=data["mode"],
            mediated_consent_on=data["mediated_consent_on"],
            mediated_consent_channel=data["mediated_consent_channel"],
            companion_user=data["companion_user"],
            companion_name=data["companion_name"],
            next_review_on=data["next_review_on"],
        )

    @staticmethod
    def initial_of(plan: Plan) -> dict[str, Any]:
        return {
            "client_goal": plan.client_goal,
            "mode": plan.mode,
            "mediated_consent_on": plan.mediated_consent_on,
            "mediated_consent_channel": plan.mediated_consent_channel,
            "companion_user": plan.companion_user_id,
            "companion_name": plan.companion_name,
            "next_review_on": plan.next_review_on,
            "version": plan.version,
        }


class RowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**62)

    def __init__(self, *args: Any, case: Case | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class GoalForm(RowForm):
    text = _text(_("Tavoite"), limits.REASON, required=True)
    indicator = _text(_("Mittari: mistä toteutuminen näkyy"), limits.REASON)
    target_on = _date(_("Tavoitepäivä (p.k.vvvv)"))
    # An untouched new row sends each select's first choice: that is its initial value, so the
    # row counts as unchanged and is left out (formsets skip unchanged extra rows).
    status = forms.ChoiceField(
        label=_("Tila"), choices=GoalStatus.choices, initial=GoalStatus.choices[0][0]
    )
    visible_to_client = forms.BooleanField(
        label=_("Näkyy asiakkaalle"), required=False, initial=True
    )

    def data_of(self) -> GoalData:
        d = self.cleaned_data
        return GoalData(
            id=d["id"],
            text=d["text"],
            indicator=d["indicator"],
            target_on=d["target_on"],
            status=d["status"],
            visible_to_client=d["visible_to_client"],
        )


class ServiceTypeField(BoundedModelChoiceField):
    def label_from_instance(self, obj: ServiceType) -> str:
        return obj.name_fi


class ActionForm(RowForm):
    text = _text(_("Toimenpide"), limits.REASON, required=True)
    service_type = ServiceTypeField(
        label=_("Palvelu (yleiskuvaus)"), queryset=ServiceType.objects.all(), required=False
    )
    service = BoundedModelChoiceField(
        label=_("tai paikallinen palvelu"),
        queryset=Service.objects.select_related("organisation"),
        required=False,
    )
    responsible = forms.ChoiceField(
        label=_("Kuka vastaa"), choices=Responsible.choices, initial=Responsible.choices[0][0]
    )
    responsible_user = WorkerChoiceField(
        label=_("Vastuussa oleva ammattilainen"), queryset=User.objects.none(), required=False
    )
    responsible_organisation = BoundedModelChoiceField(
        label=_("Vastuussa oleva organisaatio"),
        queryset=Organisation.objects.all(),
        required=False,
    )
    starts_on = _date(_("Alkaa (p.k.vvvv)"))
    ends_on = _date(_("Päättyy (p.k.vvvv)"))
    status = forms.ChoiceField(
        label=_("Tila"), choices=ActionStatus.choices, initial=ActionStatus.choices[0][0]
    )
    visible_to_client = forms.BooleanField(
        label=_("Näkyy asiakkaalle"), required=False, initial=True
    )

    def __init__(self, *args: Any, case: Case | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_user"].queryset = client_workers(case)  # type: ignore[attr-defined]

    def data_of(self) -> ActionData:
        d = self.cleaned_data
        return ActionData(
            id=d["id"],
            text=d["text"],
            responsible=d["responsible"],
            responsible_user=d["responsible_user"],
            responsible_organisation=d["responsible_organisation"],
            service_type=d["service_type"],
            service=d["service"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            status=d["status"],
            visible_to_client=d["visible_to_client"],
        )


class ExternalPlanForm(RowForm):
    kind = forms.ChoiceField(
        label=_("Suunnitelma"),
        choices=ExternalPlanKind.choices,
        initial=ExternalPlanKind.choices[0][0],
    )
    owner_organisation = BoundedModelChoiceField(
        label=_("Laatija (organisaatio)"), queryset=Organisation.objects.all(), required=False
    )
    owner_name = forms.CharField(
        label=_("tai laatijan nimi"),
        max_length=limits.NAME,
        required=False,
        help_text=limits.limit_help(limits.NAME),
    )
    dated_on = _date(_("Päivätty (p.k.vvvv)"))

    def data_of(self) -> ExternalPlanData:
        d = self.cleaned_data
        return ExternalPlanData(
            id=d["id"],
            kind=d["kind"],
            owner_organisation=d["owner_organisation"],
            owner_name=d["owner_name"],
            dated_on=d["dated_on"],
        )


# At most 50 rows of each: a plan is a page a client reads, not a register.
GoalFormSet = forms.formset_factory(
    GoalForm, extra=1, can_delete=True, max_num=50, validate_max=True
)
ActionFormSet = forms.formset_factory(
    ActionForm, extra=1, can_delete=True, max_num=50, validate_max=True
)
ExternalPlanFormSet = forms.formset_factory(
    ExternalPlanForm, extra=1, can_delete=True, max_num=20, validate_max=True
)


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(
        label=_("Arviointipäivä (p.k.vvvv)"), input_formats=DATE_FORMATS, error_messages=DATE_ERROR
    )
    attainment = forms.TypedChoiceField(
        label=_("Toteutuminen (GAS −2…+2)"),
        choices=Attainment.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    note = _text(_("Huomio"), limits.REASON)
    next_review_on = forms.DateField(
        label=_("Suunnitelman seuraava arviointi (p.k.vvvv, valinnainen)"),
        required=False,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERROR,
    )
    version = _version()


class VersionForm(forms.Form):
    """A POST that changes the plan as it is: only its version (the agree button)."""

    version = _version()


class CompareForm(forms.Form):
    a = forms.TypedChoiceField(label=_("Vertaa versiota"), coerce=int, choices=())
    b = forms.TypedChoiceField(label=_("versioon"), coerce=int, choices=())

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(n, str(n)) for n in numbers]
        self.fields["a"].choices = choices  # type: ignore[attr-defined]
        self.fields["b"].choices = choices  # type: ignore[attr-defined]
