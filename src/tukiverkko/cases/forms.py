"""Forms of the client pages. They only parse input; the actions validate the domain rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Municipality, Organisation, User
from tukiverkko.accounts.roles import CLIENT_WORK_ROLES
from tukiverkko.cases.models import Case, Outcome, Phase
from tukiverkko.catalogue.quick_guide import step_choices
from tukiverkko.consent.models import InfoCategory
from tukiverkko.core.forms import DATE_ERROR, DATE_FORMATS

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
    """Professionals to choose from. For a case: those of the case's network organisations and
    of the user's own organisation — responsibility moves within the client's network, and the
    list stays short (it is rendered on every client page)."""
    qs = User.objects.filter(is_active=True, role__in=CLIENT_WORK_ROLES)
    if case is not None:
        org_ids: set[int | None] = set(
            case.network.current().values_list("organisation_id", flat=True)
        )
        org_ids |= {getattr(user, "organisation_id", None), case.responsible_worker.organisation_id}
        qs = qs.filter(organisation_id__in=[o for o in org_ids if o is not None])
    return qs.select_related("organisation").order_by("last_name", "first_name")


class WorkerChoiceField(forms.ModelChoiceField[User]):
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
    municipality = forms.ModelChoiceField(
        label=_("Kotikunta"), queryset=Municipality.objects.all(), required=False
    )
    confirm_not_duplicate = forms.BooleanField(
        label=_("Olen tarkistanut: kyseessä on eri henkilö kuin samanniminen asiakas"),
        required=False,
    )


class PhaseForm(CaseForm):
    to = forms.ChoiceField(label=_("Uusi vaihe"), choices=Phase.choices)
    reason = forms.CharField(
        label=_("Perustelu"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    outcome = forms.ChoiceField(
        label=_("Tulos (päätettäessä)"), choices=[("", "—"), *Outcome.choices], required=False
    )
    closed_on = forms.DateField(
        label=_("Päättymispäivä (p.k.vvvv)"),
        input_formats=DATE_FORMATS,
        required=False,
        error_messages=DATE_ERROR,
    )
    outcome_note = forms.CharField(
        label=_("Lisätieto tuloksesta"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class HandoverForm(CaseForm):
    to_worker = WorkerChoiceField(label=_("Uusi vastuutyöntekijä"), queryset=User.objects.none())
    reason = forms.CharField(
        label=_("Miksi vastuu siirtyy"), widget=forms.Textarea(attrs={"rows": 2})
    )

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
        # Only one's own organisation's caseloads can be handed over (actions.hand_over_caseload).
        organisation_id = user.organisation_id if user is not None else None
        workers = client_workers()
        own = (
            workers.filter(organisation_id=organisation_id)
            if organisation_id is not None
            else workers.filter(organisation__isnull=True)
        )
        self.fields["from_worker"].queryset = own  # type: ignore[attr-defined]


class JournalForm(CaseForm):
    category = forms.ChoiceField(label=_("Tietoryhmä"), choices=InfoCategory.choices)
    text = forms.CharField(label=_("Kirjaus"), widget=forms.Textarea(attrs={"rows": 4}))


class ChecklistForm(CaseForm):
    step = forms.TypedChoiceField(label=_("Kohta"), coerce=int, choices=step_choices)
    note = forms.CharField(
        label=_("Muistiinpano"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    follow_up_by = WorkerChoiceField(
        label=_("Seurannasta vastaa (kohta 7)"), queryset=User.objects.none(), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, case: Case | None = None, user: User | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["follow_up_by"].queryset = client_workers(case, user)  # type: ignore[attr-defined]


class NetworkForm(CaseForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisaatio"), queryset=Organisation.objects.all()
    )
    user = WorkerChoiceField(
        label=_("Ammattilainen (valinnainen)"), queryset=User.objects.none(), required=False
    )
    role = forms.CharField(label=_("Rooli verkostossa"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = client_workers()  # type: ignore[attr-defined]
