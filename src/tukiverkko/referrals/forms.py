"""Forms of the referral pages. They only parse input; the actions validate the domain rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Organisation, Unit, User
from tukiverkko.cases.forms import client_workers
from tukiverkko.cases.models import Case
from tukiverkko.catalogue.models import Service
from tukiverkko.consent.models import InfoCategory, Purpose
from tukiverkko.core import limits
from tukiverkko.core.forms import BoundedModelChoiceField
from tukiverkko.referrals.models import Kind, Urgency


def _text(label: Any, limit: int, *, required: bool = False, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        help_text=limits.limit_help(limit),
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def offered_services(case: Case) -> QuerySet[Service]:
    """The services of the case's region valid today (the catalogue is the address book)."""
    today = timezone.localdate()
    return (
        Service.objects.filter(region_id=case.organisation.region_id)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("organisation")
        .order_by("name_fi")
    )


class ServiceChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name_fi} ({obj.organisation})"


class WorkerChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} – {obj.organisation}"


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(label=_("Laji"), choices=Kind.choices, initial=Kind.REFERRAL)
    service = ServiceChoiceField(
        label=_("Palvelu (palveluhakemistosta)"), queryset=Service.objects.none(), required=False
    )
    to_unit = BoundedModelChoiceField(
        label=_("Vastaanottava yksikkö (valinnainen, palvelun organisaatiosta)"),
        queryset=Unit.objects.none(),
        required=False,
    )
    to_professional = WorkerChoiceField(
        label=_("tai nimetty ammattilainen"), queryset=User.objects.none(), required=False
    )
    situation = _text(_("Asiakkaan tilanne lyhyesti"), limits.JOURNAL_TEXT, required=True, rows=4)
    question = _text(_("Mitä halutaan selvitettävän"), limits.REASON, required=True)
    urgency = forms.ChoiceField(
        label=_("Kiireellisyys"), choices=Urgency.choices, initial=Urgency.ROUTINE
    )
    attachments = _text(_("Liitteet (tekstinä)"), limits.JOURNAL_TEXT)
    categories = forms.MultipleChoiceField(
        label=_("Luovutettavat tietoryhmät"),
        choices=InfoCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    purpose = forms.ChoiceField(
        label=_("Käyttötarkoitus"), choices=Purpose.choices, initial=Purpose.INFORMATION_EXCHANGE
    )

    def __init__(self, *args: Any, case: Case, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        services = offered_services(case)
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
        self.fields["to_unit"].queryset = (  # type: ignore[attr-defined]
            Unit.objects.filter(organisation_id__in=services.values("organisation_id"))
            .select_related("organisation")
            .order_by("organisation__name_fi", "name_fi")
        )
        self.fields["to_professional"].queryset = client_workers(case, user).exclude(pk=user.pk)  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = _text(_("Perustelu"), limits.REASON, required=True)


class ReturnForm(ReasonForm):
    better_service = ServiceChoiceField(
        label=_("Parempi osoite: palvelu"), queryset=Service.objects.none(), required=False
    )
    better_organisation = BoundedModelChoiceField(
        label=_("tai organisaatio"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["better_service"].queryset = offered_services(case)  # type: ignore[attr-defined]
        self.fields["better_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            region_id=case.organisation.region_id
        ).order_by("name_fi")


class CompleteForm(forms.Form):
    feedback = _text(_("Palaute lähettäjälle"), limits.JOURNAL_TEXT, required=True, rows=4)
    recommendations = _text(_("Suositukset"), limits.JOURNAL_TEXT)


class CloseForm(forms.Form):
    text = _text(_("Lisätieto (valinnainen)"), limits.REASON)
