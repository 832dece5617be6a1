"""Forms of the client pages. They only parse input; the actions validate the domain rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Municipality, Organisation, User
from tukiverkko.accounts.roles import CLIENT_WORK_ROLES
from tukiverkko.cases.models import Case, Outcome, Phase
from tukiverkko.catalogue.quick_guide import step_choices
from tukiverkko.consent.models import JOURNAL_CATEGORIES, Consent
from tukiverkko.core import limits
from tukiverkko.core.forms import (
    DATE_ERROR,
    DATE_FORMATS,
    BoundedModelChoiceField,
)

LANGUAGES = [
    ("fi", _("suomi")),
    ("sv", _("ruotsi")),
    ("en", _("englanti")),
    ("se", _("saame")),
    ("ru", _("venäjä")),
    ("ar", _("arabia")),
    ("so", _("somali")),
    ("other", _("muu")),
]


def client_workers(case: Case | None = None, user: User | None = None) -> QuerySet[User]:
    """Professionals to choose from. For a case: those of the case-owning controller and of the
    responsible worker's organisation, and the client's current network members — responsibility
    and follow-up move only among them (cases.actions), and no page lists everyone (review L8)."""
    qs = User.objects.filter(is_active=True, role__in=CLIENT_WORK_ROLES)
    if case is not None:
        members = case.network.current().exclude(user=None).values("user_id")
        qs = qs.filter(
            Q(organisation_id__in={case.organisation_id, case.responsible_worker.organisation_id})
            | Q(pk__in=members)
        )
    return qs.select_related("organisation").order_by("last_name", "first_name")


def admissible(case: Case) -> tuple[QuerySet[Organisation], QuerySet[User]]:
    """Whom the network form offers: the case's own organisation and the organisations and units
    a standing consent of the case's register names (the action checks the consent itself)."""
    consents = (
        Consent.objects.for_client(case.client_id)
        .standing()
        .filter(disclosing_organisation_id=case.organisation_id, disclosing_register=case.register)
    )
    org_ids = {case.organisation_id, *consents.values_list("organisations", flat=True)}
    unit_ids = set(consents.values_list("units", flat=True)) - {None}
    unit_orgs = set(
        User.objects.filter(unit_id__in=unit_ids).values_list("organisation_id", flat=True)
    )
    organisations = Organisation.objects.filter(pk__in=(org_ids | unit_orgs) - {None})
    users = User.objects.filter(is_active=True, role__in=CLIENT_WORK_ROLES).filter(
        Q(organisation_id__in=org_ids - {None}) | Q(unit_id__in=unit_ids)
    )
    return organisations, users.select_related("organisation").order_by("last_name", "first_name")


class WorkerChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        org = obj.organisation.name_fi if obj.organisation else ""
        return f"{obj.get_full_name() or obj.username} – {obj.get_role_display()}, {org}"


class CaseForm(forms.Form):
    """A form posted on one case: it may offer choices scoped to the case and the user."""

    def __init__(
        self, *args: Any, case: Case | None = None, user: User | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)


class ClientForm(forms.Form):
    henkilotunnus = forms.CharField(
        label=_("Henkilötunnus"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    first_name = forms.CharField(label=_("Etunimet"), max_length=150)
    last_name = forms.CharField(label=_("Sukunimi"), max_length=150)
    phone = forms.CharField(label=_("Puhelin"), max_length=40, required=False)
    email = forms.EmailField(
        label=_("Sähköposti"),
        required=False,
        error_messages={"invalid": _("Sähköpostiosoite ei ole kelvollinen.")},
    )
    address = forms.CharField(label=_("Osoite"), max_length=300, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Asiointikielet"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = BoundedModelChoiceField(
        label=_("Kotikunta"), queryset=Municipality.objects.all(), required=False
    )
    confirm_not_duplicate = forms.BooleanField(
        label=_("Olen tarkistanut: kyseessä on eri henkilö kuin samanniminen asiakas"),
        required=False,
    )


def _text(label: Any, limit: int, *, required: bool = False, rows: int = 2) -> forms.CharField:
    """A free-text field with its limit stated beside it (core.limits)."""
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        help_text=limits.limit_help(limit),
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class PhaseForm(CaseForm):
    to = forms.ChoiceField(label=_("Uusi vaihe"), choices=Phase.choices)
    reason = _text(_("Perustelu"), limits.REASON)
    outcome = forms.ChoiceField(
        label=_("Tulos (päätettäessä)"), choices=[("", "—"), *Outcome.choices], required=False
    )
    closed_on = forms.DateField(
        label=_("Päättymispäivä (p.k.vvvv)"),
        input_formats=DATE_FORMATS,
        required=False,
        error_messages=DATE_ERROR,
    )
    outcome_note = _text(_("Lisätieto tuloksesta"), limits.REASON)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)


class HandoverForm(CaseForm):
    to_worker = WorkerChoiceField(label=_("Uusi vastuutyöntekijä"), queryset=User.objects.none())
    reason = _text(_("Miksi vastuu siirtyy"), limits.REASON, required=True)

    def __init__(
        self, *args: Any, case: Case | None = None, user: User | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_worker"].queryset = client_workers(case, user)  # type: ignore[attr-defined]


class CaseloadForm(HandoverForm):
    from_worker = WorkerChoiceField(
        label=_("Kenen asiakkuudet siirretään"), queryset=User.objects.none()
    )

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A caseload moves within one organisation (actions.hand_over_caseload; review M2).
        organisation_id = user.organisation_id if user is not None else None
        workers = client_workers()
        own = (
            workers.filter(organisation_id=organisation_id)
            if organisation_id is not None
            else workers.none()
        )
        # A worker who has left (account closed) still holds their open cases until handed
        # over: they are offered as the one whose caseload moves (followup's handover task).
        leaving = own
        if organisation_id is not None:
            leaving = User.objects.filter(
                Q(is_active=True, pk__in=own.values("pk"))
                | Q(is_active=False, pk__in=Case.objects.open().values("responsible_worker_id")),
                organisation_id=organisation_id,
            ).order_by("last_name", "first_name")
        self.fields["from_worker"].queryset = leaving  # type: ignore[attr-defined]
        self.fields["to_worker"].queryset = own  # type: ignore[attr-defined]


class JournalForm(CaseForm):
    category = forms.ChoiceField(label=_("Tietoryhmä"), choices=JOURNAL_CATEGORIES)
    text = _text(_("Kirjaus"), limits.JOURNAL_TEXT, required=True, rows=4)


class ChecklistForm(CaseForm):
    step = forms.TypedChoiceField(label=_("Kohta"), coerce=int, choices=step_choices)
    note = _text(_("Muistiinpano"), limits.REASON)
    follow_up_by = WorkerChoiceField(
        label=_("Seurannasta vastaa (kohta 7)"), queryset=User.objects.none(), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)

    def __init__(
        self, *args: Any, case: Case | None = None, user: User | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["follow_up_by"].queryset = client_workers(case, user)  # type: ignore[attr-defined]


class NetworkForm(CaseForm):
    organisation = BoundedModelChoiceField(
        label=_("Organisaatio"), queryset=Organisation.objects.none()
    )
    user = WorkerChoiceField(
        label=_("Ammattilainen (valinnainen)"), queryset=User.objects.none(), required=False
    )
    role = forms.CharField(
        label=_("Rooli verkostossa"),
        max_length=limits.SHORT,
        help_text=limits.limit_help(limits.SHORT),
    )

    def __init__(
        self, *args: Any, case: Case | None = None, user: User | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if case is not None:
            organisations, users = admissible(case)
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
            self.fields["user"].queryset = users  # type: ignore[attr-defined]
